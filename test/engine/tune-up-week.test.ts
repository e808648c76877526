/** A tune-up race inside a marathon plan: the week the rules engine builds around it (issue 18). */
import { describe, expect, it } from 'vitest';
import { dateOfPlanDay } from '../../src/domain/calendar.js';
import { computePaces, predictedPaceAt } from '../../src/domain/paces.js';
import { RACE_DISTANCES } from '../../src/domain/units.js';
import { parsePace } from '../../src/domain/time.js';
import type { PlanInputs, PlannedWeek } from '../../src/domain/schemas.js';
import { validatePlan } from '../../src/domain/validator.js';
import { wholePlan, inputsOf } from '../support/engine-fixtures.js';
import { MARATHON_FIELDS } from '../support/sample-inputs.js';

const plain = inputsOf(MARATHON_FIELDS);
// Week 9 runs Monday 2027-01-25 to Sunday 2027-01-31; the long run is on Sunday.
const HALF_DATE = dateOfPlanDay(plain.startDate, 9, 7);
const withHalf: PlanInputs = {
  ...plain,
  tuneUps: [{ date: HALF_DATE, distance: 'half', distanceMiles: RACE_DISTANCES.half, name: 'Winter Half' }],
};

function trainingOf(week: PlannedWeek): number {
  return week.days
    .filter((d) => d.type !== 'race')
    .reduce((t, d) => t + [...d.warmup, ...d.workout, ...d.cooldown].reduce((s, l) => s + l.distanceMiles, 0), 0);
}

describe('a tune-up half in week 9 of a marathon plan', () => {
  const before = wholePlan(plain);
  const after = wholePlan(withHalf);

  it('races the half on its day, at the predicted pace for a half', () => {
    const day = after.weeks[8]?.days.find((d) => d.date === HALF_DATE);
    expect(day?.type).toBe('race');
    expect(day?.notes).toContain('Winter Half');
    expect(day?.workout).toHaveLength(1);
    expect(day?.workout[0]?.distanceMiles).toBe(RACE_DISTANCES.half);
    const pace = predictedPaceAt(plain.fiveKSeconds, RACE_DISTANCES.half);
    expect(parsePace(day?.workout[0]?.paceGoal ?? null)).toBe(pace);
    // Between threshold and marathon pace, as a half should be.
    const paces = computePaces(plain);
    expect(pace).toBeGreaterThan(paces.threshold);
    expect(pace).toBeLessThan(paces.marathon);
  });

  it('gives its week a mini-taper: less training, a shakeout the day before, no key day two days either side', () => {
    const week = after.weeks[8] as PlannedWeek;
    expect(trainingOf(week)).toBeLessThan(trainingOf(before.weeks[8] as PlannedWeek));
    const saturday = week.days.find((d) => d.dayNumber === 6);
    expect(saturday?.type).toBe('shakeout');
    for (const d of week.days.filter((x) => x.dayNumber >= 5 && x.dayNumber <= 6)) {
      expect(['easy', 'recovery', 'shakeout', 'rest', 'moderate']).toContain(d.type);
    }
    // The race takes the long run's place (Sunday is the long-run day).
    expect(week.days.some((d) => d.type === 'long')).toBe(false);
    const next = after.weeks[9] as PlannedWeek;
    for (const d of next.days.filter((x) => x.dayNumber <= 2)) expect(['easy', 'recovery', 'rest', 'moderate']).toContain(d.type);
  });

  it('keeps every week of the plan inside PLAN-RULES, the A race untouched', () => {
    expect(validatePlan({ inputs: withHalf, phases: after.phases, weeks: after.weeks })).toEqual([]);
    expect(after.weeks.at(-1)?.days.find((d) => d.type === 'race')?.date).toBe(plain.raceDate);
    // The taper is the plan's own: the last three weeks match the plan without the tune-up in shape.
    expect(after.weeks.slice(-3).map((w) => w.phase)).toEqual(['taper', 'taper', 'taper']);
  });

  it('refuses a week that leaves the tune-up out (T1.tuneup-day)', () => {
    const weeks = [...before.weeks.slice(0, 9)];
    const rules = validatePlan({ inputs: withHalf, phases: before.phases, weeks }).map((v) => v.rule);
    expect(rules).toContain('T1.tuneup-day');
  });
});

describe('tune-ups on any day, with recalibrated paces, in marathon, half and 10K plans', () => {
  const plans = {
    marathon: plain,
    half: inputsOf({ ...MARATHON_FIELDS, distance: 'half', goal: '1:45:00', raceDate: '2027-03-07', mileage: '20', days: '1,3,5,6' }),
    '10k': inputsOf({ ...MARATHON_FIELDS, distance: '10k', goal: '48:00', raceDate: '2027-02-21', mileage: '15', days: '2,4,7' }),
  };

  it('builds every week of every plan inside PLAN-RULES', () => {
    const failures: string[] = [];
    for (const [name, base] of Object.entries(plans)) {
      for (const week of [2, 6]) {
        for (let day = 1; day <= 7; day += 1) {
          for (const distance of ['5k', '10k', 'half'] as const) {
            if (RACE_DISTANCES[distance] > base.distanceMiles) continue;
            const inputs: PlanInputs = {
              ...base,
              tuneUps: [{ date: dateOfPlanDay(base.startDate, week, day), distance, distanceMiles: RACE_DISTANCES[distance], name: 'T' }],
              // A faster result on odd days, a slower one on even days, accepted for the weeks after.
              paceChanges: [{ id: 'p1', fromWeek: week + 1, fiveKSeconds: day % 2 === 1 ? 19 * 60 : 26 * 60 }],
            };
            const { phases, weeks } = wholePlan(inputs);
            const violations = validatePlan({ inputs, phases, weeks });
            if (violations.length > 0) failures.push(`${name} week ${week} day ${day} ${distance}: ${violations[0]?.message}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('a tune-up the race has moved onto', () => {
  const before = wholePlan(plain).weeks;

  it('no longer shapes any week: the race’s taper wins', () => {
    // Sunday of week 19, inside the marathon's three-week taper (a race change could put it there).
    const date = dateOfPlanDay(plain.startDate, 19, 7);
    const inputs: PlanInputs = { ...plain, tuneUps: [{ date, distance: '10k', distanceMiles: RACE_DISTANCES['10k'], name: 'Late 10K' }] };
    const { phases, weeks } = wholePlan(inputs);
    expect(validatePlan({ inputs, phases, weeks })).toEqual([]);
    expect(weeks[18]?.days.find((d) => d.date === date)?.type).not.toBe('race');
    expect(weeks.map((w) => w.miles)).toEqual(before.map((w) => w.miles));
  });
});
