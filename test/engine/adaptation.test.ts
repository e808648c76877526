/**
 * R11 v2, adaptation as an athlete lives it: a sick week never traps the plan, a plan nobody logs
 * keeps growing as planned, and Done/Skipped marks count as a partial log.
 */
import { describe, expect, it } from 'vitest';
import { trainingMiles } from '../../src/domain/plan-math.js';
import type { PlannedWeek, WeekExecution } from '../../src/domain/schemas.js';
import { validatePlan } from '../../src/domain/validator.js';
import { buildWeek } from '../../src/engine/rules/rules-engine.js';
import { asPlanned, inputsOf, wholePlan } from '../support/engine-fixtures.js';
import { MARATHON_FIELDS } from '../support/sample-inputs.js';

// The audit's athlete: 25 mi/week, a half marathon 16 weeks out, five run days.
const half = inputsOf({
  distance: 'half',
  startDate: '2026-11-30',
  raceDate: '2027-03-21',
  goal: '1:55:00',
  fiveK: '25:00',
  mileage: '25',
  days: '2,3,4,6,7',
});

function logging(log: (week: PlannedWeek) => WeekExecution | undefined) {
  return wholePlan(half, log);
}

describe('a sick week (0 miles) never traps the plan', () => {
  const planned = logging(asPlanned);
  const sickWeek = 6;
  const sick = logging((w) => (w.weekNumber === sickWeek ? { completedDays: 0, totalMiles: 0 } : asPlanned(w)));
  const miles = (weeks: readonly PlannedWeek[]) => weeks.map((w) => trainingMiles(w));

  it('every week of both plans passes PLAN-RULES v2', () => {
    expect(validatePlan({ inputs: half, ...planned })).toEqual([]);
    expect(validatePlan({ inputs: half, ...sick })).toEqual([]);
  });

  it('the week after it is capped at max(1.1 × logged + 2, the floor) with no quality session', () => {
    const after = sick.weeks[sickWeek] as PlannedWeek;
    expect(trainingMiles(after)).toBeLessThanOrEqual(Math.max(2, 2 * half.preferredDays.length) + 1e-9);
    expect(after.days.some((d) => d.type === 'tempo' || d.type === 'intervals')).toBe(false);
  });

  it('complete weeks then climb back: within 4 weeks the volume is ≥ 90% of what was planned', () => {
    const p = miles(planned.weeks);
    const s = miles(sick.weeks);
    // Weeks sickWeek+2.. are logged complete; each grows until the plan is back on its curve.
    expect(s[sickWeek + 1] ?? 0).toBeGreaterThan(s[sickWeek] ?? 0);
    const back = sickWeek + 4;
    expect(s[back - 1] ?? 0).toBeGreaterThanOrEqual(0.9 * (p[back - 1] ?? 0));
    // Never stuck at the floor: no two floor weeks after the first.
    expect(s.slice(sickWeek + 1, -1).every((m) => m > 2 * half.preferredDays.length)).toBe(true);
  });
});

describe('logs that are missing or partial', () => {
  it('a plan nobody logs is the plan logged as done, and keeps growing', () => {
    const unlogged = logging(() => undefined);
    const done = logging(asPlanned);
    expect(unlogged.weeks.map((w) => w.miles)).toEqual(done.weeks.map((w) => w.miles));
    const m = unlogged.weeks.map((w) => trainingMiles(w));
    expect(Math.max(...m.slice(4, 12))).toBeGreaterThan((m[0] ?? 0) * 1.2);
  });

  it('Done/Skipped marks count as a partial log: one skipped run of five is on plan, two are not', () => {
    const marathon = inputsOf(MARATHON_FIELDS);
    const { phases, weeks } = wholePlan(marathon);
    const prior = weeks.slice(0, 5).map((w) => ({ ...w, execution: asPlanned(w) }));
    const week5 = prior[4] as PlannedWeek;
    // The shortest runs first, so that one skipped run leaves more than 80% of the miles.
    const dayMiles = (d: PlannedWeek['days'][number]) => d.warmup.concat(d.workout, d.cooldown).reduce((t, l) => t + l.distanceMiles, 0);
    const runDays = week5.days
      .filter((d) => d.type !== 'rest')
      .sort((a, b) => dayMiles(a) - dayMiles(b))
      .map((d) => d.dayNumber);
    const marks = (skipped: number): WeekExecution => ({
      completedDays: 0,
      totalMiles: 0,
      days: runDays.slice(0, skipped).map((dayNumber) => ({ dayNumber, status: 'skipped' as const })),
    });
    const withMarks = (skipped: number) => [...prior.slice(0, 4), { ...week5, execution: marks(skipped) }];
    const onPlan = buildWeek(marathon, phases, withMarks(1), 6);
    expect(onPlan.miles).toBe(weeks[5]?.miles);
    const poor = buildWeek(marathon, phases, withMarks(2), 6);
    expect(poor.miles).toBeLessThan(weeks[5]?.miles ?? 0);
  });
});
