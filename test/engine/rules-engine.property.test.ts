/**
 * The rules engine's contract: for every valid input, every week it builds passes the validator,
 * whatever the athlete logs. Random inputs (fast-check, fixed seed) plus a grid of fixed cases over
 * every distance, start weekday, number of run days, baseline and plan length.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysIso, dateOfPlanDay } from '../../src/domain/calendar.js';
import { MIN_PLAN_WEEKS, MAX_PLAN_WEEKS } from '../../src/domain/coaching-limits.js';
import type { PlannedWeek, WeekExecution } from '../../src/domain/schemas.js';
import { formatDuration } from '../../src/domain/time.js';
import { distanceClass, parseDistance } from '../../src/domain/units.js';
import { InputError } from '../../src/domain/errors.js';
import { validatePlan } from '../../src/domain/validator.js';
import { inputsOf, wholePlan } from '../support/engine-fixtures.js';

type LogStyle = 'as-planned' | 'none' | 'random';

const distanceArb = fc.oneof(
  fc.constantFrom('5k', '10k', 'half', 'marathon'),
  fc.integer({ min: 1, max: 31 }).map(String),
  fc.integer({ min: 10, max: 310 }).map((tenths) => (tenths / 10).toFixed(1)),
);

const caseArb = fc
  .record({
    distance: distanceArb,
    startOffset: fc.integer({ min: 0, max: 400 }),
    extraWeeks: fc.integer({ min: 0, max: 30 }),
    raceDay: fc.integer({ min: 1, max: 7 }),
    // One second inside the accepted 4:00–20:00 so that rounding the goal time keeps it valid.
    goalPace: fc.integer({ min: 241, max: 1199 }),
    fiveK: fc.integer({ min: 720, max: 3600 }),
    mileage: fc.oneof(fc.integer({ min: 5, max: 150 }), fc.double({ min: 5, max: 150, noNaN: true })),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 3, maxLength: 7 }),
    logStyle: fc.constantFrom<LogStyle>('as-planned', 'none', 'random'),
    logSeed: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 60, maxLength: 60 }),
  })
  .map((c) => {
    const miles = parseDistance(c.distance)?.miles ?? 3.107;
    const min = MIN_PLAN_WEEKS[distanceClass(miles)];
    const weeks = Math.min(MAX_PLAN_WEEKS, min + c.extraWeeks);
    const startDate = addDaysIso('2026-11-23', c.startOffset);
    const raceDate = dateOfPlanDay(startDate, weeks, c.raceDay);
    return { ...c, startDate, raceDate, goal: formatDuration(Math.round(c.goalPace * miles)) };
  })
  .filter((c) => c.raceDate > c.startDate);

function logger(style: LogStyle, seed: readonly number[]): (week: PlannedWeek) => WeekExecution | undefined {
  return (week) => {
    const runs = week.days.filter((d) => d.type !== 'rest').length;
    const r = seed[week.weekNumber % seed.length] ?? 0.5;
    if (style === 'as-planned') return { completedDays: runs, totalMiles: week.miles };
    if (style === 'none') return undefined;
    if (r < 0.25) return undefined;
    if (r < 0.6) return { completedDays: runs, totalMiles: week.miles };
    return { completedDays: Math.floor(runs * r), totalMiles: Math.round(week.miles * (r - 0.3) * 10) / 10 };
  };
}

/** Inputs the parser refuses (readiness: too little volume for the race and plan length). */
function refused(raw: Parameters<typeof inputsOf>[0]): boolean {
  try {
    inputsOf(raw);
    return false;
  } catch (error) {
    if (error instanceof InputError && Object.keys(error.fields).every((f) => f === 'mileage')) return true;
    throw error;
  }
}

describe('the rules engine against the validator', () => {
  it('builds only valid weeks for random valid inputs and logs (2,000 plans)', () => {
    let plans = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const raw = {
          distance: c.distance,
          raceDate: c.raceDate,
          startDate: c.startDate,
          goal: c.goal,
          fiveK: formatDuration(c.fiveK),
          mileage: String(c.mileage),
          days: c.days.join(','),
        };
        if (refused(raw)) return;
        const inputs = inputsOf(raw);
        const plan = wholePlan(inputs, logger(c.logStyle, c.logSeed));
        expect(validatePlan({ inputs, ...plan })).toEqual([]);
        plans += 1;
      }),
      // A fixed seed keeps CI deterministic; FC_SEED and FC_RUNS explore further by hand.
      { numRuns: Number(process.env.FC_RUNS ?? 2000), seed: Number(process.env.FC_SEED ?? 20261125) },
    );
    // Readiness refuses some random inputs; most must still have made a whole plan.
    expect(plans).toBeGreaterThan(0.8 * Number(process.env.FC_RUNS ?? 2000));
  });

  it('builds valid plans for every distance, start weekday, number of days, baseline and length', () => {
    const failures: string[] = [];
    let plans = 0;
    let refusals = 0;
    const daySets = [
      [2, 4, 6],
      [1, 3, 5, 7],
      [2, 3, 4, 6, 7],
      [1, 2, 3, 4, 5, 6],
      [1, 2, 3, 4, 5, 6, 7],
    ];
    for (const distance of ['5k', '10k', 'half', 'marathon']) {
      const min = MIN_PLAN_WEEKS[distanceClass(parseDistance(distance)?.miles ?? 0)];
      for (const weeks of [min, Math.round((min + MAX_PLAN_WEEKS) / 2), MAX_PLAN_WEEKS]) {
        for (let weekday = 0; weekday < 7; weekday += 1) {
          const startDate = addDaysIso('2026-11-30', weekday);
          for (const days of daySets) {
            for (const mileage of [5, 12, 30, 60, 150]) {
              const raw = {
                distance,
                startDate,
                raceDate: dateOfPlanDay(startDate, weeks, 7),
                goal: { '5k': '25:00', '10k': '52:00', half: '1:55:00', marathon: '4:00:00' }[distance],
                fiveK: '24:00',
                mileage: String(mileage),
                days: days.join(','),
              };
              if (refused(raw)) {
                refusals += 1;
                continue;
              }
              const inputs = inputsOf(raw);
              const violations = validatePlan({ inputs, ...wholePlan(inputs) });
              plans += 1;
              if (violations.length > 0) failures.push(`${JSON.stringify(raw)}: ${violations[0]?.rule} ${violations[0]?.message}`);
            }
          }
        }
      }
    }
    // Readiness refuses marathons and halves at 5 mi/week (and 12 mi/week for the shortest marathon).
    expect(plans + refusals).toBe(4 * 3 * 7 * 5 * 5);
    expect(refusals).toBeLessThan(0.1 * (plans + refusals));
    expect(failures).toEqual([]);
  });
});
