/**
 * A plan read the way a coach compares it with a published one: weekly training miles (the race
 * apart), the long run, its distance from race day, the quality sessions and the easy share. Counted
 * by the validator's own facts, so the tests and the rules read a plan the same way.
 */
import { buildContext } from '../../src/domain/rules/plan-context.js';
import type { Phase, PlanInputs, PlannedWeek } from '../../src/domain/schemas.js';

type WeekShape = {
  readonly weekNumber: number;
  readonly phase: string;
  readonly training: number;
  readonly longest: number;
  /** Days from the week's longest run to race day. */
  readonly longestToRace: number;
  readonly quality: readonly string[];
  readonly sessions: readonly string[];
  readonly easyShare: number;
  readonly runDays: number;
};

export type PlanShape = {
  readonly weeks: readonly WeekShape[];
  readonly peakWeek: number;
  readonly peakLong: number;
  /** Days from the longest run of the plan (the last, if several) to race day. */
  readonly peakLongToRace: number;
  readonly twentyMilers: number;
  readonly firstLong: number;
};

export function planShape(inputs: PlanInputs, phases: readonly Phase[], weeks: readonly PlannedWeek[]): PlanShape {
  const ctx = buildContext({ inputs, phases: [...phases], weeks: [...weeks] }, weeks.length);
  const shapes = ctx.weeks.map((w): WeekShape => {
    let longestToRace = 0;
    for (const f of w.days) if (f.day.type !== 'race' && f.day.type !== 'rest' && f.miles === w.longest) longestToRace = f.toRace;
    return {
      weekNumber: w.weekNumber,
      phase: w.phase,
      training: w.training,
      longest: w.longest,
      longestToRace,
      quality: w.quality.map((f) => f.session ?? f.day.type),
      sessions: w.days.filter((f) => f.session !== undefined).map((f) => f.session ?? ''),
      easyShare: w.training > 0 ? w.zones.E / w.training : 1,
      runDays: w.runDays,
    };
  });
  let peakLong = 0;
  let peakLongToRace = 0;
  let twentyMilers = 0;
  for (const w of ctx.weeks) {
    for (const f of w.days) {
      if (f.day.type === 'race' || f.day.type === 'rest') continue;
      if (f.miles >= 20 - 1e-9) twentyMilers += 1;
      if (f.miles >= peakLong - 1e-9) {
        peakLong = f.miles;
        peakLongToRace = f.toRace;
      }
    }
  }
  return {
    weeks: shapes,
    peakWeek: Math.max(...shapes.map((w) => w.training)),
    peakLong,
    peakLongToRace,
    twentyMilers,
    firstLong: shapes[0]?.longest ?? 0,
  };
}
