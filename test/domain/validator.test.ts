import { describe, expect, it } from 'vitest';
import { dateOfPlanDay } from '../../src/domain/calendar.js';
import { computePaces } from '../../src/domain/paces.js';
import type { Plan, PlanInputs } from '../../src/domain/schemas.js';
import { formatPace } from '../../src/domain/time.js';
import {
  RULE_IDS,
  dayMiles,
  phaseOfWeek,
  totalWeeksOf,
  validatePhases,
  validatePlan,
  validateWeek,
  weekCapacity,
  weekMiles,
  type RuleId,
  type Violation,
} from '../../src/domain/validator.js';
import {
  VALID_START,
  VALID_WEEK_SPECS,
  buildPhases,
  buildPlan,
  buildWeek,
  dayOf,
  lap,
  restDay,
  resyncMiles,
  setDay,
  validInputs,
  validPlan,
  weekOf,
  type WeekSpec,
} from '../support/plan-fixtures.js';

// Rule ids that some test below has shown being reported; the last test checks none is missing.
const asserted = new Set<string>();

function describeAll(vs: readonly Violation[]): string {
  return vs.map((v) => `${v.rule}@${v.weekNumber ?? '-'}/${v.dayNumber ?? '-'}`).join(', ') || 'none';
}

/** Asserts that `rule` is reported (at that week and day when given) and returns the violation. */
function expectRule(vs: readonly Violation[], rule: RuleId, weekNumber?: number, dayNumber?: number): Violation {
  asserted.add(rule);
  const hit = vs.find(
    (v) =>
      v.rule === rule &&
      (weekNumber === undefined || v.weekNumber === weekNumber) &&
      (dayNumber === undefined || v.dayNumber === dayNumber),
  );
  if (hit === undefined) throw new Error(`expected ${rule} at week ${weekNumber ?? '*'} day ${dayNumber ?? '*'}; got ${describeAll(vs)}`);
  expect(hit.message.length).toBeGreaterThan(10);
  return hit;
}

function expectNoRule(vs: readonly Violation[], rule: RuleId): void {
  const hits = vs.filter((v) => v.rule === rule);
  expect(hits, describeAll(hits)).toEqual([]);
}

function rulesOf(vs: readonly Violation[]): string[] {
  return [...new Set(vs.map((v) => v.rule))].sort();
}

const PACES = computePaces(validInputs());

/** Baseline 5 mi/week, every day preferred: weeks of six 2-mile recovery runs sit at the floor. */
function lowInputs(overrides: Partial<PlanInputs> = {}): PlanInputs {
  return validInputs({ weeklyMileage: 5, preferredDays: [1, 2, 3, 4, 5, 6, 7], raceDate: dateOfPlanDay(VALID_START, 4, 6), ...overrides });
}

const SIX_RECOVERY: WeekSpec = { 1: ['recovery', 2], 2: ['recovery', 2], 3: ['recovery', 2], 4: ['recovery', 2], 5: ['recovery', 2], 6: ['recovery', 2] };
const SEVEN_RECOVERY: WeekSpec = { ...SIX_RECOVERY, 7: ['recovery', 2] };
const LOW_RACE_WEEK: WeekSpec = { 1: ['recovery', 2], 2: ['recovery', 2], 3: ['recovery', 2], 4: ['shakeout', 2], 6: ['race'] };

/** A 4-week 5K at the floor: 12 mi weeks (one allowed rest day), race week 8 mi + the race. */
function lowPlan(): Plan {
  return buildPlan(lowInputs(), buildPhases(1, 1, 1, 1), [SIX_RECOVERY, SIX_RECOVERY, SIX_RECOVERY, LOW_RACE_WEEK]);
}

function marathonInputs(overrides: Partial<PlanInputs> = {}): PlanInputs {
  return validInputs({
    raceName: 'City Marathon',
    distance: 'marathon',
    distanceMiles: 26.219,
    raceDate: dateOfPlanDay(VALID_START, 16, 7),
    goalTimeSeconds: 4 * 3600,
    fiveKSeconds: 25 * 60,
    weeklyMileage: 30,
    ...overrides,
  });
}
const MARATHON_PHASES = buildPhases(6, 4, 3, 3);

describe('the hand-built valid plan', () => {
  it('has no violations as a whole, week by week, or in its phases', () => {
    const plan = validPlan();
    expect(validatePlan(plan)).toEqual([]);
    for (let n = 1; n <= 6; n += 1) expect(validateWeek(plan, n)).toEqual([]);
    expect(validatePhases(plan.inputs, plan.phases)).toEqual([]);
  });

  it('is valid at every stage while in progress (weeks not present yet are skipped)', () => {
    for (let k = 1; k <= 6; k += 1) {
      const plan = validPlan();
      plan.weeks = plan.weeks.slice(0, k);
      expect(validatePlan(plan), `weeks 1–${k}`).toEqual([]);
    }
  });

  it('validateWeek looks only at the weeks up to the one it checks', () => {
    const plan = validPlan();
    setDay(plan, 6, 7, ['easy', 3]); // breaks R2.after-race in week 6
    expect(validateWeek(plan, 3)).toEqual([]);
    expectRule(validateWeek(plan, 6), 'R2.after-race', 6, 7);
  });
});

describe('helpers', () => {
  it('sums miles of days and weeks and counts calendar weeks', () => {
    const plan = validPlan();
    expect(dayMiles(dayOf(plan, 1, 2))).toBeCloseTo(5);
    expect(dayMiles(dayOf(plan, 1, 1))).toBe(0);
    expect(weekMiles(weekOf(plan, 1))).toBeCloseTo(20);
    expect(totalWeeksOf(plan.inputs)).toBe(6);
  });

  it('finds the phase of a week by the cumulative phase lengths', () => {
    const phases = buildPhases(2, 1, 1, 2);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => phaseOfWeek(phases, n))).toEqual([
      undefined,
      'base',
      'base',
      'build',
      'peak',
      'taper',
      'taper',
      undefined,
    ]);
  });

  it('weekCapacity: long cap + 10 per other hard day + moderate max per other preferred day', () => {
    // 5K, days 2,4,6,7: 3 non-adjacent (2,4,6) → 10 + 2 × 10 + 1 × 7.
    expect(weekCapacity(validInputs(), 1)).toBe(37);
    // Marathon at 150 mi/week, all 7 days: h = 3, k = 7 → week 1: 12 + 20 + 4 × 9; later weeks 22 + 20 + 36.
    const big = marathonInputs({ weeklyMileage: 150, preferredDays: [1, 2, 3, 4, 5, 6, 7] });
    expect(weekCapacity(big, 1)).toBe(68);
    expect(weekCapacity(big, 2)).toBe(78);
    // Friday start: week 1 holds 5,6,7 → k = 3, h = 2 (5 and 7).
    expect(weekCapacity({ ...big, startDate: '2026-03-06' }, 1)).toBe(12 + 10 + 9);
    // No preferred day in the week: nothing to put miles on.
    expect(weekCapacity({ ...validInputs({ preferredDays: [1, 2, 3] }), startDate: '2026-03-05' }, 1)).toBe(0);
  });
});

describe('R1 structure', () => {
  it('R1.phase-order: phases out of order or missing', () => {
    const plan = validPlan();
    plan.phases = [plan.phases[0], plan.phases[2], plan.phases[1], plan.phases[3]].filter((p) => p !== undefined);
    expectRule(validatePlan(plan), 'R1.phase-order');
    expectRule(validatePhases(plan.inputs, buildPhases(2, 1, 1, 2).slice(0, 3)), 'R1.phase-order');
  });

  it('R1.phase-weeks: counts not summing to totalWeeks, or a phase under 1 week', () => {
    const inputs = validInputs();
    expect(rulesOf(validatePhases(inputs, buildPhases(3, 1, 1, 2)))).toEqual(['R1.phase-weeks']);
    expectRule(validatePhases(inputs, buildPhases(3, 0, 1, 2)), 'R1.phase-weeks');
    expectRule(validatePhases(inputs, buildPhases(2.5, 0.5, 1, 2)), 'R1.phase-weeks');
  });

  it('R1.taper-length: by distance class', () => {
    expectRule(validatePhases(validInputs(), buildPhases(1, 1, 1, 3)), 'R1.taper-length');
    const half = validInputs({ distance: 'half', distanceMiles: 13.109 });
    expectRule(validatePhases(half, buildPhases(2, 2, 1, 1)), 'R1.taper-length');
    expect(validatePhases(half, buildPhases(2, 1, 1, 2))).toEqual([]);
  });

  it('R1.week-number: misnumbered weeks, weeks past the race, weeks not in the plan', () => {
    const plan = validPlan();
    weekOf(plan, 3).weekNumber = 4;
    expectRule(validatePlan(plan), 'R1.week-number', 3);

    const long = validPlan();
    long.weeks.push(buildWeek(long.inputs, 7, 'taper', {}));
    const vs = validatePlan(long);
    expectRule(vs, 'R1.week-number', 7);
    expect(vs.every((v) => v.weekNumber === 7)).toBe(true);

    expectRule(validateWeek(validPlan(), 9), 'R1.week-number', 9);
  });

  it('R1.week-phase: a week marked with the wrong phase', () => {
    const plan = validPlan();
    weekOf(plan, 1).phase = 'build';
    expect(rulesOf(validatePlan(plan))).toEqual(['R1.week-phase']);
    expectRule(validatePlan(plan), 'R1.week-phase', 1);
  });
});

describe('R2 calendar', () => {
  it('R2.week-days: a later week missing a day, or week 1 holding days before the start', () => {
    const plan = validPlan();
    weekOf(plan, 2).days.splice(2, 1);
    expectRule(validatePlan(plan), 'R2.week-days', 2);

    // Friday start: week 1 holds 5, 6, 7 only.
    const inputs = validInputs({ startDate: '2026-03-06' });
    const ok = buildPlan(inputs, buildPhases(2, 1, 1, 2), [{ 6: ['easy', 4], 7: ['easy', 4] }]);
    expectNoRule(validatePlan(ok), 'R2.week-days');
    const bad = validPlan();
    bad.inputs = inputs; // week 1 still holds days 1..7
    expectRule(validatePlan(bad), 'R2.week-days', 1);
  });

  it('R2.date: a date that is not Monday of the start week + 7(N−1) + (d−1)', () => {
    const plan = validPlan();
    dayOf(plan, 2, 4).date = '2026-03-13';
    expect(rulesOf(validatePlan(plan))).toEqual(['R2.date']);
    expectRule(validatePlan(plan), 'R2.date', 2, 4);
  });

  it('R2.date: impossible or malformed dates are reported, not rolled over', () => {
    for (const bad of ['2026-02-30', '2026-3-10', '2026-03-10T00:00', '']) {
      const plan = validPlan();
      dayOf(plan, 1, 1).date = bad;
      expectRule(validatePlan(plan), 'R2.date', 1, 1);
    }
    // 2027 is no leap year: 2027-02-29 is not another name for 2027-03-01.
    const start = '2027-02-22';
    const plan = buildPlan(validInputs({ startDate: start, raceDate: dateOfPlanDay(start, 6, 6) }), buildPhases(2, 1, 1, 2), VALID_WEEK_SPECS.slice(0, 2));
    expect(dayOf(plan, 2, 1).date).toBe('2027-03-01');
    dayOf(plan, 2, 1).date = '2027-02-29';
    expectRule(validatePlan(plan), 'R2.date', 2, 1);
  });

  it('R2.date: dates across a new year and a leap day are accepted', () => {
    for (const start of ['2027-12-20', '2028-02-21', '2100-02-22']) {
      const inputs = validInputs({ startDate: start, raceDate: dateOfPlanDay(start, 6, 6) });
      const plan = buildPlan(inputs, buildPhases(2, 1, 1, 2), VALID_WEEK_SPECS.slice(0, 2));
      expect(validatePlan(plan), start).toEqual([]);
      dayOf(plan, 2, 4).date = dateOfPlanDay(start, 2, 5);
      expectRule(validatePlan(plan), 'R2.date', 2, 4);
    }
  });

  it('R2.day-of-week: a weekday name that does not name the date', () => {
    const plan = validPlan();
    dayOf(plan, 3, 6).dayOfWeek = 'Friday';
    expect(rulesOf(validatePlan(plan))).toEqual(['R2.day-of-week']);
    expectRule(validatePlan(plan), 'R2.day-of-week', 3, 6);
  });

  it('R2.race-day: the race date not a race, a race on another date, or no day for the race date', () => {
    const notRace = validPlan();
    setDay(notRace, 6, 6, ['easy', 4]);
    expectRule(validatePlan(notRace), 'R2.race-day', 6, 6);

    const extraRace = validPlan();
    setDay(extraRace, 3, 6, ['race']);
    expectRule(validatePlan(extraRace), 'R2.race-day', 3, 6);

    const missing = validPlan();
    weekOf(missing, 6).days.splice(5, 1);
    expectRule(validatePlan(missing), 'R2.race-day', 6, 6);
  });

  it('R2.after-race: a run after the race', () => {
    const plan = validPlan();
    setDay(plan, 6, 7, ['recovery', 2]);
    expectRule(validatePlan(plan), 'R2.after-race', 6, 7);
  });
});

describe('R3 laps', () => {
  it('R3.rest-empty: a rest day with laps', () => {
    const plan = validPlan();
    dayOf(plan, 1, 1).workout = [lap(1, 1)];
    expectRule(validatePlan(plan), 'R3.rest-empty', 1, 1);
  });

  it('R3.warmup: missing, too long, or paced', () => {
    const missing = validPlan();
    dayOf(missing, 2, 4).warmup = [];
    expectRule(validatePlan(missing), 'R3.warmup', 2, 4);

    const tooLong = validPlan();
    dayOf(tooLong, 2, 4).warmup = [lap(1, 1.5)];
    expectRule(validatePlan(tooLong), 'R3.warmup', 2, 4);

    const paced = validPlan();
    dayOf(paced, 2, 4).warmup = [lap(1, 0.5, '11:00')]; // slow enough for PACE.easy
    expect(rulesOf(validatePlan(paced))).toEqual(['R3.warmup']);
  });

  it('R3.cooldown: missing or too short', () => {
    const missing = validPlan();
    dayOf(missing, 2, 6).cooldown = [];
    expectRule(validatePlan(missing), 'R3.cooldown', 2, 6);

    const short = validPlan();
    dayOf(short, 2, 6).cooldown = [lap(1, 0.3)];
    expectRule(validatePlan(short), 'R3.cooldown', 2, 6);
  });

  it('R3.workout: a run day with no workout lap', () => {
    const plan = validPlan();
    dayOf(plan, 1, 4).workout = [];
    expectRule(validatePlan(plan), 'R3.workout', 1, 4);
  });

  it('R3.lap-index: laps not numbered 1, 2, 3…', () => {
    const plan = validPlan();
    dayOf(plan, 1, 2).workout = [lap(1, 2, formatPace(PACES.tempo)), lap(3, 1, formatPace(PACES.tempo))];
    resyncMiles(plan);
    expect(rulesOf(validatePlan(plan))).toEqual(['R3.lap-index']);
    expectRule(validatePlan(plan), 'R3.lap-index', 1, 2);
  });

  it('the race lap may be a custom distance up to 31 mi, past the 30-mile lap cap', () => {
    const plan = validPlan();
    plan.inputs = { ...plan.inputs, distance: '31 mi', distanceMiles: 31 };
    dayOf(plan, 6, 6).workout = [lap(1, 31, formatPace(plan.inputs.goalTimeSeconds / 31))];
    resyncMiles(plan);
    expectNoRule(validateWeek(plan, 6), 'R3.lap-distance');
    dayOf(plan, 1, 2).workout.push(lap(dayOf(plan, 1, 2).workout.length + 1, 31));
    expectRule(validatePlan(resyncMiles(plan)), 'R3.lap-distance', 1, 2);
  });

  it('DATA.week-miles: a stored week total that disagrees with its laps', () => {
    const plan = validPlan();
    expectNoRule(validatePlan(plan), 'DATA.week-miles');
    weekOf(plan, 3).miles += 2;
    const v = expectRule(validatePlan(plan), 'DATA.week-miles', 3);
    expect(v.message).toContain('laps add up to');
  });

  it('R3.lap-distance: zero, not finite, or over 30 mi', () => {
    for (const bad of [0, Number.NaN, 31]) {
      const plan = validPlan();
      dayOf(plan, 1, 4).workout.push(lap(2, bad));
      expectRule(validatePlan(plan), 'R3.lap-distance', 1, 4);
    }
  });

  it('R3.pace-format: M:SS with seconds 00–59 only', () => {
    for (const bad of ['7:5', '7:60', '7.30', '123:00']) {
      const plan = validPlan();
      setDay(plan, 1, 2, ['tempo', 5, bad]);
      expectRule(validatePlan(plan), 'R3.pace-format', 1, 2);
    }
    const plan = validPlan();
    setDay(plan, 1, 2, ['tempo', 5, formatPace(PACES.tempo)]);
    expect(validatePlan(plan)).toEqual([]);
  });
});

describe('R4 day types and mileage', () => {
  it('R4.day-miles: outside the range for the type and baseline', () => {
    const plan = validPlan();
    setDay(plan, 2, 4, ['easy', 6]);
    setDay(plan, 2, 6, ['easy', 2.5]);
    const vs = validatePlan(plan);
    expectRule(vs, 'R4.day-miles', 2, 4);
    expectRule(vs, 'R4.day-miles', 2, 6);

    // Over 35 mi/week, easy days may run to 7.
    expect(validatePlan(plan).length).toBeGreaterThan(0);
    const high = validPlan();
    high.inputs = validInputs({ weeklyMileage: 40 });
    setDay(high, 2, 4, ['easy', 6]);
    expectNoRule(validatePlan(high), 'R4.day-miles');
  });

  it('R4.run-zero: a run day with no miles', () => {
    const plan = validPlan();
    const day = dayOf(plan, 1, 4);
    day.warmup = [];
    day.workout = [];
    day.cooldown = [];
    expectRule(validatePlan(plan), 'R4.run-zero', 1, 4);
  });

  it('R4.long-min: a long run under 6 mi', () => {
    const plan = validPlan();
    setDay(plan, 5, 7, ['long', 5]);
    expectRule(validatePlan(plan), 'R4.long-min', 5, 7);
  });

  it('R4.long-cap: over the class cap, and over 12 mi in week 1', () => {
    const plan = validPlan();
    setDay(plan, 4, 7, ['long', 11]);
    const v = expectRule(validatePlan(plan), 'R4.long-cap', 4, 7);
    expect(v.message).toBe('week 4 day 7 (Sunday): long run of 11.0 mi exceeds the 10 mi 5k cap');

    const inputs = marathonInputs();
    const longs: WeekSpec = { 6: ['long', 24] };
    const marathon = buildPlan(inputs, MARATHON_PHASES, [longs, longs, longs, longs, longs]);
    const vs = validatePlan(marathon);
    expect(expectRule(vs, 'R4.long-cap', 5, 6).message).toBe('week 5 day 6 (Saturday): long run of 24.0 mi exceeds the 22 mi marathon cap');
    expect(expectRule(vs, 'R4.long-cap', 1, 6).message).toContain('week-1 cap of 12 mi');

    const thirteen = buildPlan(inputs, MARATHON_PHASES, [{ 6: ['long', 13] }, { 6: ['long', 13] }]);
    const caps = validatePlan(thirteen).filter((x) => x.rule === 'R4.long-cap');
    expect(caps.map((x) => x.weekNumber)).toEqual([1]);
  });

  it('R4.race: one lap of the race distance at goal pace', () => {
    const distance = validPlan();
    dayOf(distance, 6, 6).workout = [lap(1, 3.0, formatPace(PACES.goal))];
    expectRule(validatePlan(distance), 'R4.race', 6, 6);

    const slow = validPlan();
    dayOf(slow, 6, 6).workout = [lap(1, 3.107, formatPace(PACES.goal + 2))];
    expectRule(validatePlan(slow), 'R4.race', 6, 6);

    const split = validPlan();
    dayOf(split, 6, 6).workout = [lap(1, 1.5, formatPace(PACES.goal)), lap(2, 1.607, formatPace(PACES.goal))];
    expectRule(validatePlan(split), 'R4.race', 6, 6);

    const close = validPlan();
    dayOf(close, 6, 6).workout = [lap(1, 3.1, formatPace(PACES.goal + 1))];
    expect(validatePlan(close)).toEqual([]);
  });
});

describe('pace bands', () => {
  it('PACE.easy: easy, recovery and shakeout laps strictly slower than predicted marathon pace', () => {
    const plan = validPlan();
    setDay(plan, 2, 4, ['easy', 4, formatPace(PACES.predictedMarathon)]);
    expectRule(validatePlan(plan), 'PACE.easy', 2, 4);

    const shakeout = validPlan();
    setDay(shakeout, 6, 4, ['shakeout', 2, formatPace(PACES.predictedMarathon - 30)]);
    expectRule(validatePlan(shakeout), 'PACE.easy', 6, 4);

    const ok = validPlan();
    setDay(ok, 2, 4, ['easy', 4, formatPace(PACES.predictedMarathon + 1)]);
    expect(validatePlan(ok)).toEqual([]);
  });

  it('PACE.interval: within 15 s of 5K pace', () => {
    const plan = validPlan();
    setDay(plan, 2, 2, ['intervals', 6, formatPace(PACES.fiveK + 16)]);
    expectRule(validatePlan(plan), 'PACE.interval', 2, 2);
    for (const ok of [PACES.fiveK - 15, PACES.fiveK + 15]) {
      const edge = validPlan();
      setDay(edge, 2, 2, ['intervals', 6, formatPace(ok)]);
      expect(validatePlan(edge)).toEqual([]);
    }
  });

  it('PACE.tempo: between 5K pace and the slower of predicted and goal + 60 s', () => {
    const ceiling = Math.max(PACES.predicted, PACES.goal) + 60;
    for (const bad of [PACES.fiveK - 1, ceiling + 1]) {
      const plan = validPlan();
      setDay(plan, 1, 2, ['tempo', 5, formatPace(bad)]);
      expectRule(validatePlan(plan), 'PACE.tempo', 1, 2);
    }
    for (const ok of [PACES.fiveK, ceiling]) {
      const plan = validPlan();
      setDay(plan, 1, 2, ['tempo', 5, formatPace(ok)]);
      expect(validatePlan(plan)).toEqual([]);
    }
  });

  it('PACE.long: between goal pace and easy pace', () => {
    for (const bad of [PACES.goal - 1, PACES.easy + 1]) {
      const plan = validPlan();
      setDay(plan, 2, 7, ['long', 8, formatPace(bad)]);
      expectRule(validatePlan(plan), 'PACE.long', 2, 7);
    }
    for (const ok of [PACES.goal, PACES.easy]) {
      const plan = validPlan();
      setDay(plan, 2, 7, ['long', 8, formatPace(ok)]);
      expect(validatePlan(plan)).toEqual([]);
    }
  });

  it('moderate days are checked for format only; unpaced laps pass every band', () => {
    const plan = validPlan();
    setDay(plan, 3, 4, ['moderate', 5, '4:00']);
    setDay(plan, 1, 2, ['tempo', 5, null]);
    expect(validatePlan(plan)).toEqual([]);
  });
});

describe('R5 race week and taper', () => {
  it('R5.rest-before-race: the day before the race runs', () => {
    const plan = validPlan();
    setDay(plan, 6, 5, ['recovery', 2]);
    expect(rulesOf(validatePlan(plan))).toEqual(['R5.rest-before-race']);
    expectRule(validatePlan(plan), 'R5.rest-before-race', 6, 5);
  });

  it('R5.shakeout: two days before the race is a 2–4 mi shakeout', () => {
    const easy = validPlan();
    setDay(easy, 6, 4, ['easy', 3]);
    expectRule(validatePlan(easy), 'R5.shakeout', 6, 4);

    const long = validPlan();
    setDay(long, 6, 4, ['shakeout', 5]);
    expectRule(validatePlan(long), 'R5.shakeout', 6, 4);
  });

  it('R5 lead-in days before the start of the plan are not required', () => {
    // Start on the Friday before a Saturday race: the shakeout day (Thursday) is not in the plan.
    const inputs = validInputs({ startDate: '2026-04-10' });
    const plan = buildPlan(inputs, buildPhases(0, 0, 0, 1), [{ 6: ['race'] }]);
    expect(validateWeek(plan, 1)).toEqual([]);
    setDay(plan, 1, 5, ['recovery', 2]);
    expectRule(validateWeek(plan, 1), 'R5.rest-before-race', 1, 5);
  });

  it('R5 lead-in days: a day dated before the start date is not held to R5', () => {
    // Friday start, but week 1 (wrongly) also holds Thursday, the shakeout day: R2 reports it, R5 does not.
    const inputs = validInputs({ startDate: '2026-04-10' });
    const plan = buildPlan(inputs, buildPhases(0, 0, 0, 1), [{ 6: ['race'] }]);
    weekOf(plan, 1).days.unshift(restDay(inputs.startDate, 1, 4));
    const vs = validateWeek(plan, 1);
    expectRule(vs, 'R2.week-days', 1);
    expectNoRule(vs, 'R5.shakeout');
  });

  it('R5.race-week-hard: no tempo, intervals or long in race week', () => {
    const plan = validPlan();
    setDay(plan, 6, 2, ['tempo', 4]);
    expectRule(validatePlan(plan), 'R5.race-week-hard', 6, 2);
  });

  it('R5.taper-growth: a taper week bigger than the week before', () => {
    const plan = validPlan();
    setDay(plan, 5, 2, ['tempo', 10]);
    setDay(plan, 5, 4, ['moderate', 7]);
    setDay(plan, 5, 6, ['easy', 5]);
    setDay(plan, 5, 7, ['long', 8]); // 30 > week 4's 25
    expectRule(validatePlan(plan), 'R5.taper-growth', 5);
  });

  it('R5.taper-growth: a taper week at the floor may grow', () => {
    const plan = validPlan();
    for (const d of [2, 4, 6, 7]) setDay(plan, 4, d, ['recovery', 2]); // week 4: 8 mi
    for (const d of [1, 2, 4, 6, 7]) setDay(plan, 5, d, ['recovery', 2]); // week 5: 10 mi on 5 runs = floor
    expectNoRule(validatePlan(plan), 'R5.taper-growth');
    setDay(plan, 5, 7, ['easy', 3]); // 11 mi on 5 runs: above the floor
    expectRule(validatePlan(plan), 'R5.taper-growth', 5);
  });

  it('R5.pre-race-week: the full week before race week over 80% of the peak', () => {
    const plan = validPlan();
    setDay(plan, 5, 2, ['tempo', 6]);
    setDay(plan, 5, 4, ['moderate', 6]);
    setDay(plan, 5, 6, ['easy', 5]);
    setDay(plan, 5, 7, ['long', 7]); // 24 > 0.8 × 25
    const vs = validatePlan(plan);
    expectRule(vs, 'R5.pre-race-week', 5);
    expectNoRule(vs, 'R5.taper-growth');
  });

  it('R5.race-week: race week without the race over 60% of the peak', () => {
    const plan = validPlan();
    setDay(plan, 6, 1, ['recovery', 4]);
    setDay(plan, 6, 2, ['easy', 5]);
    setDay(plan, 6, 3, ['recovery', 4]);
    setDay(plan, 6, 4, ['shakeout', 4]); // 17 > 0.6 × 25
    const vs = validatePlan(plan);
    expect(rulesOf(vs)).toEqual(['R5.race-week']);
    expectRule(vs, 'R5.race-week', 6);

    // The peak is taken outside the taper: a 30 mi week 5 (itself reported) does not lift it to 30.
    setDay(plan, 5, 2, ['tempo', 10]);
    setDay(plan, 5, 4, ['moderate', 7]);
    setDay(plan, 5, 6, ['easy', 5]);
    setDay(plan, 5, 7, ['long', 8]);
    const bigTaper = validatePlan(plan);
    expectRule(bigTaper, 'R5.pre-race-week', 5);
    expectRule(bigTaper, 'R5.race-week', 6); // 17 > 0.6 × 25 (but not > 0.6 × 30)
  });

  it('R5 shares and R6, R7 upper bound: weeks at the floor pass', () => {
    // Peak 12; week 3 (12 > 9.6) and race week (8 > 7.2) are at the floor; week 1 (12 > 10) too.
    expect(validatePlan(lowPlan())).toEqual([]);
  });
});

describe('R6 progression', () => {
  it('R6.progression: more than 1.10 × ref + 1', () => {
    const plan = validPlan();
    setDay(plan, 2, 2, ['intervals', 8]);
    setDay(plan, 2, 4, ['easy', 5]);
    setDay(plan, 2, 6, ['easy', 5]); // 26 > 1.1 × 20 + 1
    expect(rulesOf(validatePlan(plan))).toEqual(['R6.progression']);
    expectRule(validatePlan(plan), 'R6.progression', 2);
  });

  it('R6.progression: more than 1.30 × the week before, even within 1.10 × ref + 1', () => {
    const plan = validPlan();
    setDay(plan, 2, 2, ['intervals', 4]);
    setDay(plan, 2, 4, ['easy', 3]);
    setDay(plan, 2, 6, ['easy', 3]);
    setDay(plan, 2, 7, ['long', 6]); // week 2: 16
    setDay(plan, 3, 4, ['moderate', 5]);
    setDay(plan, 3, 2, ['tempo', 6]);
    setDay(plan, 3, 6, ['easy', 4]);
    setDay(plan, 3, 7, ['long', 7]); // week 3: 22 ≤ 1.1 × 20 + 1 but > 1.3 × 16
    const v = expectRule(validatePlan(plan), 'R6.progression', 3);
    expect(v.message).toContain('1.3');
  });

  it('a partial previous week counts as the baseline', () => {
    // Friday start: week 1 (8 mi on 2 days) is partial, so week 2 grows from the 20 mi baseline.
    const inputs = validInputs({ startDate: '2026-03-06' });
    const plan = buildPlan(inputs, buildPhases(2, 1, 1, 2), [
      { 6: ['easy', 4], 7: ['easy', 4] },
      { 2: ['tempo', 6], 4: ['moderate', 5], 6: ['easy', 4], 7: ['long', 8] },
    ]);
    expect(validatePlan(plan)).toEqual([]);
  });

  it('a week at the floor is always allowed', () => {
    const inputs = lowInputs();
    const plan = buildPlan(inputs, buildPhases(1, 1, 1, 1), [SEVEN_RECOVERY]); // 14 > 6.5, at the floor
    expectNoRule(validatePlan(plan), 'R6.progression');
    setDay(plan, 1, 7, ['easy', 3]); // 15 on 7 runs: above the floor
    expectRule(validatePlan(plan), 'R6.progression', 1);
  });

  it('taper weeks are left to R5', () => {
    const plan = validPlan();
    for (const d of [2, 4, 6, 7]) setDay(plan, 4, d, ['recovery', 2]); // week 4: 8 mi
    for (const d of [1, 2, 4, 6]) setDay(plan, 5, d, ['recovery', 2]);
    setDay(plan, 5, 7, ['easy', 3]); // week 5 (taper): 11 > 1.3 × 8, not at the floor
    const vs = validatePlan(plan);
    expectRule(vs, 'R5.taper-growth', 5);
    expectNoRule(vs, 'R6.progression');
  });
});

describe('R7 the first week', () => {
  it('R7.first-week: under the lower bound', () => {
    const plan = validPlan();
    setDay(plan, 1, 2, ['tempo', 4]);
    setDay(plan, 1, 4, ['easy', 3]);
    setDay(plan, 1, 6, ['easy', 3]);
    setDay(plan, 1, 7, ['easy', 4]); // 14: the lower bound exactly (no long run: R10 would cap it)
    expect(validateWeek(plan, 1)).toEqual([]);
    setDay(plan, 1, 4, ['recovery', 2]); // 13 < 14
    expect(rulesOf(validateWeek(plan, 1))).toEqual(['R7.first-week']);
    expectRule(validateWeek(plan, 1), 'R7.first-week', 1);
  });

  it('R7.first-week: the lower bound holds at the floor too', () => {
    const plan = validPlan();
    for (const d of [2, 4, 6, 7]) setDay(plan, 1, d, ['recovery', 2]); // 8, at the floor, < 14
    expectRule(validatePlan(plan), 'R7.first-week', 1);
  });

  it('R7.first-week: over the upper bound unless at the floor', () => {
    const plan = lowPlan();
    setDay(plan, 1, 6, ['easy', 3]); // 13 on 6 runs: not at the floor, > 10
    expectRule(validatePlan(plan), 'R7.first-week', 1);
  });

  it('week 1 with 4+ days is scaled to 7 days', () => {
    // Thursday start: days 4–7. 12 mi → 21 scaled (in 14–23); 14 mi → 24.5 (over).
    const inputs = validInputs({ startDate: '2026-03-05' });
    const ok = buildPlan(inputs, buildPhases(2, 1, 1, 2), [{ 4: ['tempo', 5], 6: ['easy', 3], 7: ['easy', 4] }]);
    expect(validatePlan(ok)).toEqual([]);
    const over = buildPlan(inputs, buildPhases(2, 1, 1, 2), [{ 4: ['tempo', 6], 6: ['easy', 4], 7: ['easy', 4] }]);
    expectRule(validatePlan(over), 'R7.first-week', 1);
  });

  it('week 2 is the first week when week 1 has fewer than 4 days', () => {
    const inputs = validInputs({ startDate: '2026-03-06' });
    const plan = buildPlan(inputs, buildPhases(2, 1, 1, 2), [
      { 6: ['easy', 3], 7: ['easy', 3] }, // 6 mi: not checked by R7
      { 2: ['tempo', 4], 4: ['recovery', 2], 6: ['recovery', 2], 7: ['recovery', 4] }, // 12 < 14
    ]);
    const vs = validatePlan(plan);
    expect(vs.filter((v) => v.rule === 'R7.first-week').map((v) => v.weekNumber)).toEqual([2]);
  });

  it('gives way to R11: a week capped by the athlete’s log is not held to the minimum', () => {
    const inputs = validInputs({ startDate: '2026-03-06' });
    const plan = buildPlan(
      inputs,
      buildPhases(2, 1, 1, 2),
      [
        { 6: ['easy', 3], 7: ['easy', 3] },
        { 2: ['tempo', 4], 4: ['recovery', 2], 6: ['recovery', 2], 7: ['recovery', 4] }, // 12 < 14
      ],
      false,
    );
    expectRule(validatePlan(plan), 'R7.first-week', 2);
    // Week 1 logged at 1 of 2 runs and 3 miles: R11 caps week 2 at max(1.1 × 3 + 2, 8) = 8.3.
    weekOf(plan, 1).execution = { completedDays: 1, totalMiles: 3 };
    for (const d of [2, 4, 6, 7]) setDay(plan, 2, d, ['recovery', 2]);
    const vs = validatePlan(plan);
    expectNoRule(vs, 'R7.first-week');
    expectNoRule(vs, 'R11.adaptation');
  });

  it('the lower bound is capped at 0.8 × what the week can hold (baseline 150)', () => {
    const inputs = marathonInputs({ weeklyMileage: 150, preferredDays: [1, 2, 3, 4, 5, 6, 7] });
    const week = (moderate: number): WeekSpec => ({
      1: ['long', 12],
      2: ['moderate', moderate],
      3: ['tempo', 10],
      4: ['moderate', moderate],
      5: ['intervals', 10],
      6: ['moderate', moderate],
      7: ['moderate', moderate],
    });
    // 60 mi: far under 0.7 × 150 = 105, but over 0.8 × 68 = 54.4.
    expect(validatePlan(buildPlan(inputs, MARATHON_PHASES, [week(7)]))).toEqual([]);
    // 50 mi: under 54.4.
    const v = expectRule(validatePlan(buildPlan(inputs, MARATHON_PHASES, [week(4.5)])), 'R7.first-week', 1);
    expect(v.message).toContain('54.4 mi');
  });
});

describe('R8 cutback weeks', () => {
  // A 10-week 5K (race Saturday of week 10) with weeks 1–6 present, none a cutback from week 3 on.
  const inputs = validInputs({ raceDate: dateOfPlanDay(VALID_START, 10, 6) });
  const phases = buildPhases(4, 2, 2, 2);
  const rising: WeekSpec[] = [
    { 2: ['tempo', 5], 4: ['easy', 4], 6: ['easy', 4], 7: ['long', 7] }, // 20
    { 2: ['intervals', 5], 4: ['easy', 4], 6: ['easy', 4], 7: ['long', 8] }, // 21
    { 2: ['tempo', 6], 4: ['easy', 4], 6: ['easy', 4], 7: ['long', 8] }, // 22
    { 2: ['intervals', 6], 4: ['moderate', 5], 6: ['easy', 4], 7: ['long', 8] }, // 23
    { 2: ['tempo', 6], 4: ['moderate', 5], 6: ['easy', 4], 7: ['long', 9] }, // 24
    { 2: ['intervals', 6], 4: ['moderate', 6], 6: ['easy', 4], 7: ['long', 9] }, // 25
  ];

  it('R8.cutback: four weeks (3–6) without a cutback', () => {
    const vs = validatePlan(buildPlan(inputs, phases, rising));
    expect(describeAll(vs)).toBe('R8.cutback@6/-');
    expectRule(vs, 'R8.cutback', 6);
    // Weeks 1–5 alone hold no complete window from week 3.
    expect(validatePlan(buildPlan(inputs, phases, rising.slice(0, 5)))).toEqual([]);
  });

  it('a week at ≤ 90% of the week before satisfies the window', () => {
    const specs = [...rising];
    specs[4] = { 2: ['tempo', 5], 4: ['easy', 4], 6: ['easy', 4], 7: ['long', 7] }; // 20 ≤ 0.9 × 23
    expect(validatePlan(buildPlan(inputs, phases, specs))).toEqual([]);
  });

  it('weeks at the floor satisfy the window', () => {
    const low = lowInputs({ raceDate: dateOfPlanDay(VALID_START, 10, 6) });
    const plan = buildPlan(low, phases, [SEVEN_RECOVERY, SEVEN_RECOVERY, SEVEN_RECOVERY, SEVEN_RECOVERY, SEVEN_RECOVERY, SEVEN_RECOVERY]);
    expect(validatePlan(plan)).toEqual([]);
  });
});

describe('R9 preferred days and hard days', () => {
  it('R9.preferred-day: a preferred day left as rest', () => {
    const plan = validPlan();
    setDay(plan, 2, 4, ['rest']);
    expectRule(validatePlan(plan), 'R9.preferred-day', 2, 4);
  });

  it('with 6–7 preferred days one may rest each week, not two', () => {
    const plan = lowPlan(); // day 7 rests every week
    expectNoRule(validatePlan(plan), 'R9.preferred-day');
    setDay(plan, 2, 3, ['rest']);
    const hits = validatePlan(plan).filter((v) => v.rule === 'R9.preferred-day');
    expect(hits.map((v) => [v.weekNumber, v.dayNumber])).toEqual([[2, 7]]);
  });

  it('rest the rules require does not count against preferred days', () => {
    // Friday preferred: in race week it is the day before the race and must rest; Sunday is after it.
    const plan = validPlan();
    plan.inputs = validInputs({ preferredDays: [2, 4, 5, 6, 7] });
    expectNoRule(validateWeek(plan, 6), 'R9.preferred-day');
    plan.inputs = validInputs({ preferredDays: [2, 3, 4, 6, 7] });
    expectRule(validateWeek(plan, 6), 'R9.preferred-day', 6, 3);
  });

  it('R9.non-preferred: a day the athlete did not choose is rest or recovery', () => {
    const plan = validPlan();
    setDay(plan, 2, 1, ['easy', 3]);
    expectRule(validatePlan(plan), 'R9.non-preferred', 2, 1);

    const recovery = validPlan();
    setDay(recovery, 1, 1, ['recovery', 2]); // week 1: 22 mi, still within R6 and R7
    expect(validatePlan(recovery)).toEqual([]);
  });

  it('the race and its shakeout may fall on days not preferred', () => {
    const plan = validPlan();
    plan.inputs = validInputs({ preferredDays: [1, 2, 3, 7] });
    expectNoRule(validateWeek(plan, 6), 'R9.non-preferred');
    setDay(plan, 6, 6, ['easy', 3]); // not the race any more
    expectRule(validateWeek(plan, 6), 'R9.non-preferred', 6, 6);
  });

  it('R9.hard-count: four hard days in a week', () => {
    const plan = validPlan();
    setDay(plan, 3, 4, ['intervals', 5]);
    setDay(plan, 3, 6, ['tempo', 4]);
    expectRule(validatePlan(plan), 'R9.hard-count', 3);
  });

  it('R9.hard-adjacent: consecutive hard days, within a week and across weeks', () => {
    const plan = validPlan();
    setDay(plan, 3, 6, ['tempo', 4]); // Saturday tempo, Sunday long
    expectRule(validatePlan(plan), 'R9.hard-adjacent', 3, 7);

    const across = validPlan();
    across.inputs = validInputs({ preferredDays: [1, 2, 4, 6, 7] });
    setDay(across, 2, 2, ['easy', 4]);
    setDay(across, 2, 1, ['tempo', 6]); // Monday tempo after Sunday's long run of week 1
    expectRule(validateWeek(across, 2), 'R9.hard-adjacent', 2, 1);
    expectRule(validatePlan(across), 'R9.hard-adjacent', 2, 1);
  });
});

describe('R10 long-run share', () => {
  it('R10.long-share: a long run over 40% of the week', () => {
    const plan = validPlan();
    setDay(plan, 1, 7, ['long', 9]); // 9 of 22
    expect(rulesOf(validatePlan(plan))).toEqual(['R10.long-share']);
    expectRule(validatePlan(plan), 'R10.long-share', 1, 7);
  });

  it('a marathon long run may be half the week', () => {
    const inputs = marathonInputs();
    const spec: WeekSpec = { 2: ['easy', 4], 4: ['moderate', 7], 6: ['easy', 4], 7: ['long', 12] }; // 12 of 27 = 44%
    expectNoRule(validatePlan(buildPlan(inputs, MARATHON_PHASES, [spec])), 'R10.long-share');
    const tooLong = buildPlan(inputs, MARATHON_PHASES, [{ ...spec, 4: ['moderate', 4], 6: ['easy', 3] }]); // 12 of 23
    expectRule(validatePlan(tooLong), 'R10.long-share', 1, 7);
  });
});

describe('R11 adaptation', () => {
  it('R11.adaptation: after a logged week with too few days done', () => {
    const plan = validPlan();
    weekOf(plan, 1).execution = { completedDays: 2, totalMiles: 10 };
    const v = expectRule(validatePlan(plan), 'R11.adaptation', 2); // 22 > max(1.1 × 10 + 2, 8)
    expect(v.message).toContain('13.0 mi');
  });

  it('R11.adaptation: after a logged week with too few miles', () => {
    const plan = validPlan();
    weekOf(plan, 1).execution = { completedDays: 4, totalMiles: 15.9 };
    expectRule(validatePlan(plan), 'R11.adaptation', 2); // 22 > 1.1 × 15.9 + 2
    weekOf(plan, 1).execution = { completedDays: 4, totalMiles: 16 }; // 80% of 20: on plan
    expect(validatePlan(plan)).toEqual([]);
  });

  it('R11.adaptation: no log for two weeks repeats the last logged volume', () => {
    const plan = validPlan();
    weekOf(plan, 1).execution = null;
    weekOf(plan, 2).execution = undefined;
    expectRule(validatePlan(plan), 'R11.adaptation', 3); // 24 > baseline 20

    const logged = validPlan();
    weekOf(logged, 1).execution = { completedDays: 4, totalMiles: 21 };
    delete weekOf(logged, 2).execution;
    delete weekOf(logged, 3).execution;
    const vs = validatePlan(logged);
    expect(vs.filter((v) => v.rule === 'R11.adaptation').map((v) => v.weekNumber)).toEqual([4]); // 25 > 21
    expectRule(vs, 'R11.adaptation', 4);
  });

  it('one missing log leaves the week to R6', () => {
    const plan = validPlan();
    delete weekOf(plan, 2).execution;
    expect(validatePlan(plan)).toEqual([]);
  });

  it('a week at the floor passes', () => {
    const plan = validPlan();
    weekOf(plan, 2).execution = { completedDays: 0, totalMiles: 0 };
    for (const d of [1, 2, 4, 6, 7]) setDay(plan, 3, d, ['recovery', 2]); // 10 on 5 runs > max(2, 8)
    expectNoRule(validatePlan(plan), 'R11.adaptation');
    setDay(plan, 3, 7, ['easy', 3]);
    expectRule(validatePlan(plan), 'R11.adaptation', 3);
  });
});

describe('speed', () => {
  it('validates a 30-week marathon plan well under a millisecond', () => {
    const inputs = marathonInputs({ raceDate: dateOfPlanDay(VALID_START, 30, 7), weeklyMileage: 35 });
    const build: WeekSpec = { 2: ['tempo', 8], 4: ['moderate', 7], 6: ['easy', 5], 7: ['long', 14] };
    const cut: WeekSpec = { 2: ['tempo', 6], 4: ['easy', 5], 6: ['easy', 5], 7: ['long', 10] };
    const specs = Array.from({ length: 30 }, (_, i) => ((i + 1) % 4 === 0 ? cut : build));
    const plan = buildPlan(inputs, buildPhases(12, 8, 7, 3), specs);
    for (let i = 0; i < 50; i += 1) validatePlan(plan);
    const runs = 300;
    const start = performance.now();
    for (let i = 0; i < runs; i += 1) validatePlan(plan);
    const perPlan = (performance.now() - start) / runs;
    expect(perPlan).toBeLessThan(1);
  });
});

describe('coverage of the rule ids', () => {
  it('every rule id has been shown reported by a test above', () => {
    expect(RULE_IDS.filter((id) => !asserted.has(id))).toEqual([]);
  });
});
