/**
 * Builders for hand-made plans in tests (PLAN-RULES v2), and three hand-built plans that the
 * validator tests mutate to break one rule at a time:
 *
 * - `validPlan()`: a 10-week half marathon at 26–36 mi/week on five days, coach-grade and free of
 *   violations (base with hills, fartlek and strides, build and peak with intervals, tempo,
 *   cruise intervals, race pace and a progression run, cutback weeks 4 and 7, a two-week taper
 *   that keeps one quality session, the race on Saturday at target pace).
 * - `marathonPlan()`: a 12-week marathon at 35–45 mi/week with a three-week taper and an 18-mile
 *   peak long run 22 days before the race.
 * - `lowPlan()`: the same half-marathon calendar at the floor (2 miles a run day), for the
 *   settlements about floor weeks.
 *
 * A day is given as a session spec (`easy(4)`, `intervals(6, 4, 0.5, 0.25)`, `long(12)`, …): the
 * builders lay out a warmup and a cooldown lap (null pace), the workout laps and the miles, and
 * take every pace from `computePaces(plan.inputs)` so that laps sit in their zones. The v1 tuple
 * spec (`['easy', 4]`) still works: one workout lap between 0.5-mile warmup and cooldown.
 */
import { dateOfPlanDay, dayNameOf, dayNumbersOfWeek } from '../../src/domain/calendar.js';
import { computePaces, type TrainingPaces } from '../../src/domain/paces.js';
import type {
  Day,
  DayType,
  Lap,
  Phase,
  PhaseName,
  Plan,
  PlanInputs,
  PlannedWeek,
  SessionKind,
  WeekExecution,
} from '../../src/domain/schemas.js';
import { formatPace } from '../../src/domain/time.js';
import type { Zone } from '../../src/domain/zones.js';

// ---------------------------------------------------------------------------------------------
// Day specs

/** A lap's pace: a zone of C-paces (easy is the `easy` pace), an explicit `M:SS`, or null. */
export type PaceSpec = Zone | `${number}:${string}` | null;
type LapSpec = readonly [miles: number, pace?: PaceSpec];

/** A run day as laps: warmup and cooldown (one lap each, null pace unless `edgePace`) and the workout. */
export type SessionSpec = {
  readonly type: DayType;
  /** Omitted: the day names no session (a day stored before v2). */
  readonly session?: SessionKind;
  readonly warmup: number;
  readonly cooldown: number;
  readonly work: readonly LapSpec[];
};

/** The v1 spec: type, total miles (default 4) and the one workout lap's pace. */
type LegacySpec = readonly [type: DayType, miles?: number, pace?: string | null];

export type SpecContext = { readonly inputs: PlanInputs; readonly paces: TrainingPaces };
export type DaySpec = SessionSpec | LegacySpec | ((ctx: SpecContext) => SessionSpec);
/** Day number → spec; days left out are rest. */
export type WeekSpec = Readonly<Partial<Record<number, DaySpec>>>;

/** Warmup and cooldown of easy days, and of every v1 tuple day. */
const EDGE_LAP_MILES = 0.5;
/** Warmup and cooldown of quality days. */
const QUALITY_EDGE_MILES = 1;
/** A stride and its jog take 0.1 mi together. */
const STRIDE_UNIT_MILES = 0.1;
const STRIDE_SECONDS = 18;

function round3(miles: number): number {
  return Math.round(miles * 1000) / 1000;
}

/** Laps of `total` miles between warmup `wu` and cooldown `cd`: easy filler first, then `laps`. */
function filled(total: number, wu: number, cd: number, laps: readonly LapSpec[]): LapSpec[] {
  let used = wu + cd;
  for (const [miles] of laps) used += miles;
  const filler = round3(total - used);
  if (filler < -1e-9) throw new RangeError(`laps of ${used} mi do not fit in a ${total} mi day`);
  return filler > 1e-9 ? [[filler, null], ...laps] : [...laps];
}

function repeat(reps: number, rep: number, pace: PaceSpec, jog: number): LapSpec[] {
  const laps: LapSpec[] = [];
  for (let i = 0; i < reps; i += 1) {
    laps.push([rep, pace]);
    if (jog > 0) laps.push([jog, null]);
  }
  return laps;
}

export function rest(): SessionSpec {
  return { type: 'rest', warmup: 0, cooldown: 0, work: [] };
}

export function easy(miles: number, pace: PaceSpec = null): SessionSpec {
  return {
    type: 'easy',
    session: 'easy',
    warmup: EDGE_LAP_MILES,
    cooldown: EDGE_LAP_MILES,
    work: [[round3(miles - 2 * EDGE_LAP_MILES), pace]],
  };
}

export function recovery(miles: number): SessionSpec {
  return { ...easy(miles), type: 'recovery', session: 'recovery' };
}

export function shakeout(miles: number): SessionSpec {
  return { ...easy(miles), type: 'shakeout', session: 'shakeout' };
}

export function mediumLong(miles: number, pace: PaceSpec = null): SessionSpec {
  return { ...easy(miles, pace), type: 'moderate', session: 'medium-long' };
}

export function long(miles: number, pace: PaceSpec = null): SessionSpec {
  return { ...easy(miles, pace), type: 'long', session: 'long' };
}

/** A long run whose last `finish` miles run at target race pace. */
export function longFinish(miles: number, finish: number): SessionSpec {
  return {
    type: 'long',
    session: 'long-race-pace-finish',
    warmup: EDGE_LAP_MILES,
    cooldown: EDGE_LAP_MILES,
    work: filled(miles, EDGE_LAP_MILES, EDGE_LAP_MILES, [[finish, 'target']]),
  };
}

/** The stride length that lasts `seconds` at R pace (three decimals). */
function strideMiles(paces: TrainingPaces, seconds = STRIDE_SECONDS): number {
  return round3(seconds / paces.repetition);
}

/** An easy run of `miles` ending with `count` strides of `seconds` at R pace, each with its jog. */
export function strides(miles: number, count = 6, seconds = STRIDE_SECONDS): (ctx: SpecContext) => SessionSpec {
  return ({ paces }) => {
    const stride = strideMiles(paces, seconds);
    const laps = repeat(count, stride, 'R', round3(STRIDE_UNIT_MILES - stride));
    return {
      type: 'easy',
      session: 'strides',
      warmup: EDGE_LAP_MILES,
      cooldown: EDGE_LAP_MILES,
      work: filled(miles, EDGE_LAP_MILES, EDGE_LAP_MILES, laps),
    };
  };
}

function quality(type: DayType, session: SessionKind, miles: number, laps: readonly LapSpec[]): SessionSpec {
  const wu = QUALITY_EDGE_MILES;
  return { type, session, warmup: wu, cooldown: wu, work: filled(miles, wu, wu, laps) };
}

/** Hill repeats at R effort, each with a jog down of the same length. */
export function hills(miles: number, reps: number, rep = 0.1): SessionSpec {
  return quality('intervals', 'hills', miles, repeat(reps, rep, 'R', rep));
}

/** Fartlek surges at `zone`, each with an easy float of the same length. */
export function fartlek(miles: number, reps: number, rep: number, zone: PaceSpec = 'T'): SessionSpec {
  return quality('intervals', 'fartlek', miles, repeat(reps, rep, zone, rep));
}

export function intervals(miles: number, reps: number, rep: number, jog: number): SessionSpec {
  return quality('intervals', 'intervals', miles, repeat(reps, rep, 'I', jog));
}

/** A continuous tempo of `tMiles` at T pace. */
export function tempo(miles: number, tMiles: number): SessionSpec {
  return quality('tempo', 'tempo', miles, [[tMiles, 'T']]);
}

export function cruise(miles: number, reps: number, rep: number, jog = 0.25): SessionSpec {
  return quality('tempo', 'cruise-intervals', miles, repeat(reps, rep, 'T', jog));
}

export function racePace(miles: number, rpMiles: number): SessionSpec {
  return quality('tempo', 'race-pace', miles, [[rpMiles, 'target']]);
}

/** Easy, then `mMiles` at marathon pace, then `tMiles` at threshold. */
export function progression(miles: number, mMiles: number, tMiles: number): SessionSpec {
  return quality('tempo', 'progression', miles, [
    [mMiles, 'M'],
    [tMiles, 'T'],
  ]);
}

/** The race: one lap of the race distance at target race pace between a 1-mile warmup and a 0.5-mile cooldown. */
export function race(): (ctx: SpecContext) => SessionSpec {
  return ({ inputs }) => ({ type: 'race', session: 'race', warmup: 1, cooldown: 0.5, work: [[inputs.distanceMiles, 'target']] });
}

/** The same session with another session name (or none). */
export function named(spec: SessionSpec, session: SessionKind | undefined): SessionSpec {
  if (session !== undefined) return { ...spec, session };
  return { type: spec.type, warmup: spec.warmup, cooldown: spec.cooldown, work: spec.work };
}

// ---------------------------------------------------------------------------------------------
// Days, weeks, plans

export function lap(lapIndex: number, distanceMiles: number, paceGoal: string | null = null): Lap {
  return { lapIndex, distanceMiles, paceGoal };
}

function dayShell(startDate: string, weekNumber: number, dayNumber: number, type: DayType): Day {
  return {
    dayNumber,
    date: dateOfPlanDay(startDate, weekNumber, dayNumber),
    dayOfWeek: dayNameOf(dayNumber),
    type,
    warmup: [],
    workout: [],
    cooldown: [],
    notes: '',
  };
}

function restDay(startDate: string, weekNumber: number, dayNumber: number): Day {
  return dayShell(startDate, weekNumber, dayNumber, 'rest');
}

/** The pace of a zone for these paces (`E` is the easy pace). */
function paceOf(paces: TrainingPaces, zone: Zone): number {
  switch (zone) {
    case 'E':
      return paces.easy;
    case 'M':
      return paces.marathon;
    case 'T':
      return paces.threshold;
    case 'I':
      return paces.interval;
    case 'R':
      return paces.repetition;
    case 'target':
      return paces.target;
  }
}

function resolvePace(paces: TrainingPaces, pace: PaceSpec | undefined): string | null {
  if (pace === undefined || pace === null) return null;
  if (pace.includes(':')) return pace;
  return formatPace(paceOf(paces, pace as Zone));
}

/** The pace a v1 tuple day gets when its spec gives none. */
function defaultPace(inputs: PlanInputs, type: DayType): string | null {
  const paces = computePaces(inputs);
  if (type === 'tempo') return formatPace(paces.threshold);
  if (type === 'intervals') return formatPace(paces.interval);
  if (type === 'race') return formatPace(paces.target);
  return null;
}

function legacySession(spec: LegacySpec, inputs: PlanInputs): SessionSpec {
  const [type, miles = 4] = spec;
  const pace = spec.length >= 3 ? (spec[2] ?? null) : defaultPace(inputs, type);
  if (type === 'rest') return rest();
  const sessions: Record<Exclude<DayType, 'rest'>, SessionKind> = {
    easy: 'easy',
    moderate: 'medium-long',
    recovery: 'recovery',
    long: 'long',
    tempo: 'tempo',
    intervals: 'intervals',
    shakeout: 'shakeout',
    race: 'race',
  };
  const work = type === 'race' ? inputs.distanceMiles : round3(miles - 2 * EDGE_LAP_MILES);
  return { type, session: sessions[type], warmup: EDGE_LAP_MILES, cooldown: EDGE_LAP_MILES, work: [[work, pace as PaceSpec]] };
}

function sessionOf(spec: DaySpec, ctx: SpecContext): SessionSpec {
  if (typeof spec === 'function') return spec(ctx);
  if (Array.isArray(spec)) return legacySession(spec as LegacySpec, ctx.inputs);
  return spec as SessionSpec;
}

/** The day (week N, day d) of a plan with these inputs, from its spec. */
function makeDay(inputs: PlanInputs, weekNumber: number, dayNumber: number, spec: DaySpec): Day {
  const paces = computePaces(inputs);
  const s = sessionOf(spec, { inputs, paces });
  const day = dayShell(inputs.startDate, weekNumber, dayNumber, s.type);
  if (s.type === 'rest') return day;
  if (s.session !== undefined) day.session = s.session;
  day.warmup = [lap(1, s.warmup)];
  day.workout = s.work.map(([miles, pace], i) => lap(i + 1, miles, resolvePace(paces, pace)));
  day.cooldown = [lap(1, s.cooldown)];
  return day;
}

function sumDayMiles(day: Day): number {
  let total = 0;
  for (const part of [day.warmup, day.workout, day.cooldown]) for (const l of part) total += l.distanceMiles;
  return total;
}

function sumWeekMiles(days: readonly Day[]): number {
  return days.reduce((sum, day) => sum + sumDayMiles(day), 0);
}

/** A week holding the calendar's days for week N; days not in `spec` are rest. */
export function buildWeek(
  inputs: PlanInputs,
  weekNumber: number,
  phase: PhaseName,
  spec: WeekSpec,
  execution?: WeekExecution | null,
): PlannedWeek {
  const days = dayNumbersOfWeek(inputs.startDate, weekNumber).map((d) => {
    const s = spec[d];
    return s === undefined ? restDay(inputs.startDate, weekNumber, d) : makeDay(inputs, weekNumber, d, s);
  });
  const week: PlannedWeek = { weekNumber, phase, miles: sumWeekMiles(days), days };
  if (execution !== undefined) week.execution = execution;
  return week;
}

/** Phases base, build, peak, taper with these week counts. */
export function buildPhases(base: number, build: number, peak: number, taper: number): Phase[] {
  return [
    { name: 'base', weekCount: base },
    { name: 'build', weekCount: build },
    { name: 'peak', weekCount: peak },
    { name: 'taper', weekCount: taper },
  ];
}

function phaseAt(phases: readonly Phase[], weekNumber: number): PhaseName {
  let end = 0;
  for (const p of phases) {
    end += p.weekCount;
    if (weekNumber <= end) return p.name;
  }
  return 'taper';
}

/** A log that says the week was run exactly as planned. */
function fullLog(week: PlannedWeek): WeekExecution {
  return { completedDays: week.days.filter((d) => d.type !== 'rest' && d.type !== 'race').length, totalMiles: week.miles };
}

/**
 * A plan of weeks 1..specs.length. With `logged`, every week but the last carries a log that says
 * it was run as planned; without, no week is logged (R11 counts it as done as planned).
 */
export function buildPlan(inputs: PlanInputs, phases: Phase[], specs: readonly WeekSpec[], logged = false): Plan {
  const weeks = specs.map((spec, i) => buildWeek(inputs, i + 1, phaseAt(phases, i + 1), spec));
  if (logged) for (const week of weeks.slice(0, -1)) week.execution = fullLog(week);
  return { inputs, phases, weeks };
}

export function weekOf(plan: Plan, weekNumber: number): PlannedWeek {
  const week = plan.weeks[weekNumber - 1];
  if (week === undefined) throw new RangeError(`the plan has no week ${weekNumber}`);
  return week;
}

export function dayOf(plan: Plan, weekNumber: number, dayNumber: number): Day {
  const day = weekOf(plan, weekNumber).days.find((d) => d.dayNumber === dayNumber);
  if (day === undefined) throw new RangeError(`week ${weekNumber} has no day ${dayNumber}`);
  return day;
}

/** Replaces (week, day) with a day of the given spec and keeps the week's `miles` in step. */
export function setDay(plan: Plan, weekNumber: number, dayNumber: number, spec: DaySpec): Day {
  const week = weekOf(plan, weekNumber);
  const index = week.days.findIndex((d) => d.dayNumber === dayNumber);
  if (index < 0) throw new RangeError(`week ${weekNumber} has no day ${dayNumber}`);
  const day = makeDay(plan.inputs, weekNumber, dayNumber, spec);
  week.days[index] = day;
  week.miles = sumWeekMiles(week.days);
  return day;
}

/** Replaces week N's days by `spec` (its number, phase and log kept). */
export function setWeek(plan: Plan, weekNumber: number, spec: WeekSpec): PlannedWeek {
  const old = weekOf(plan, weekNumber);
  const week = buildWeek(plan.inputs, weekNumber, old.phase, spec, old.execution);
  plan.weeks[weekNumber - 1] = week;
  return week;
}

/** After laps were edited by hand: puts each week's `miles` back in step with its laps. */
export function resyncMiles(plan: Plan): Plan {
  for (const week of plan.weeks) week.miles = sumWeekMiles(week.days);
  return plan;
}

/** Training miles of a week (the race apart), as the validator counts them. */
export function trainingOf(week: PlannedWeek): number {
  let total = 0;
  for (const day of week.days) if (day.type !== 'race') total += sumDayMiles(day);
  return total;
}

// ---------------------------------------------------------------------------------------------
// The hand-built half marathon: 10 weeks from Monday 2026-03-02 to the race on Saturday
// 2026-05-09; 5K in 24:00 (VDOT 40.2), goal 1:50:00 (target 8:23/mi), 25 mi/week, recent long
// run 8 mi, runs on Tue, Wed, Thu, Sat (long run) and Sun.

export const VALID_START = '2026-03-02';
const VALID_RACE = '2026-05-09';

export function validInputs(overrides: Partial<PlanInputs> = {}): PlanInputs {
  return {
    raceName: 'Spring Half',
    distance: 'half',
    distanceMiles: 13.109,
    raceDate: VALID_RACE,
    startDate: VALID_START,
    goalTimeSeconds: 110 * 60,
    fiveKSeconds: 24 * 60,
    weeklyMileage: 25,
    preferredDays: [2, 3, 4, 6, 7],
    units: 'mi',
    recentLongRunMiles: 8,
    longRunDay: 6,
    ...overrides,
  };
}

export const VALID_PHASES: readonly Phase[] = buildPhases(3, 3, 2, 2);

/**
 * Training miles 26, 28, 30 (base), 26 (cutback), 31, 35 (build), 29 (cutback), 36 (peak),
 * 26 (taper: one quality session at 2.0 of the peak session's 3.0 fast miles), race week 10.5.
 * Long runs 8, 9, 10, 8, 11, 12, 10, 12 (14 days before the race), 7 (7 days before: 58%).
 */
export const VALID_WEEK_SPECS: readonly WeekSpec[] = [
  { 2: hills(5, 6), 3: easy(4), 4: strides(5), 6: long(8), 7: easy(4) },
  { 2: fartlek(6, 6, 0.25), 3: easy(4), 4: strides(5), 6: long(9), 7: easy(4) },
  { 2: hills(6, 8), 3: easy(5, 'E'), 4: strides(5), 6: long(10, 'E'), 7: easy(4) },
  { 2: intervals(6, 4, 0.5, 0.25), 3: easy(4), 4: tempo(5, 2.5), 6: long(8), 7: easy(3) },
  { 2: intervals(6, 4, 0.6, 0.4), 3: easy(5), 4: cruise(6, 3, 1), 6: long(11), 7: easy(3) },
  { 2: intervals(6, 5, 0.5, 0.25), 3: mediumLong(9), 4: racePace(5, 3), 6: long(12), 7: easy(3) },
  { 2: tempo(5, 2.5), 3: easy(5), 4: intervals(5, 5, 0.4, 0.2), 6: long(10), 7: easy(4) },
  { 2: intervals(6, 3, 0.62, 0.38), 3: easy(6), 4: progression(6, 1, 1), 6: longFinish(12, 2), 7: easy(6) },
  { 2: cruise(5, 2, 1), 3: easy(5), 4: strides(5), 6: long(7), 7: easy(4) },
  { 2: strides(4), 3: easy(4), 4: shakeout(2.5), 6: race() },
];

/** A fresh copy of the valid half-marathon plan on every call, safe to mutate. */
export function validPlan(inputs: PlanInputs = validInputs()): Plan {
  return buildPlan(inputs, [...VALID_PHASES], VALID_WEEK_SPECS);
}

// ---------------------------------------------------------------------------------------------
// The hand-built marathon: 12 weeks from Monday 2026-03-02 to the race on Sunday 2026-05-24;
// 5K in 22:00 (VDOT 44.5), goal 3:30:00 (target 8:01/mi), 35 mi/week, recent long run 12 mi,
// runs on Tue, Wed, Thu, Sat (long run) and Sun.

const MARATHON_RACE = '2026-05-24';

export function marathonInputs(overrides: Partial<PlanInputs> = {}): PlanInputs {
  return validInputs({
    raceName: 'City Marathon',
    distance: 'marathon',
    distanceMiles: 26.219,
    raceDate: MARATHON_RACE,
    goalTimeSeconds: 210 * 60,
    fiveKSeconds: 22 * 60,
    weeklyMileage: 35,
    recentLongRunMiles: 12,
    ...overrides,
  });
}

export const MARATHON_PHASES: readonly Phase[] = buildPhases(3, 3, 3, 3);

/**
 * Training miles 36, 38, 40, 35 (cutback), 41, 43, 38 (cutback), 44, 45 (peak), taper 36, 27.5,
 * race week 14.5. Long runs 13, 14, 15, 12, 16, 17, 14, 17, 18 (22 days before the race), 13
 * (15 days before: 72%), 8 (8 days before: 44%).
 */
const MARATHON_WEEK_SPECS: readonly WeekSpec[] = [
  { 2: hills(7, 8), 3: easy(7), 4: strides(6), 6: long(13), 7: easy(3) },
  { 2: fartlek(7, 6, 0.25), 3: easy(7), 4: strides(6), 6: long(14), 7: easy(4) },
  { 2: hills(8, 10), 3: easy(8), 4: strides(6), 6: long(15), 7: easy(3) },
  { 2: intervals(7, 5, 0.5, 0.3), 3: easy(7), 4: tempo(6, 3), 6: long(12), 7: easy(3) },
  { 2: intervals(7, 4, 0.62, 0.38), 3: mediumLong(9), 4: cruise(7, 3, 1.2, 0.3), 6: long(16), 7: easy(2) },
  { 2: intervals(7, 5, 0.6, 0.3), 3: mediumLong(9), 4: racePace(8, 6), 6: long(17), 7: easy(2) },
  { 2: tempo(7, 3.5), 3: easy(7), 4: intervals(7, 6, 0.5, 0.25), 6: long(14), 7: easy(3) },
  { 2: intervals(8, 5, 0.62, 0.38), 3: mediumLong(9), 4: progression(7, 1.5, 1.5), 6: longFinish(17, 4), 7: easy(3) },
  { 2: intervals(7, 4, 0.7, 0.4), 3: easy(7), 4: tempo(7, 4), 6: long(18), 7: easy(6) },
  { 2: cruise(7, 3, 1), 3: easy(6), 4: easy(6), 6: long(13), 7: easy(4) },
  { 2: tempo(6, 2.5), 3: easy(5.5), 4: easy(5), 6: long(8), 7: easy(3) },
  { 2: strides(5), 3: easy(4), 4: easy(3), 5: shakeout(2.5), 7: race() },
];

export function marathonPlan(inputs: PlanInputs = marathonInputs()): Plan {
  return buildPlan(inputs, [...MARATHON_PHASES], MARATHON_WEEK_SPECS);
}

// ---------------------------------------------------------------------------------------------
// The floor plan: the half marathon's calendar at 8 mi/week, every week at 2 miles a run day but
// a 3-mile long run 14 days before the race.

function lowInputs(overrides: Partial<PlanInputs> = {}): PlanInputs {
  return validInputs({ weeklyMileage: 8, recentLongRunMiles: undefined, ...overrides });
}

export const FLOOR_WEEK: WeekSpec = { 2: easy(2), 3: easy(2), 4: easy(2), 6: easy(2), 7: easy(2) };

/** Weeks 1–7 and 9 at the floor (10 mi), week 8 with a 3-mile long run (11 mi), race week 6 mi. */
export const LOW_WEEK_SPECS: readonly WeekSpec[] = [
  FLOOR_WEEK,
  FLOOR_WEEK,
  FLOOR_WEEK,
  FLOOR_WEEK,
  FLOOR_WEEK,
  FLOOR_WEEK,
  FLOOR_WEEK,
  { ...FLOOR_WEEK, 6: long(3) },
  FLOOR_WEEK,
  { 2: easy(2), 3: easy(2), 4: shakeout(2), 6: race() },
];

export function lowPlan(inputs: PlanInputs = lowInputs()): Plan {
  return buildPlan(inputs, [...VALID_PHASES], LOW_WEEK_SPECS);
}
