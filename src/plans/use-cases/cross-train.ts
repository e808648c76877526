/**
 * `/plan cross <day> [bike|swim|elliptical|other]`: a run day of this week done as another sport,
 * for the same time at easy effort (the equivalence is `domain/cross-training.ts`). Done, it counts
 * in the week's log at its equivalent miles (its laps), like any day marked Done. Refused, with
 * the reason, when the changed week would break a rule it kept (a taper's shakeout, C4's strides).
 */
import { computePaces } from '../../domain/paces.js';
import { crossTrainingDay, isCrossMode, type CrossMode } from '../../domain/cross-training.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { ChangeRefusedError } from '../plan-errors.js';
import type { PlanRecord } from '../plan-record.js';
import { refusalReason } from './move-day.js';
import {
  activePlan,
  assertChangeable,
  assertVersion,
  currentWeekNumber,
  dayAt,
  dayOfWeekText,
  dayWords,
  newViolation,
  todayOf,
  weekChange,
  weekOf,
} from './week-change.js';

export type CrossRequest = {
  readonly weekNumber?: number;
  /** A day name, a number (1 = Monday) or a date of the week. */
  readonly day: string;
  /** Default `other`. */
  readonly mode?: string;
  readonly version?: string;
};

export type CrossResult = { readonly plan: PlanRecord; readonly weekNumber: number; readonly dayNumber: number; readonly mode: CrossMode };

export async function crossTrain(ctx: PlanContext, actor: Actor, planId: string, request: CrossRequest): Promise<CrossResult> {
  const modeText = (request.mode ?? 'other').trim().toLowerCase();
  let decided: { weekNumber: number; dayNumber: number } | undefined;
  const plan = await writePlan(ctx, planId, actor, (current) => {
    const plan = activePlan(current, 'days are changed');
    if (!isCrossMode(modeText)) {
      throw new ChangeRefusedError(`"${modeText.slice(0, 20)}" is not a sport here: use bike, swim, elliptical or other`, 0);
    }
    const today = todayOf(plan, ctx.clock.now());
    const weekNumber = request.weekNumber ?? currentWeekNumber(plan, today);
    const week = weekOf(plan, weekNumber);
    assertVersion(week, request.version);
    const dayNumber = dayOfWeekText(plan, weekNumber, request.day);
    const day = dayAt(week, dayNumber);
    if (!day) throw new ChangeRefusedError(`week ${weekNumber} has no day ${dayNumber}`, weekNumber);
    assertChangeable(plan, week, day, today);
    if (day.type === 'rest') throw new ChangeRefusedError(`${dayWords(day)} is a rest day; cross-training replaces a run`, weekNumber);
    decided = { weekNumber, dayNumber };
    // Already that sport on that day (a second press): nothing to write.
    if (day.session === 'cross-training' && day.cross?.mode === modeText) return { done: current };
    const crossed = crossTrainingDay(day, modeText, computePaces(plan.inputs).easy);
    const days = week.days.map((d) => (d.dayNumber === dayNumber ? crossed : d));
    const broken = newViolation(plan, weekNumber, days);
    if (broken !== undefined) {
      throw new ChangeRefusedError(`${dayWords(day)} cannot be cross-training: ${refusalReason(broken)}`, weekNumber);
    }
    return weekChange(plan, weekNumber, days);
  });
  if (decided === undefined || !isCrossMode(modeText)) throw new Error(`cross-training on plan ${planId} decided nothing`);
  return { plan, ...decided, mode: modeText };
}
