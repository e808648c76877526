/**
 * The validator against PLAN-RULES v2, rule id by rule id: for every id a plan that breaks that
 * rule (and, where the rules allow it, only that rule) at the expected week and day, and a plan at
 * the edge that just holds. The plans are the hand-built fixtures of `test/support/plan-fixtures.ts`
 * (a 10-week half marathon, a 12-week marathon and a floor plan), each changed as little as the
 * case needs. The settlements stated in the rule families' headers are tested in their own blocks.
 */
import { describe, expect, it } from 'vitest';
import { dateOfPlanDay, mondayOf } from '../../src/domain/calendar.js';
import { longRunShare, longRunTimeCapMiles, maxQualitySessions } from '../../src/domain/coaching-limits.js';
import { computePaces, predictedPaceAt } from '../../src/domain/paces.js';
import { requiredPeakLong } from '../../src/domain/rules/long-run-rules.js';
import { firstWeekCapacity } from '../../src/domain/rules/volume-rules.js';
import type { Plan, PlanInputs, WeekExecution } from '../../src/domain/schemas.js';
import { formatPace } from '../../src/domain/time.js';
import {
  RULE_IDS,
  adaptationCapOf,
  dayMiles,
  effectiveLog,
  phaseOfWeek,
  totalWeeksOf,
  trainingMiles,
  validatePhases,
  validatePlan,
  validateStart,
  validateWeek,
  weekMiles,
  type RuleId,
  type Violation,
} from '../../src/domain/validator.js';
import {
  FLOOR_WEEK,
  LOW_WEEK_SPECS,
  MARATHON_PHASES,
  VALID_PHASES,
  VALID_START,
  VALID_WEEK_SPECS,
  buildPhases,
  buildPlan,
  buildWeek,
  cruise,
  dayOf,
  easy,
  fartlek,
  hills,
  intervals,
  lap,
  long,
  longFinish,
  lowPlan,
  marathonInputs,
  marathonPlan,
  mediumLong,
  named,
  progression,
  race,
  racePace,
  recovery,
  resyncMiles,
  rest,
  setDay,
  setWeek,
  shakeout,
  strides,
  tempo,
  trainingOf,
  validInputs,
  validPlan,
  weekOf,
  type PaceSpec,
  type SessionSpec,
  type WeekSpec,
} from '../support/plan-fixtures.js';

// ---------------------------------------------------------------------------------------------
// Assertions

// Rule ids some test below has shown reported; the last test checks that none is missing.
const asserted = new Set<string>();

type Hit = readonly [rule: RuleId, weekNumber?: number, dayNumber?: number];

function describeAll(vs: readonly Violation[]): string {
  return vs.map((v) => `${v.rule}@${v.weekNumber ?? '-'}/${v.dayNumber ?? '-'}`).join(', ') || 'none';
}

function matches(v: Violation, [rule, weekNumber, dayNumber]: Hit): boolean {
  return (
    v.rule === rule && (weekNumber === undefined || v.weekNumber === weekNumber) && (dayNumber === undefined || v.dayNumber === dayNumber)
  );
}

/** Asserts that `rule` is reported (at that week and day when given) and returns the violation. */
function expectRule(vs: readonly Violation[], rule: RuleId, weekNumber?: number, dayNumber?: number): Violation {
  asserted.add(rule);
  const hit = vs.find((v) => matches(v, [rule, weekNumber, dayNumber]));
  if (hit === undefined) throw new Error(`expected ${rule} at week ${weekNumber ?? '*'} day ${dayNumber ?? '*'}; got ${describeAll(vs)}`);
  expect(hit.message.length).toBeGreaterThan(10);
  return hit;
}

/** Asserts that the violations are exactly these hits: each reported, nothing else. */
function expectOnly(vs: readonly Violation[], ...hits: Hit[]): void {
  for (const [rule] of hits) asserted.add(rule);
  const unexpected = vs.filter((v) => !hits.some((h) => matches(v, h)));
  const missing = hits.filter((h) => !vs.some((v) => matches(v, h))).map((h) => h.join('@'));
  expect({ unexpected: describeAll(unexpected), missing }).toEqual({ unexpected: 'none', missing: [] });
  for (const v of vs) expect(v.message.length).toBeGreaterThan(10);
}

function expectNoRule(vs: readonly Violation[], rule: RuleId): void {
  expect(describeAll(vs.filter((v) => v.rule === rule))).toBe('none');
}

function expectValid(vs: readonly Violation[]): void {
  expect(describeAll(vs)).toBe('none');
}

// ---------------------------------------------------------------------------------------------
// Plans

const H = computePaces(validInputs());
const M = computePaces(marathonInputs());

type Changes = Readonly<Record<number, WeekSpec>>;

/** `plan` with some days replaced: `{ week: { day: spec } }`. */
function changed(plan: Plan, changes: Changes): Plan {
  for (const [w, spec] of Object.entries(changes))
    for (const [d, day] of Object.entries(spec)) if (day !== undefined) setDay(plan, Number(w), Number(d), day);
  return plan;
}

const half = (changes: Changes = {}, inputs: PlanInputs = validInputs()): Plan => changed(validPlan(inputs), changes);
const marathon = (changes: Changes = {}, inputs: PlanInputs = marathonInputs()): Plan => changed(marathonPlan(inputs), changes);
const low = (changes: Changes = {}): Plan => changed(lowPlan(), changes);

/** The same session with the laps at pace `from` run at `to` instead. */
function paced(spec: SessionSpec, from: PaceSpec, to: string): SessionSpec {
  return { ...spec, work: spec.work.map(([miles, pace]) => [miles, pace === from ? (to as PaceSpec) : (pace ?? null)] as const) };
}

function at(seconds: number): string {
  return formatPace(seconds);
}

/** The first `n` weeks of a plan (a plan in progress). */
function upTo(plan: Plan, n: number): Plan {
  return { ...plan, weeks: plan.weeks.slice(0, n) };
}

function log(completedDays: number, totalMiles: number, days?: WeekExecution['days']): WeekExecution {
  return days === undefined ? { completedDays, totalMiles } : { completedDays, totalMiles, days };
}

/**
 * The first weeks (in progress) of an 18-week marathon for a 55 mi/week runner whose recent long
 * run is 19 mi: a 20-mile long run every week.
 */
const BIG_WEEKS: readonly WeekSpec[] = [
  { 2: hills(9, 8), 3: easy(10), 4: strides(9), 6: long(20), 7: easy(4) },
  { 2: fartlek(9, 6, 0.25), 3: easy(10), 4: strides(9), 6: long(20), 7: easy(5) },
  { 2: hills(9, 10), 3: easy(10), 4: strides(9), 6: long(20), 7: easy(6) },
  { 2: fartlek(9, 8, 0.25), 3: easy(10), 4: strides(9), 6: long(20), 7: easy(7) },
];

function bigMarathon(weeks: readonly WeekSpec[]): Plan {
  const inputs = marathonInputs({
    raceDate: dateOfPlanDay(VALID_START, 18, 7),
    fiveKSeconds: 19 * 60,
    goalTimeSeconds: 185 * 60,
    weeklyMileage: 55,
    recentLongRunMiles: 19,
  });
  return buildPlan(inputs, buildPhases(6, 5, 4, 3), weeks);
}

/**
 * The half marathon with three kinds of work only (strides, hills, intervals): the base keeps its
 * hills and strides, every later quality session is an interval session of its own shape, and the
 * tempo, cruise, race-pace, progression and race-pace-finish days become easy runs and a plain long
 * run. With `keepProgression`, week 8 keeps its progression run (a fourth kind).
 */
function threeKinds(keepProgression = false): Plan {
  return half({
    2: { 2: hills(6, 7) },
    4: { 4: easy(5) },
    5: { 4: easy(6) },
    6: { 4: easy(5) },
    7: { 2: easy(5) },
    8: { 4: keepProgression ? progression(6, 1, 1) : easy(6), 6: long(12) },
    9: { 2: intervals(5, 3, 0.5, 0.25) },
  });
}

// ---------------------------------------------------------------------------------------------

describe('the hand-built plans', () => {
  const plans: readonly (readonly [string, () => Plan])[] = [
    ['half marathon', () => validPlan()],
    ['marathon', () => marathonPlan()],
    ['floor plan', () => lowPlan()],
  ];

  it.each(plans)('the %s has no violation as a whole, week by week, or in its phases and start', (_name, make) => {
    const plan = make();
    expectValid(validatePlan(plan));
    for (let n = 1; n <= plan.weeks.length; n += 1) expectValid(validateWeek(plan, n));
    expectValid(validatePhases(plan.inputs, plan.phases));
    expectValid(validateStart(plan.inputs));
  });

  it.each(plans)('the %s is valid at every stage while in progress', (_name, make) => {
    const plan = make();
    for (let k = 1; k <= plan.weeks.length; k += 1) expectValid(validatePlan(upTo(plan, k)));
  });

  it('the half marathon has the shape its header promises', () => {
    const plan = validPlan();
    expect(plan.weeks.map((w) => trainingMiles(w))).toEqual([26, 28, 30, 26, 31, 35, 29, 36, 26, 10.5].map((x) => expect.closeTo(x, 9)));
    expect(totalWeeksOf(plan.inputs)).toBe(10);
    expect(dayOf(plan, 10, 6).type).toBe('race');
    expect(dayMiles(dayOf(plan, 10, 6))).toBeCloseTo(14.609);
    expect(weekMiles(weekOf(plan, 10))).toBeCloseTo(10.5 + 14.609);
    // Every run day names its session; every workout lap with a pace sits in a zone (no PACE.zone above).
    for (const d of plan.weeks.flatMap((w) => w.days)) {
      if (d.type === 'rest') expect(d.session).toBeUndefined();
      else expect(d.session).toBeDefined();
    }
    expect(H.target).toBe(503);
    expect(M.target).toBe(481);
  });

  it('finds the phase of a week by the cumulative phase lengths', () => {
    expect([0, 1, 3, 4, 6, 7, 8, 9, 10, 11].map((n) => phaseOfWeek(VALID_PHASES, n))).toEqual([
      undefined,
      'base',
      'base',
      'build',
      'build',
      'peak',
      'peak',
      'taper',
      'taper',
      undefined,
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('R1 structure', () => {
  const inputs = validInputs();

  it('R1.phase-order: phases out of order or missing', () => {
    const [base, build, peak, taper] = buildPhases(3, 3, 2, 2);
    if (!base || !build || !peak || !taper) throw new Error('phases');
    expectOnly(validatePhases(inputs, [build, base, peak, taper]), ['R1.phase-order']);
    // A missing phase also leaves the counts short of the plan's 10 weeks.
    expectOnly(validatePhases(inputs, [base, build, peak]), ['R1.phase-order'], ['R1.phase-weeks']);
    const swapped = validPlan();
    swapped.phases = [build, base, peak, taper];
    expectRule(validatePlan(swapped), 'R1.phase-order');
    expectValid(validatePhases(inputs, [base, build, peak, taper]));
  });

  it('R1.phase-weeks: counts not summing to the plan’s weeks, or a phase under one whole week', () => {
    expectOnly(validatePhases(inputs, buildPhases(4, 3, 2, 2)), ['R1.phase-weeks']);
    expectOnly(validatePhases(inputs, buildPhases(3, 0, 5, 2)), ['R1.phase-weeks']);
    expectOnly(validatePhases(inputs, buildPhases(2.5, 3.5, 2, 2)), ['R1.phase-weeks']);
    expectValid(validatePhases(inputs, buildPhases(1, 1, 6, 2)));
  });

  it('R1.taper-length: half 2 weeks, 5k/10k 1–2, marathon 3 (2 under 12 weeks)', () => {
    expectOnly(validatePhases(inputs, buildPhases(4, 3, 2, 1)), ['R1.taper-length']);
    expectOnly(validatePhases(inputs, buildPhases(3, 2, 2, 3)), ['R1.taper-length']);
    const tenK = validInputs({ distance: '10k', distanceMiles: 6.214 });
    expectValid(validatePhases(tenK, buildPhases(4, 3, 2, 1)));
    expectValid(validatePhases(tenK, buildPhases(3, 3, 2, 2)));
    expectOnly(validatePhases(tenK, buildPhases(3, 2, 2, 3)), ['R1.taper-length']);
    const m12 = marathonInputs();
    expectValid(validatePhases(m12, MARATHON_PHASES));
    expectOnly(validatePhases(m12, buildPhases(3, 3, 4, 2)), ['R1.taper-length']);
    const m11 = marathonInputs({ raceDate: dateOfPlanDay(VALID_START, 11, 7) });
    expectValid(validatePhases(m11, buildPhases(3, 3, 3, 2)));
    expectOnly(validatePhases(m11, buildPhases(3, 3, 2, 3)), ['R1.taper-length']);
  });

  it('R1.week-number: a misnumbered week, a week after race week, a week not in the plan', () => {
    const plan = validPlan();
    weekOf(plan, 3).weekNumber = 4;
    expectOnly(validatePlan(plan), ['R1.week-number', 3]);

    const extra = validPlan();
    extra.weeks.push(buildWeek(extra.inputs, 11, 'taper', {}));
    expectOnly(validatePlan(extra), ['R1.week-number', 11]);

    expectOnly(validateWeek(validPlan(), 11), ['R1.week-number', 11]);
    expectOnly(validateWeek(validPlan(), 0), ['R1.week-number', 0]);
    expectOnly(validateWeek(validPlan(), 2.5), ['R1.week-number']);
  });

  it('R1.week-phase: a week marked with another phase than its number falls in', () => {
    const plan = validPlan();
    weekOf(plan, 1).phase = 'build';
    expectOnly(validatePlan(plan), ['R1.week-phase', 1]);
  });
});

describe('R2 calendar', () => {
  it('R2.week-days: a week missing a day or holding its days out of order', () => {
    const swapped = validPlan();
    const days = weekOf(swapped, 4).days;
    const [mon, tue] = days;
    if (!mon || !tue) throw new Error('days');
    days[0] = tue;
    days[1] = mon;
    expectOnly(validatePlan(swapped), ['R2.week-days', 4]);

    const missing = validPlan();
    weekOf(missing, 4).days.splice(0, 1);
    expectRule(validatePlan(missing), 'R2.week-days', 4);

    // Holds: a Friday start's week 1 holds Friday–Sunday only.
    const friday = validInputs({ startDate: '2026-03-06' });
    const plan = buildPlan(friday, [...VALID_PHASES], [{ 6: easy(4), 7: easy(4) }]);
    expectValid(validateWeek(plan, 1));
    // Week 1 of the Monday plan still holds Monday–Thursday: days before the start.
    const whole = validPlan();
    whole.inputs = friday;
    expectRule(validateWeek(whole, 1), 'R2.week-days', 1);
  });

  it('R2.date: a date that is not Monday of the start week + 7(N−1) + (d−1), or no date at all', () => {
    const plan = validPlan();
    dayOf(plan, 2, 4).date = '2026-03-13';
    expectOnly(validatePlan(plan), ['R2.date', 2, 4]);
    for (const bad of ['2026-02-30', '2026-3-10', '2026-03-10T00:00', '']) {
      const p = validPlan();
      dayOf(p, 1, 1).date = bad;
      expectOnly(validatePlan(p), ['R2.date', 1, 1]);
    }
  });

  it('R2.date holds across a year end and a leap day', () => {
    for (const monday of [mondayOf('2027-12-20'), mondayOf('2028-02-21'), mondayOf('2100-02-22')]) {
      const inputs = validInputs({ startDate: monday, raceDate: dateOfPlanDay(monday, 10, 6) });
      expectValid(validatePlan(validPlan(inputs)));
    }
  });

  it('R2.day-of-week: a weekday name that does not name the date', () => {
    const plan = validPlan();
    dayOf(plan, 3, 6).dayOfWeek = 'Friday';
    expectOnly(validatePlan(plan), ['R2.day-of-week', 3, 6]);
  });

  it('R2.race-day: the race date not a race, a race on another date, or no day for the race date', () => {
    expectOnly(validatePlan(half({ 10: { 6: easy(4) } })), ['R2.race-day', 10, 6]);
    // A second race on the Sunday after the race is also a run after the race.
    expectOnly(validatePlan(half({ 10: { 7: race() } })), ['R2.race-day', 10, 7], ['R2.after-race', 10, 7]);
    // A race week without the race date also misses a day (R2.week-days).
    const missing = validPlan();
    weekOf(missing, 10).days.splice(5, 1);
    expectOnly(validatePlan(resyncMiles(missing)), ['R2.race-day', 10, 6], ['R2.week-days', 10]);
  });

  it('R2.after-race: a run after the race', () => {
    expectOnly(validatePlan(half({ 10: { 7: recovery(2) } })), ['R2.after-race', 10, 7]);
  });

  it('R2.late-start: a Friday–Sunday start moves to the Monday after unless that breaks the shortest plan', () => {
    for (const start of ['2026-03-06', '2026-03-07', '2026-03-08']) {
      expectOnly(validateStart(validInputs({ startDate: start })), ['R2.late-start']);
    }
    expectValid(validateStart(validInputs({ startDate: '2026-03-05' }))); // Thursday
    // Friday start of a half whose race is 8 calendar weeks on: from the Monday after only 7 remain.
    const short = validInputs({ startDate: '2026-03-06', raceDate: dateOfPlanDay('2026-03-06', 8, 6) });
    expectValid(validateStart(short));
    // One week more: the Monday after leaves 8, the shortest half plan.
    expectOnly(validateStart(validInputs({ startDate: '2026-03-06', raceDate: dateOfPlanDay('2026-03-06', 9, 6) })), ['R2.late-start']);
    // validatePlan reports it too.
    const friday = validInputs({ startDate: '2026-03-06' });
    const plan = buildPlan(friday, [...VALID_PHASES], [{ 6: easy(4), 7: easy(4) }, ...VALID_WEEK_SPECS.slice(1)]);
    expectOnly(validatePlan(plan), ['R2.late-start']);
  });

  it('R2.first-week: week 1 only rest', () => {
    // A Saturday start kept (say, for the minimum length) with weekday runs: week 1 is Sat–Sun.
    const inputs = validInputs({ startDate: '2026-03-07', preferredDays: [1, 2, 3, 4, 5], longRunDay: undefined });
    expectOnly(validateWeek(buildPlan(inputs, [...VALID_PHASES], [{}]), 1), ['R2.first-week', 1]);
    expectValid(validateWeek(buildPlan(inputs, [...VALID_PHASES], [{ 7: recovery(2) }]), 1));
  });
});

describe('R3 laps', () => {
  it('R3.rest-empty: a rest day with laps', () => {
    const plan = validPlan();
    dayOf(plan, 2, 1).workout = [lap(1, 1)];
    expectOnly(validatePlan(resyncMiles(plan)), ['R3.rest-empty', 2, 1]);
  });

  it('R3.warmup: missing, two laps, under 0.5 or over 1.0 mi, or paced', () => {
    const cases: ((p: Plan) => void)[] = [
      (p) => (dayOf(p, 2, 3).warmup = []),
      (p) => (dayOf(p, 2, 3).warmup = [lap(1, 0.5), lap(2, 0.5)]),
      (p) => (dayOf(p, 2, 3).warmup = [lap(1, 0.4)]),
      (p) => (dayOf(p, 2, 3).warmup = [lap(1, 1.1)]),
      (p) => (dayOf(p, 2, 3).warmup = [lap(1, 0.5, at(H.easy))]),
    ];
    for (const change of cases) {
      const plan = validPlan();
      change(plan);
      expectOnly(validatePlan(resyncMiles(plan)), ['R3.warmup', 2, 3]);
    }
    const edge = validPlan();
    dayOf(edge, 2, 3).warmup = [lap(1, 1.0)];
    expectValid(validatePlan(resyncMiles(edge)));
  });

  it('R3.cooldown: missing, too short or too long', () => {
    for (const laps of [[], [lap(1, 0.3)], [lap(1, 1.2)]]) {
      const plan = validPlan();
      dayOf(plan, 2, 7).cooldown = laps;
      expectOnly(validatePlan(resyncMiles(plan)), ['R3.cooldown', 2, 7]);
    }
  });

  it('R3.workout: a run day with no workout lap', () => {
    const plan = validPlan();
    const day = dayOf(plan, 4, 7);
    day.warmup = [lap(1, 1)];
    day.workout = [];
    day.cooldown = [lap(1, 1)];
    expectOnly(validatePlan(resyncMiles(plan)), ['R3.workout', 4, 7]);
  });

  it('R3.lap-index: laps not numbered 1, 2, 3… within each part', () => {
    const plan = validPlan();
    const laps = dayOf(plan, 4, 2).workout;
    const [first, second] = laps;
    if (!first || !second) throw new Error('laps');
    first.lapIndex = 2;
    second.lapIndex = 1;
    expectOnly(validatePlan(plan), ['R3.lap-index', 4, 2]);
  });

  it('R3.lap-distance: zero, not finite, or over 30 mi; the race lap may run to 31', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const plan = validPlan();
      dayOf(plan, 3, 3).workout = [...dayOf(plan, 3, 3).workout, lap(2, bad)];
      expectRule(validatePlan(resyncMiles(plan)), 'R3.lap-distance', 3, 3);
    }
    const zero = validPlan();
    dayOf(zero, 3, 3).workout = [...dayOf(zero, 3, 3).workout, lap(2, 0)];
    expectOnly(validatePlan(resyncMiles(zero)), ['R3.lap-distance', 3, 3]);

    const custom = validPlan(validInputs({ distance: '31 mi', distanceMiles: 31 }));
    expect(dayOf(custom, 10, 6).workout[0]?.distanceMiles).toBe(31);
    expectNoRule(validateWeek(custom, 10), 'R3.lap-distance');
    const overlong = validPlan(validInputs({ distance: '31 mi', distanceMiles: 31 }));
    dayOf(overlong, 3, 3).workout = [...dayOf(overlong, 3, 3).workout, lap(2, 30.5)];
    expectRule(validatePlan(resyncMiles(overlong)), 'R3.lap-distance', 3, 3);
  });

  it('R3.pace-format: M:SS with seconds 00–59 only', () => {
    for (const bad of ['8:1', '8:60', '8.10', '123:00', 'fast']) {
      expectOnly(validatePlan(half({ 4: { 4: paced(tempo(5, 2.5), 'T', bad) } })), ['R3.pace-format', 4, 4]);
    }
    expectValid(validatePlan(half({ 4: { 4: paced(tempo(5, 2.5), 'T', at(H.threshold)) } })));
  });
});

describe('R4 day types and sessions', () => {
  it('R4.session: a run day naming no session, a session its type does not allow, a rest day naming one', () => {
    expectOnly(validatePlan(half({ 3: { 3: named(easy(5, 'E'), undefined) } })), ['R4.session', 3, 3]);
    expectOnly(validatePlan(half({ 4: { 4: named(tempo(5, 2.5), 'intervals') } })), ['R4.session', 4, 4]);
    const rest = validPlan();
    dayOf(rest, 2, 1).session = 'easy';
    expectOnly(validatePlan(rest), ['R4.session', 2, 1]);
    // Every session kind the fixtures use is allowed for its type (the fixtures are valid).
    const kinds = new Set(validPlan().weeks.flatMap((w) => w.days.map((d) => d.session)));
    expect([...kinds].filter((k) => k !== undefined).sort()).toEqual(
      [
        'cruise-intervals',
        'easy',
        'fartlek',
        'hills',
        'intervals',
        'long',
        'long-race-pace-finish',
        'medium-long',
        'progression',
        'race',
        'race-pace',
        'shakeout',
        'strides',
        'tempo',
      ].sort(),
    );
  });

  it('R4.day-miles: an easy day over max(5, 20% of the week)', () => {
    // Week 2 keeps its 28 miles: 5.6 is 20% of it.
    expectOnly(validatePlan(half({ 2: { 3: easy(6), 7: easy(2) } })), ['R4.day-miles', 2, 3]);
    expectValid(validatePlan(half({ 2: { 3: easy(5.6), 7: easy(2.4) } })));
  });

  it('R4.run-zero: a run day with no laps (which also has no warmup, cooldown or workout)', () => {
    const plan = validPlan();
    const day = dayOf(plan, 9, 7);
    day.warmup = [];
    day.workout = [];
    day.cooldown = [];
    expectOnly(
      validatePlan(resyncMiles(plan)),
      ['R4.run-zero', 9, 7],
      ['R4.day-miles', 9, 7],
      ['R3.warmup', 9, 7],
      ['R3.workout', 9, 7],
      ['R3.cooldown', 9, 7],
    );
  });

  it('R4.medium-long: a medium-long run over 75% of the week’s long run', () => {
    // Week 6: 9 mi medium-long, 12 mi long run (exactly 75%, the fixture). An 11.9 long run breaks it.
    expectOnly(validatePlan(half({ 6: { 6: long(11.9) } })), ['R4.medium-long', 6, 3]);
    // A week without a long run has no room for a medium-long run.
    const v = expectRule(validatePlan(half({ 10: { 2: mediumLong(4) } })), 'R4.medium-long', 10, 2);
    expect(v.message).toContain('without a long run');
  });

  it('a moderate day with a lap faster than easy is a quality day (and off its zone)', () => {
    const vs = validatePlan(half({ 6: { 3: mediumLong(9, 'T') } }));
    expectOnly(vs, ['PACE.zone', 6, 3], ['C1.quality-count', 6], ['C1.key-adjacent', 6, 3], ['C1.key-adjacent', 6, 4]);
  });

  it('R4.strides: 4–8 strides of 15–20 s at R pace', () => {
    for (const spec of [strides(5, 3), strides(5, 9), strides(5, 6, 22), strides(5, 6, 13)]) {
      expectOnly(validatePlan(half({ 1: { 4: spec } })), ['R4.strides', 1, 4]);
    }
    for (const spec of [strides(5, 4), strides(5, 8), strides(5, 6, 15), strides(5, 6, 20)]) {
      expectValid(validatePlan(half({ 1: { 4: spec } })));
    }
  });

  it('R4.race: one lap of the race distance at target race pace', () => {
    const target = at(H.target);
    const cases: [number, string][][] = [
      [[13.0, target]],
      [[13.109, at(H.target + 2)]],
      [
        [6.5, target],
        [6.609, target],
      ],
    ];
    for (const laps of cases) {
      const plan = validPlan();
      dayOf(plan, 10, 6).workout = laps.map(([miles, pace], i) => lap(i + 1, miles, pace));
      expectOnly(validatePlan(resyncMiles(plan)), ['R4.race', 10, 6]);
    }
    for (const laps of [[[13.1, at(H.target + 1)]], [[13.119, at(H.target - 1)]]] as [number, string][][]) {
      const plan = validPlan();
      dayOf(plan, 10, 6).workout = laps.map(([miles, pace], i) => lap(i + 1, miles, pace));
      expectValid(validatePlan(resyncMiles(plan)));
    }
  });
});

describe('C-paces: every lap in a zone its session allows', () => {
  it('PACE.zone: an easy lap at threshold pace', () => {
    expectOnly(validatePlan(half({ 3: { 3: easy(5, 'T') } })), ['PACE.zone', 3, 3]);
  });

  it('the easy range is f 0.62–0.74, a second either side; recovery may be slower', () => {
    for (const bad of [H.easyFast - 2, H.easySlow + 2]) {
      expectOnly(validatePlan(half({ 3: { 3: easy(5, at(bad) as PaceSpec) } })), ['PACE.zone', 3, 3]);
    }
    for (const ok of [H.easyFast - 1, H.easySlow + 1]) expectValid(validatePlan(half({ 3: { 3: easy(5, at(ok) as PaceSpec) } })));
    const slowRecovery: SessionSpec = { ...recovery(2), work: [[1, at(H.easySlow + 60) as PaceSpec]] };
    expectValid(validatePlan(half({ 9: { 1: slowRecovery } })));
  });

  it('threshold laps within 2% (+1 s) of T pace; interval laps of I; long runs easy unless a race-pace finish', () => {
    const band = 0.02 * H.threshold + 1;
    for (const bad of [Math.floor(H.threshold - band), Math.ceil(H.threshold + band)]) {
      expectOnly(validatePlan(half({ 4: { 4: paced(tempo(5, 2.5), 'T', at(bad)) } })), ['PACE.zone', 4, 4]);
    }
    for (const ok of [Math.ceil(H.threshold - band), Math.floor(H.threshold + band)]) {
      expectValid(validatePlan(half({ 4: { 4: paced(tempo(5, 2.5), 'T', at(ok)) } })));
    }
    expectOnly(validatePlan(half({ 4: { 2: paced(intervals(6, 4, 0.5, 0.25), 'I', at(H.repetition)) } })), ['PACE.zone', 4, 2]);
    expectOnly(validatePlan(half({ 6: { 4: paced(racePace(5, 3), 'target', at(H.threshold)) } })), ['PACE.zone', 6, 4]);
    expectOnly(validatePlan(half({ 8: { 6: named(longFinish(12, 2), 'long') } })), ['PACE.zone', 8, 6]);
  });
});

describe('R5 race week and taper', () => {
  it('R5.rest-before-race: the day before the race runs', () => {
    expectOnly(validatePlan(half({ 10: { 5: recovery(2) } })), ['R5.rest-before-race', 10, 5]);
  });

  it('R5.shakeout: two days before the race is a 2–4 mi shakeout', () => {
    expectOnly(validatePlan(half({ 10: { 4: easy(2.5) } })), ['R5.shakeout', 10, 4]);
    // 4.5 miles is within R4's 2–5 for a shakeout day, but not R5's 2–4 two days before the race.
    expectOnly(validatePlan(half({ 10: { 4: shakeout(4.5) } })), ['R5.shakeout', 10, 4]);
    expectValid(validatePlan(half({ 10: { 4: shakeout(4) } })));
    expectValid(validatePlan(half({ 10: { 4: shakeout(2) } })));
  });

  it('R5.race-week-hard: no tempo, intervals or long run in race week', () => {
    expectOnly(validatePlan(half({ 10: { 2: tempo(4, 1.5) } })), ['R5.race-week-hard', 10, 2]);
    expectOnly(validatePlan(half({ 10: { 2: intervals(4, 3, 0.4, 0.2) } })), ['R5.race-week-hard', 10, 2]);
    // A long run on Tuesday is also off the athlete's long-run day.
    expectOnly(validatePlan(half({ 10: { 2: long(4) } })), ['R5.race-week-hard', 10, 2], ['R9.long-day', 10, 2]);
  });

  it('R5.taper-growth: a taper week bigger than the week before', () => {
    // Week 9 at the floor (10 mi); race week 11.5 grows from it.
    // (Week 9 cannot grow from week 8 within R5's 80% of the peak, which week 8 is.)
    expectOnly(validatePlan(half({ 9: FLOOR_WEEK, 10: { 2: strides(5), 3: easy(4) } })), ['R5.taper-growth', 10]);
    expectValid(validatePlan(half({ 9: FLOOR_WEEK, 10: { 2: strides(4), 3: easy(3.5) } }))); // 10 = 10
  });

  it('R5.pre-race-week: the full week before race week over 80% of the peak week', () => {
    // Peak 36 → 28.8. Week 9: 5 + 5.6 + 5.6 + 7 + 5.8 = 29.
    expectOnly(validatePlan(half({ 9: { 3: easy(5.6), 4: strides(5.6), 7: easy(5.8) } })), ['R5.pre-race-week', 9]);
    expectValid(validatePlan(half({ 9: { 3: easy(5.6), 4: strides(5.6), 7: easy(5.6) } })));
  });

  it('R5.race-week: race week without the race over 60% of the peak week', () => {
    // The floor plan with long runs of 4 and 5 in weeks 7–8 (peak 13 → 7.8).
    const base: Record<number, WeekSpec> = { 7: { 6: long(4) }, 8: { 6: long(5) }, 10: { 1: recovery(2) } };
    // 8 mi on 4 runs is at the floor (settled: R5 holds).
    expectValid(validatePlan(low(base)));
    expectOnly(validatePlan(low({ ...base, 10: { 1: recovery(2), 2: easy(3) } })), ['R5.race-week', 10]);
  });
});

describe('R6 progression', () => {
  it('R6.progression: over 1.10 × the larger of the two weeks before + 1', () => {
    // Week 2 after 26 and the 25 mi baseline: at most 29.6.
    expectOnly(validatePlan(half({ 2: { 7: easy(5.7) } })), ['R6.progression', 2]);
    expectValid(validatePlan(half({ 2: { 7: easy(5.6) } })));
  });

  it('R6.progression: over 1.30 × the week before, within the 1.10 clause', () => {
    // Week 5 after the 26 mi cutback: 1.3 × 26 = 33.8 (the 1.10 clause allows 34).
    const vs = validatePlan(half({ 5: { 3: easy(6.5), 7: easy(4.4) } }));
    expectOnly(vs, ['R6.progression', 5]);
    const v = expectRule(vs, 'R6.progression', 5);
    expect(v.message).toContain('1.3');
    expectValid(validatePlan(half({ 5: { 3: easy(6.5), 7: easy(4.3) } })));
  });

  it('a partial week 1 counts as the baseline for week 2', () => {
    // Friday start: week 1 is 8 mi on two days; week 2 (28, over 1.3 × 8) grows from the 25 mi
    // baseline. Week 2 is also R7's first week, whose upper bound is the same 1.1 × 25 + 1.
    const friday = validInputs({ startDate: '2026-03-06' });
    const plan = buildPlan(friday, [...VALID_PHASES], [{ 6: easy(4), 7: easy(4) }, ...VALID_WEEK_SPECS.slice(1)]);
    expectValid(validateWeek(plan, 2));
    setDay(plan, 2, 7, easy(4.6)); // 28.6 > 1.1 × 25 + 1
    expectOnly(validateWeek(plan, 2), ['R6.progression', 2], ['R7.first-week', 2]);
  });
});

describe('R7 the first week', () => {
  const small: WeekSpec = { 2: hills(4, 6), 3: easy(2), 4: strides(3.5), 6: long(6), 7: easy(2) }; // 17.5

  it('R7.first-week: under 0.7 × baseline', () => {
    expectValid(validatePlan(buildPlan(validInputs(), [...VALID_PHASES], [small])));
    expectOnly(validatePlan(buildPlan(validInputs(), [...VALID_PHASES], [{ ...small, 4: strides(3.4) }])), ['R7.first-week', 1]);
  });

  it('R7.first-week: over 1.1 × baseline + 1 (which is R6’s bound on week 1 too)', () => {
    // Week 1 has the baseline for both weeks before it, so R6 reports the same week.
    expectOnly(validatePlan(half({ 1: { 3: easy(5.3), 7: easy(5.3) } })), ['R7.first-week', 1], ['R6.progression', 1]);
    expectValid(validatePlan(half({ 1: { 3: easy(5.3), 7: easy(5.2) } })));
  });

  it('a week 1 of 4–6 days is held to the bounds scaled by its days', () => {
    // Thursday start: 4 of 7 days → 10–16.3 mi.
    const inputs = validInputs({ startDate: '2026-03-05' });
    expectValid(validateWeek(buildPlan(inputs, [...VALID_PHASES], [{ 4: strides(5), 6: long(6), 7: easy(5) }]), 1));
    expectOnly(validateWeek(buildPlan(inputs, [...VALID_PHASES], [{ 4: strides(5), 6: long(6.5), 7: easy(5) }]), 1), ['R7.first-week', 1]);
  });

  it('week 2 is the first week when week 1 has fewer than 4 days', () => {
    const friday = validInputs({ startDate: '2026-03-06' });
    const plan = buildPlan(
      friday,
      [...VALID_PHASES],
      [
        { 6: easy(2), 7: easy(2) },
        { ...small, 4: strides(3.4) },
      ],
    );
    expectOnly(validatePlan(plan), ['R2.late-start'], ['R7.first-week', 2]);
  });
});

describe('R8 cutbacks', () => {
  it('R8.cutback: no week of four (3–6) is ≤ 90% of the week before with its long run ≤ 85% of the one before', () => {
    // Week 4's long run of 8.6 is over 85% of week 3's 10: week 4 is no cutback.
    const vs = validatePlan(half({ 4: { 6: long(8.6) } }));
    expectOnly(vs, ['R8.cutback', 6]);
    const v = expectRule(vs, 'R8.cutback', 6);
    expect(v.message).toContain('weeks 3–6');
    expectValid(validatePlan(half({ 4: { 6: long(8.5) } })));
    // Week 4 at 27.1 is over 90% of 30.
    expectOnly(validatePlan(half({ 4: { 7: easy(4.1) } })), ['R8.cutback', 6]);
    expectValid(validatePlan(half({ 4: { 7: easy(4) } })));
  });

  it('R8 needs four weeks present: weeks 1–5 of that plan hold no window', () => {
    const plan = half({ 4: { 6: long(8.6) } });
    expectValid(validatePlan(upTo(plan, 5)));
    expectValid(validateWeek(plan, 5));
    expectOnly(validateWeek(plan, 6), ['R8.cutback', 6]);
  });

  it('settlement: R8 windows start at week 3, so weeks 2–5 without a cutback are reported at week 6, not 5', () => {
    // PLAN-RULES R8: "among any four consecutive full weeks outside the taper one is ≤ 90% of the
    // week before". The settlement in volume-rules.ts starts the windows at week 3: weeks 1–2 hold
    // the athlete at their own volume. Here weeks 2–5 (28, 30, 31, 33) hold no cutback; week 6
    // (29, long run 10 after 12) is the first, so the window 3–6 holds.
    const plan = half({
      4: { 3: easy(5), 6: long(11), 7: easy(4) },
      5: { 3: easy(6), 6: long(12) },
      6: { 2: intervals(5, 5, 0.4, 0.2), 3: easy(5), 6: long(10), 7: easy(4) },
      7: { 3: easy(6), 6: long(11), 7: easy(5) },
    });
    expect(plan.weeks.slice(1, 6).map((w) => trainingOf(w))).toEqual([28, 30, 31, 33, 29].map((x) => expect.closeTo(x, 9)));
    expectValid(validatePlan(plan));
  });
});

describe('R9 preferred days', () => {
  it('R9.preferred-day: a preferred day left as rest', () => {
    expectOnly(validatePlan(half({ 9: { 7: rest() } })), ['R9.preferred-day', 9, 7]);
  });

  it('with 6–7 preferred days one may rest each week, not two', () => {
    const six = validInputs({ preferredDays: [1, 2, 3, 4, 6, 7] });
    expectValid(validatePlan(validPlan(six))); // Monday rests every week
    expectOnly(validatePlan(half({ 9: { 7: rest() } }, six)), ['R9.preferred-day', 9, 7]);
  });

  it('R9.non-preferred: a day the athlete did not choose is rest or recovery', () => {
    expectOnly(validatePlan(half({ 9: { 1: easy(2) } })), ['R9.non-preferred', 9, 1]);
    expectValid(validatePlan(half({ 9: { 1: recovery(2) } })));
    // The shakeout two days before the race may fall on a day not chosen (the marathon's Friday).
    expect(marathonInputs().preferredDays).not.toContain(5);
    expect(dayOf(marathonPlan(), 12, 5).type).toBe('shakeout');
  });

  it('R9.long-day: the long run on the athlete’s long-run day', () => {
    expectOnly(validatePlan(half({ 2: { 6: easy(4), 7: long(9) } })), ['R9.long-day', 2, 7]);
    expectValid(validatePlan(half({ 2: { 6: easy(4), 7: long(9) } }, validInputs({ longRunDay: undefined }))));
  });

  it('R9.quality-day: a quality session off the athlete’s quality days while one was free; the rules may close one', () => {
    // The plan's sessions are on Tuesday, and Thursday in weeks 4–8.
    expectValid(validatePlan(half({}, validInputs({ qualityDays: [2, 4] }))));
    // Thursday alone: the base weeks' and week 9's Tuesday session could have been on Thursday (a
    // 5 mi strides run); weeks 4–8 have Thursday's session already.
    const thursday = [1, 2, 3, 9].map((n): Hit => ['R9.quality-day', n, 2]);
    expectOnly(validatePlan(half({}, validInputs({ qualityDays: [4] }))), ...thursday);
    // Wednesday: free in the same weeks, but between the two sessions of weeks 4–8 (C1 wins).
    expectOnly(validatePlan(half({}, validInputs({ qualityDays: [3] }))), ...thursday);
    // A week with a day the athlete moved is theirs.
    const moved = half({}, validInputs({ qualityDays: [4] }));
    const wednesday = moved.weeks[0]?.days.find((d) => d.dayNumber === 3);
    if (wednesday) wednesday.movedFrom = 5;
    expectOnly(validatePlan(moved), ...thursday.slice(1));
  });
});

describe('R10 the long run’s share', () => {
  it('R10.long-share: a half-marathon long run over 40% of its week', () => {
    // Week 8 at 29.9 with its 12 mi long run (40% is 11.96).
    expectOnly(validatePlan(half({ 8: { 3: easy(2), 7: easy(3.9) } })), ['R10.long-share', 8, 6]);
    expectValid(validatePlan(half({ 8: { 3: easy(2), 7: easy(4) } })));
  });

  it('a marathon long run may be 45% of a week under 50 mi, 40% from 50', () => {
    expect([
      longRunShare('5k', 30),
      longRunShare('10k', 30),
      longRunShare('half', 60),
      longRunShare('marathon', 49.9),
      longRunShare('marathon', 50),
    ]).toEqual([0.35, 0.35, 0.4, 0.45, 0.4]);
    // Week 9 of the marathon: 18 of 45 (40%). With Sunday at 3, 18 of 42 is 42.9%: held at 45%.
    expectValid(validatePlan(marathon({ 9: { 7: easy(3) } })));
    // The 55 mi/week marathoner's week 2: a 21-mile long run in 45 mi is over 45%; in 50 mi over
    // 40%; in 49.9 mi within 45%.
    const week = (sunday: number, wednesday = 8): WeekSpec => ({
      2: fartlek(9, 6, 0.25),
      3: easy(wednesday),
      4: strides(wednesday),
      6: long(21),
      7: easy(sunday),
    });
    expectOnly(validatePlan(bigMarathon([BIG_WEEKS[0] as WeekSpec, week(3, 6)])), ['R10.long-share', 2, 6]);
    expectOnly(validatePlan(bigMarathon([BIG_WEEKS[0] as WeekSpec, week(4)])), ['R10.long-share', 2, 6]);
    expectValid(validatePlan(bigMarathon([BIG_WEEKS[0] as WeekSpec, week(3.9)])));
  });
});

describe('R11 adaptation', () => {
  it('R11.adaptation: the week after one logged poor is at most max(1.1 × logged + 2, floor)', () => {
    // Week 7 (29 mi, 5 runs) logged at 3 runs and 20 mi: week 8 ≤ 24.
    const plan = validPlan();
    weekOf(plan, 7).execution = log(3, 20);
    const vs = validatePlan(plan);
    expectOnly(vs, ['R11.adaptation', 8]);
    const v = expectRule(vs, 'R11.adaptation', 8);
    expect(v.message).toContain('24.0 mi');
    expect(v.message).toContain('week 7 was logged at 3 of 5 run days');
    // Poor by miles alone: 23 of 29.
    weekOf(plan, 7).execution = log(5, 23);
    expectOnly(validatePlan(plan), ['R11.adaptation', 8]);
    // 80% of the runs and 80% of the miles is on plan.
    weekOf(plan, 7).execution = log(4, 0.8 * 29);
    expectValid(validatePlan(plan));
  });

  it('a week not logged counts as done as planned: no cap', () => {
    const plan = validPlan();
    weekOf(plan, 7).execution = null;
    expectValid(validatePlan(plan));
    expect(adaptationCapOf(plan.inputs, plan.weeks, 8)).toBeUndefined();
  });

  it('Done/Skipped marks are a partial log: a skipped day is missed, an unmarked one done', () => {
    const plan = validPlan();
    // Tuesday (5) and Saturday (10) skipped: 3 of 5 runs, 14 of 29 mi → week 8 ≤ 17.4.
    weekOf(plan, 7).execution = log(5, 29, [
      { dayNumber: 2, status: 'skipped' },
      { dayNumber: 6, status: 'skipped' },
    ]);
    expect(effectiveLog(weekOf(plan, 7))).toMatchObject({ completedDays: 3, miles: 14, fromMarks: true });
    const v = expectRule(validatePlan(plan), 'R11.adaptation', 8);
    expect(v.message).toContain('Done/Skipped');
    expect(v.message).toContain('17.4 mi');
    // One Done mark, nothing else marked: the totals logged with it do not count, the marks do.
    weekOf(plan, 7).execution = log(0, 0, [{ dayNumber: 2, status: 'done' }]);
    expectValid(validatePlan(plan));
    // Sunday (4 mi) skipped: 4 of 5 runs, 25 of 29 mi: on plan. A skipped rest day counts for nothing.
    weekOf(plan, 7).execution = log(0, 0, [
      { dayNumber: 7, status: 'skipped' },
      { dayNumber: 1, status: 'skipped' },
    ]);
    expectValid(validatePlan(plan));
  });

  it('the return after a poor week: R6 measured from before it, its 1.30 clause lifted', () => {
    // Week 4 logged poor (3 runs, 14 mi) caps week 5 at 17.4; week 5 runs 17. Weeks 6–8 return to
    // 33, 29 and 34: within 1.1 × 30 + 1 (weeks 2–3 before the poor week), though 33 > 1.3 × 17.
    const changes: Record<number, WeekSpec> = {
      5: { 2: easy(3), 3: easy(3), 4: easy(3), 6: long(5), 7: easy(3) },
      6: { 3: mediumLong(7) },
      8: { 3: easy(4) },
    };
    const plan = half(changes);
    weekOf(plan, 4).execution = log(3, 14);
    expectValid(validatePlan(plan));
    // Without the poor log the same weeks break R6's 1.30 clause at week 6.
    const unlogged = half(changes);
    expectOnly(validatePlan(unlogged), ['R6.progression', 6]);
    // The return is still bounded: 34.1 in week 6 is over 1.1 × 30 + 1.
    const over = half({ ...changes, 6: { 3: mediumLong(8.1) } });
    weekOf(over, 4).execution = log(3, 14);
    const overs = validatePlan(over);
    expectOnly(overs, ['R6.progression', 6]);
    const v = expectRule(overs, 'R6.progression', 6);
    expect(v.message).toContain('returning from week 4');
  });

  it('the cap never goes under the floor, and a week at the floor is never over it', () => {
    const plan = lowPlan();
    weekOf(plan, 5).execution = log(0, 0);
    expect(adaptationCapOf(plan.inputs, plan.weeks, 6)?.limit).toBe(10);
    expectValid(validatePlan(plan));
  });
});

describe('C1 hard days', () => {
  it('C1.quality-count: two quality sessions in a base week', () => {
    expectOnly(validatePlan(half({ 2: { 3: strides(4), 4: hills(5, 6) } })), ['C1.quality-count', 2]);
  });

  it('C1.quality-count: at most one in build and peak, none in base, under 15 mi/week', () => {
    const novice = validPlan(validInputs({ weeklyMileage: 14 }));
    expectOnly(validateWeek(novice, 4), ['C1.quality-count', 4]);
    expectRule(validateWeek(novice, 1), 'C1.quality-count', 1);
    expect(['base', 'build', 'peak', 'taper'].map((p) => maxQualitySessions(p as 'base', 25, 5))).toEqual([1, 2, 2, 1]);
    expect(['base', 'build', 'peak', 'taper'].map((p) => maxQualitySessions(p as 'base', 14, 5))).toEqual([0, 1, 1, 1]);
    expect(['base', 'build', 'peak', 'taper'].map((p) => maxQualitySessions(p as 'base', 25, 3))).toEqual([1, 1, 1, 1]);
  });

  it('C1.base-kind: base quality is hills or fartlek only', () => {
    expectOnly(validatePlan(half({ 1: { 2: intervals(5, 4, 0.5, 0.25) } })), ['C1.base-kind', 1, 2]);
    expectOnly(validatePlan(half({ 3: { 2: tempo(6, 2.5) } })), ['C1.base-kind', 3, 2]);
  });

  it('C1.pre-race: no quality session in the 3 days before the race', () => {
    // With the race on Saturday the 3 days before it are in race week, which R5 keeps free of tempo
    // and intervals; the only other quality day, a fast medium-long run, is off its zone (PACE.zone).
    expectOnly(validatePlan(half({ 10: { 3: tempo(4, 1.5) } })), ['C1.pre-race', 10, 3], ['R5.race-week-hard', 10, 3]);
    expectOnly(
      validatePlan(half({ 10: { 3: mediumLong(4, 'T') } })),
      ['C1.pre-race', 10, 3],
      ['PACE.zone', 10, 3],
      ['R4.medium-long', 10, 3],
    );
  });

  it('C1.key-adjacent: two key days in a row, within a week', () => {
    expectOnly(validatePlan(half({ 5: { 3: cruise(6, 3, 1), 4: easy(5) } })), ['C1.key-adjacent', 5, 3]);
  });

  it('C1.key-adjacent: across the week boundary (Sunday long run, Monday fartlek)', () => {
    const inputs = validInputs({ preferredDays: [1, 2, 3, 4, 6, 7], longRunDay: undefined });
    const plan = half({ 1: { 6: easy(4), 7: long(8) }, 2: { 1: fartlek(6, 6, 0.25), 2: rest() } }, inputs);
    expectOnly(validatePlan(plan), ['C1.key-adjacent', 2, 1]);
    expectOnly(validateWeek(plan, 2), ['C1.key-adjacent', 2, 1]);
    expectValid(validatePlan(half({ 1: { 6: easy(4), 7: long(8) } }, inputs)));
  });
});

describe('C2 intensity volume', () => {
  it('C2.threshold: T-pace miles over max(10% of the week, 2)', () => {
    expectOnly(validatePlan(half({ 4: { 4: tempo(5, 2.7) } })), ['C2.threshold', 4]);
    expectValid(validatePlan(half({ 4: { 4: tempo(5, 2.6) } })));
  });

  it('C2.interval: I-pace miles over max(8% of the week, 1.5)', () => {
    expectOnly(validatePlan(half({ 5: { 2: intervals(6, 4, 0.65, 0.35) } })), ['C2.interval', 5]);
    expectValid(validatePlan(half({ 5: { 2: intervals(6, 4, 0.62, 0.38) } }))); // 2.48 = 8% of 31
  });

  it('C2.interval: never over 6.2 I-pace miles, however big the week', () => {
    // An 83-mile week (8% would allow 6.64); the week breaks other rules, C2.interval is the point.
    const inputs = bigMarathon([]).inputs;
    const big = (rep: number): Plan =>
      buildPlan({ ...inputs, weeklyMileage: 150, preferredDays: [1, 2, 3, 4, 5, 6, 7] }, buildPhases(6, 5, 4, 3), [
        { 1: easy(8), 2: intervals(12, 8, rep, 0.4), 3: mediumLong(15), 4: easy(10), 5: easy(8), 6: long(20), 7: easy(10) },
      ]);
    expect(trainingOf(weekOf(big(0.8), 1))).toBeCloseTo(83);
    const v = expectRule(validatePlan(big(0.8)), 'C2.interval', 1); // 6.4
    expect(v.message).toContain('6.2 mi');
    expectNoRule(validatePlan(big(0.775)), 'C2.interval'); // 6.2
  });

  it('C2.interval-rep: I reps of 2–5 minutes', () => {
    expectOnly(validatePlan(half({ 5: { 2: intervals(6, 3, 0.7, 0.3) } })), ['C2.interval-rep', 5, 2]); // 316 s
    expectOnly(validatePlan(half({ 5: { 2: intervals(6, 6, 0.25, 0.25) } })), ['C2.interval-rep', 5, 2]); // 113 s
    expectValid(validatePlan(half({ 5: { 2: intervals(6, 3, 0.665, 0.335) } }))); // 300 s
    expectValid(validatePlan(half({ 5: { 2: intervals(6, 6, 0.27, 0.23) } }))); // 122 s
  });

  it('C2.repetition: R-pace miles over 5% of the week', () => {
    expectOnly(validatePlan(half({ 1: { 2: hills(5, 12) } })), ['C2.repetition', 1]); // 1.45 > 1.3
    expectValid(validatePlan(half({ 1: { 2: hills(5, 10) } }))); // 1.25
  });

  it('C2.race-pace: race-pace miles over max(20% of the week, 3)', () => {
    expectOnly(validatePlan(half({ 3: { 6: longFinish(10, 6.1) } })), ['C2.race-pace', 3]);
    expectValid(validatePlan(half({ 3: { 6: longFinish(10, 6) } })));
  });

  it('C2.easy-share: under 75% of the week easy', () => {
    // Week 6 (35): 2.5 I + 3 race pace + a 3.5-mile race-pace finish = 9 fast miles.
    expectOnly(validatePlan(half({ 6: { 6: longFinish(12, 3.5) } })), ['C2.easy-share', 6]);
    expectValid(validatePlan(half({ 6: { 6: longFinish(12, 3.25) } }))); // 75% exactly
  });
});

describe('C3 the long run', () => {
  it('C3.long-first: week 1’s long run over the recent long run + 1.5', () => {
    expectOnly(validatePlan(half({ 1: { 6: long(9.6) } })), ['C3.long-first', 1]);
    expectValid(validatePlan(half({ 1: { 6: long(9.5) } })));
  });

  it('C3.long-growth: over the largest long run of the three weeks before + 2', () => {
    expectOnly(validatePlan(half({ 5: { 6: long(12.1) } })), ['C3.long-growth', 5]);
    expectValid(validatePlan(half({ 5: { 6: long(12) } })));
  });

  it('C3.long-time: over 2.5 h at easy pace (half), never over 22 mi', () => {
    const cap = longRunTimeCapMiles('half', H.easy);
    expect(cap).toBeCloseTo((2.5 * 3600) / H.easy);
    expect(longRunTimeCapMiles('marathon', 8 * 60)).toBe(22);
    // Week 8 at 39 (week 7 at 30 makes room for it) with a 15.4-mile long run: over 15.3 mi.
    const over = half({ 7: { 3: easy(6) }, 8: { 3: easy(5.6), 6: longFinish(15.4, 2) } });
    expectOnly(validatePlan(over), ['C3.long-time', 8]);
    // 15.3 is within the time cap; from a 12-mile long run it is over the growth cap instead.
    const within = half({ 7: { 3: easy(6) }, 8: { 3: easy(5.7), 6: longFinish(15.3, 2) } });
    expectOnly(validatePlan(within), ['C3.long-growth', 8]);
  });

  it('C3.long-peak: a marathon peaking at 40–49 mi/week reaches 18 mi', () => {
    expectOnly(validatePlan(marathon({ 9: { 6: long(17.9), 7: easy(6.1) } })), ['C3.long-peak', 12]);
    expect(requiredPeakLong('marathon', 16, 39, M.easy)).toBe(16);
    expect(requiredPeakLong('marathon', 15, 39, M.easy)).toBe(14);
    expect(requiredPeakLong('marathon', 12, 40, M.easy)).toBe(18);
    expect(requiredPeakLong('marathon', 20, 50, M.easy)).toBe(20);
    // Within the time cap (3.5 h at 11:00/mi is 19.09 mi), counted down to a half mile.
    expect(requiredPeakLong('marathon', 20, 50, 11 * 60)).toBe(19);
    expect(requiredPeakLong('half', 10, 25, H.easy)).toBe(10);
    expect(requiredPeakLong('half', 10, 24.9, H.easy)).toBe(0);
    expect(requiredPeakLong('10k', 10, 20, H.easy)).toBe(7);
    expect(requiredPeakLong('10k', 10, 19.9, H.easy)).toBe(0);
    expect(requiredPeakLong('5k', 10, 40, H.easy)).toBe(0);
  });

  it('C3.twenty-milers: at most three runs of 20 mi or more', () => {
    expectValid(validatePlan(bigMarathon(BIG_WEEKS.slice(0, 3))));
    expectOnly(validatePlan(bigMarathon(BIG_WEEKS)), ['C3.twenty-milers', 4]);
  });

  it('C3.longest-timing: the half’s longest run at least 14 days before the race', () => {
    // Week 8's long run moved from Saturday (14 days before) to Sunday (13 days before).
    const inputs = validInputs({ longRunDay: undefined });
    expectOnly(validatePlan(half({ 8: { 6: easy(6), 7: longFinish(12, 2) } }, inputs)), ['C3.longest-timing', 8, 7]);
    // The marathon's longest run: 22 days before in the fixture; 21 holds.
    expectValid(validatePlan(marathon({ 9: { 6: easy(6), 7: long(18) } }, marathonInputs({ longRunDay: undefined }))));
  });

  it('C3.pre-race-long: the half’s last 7 days hold no run over 60% of its peak long run', () => {
    expectOnly(validatePlan(half({ 9: { 6: long(7.3) } })), ['C3.pre-race-long', 9, 6]);
    expectValid(validatePlan(half({ 9: { 6: long(7.2) } })));
  });

  it('C3.pre-race-long: the marathon’s days 11–17 under 75% and days 1–10 under 50% of its peak', () => {
    expectOnly(validatePlan(marathon({ 10: { 6: long(13.6) } })), ['C3.pre-race-long', 10, 6]);
    expectValid(validatePlan(marathon({ 10: { 6: long(13.5) } })));
    expectOnly(validatePlan(marathon({ 11: { 6: long(9.1) } })), ['C3.pre-race-long', 11, 6]);
    expectValid(validatePlan(marathon({ 11: { 6: long(9) } })));
  });
});

describe('C4 progression and variety', () => {
  it('C4.same-weeks: three full weeks alike in miles, long run and quality', () => {
    // The floor plan with weeks 4–6 at 11 mi each (a 3-mile long run).
    const eleven: WeekSpec = { 6: long(3) };
    expectOnly(validatePlan(low({ 4: eleven, 5: eleven, 6: eleven })), ['C4.same-weeks', 6]);
    expectValid(validatePlan(low({ 4: eleven, 5: eleven, 6: { ...eleven, 7: easy(2.1) } })));
  });

  it('C4.same-session: a session template a third time in a row', () => {
    expectOnly(validatePlan(half({ 2: { 2: hills(6, 6) }, 3: { 2: hills(6, 6) } })), ['C4.same-session', 3, 2]);
    expectValid(validatePlan(half({ 2: { 2: hills(6, 6) } })));
  });

  it('C4.variety: a plan of 8+ weeks with quality uses at least 4 kinds of work', () => {
    const vs = validatePlan(threeKinds());
    expectOnly(vs, ['C4.variety', 10]);
    const v = expectRule(vs, 'C4.variety', 10);
    expect(v.message).toContain('3 kinds');
    expectValid(validatePlan(threeKinds(true)));
  });

  it('C4.base-strides: base weeks of 4+ runs include strides', () => {
    expectOnly(validatePlan(half({ 2: { 4: easy(5) } })), ['C4.base-strides', 2]);
    // A base week of fewer than four runs needs none (a Friday start’s week 1 of two runs).
    const friday = validInputs({ startDate: '2026-03-06' });
    expectValid(validateWeek(buildPlan(friday, [...VALID_PHASES], [{ 6: easy(4), 7: easy(4) }]), 1));
  });

  it('C4.taper-quality: a taper week before race week keeps one quality session at ≤ 70% of the peak session', () => {
    expectOnly(validatePlan(half({ 9: { 2: easy(5) } })), ['C4.taper-quality', 9]);
    expectOnly(validatePlan(half({ 9: { 2: cruise(5, 3, 0.75) } })), ['C4.taper-quality', 9, 2]); // 2.25 > 2.1
    expectValid(validatePlan(half({ 9: { 2: cruise(5, 3, 0.7) } }))); // 2.1
  });
});

describe('DATA', () => {
  it('DATA.week-miles: a stored week total that disagrees with its laps', () => {
    const plan = validPlan();
    weekOf(plan, 3).miles += 2;
    const v = expectRule(validatePlan(plan), 'DATA.week-miles', 3);
    expectOnly(validatePlan(plan), ['DATA.week-miles', 3]);
    expect(v.message).toContain('laps add up to');
    weekOf(plan, 3).miles -= 1.995;
    expectValid(validatePlan(plan));
  });
});

// ---------------------------------------------------------------------------------------------
// The settlements of the rule families' headers

describe('settlement: weeks at the floor (≤ 2 mi a run day)', () => {
  const plan = lowPlan();

  it('are exempt from R5’s shares, R6, R7’s upper bound and R8', () => {
    expectValid(validatePlan(plan));
    // What each rule would ask without the exemption:
    expect(trainingOf(weekOf(plan, 1))).toBeGreaterThan(1.1 * 8 + 1); // R6 and R7 from the 8 mi baseline
    expect(trainingOf(weekOf(plan, 9))).toBeGreaterThan(0.8 * 11); // R5.pre-race-week (peak 11)
    // Weeks 3–6 are all 10 mi: no cutback but the floor.
    expect(plan.weeks.slice(2, 6).map((w) => trainingOf(w))).toEqual([10, 10, 10, 10].map((x) => expect.closeTo(x, 9)));
  });

  it('race week at the floor may be over 60% of the peak', () => {
    const p = low({ 10: { 1: recovery(2) } }); // 8 > 0.6 × 11
    expectValid(validatePlan(p));
  });

  it('R8: raise weeks 4–7 off the floor without a cutback and the window breaks', () => {
    const raised: Record<number, WeekSpec> = {
      4: { 6: long(3) },
      5: { 6: long(3), 7: easy(2.5) },
      6: { 6: long(3), 7: easy(3) },
      7: { 6: long(3), 7: easy(3.5) },
      8: FLOOR_WEEK,
    };
    expectOnly(validatePlan(low(raised)), ['R8.cutback', 7]);
    expectValid(validatePlan(low({ ...raised, 6: FLOOR_WEEK })));
  });

  it('C4 asks nothing of floor weeks: base strides, sameness', () => {
    expect(LOW_WEEK_SPECS.slice(0, 3).every((w) => w === FLOOR_WEEK)).toBe(true);
    expectValid(validatePlan(lowPlan()));
  });
});

describe('settlement: R7’s lower bound is min(0.7 × baseline, 0.8 × what the week surely holds)', () => {
  // 150 mi/week but a 3-mile recent long run: C3 caps every run of week 1 at 4.5.
  const inputs = validInputs({ weeklyMileage: 150, recentLongRunMiles: 3 });
  const week: WeekSpec = { 2: easy(3.5), 3: easy(3.5), 4: strides(3.5), 6: long(4.5), 7: easy(3) }; // 18

  it('capacity: a run of up to 6 mi (or C3’s cap, when lower) on each preferred day of the week', () => {
    expect(firstWeekCapacity(inputs, 1, 4.5)).toBe(5 * 4.5);
    expect(firstWeekCapacity(inputs, 1, 20)).toBe(5 * 6);
    expect(firstWeekCapacity({ ...inputs, startDate: '2026-03-06' }, 1, 10)).toBe(2 * 6); // Sat, Sun
    expect(firstWeekCapacity({ ...inputs, startDate: '2026-03-06' }, 2, 10)).toBe(5 * 6);
    expect(firstWeekCapacity({ ...inputs, preferredDays: [1, 2, 3], startDate: '2026-03-05' }, 1, 10)).toBe(0);
  });

  it('18 mi holds (0.8 × 22.5), 17.9 does not', () => {
    expectValid(validateWeek(buildPlan(inputs, [...VALID_PHASES], [week]), 1));
    const v = expectRule(validateWeek(buildPlan(inputs, [...VALID_PHASES], [{ ...week, 7: easy(2.9) }]), 1), 'R7.first-week', 1);
    expectOnly(validateWeek(buildPlan(inputs, [...VALID_PHASES], [{ ...week, 7: easy(2.9) }]), 1), ['R7.first-week', 1]);
    expect(v.message).toContain('18.0 mi');
  });

  it('R11 wins over it: a week the log capped is not held to the minimum', () => {
    const friday = validInputs({ startDate: '2026-03-06' });
    const plan = buildPlan(friday, [...VALID_PHASES], [{ 6: easy(4), 7: easy(4) }, FLOOR_WEEK]);
    expectOnly(validateWeek(plan, 2), ['R7.first-week', 2]);
    weekOf(plan, 1).execution = log(1, 4); // 1 of 2 runs: week 2 ≤ max(6.4, 10)
    expectValid(validateWeek(plan, 2));
  });
});

describe('settlement: C3’s and C4’s minimums give way when a poor log capped a week', () => {
  it('C4.variety is not asked of a plan a poor log held back', () => {
    const plan = threeKinds();
    expectOnly(validatePlan(plan), ['C4.variety', 10]);
    // Week 7 logged poor (3 runs, 22 mi) caps week 8 at 26.2; week 8 is rebuilt at 26.
    weekOf(plan, 7).execution = log(3, 22);
    setWeek(plan, 8, { 2: intervals(6, 3, 0.62, 0.38), 3: easy(4), 4: easy(4), 6: long(9), 7: easy(3) });
    expectValid(validatePlan(plan));
  });

  it('C3.long-peak is not asked of a plan a poor log held back', () => {
    const plan = marathon({ 9: { 6: long(17.9), 7: easy(6.1) } });
    expectOnly(validatePlan(plan), ['C3.long-peak', 12]);
    weekOf(plan, 10).execution = log(3, 24); // week 11 ≤ 28.4 (it is 27.5)
    expectValid(validatePlan(plan));
  });
});

describe('settlement: runs of at most 2 mi are exempt from the pre-race ceilings', () => {
  it('the floor plan’s 2-mile runs in the last 7 days are over 60% of its 3-mile peak long run', () => {
    expectValid(validatePlan(lowPlan()));
    expectOnly(validatePlan(low({ 10: { 2: easy(2.5) } })), ['C3.pre-race-long', 10, 2]);
    // Without week 8's long run the peak long run is 2 mi: every 2-mile run of the last 13 days is
    // as long as it, and still allowed.
    expectValid(validatePlan(low({ 8: FLOOR_WEEK })));
  });
});

describe('validateWeek and plans in progress', () => {
  it('validateWeek looks only at the weeks up to the one it checks', () => {
    const plan = half({ 10: { 7: recovery(2) } }); // R2.after-race in week 10
    for (let n = 1; n <= 9; n += 1) expectValid(validateWeek(plan, n));
    expectOnly(validateWeek(plan, 10), ['R2.after-race', 10, 7]);
  });

  it('C4.variety and C3.long-peak run once race week is present', () => {
    const kinds = threeKinds();
    expectValid(validatePlan(upTo(kinds, 9)));
    expectValid(validateWeek(kinds, 9));
    expectOnly(validateWeek(kinds, 10), ['C4.variety', 10]);

    const peak = marathon({ 9: { 6: long(17.9), 7: easy(6.1) } });
    expectValid(validatePlan(upTo(peak, 11)));
    expectValid(validateWeek(peak, 11));
    expectOnly(validateWeek(peak, 12), ['C3.long-peak', 12]);
  });

  it('R5’s shares use the peak among the weeks present', () => {
    // Week 9 at 29 against weeks 1–9's peak of 36.
    const plan = half({ 9: { 3: easy(5.6), 4: strides(5.6), 7: easy(5.8) } });
    expectOnly(validateWeek(plan, 9), ['R5.pre-race-week', 9]);
    expectValid(validateWeek(plan, 8));
  });
});

describe('R4 and R5 shakeouts', () => {
  it('R4 allows shakeout days of 2–5 mi; only R5’s shakeout two days before the race is 2–4', () => {
    // A 4.5-mile shakeout three days before the race breaks no rule of PLAN-RULES.
    expectValid(validatePlan(half({ 10: { 3: shakeout(4.5) } })));
  });
});

describe('T1 tune-up races (issue 18)', () => {
  // A 10K tune-up on Sunday of week 7 of the marathon fixture, whose Saturday holds a 14 mi long run.
  const TEN_K = 6.214;
  const inputs = marathonInputs();
  const date = dateOfPlanDay(inputs.startDate, 7, 7);
  const withTuneUp: PlanInputs = { ...inputs, tuneUps: [{ date, distance: '10k', distanceMiles: TEN_K, name: 'Club 10K' }] };
  const pace = formatPace(predictedPaceAt(inputs.fiveKSeconds, TEN_K)) as PaceSpec;
  const tuneUp = (p: PaceSpec = pace): SessionSpec => ({ type: 'race', session: 'race', warmup: 1, cooldown: 0.5, work: [[TEN_K, p]] });
  /** Weeks 1–8 of the fixture with the tune-up's week made around it. */
  function upToWeek8(): Plan {
    const plan = marathonPlan(withTuneUp);
    plan.weeks = plan.weeks.slice(0, 8);
    setWeek(plan, 7, { 1: recovery(4), 2: tempo(8, 2.5), 3: easy(5.5), 4: easy(5.5), 5: recovery(4), 6: shakeout(3), 7: tuneUp() });
    setDay(plan, 8, 2, easy(7));
    return plan;
  }

  it('accepts a mini-taper week that races the tune-up at the predicted pace for its distance', () => {
    expectValid(validatePlan(upToWeek8()));
  });

  it('asks for the race on the tune-up date, and no long run the day before it', () => {
    const plan = marathonPlan(withTuneUp);
    plan.weeks = plan.weeks.slice(0, 7);
    const vs = validatePlan(plan);
    expectRule(vs, 'T1.tuneup-day', 7, 7);
    expectRule(vs, 'T1.tuneup-taper', 7, 6);
  });

  it('races the tune-up at its predicted pace, not the marathon target', () => {
    const plan = upToWeek8();
    setDay(plan, 7, 7, tuneUp('target'));
    expectRule(validatePlan(plan), 'T1.tuneup-race', 7, 7);
  });

  it('keeps the two days after it easy, across the week boundary', () => {
    const plan = upToWeek8();
    setDay(plan, 8, 2, intervals(8, 5, 0.62, 0.38));
    expectRule(validatePlan(plan), 'T1.tuneup-taper', 8, 2);
  });

  it('still refuses a race on a date that is neither the race nor a tune-up', () => {
    const plan = upToWeek8();
    setDay(plan, 8, 7, tuneUp());
    expectRule(validatePlan(plan), 'R2.race-day', 8, 7);
  });
});

describe('coverage of the rule ids', () => {
  it('every rule id has been shown reported by a test above', () => {
    expect(RULE_IDS.filter((id) => !asserted.has(id))).toEqual([]);
  });
});
