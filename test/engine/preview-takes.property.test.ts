/**
 * Regenerate's takes (PLAN-RULES v2 holds for each): over random valid inputs, every preview take
 * the rules engine has passes the validator, each differs from the one before in what a runner
 * sees (Week 1's days as the week view reads them, or the phases), take 0 is the preview as it
 * always was, and asking past the last take is `NoMoreTakesError`. A whole plan grown from the
 * last take's Week 1 validates too, so a take never leads to a week the engine cannot make.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysIso, dateOfPlanDay } from '../../src/domain/calendar.js';
import { MIN_PLAN_WEEKS, MAX_PLAN_WEEKS } from '../../src/domain/coaching-limits.js';
import { dayDistance, dayLabel, describeDay } from '../../src/domain/day-format.js';
import { InputError } from '../../src/domain/errors.js';
import type { PlanOutline, PlannedWeek } from '../../src/domain/schemas.js';
import { formatDuration } from '../../src/domain/time.js';
import { distanceClass, parseDistance } from '../../src/domain/units.js';
import { validatePlan } from '../../src/domain/validator.js';
import { NoMoreTakesError } from '../../src/engine/plan-engine.js';
import { buildOutline, buildWeek, previewTakes } from '../../src/engine/rules/rules-engine.js';
import { asPlanned, inputsOf } from '../support/engine-fixtures.js';

const caseArb = fc
  .record({
    distance: fc.constantFrom('5k', '10k', 'half', 'marathon', '8', '20'),
    startOffset: fc.integer({ min: 0, max: 60 }),
    extraWeeks: fc.integer({ min: 0, max: 14 }),
    raceDay: fc.integer({ min: 1, max: 7 }),
    goalPace: fc.integer({ min: 300, max: 900 }),
    fiveK: fc.integer({ min: 900, max: 2400 }),
    mileage: fc.integer({ min: 8, max: 70 }),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 3, maxLength: 7 }),
  })
  .map((c) => {
    const miles = parseDistance(c.distance)?.miles ?? 3.107;
    const weeks = Math.min(MAX_PLAN_WEEKS, MIN_PLAN_WEEKS[distanceClass(miles)] + c.extraWeeks);
    const startDate = addDaysIso('2026-11-30', c.startOffset);
    return {
      distance: c.distance,
      startDate,
      raceDate: dateOfPlanDay(startDate, weeks, c.raceDay),
      goal: formatDuration(Math.round(c.goalPace * miles)),
      fiveK: formatDuration(c.fiveK),
      mileage: String(c.mileage),
      days: c.days.join(','),
    };
  })
  .filter((raw) => raw.raceDate > raw.startDate);

/** What a runner reads of a preview: the phases, and each day of Week 1 as its row shows it. */
function seen(outline: PlanOutline): string {
  const phases = outline.phases.map((p) => `${p.name} ${p.weekCount}`).join(' · ');
  const days = outline.week.days.map((d) => `${d.date} ${dayLabel(d)} ${dayDistance(d, 'mi')} ${describeDay(d, 'mi')}`);
  return [phases, ...days].join('\n');
}

function accepted(raw: Parameters<typeof inputsOf>[0]): boolean {
  try {
    inputsOf(raw);
    return true;
  } catch (error) {
    if (error instanceof InputError) return false;
    throw error;
  }
}

describe('preview takes (Regenerate)', () => {
  it('are all valid, each different from the one before, until they run out', () => {
    let multi = 0;
    let runs = 0;
    fc.assert(
      fc.property(caseArb, (raw) => {
        if (!accepted(raw)) return;
        runs += 1;
        const inputs = inputsOf(raw);
        const takes = previewTakes(inputs);
        expect(takes.length).toBeGreaterThanOrEqual(1);
        expect(takes[0]).toEqual(buildOutline(inputs));
        for (const [i, take] of takes.entries()) {
          expect(validatePlan({ inputs, phases: take.phases, weeks: [take.week] })).toEqual([]);
          if (i > 0) expect(seen(take)).not.toBe(seen(takes[i - 1] as PlanOutline));
          // Deterministic: the same variant gives the same take.
          if (i === takes.length - 1) expect(buildOutline(inputs, i)).toEqual(take);
        }
        expect(() => buildOutline(inputs, takes.length)).toThrow(NoMoreTakesError);
        if (takes.length > 1) multi += 1;

        // The rest of the plan grows from the last take's Week 1, every week valid.
        const last = takes[takes.length - 1] as PlanOutline;
        const weeks: PlannedWeek[] = [last.week];
        for (let n = 2; n <= last.totalWeeks; n += 1) {
          const previous = weeks[n - 2] as PlannedWeek;
          weeks[n - 2] = { ...previous, execution: asPlanned(previous) };
          weeks.push(buildWeek(inputs, last.phases, weeks, n));
        }
        expect(validatePlan({ inputs, phases: last.phases, weeks })).toEqual([]);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60), seed: Number(process.env.FC_SEED ?? 20261206) },
    );
    // Most athletes have more than one take: Regenerate is not a no-op.
    expect(multi).toBeGreaterThan(0.8 * runs);
  }, 120_000);
});
