/**
 * Small builders for plans in tests: laps, rest and run days with proper warmup and cooldown, weeks
 * from day specs (dates from the calendar helpers) and one hand-built, fully valid plan that tests
 * mutate to break a single rule at a time.
 */
import { dateOfPlanDay, dayNameOf, dayNumbersOfWeek } from '../../src/domain/calendar.js';
import { computePaces } from '../../src/domain/paces.js';
import type {
  Day,
  DayType,
  Lap,
  Phase,
  PhaseName,
  Plan,
  PlanInputs,
  PlannedWeek,
  WeekExecution,
} from '../../src/domain/schemas.js';
import { formatPace } from '../../src/domain/time.js';

/** A day spec: its type, its miles (ignored for rest and race) and the workout pace (default by type). */
export type DaySpec = readonly [type: DayType, miles?: number, pace?: string | null];
/** Day number → spec; days left out are rest. */
export type WeekSpec = Readonly<Partial<Record<number, DaySpec>>>;

/** Warmup and cooldown of every run day the builders make, miles. */
export const EDGE_LAP_MILES = 0.5;

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

export function restDay(startDate: string, weekNumber: number, dayNumber: number): Day {
  return dayShell(startDate, weekNumber, dayNumber, 'rest');
}

/** The pace a builder puts on a workout lap of this type when the spec gives none. */
export function defaultPace(inputs: PlanInputs, type: DayType): string | null {
  const paces = computePaces(inputs);
  if (type === 'tempo') return formatPace(paces.tempo);
  if (type === 'intervals') return formatPace(paces.interval);
  if (type === 'race') return formatPace(paces.goal);
  return null;
}

/**
 * A run day of `miles` in total: a 0.5 mi warmup, one workout lap of the rest and a 0.5 mi cooldown.
 * A race day is the race distance at goal pace between 0.5 mi warmup and cooldown.
 */
export function runDay(
  inputs: PlanInputs,
  weekNumber: number,
  dayNumber: number,
  type: DayType,
  miles = 4,
  pace: string | null = defaultPace(inputs, type),
): Day {
  const day = dayShell(inputs.startDate, weekNumber, dayNumber, type);
  if (type === 'rest') return day;
  const work = type === 'race' ? inputs.distanceMiles : miles - 2 * EDGE_LAP_MILES;
  day.warmup = [lap(1, EDGE_LAP_MILES)];
  day.workout = [lap(1, work, pace)];
  day.cooldown = [lap(1, EDGE_LAP_MILES)];
  return day;
}

export function sumDayMiles(day: Day): number {
  let total = 0;
  for (const part of [day.warmup, day.workout, day.cooldown]) for (const l of part) total += l.distanceMiles;
  return total;
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
    return s === undefined ? restDay(inputs.startDate, weekNumber, d) : runDay(inputs, weekNumber, d, s[0], s[1], s[2]);
  });
  const miles = days.reduce((sum, day) => sum + sumDayMiles(day), 0);
  const week: PlannedWeek = { weekNumber, phase, miles, days };
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
export function fullLog(week: PlannedWeek): WeekExecution {
  return { completedDays: week.days.filter((d) => d.type !== 'rest').length, totalMiles: week.miles };
}

/**
 * A plan of weeks 1..specs.length. With `logged`, every week but the last carries a log that says
 * it was run as planned (so R11 leaves the progression to R6).
 */
export function buildPlan(inputs: PlanInputs, phases: Phase[], specs: readonly WeekSpec[], logged = true): Plan {
  const weeks = specs.map((spec, i) => buildWeek(inputs, i + 1, phaseAt(phases, i + 1), spec));
  if (logged) for (const week of weeks.slice(0, -1)) week.execution = fullLog(week);
  return { inputs, phases, weeks };
}

// ---------------------------------------------------------------------------------------------
// The hand-built valid plan: a 5K, 6 weeks from Monday 2026-03-02 to the race on Saturday
// 2026-04-11, baseline 20 mi/week, preferred days Tuesday, Thursday, Saturday, Sunday.

export const VALID_START = '2026-03-02';
export const VALID_RACE = '2026-04-11';

export function validInputs(overrides: Partial<PlanInputs> = {}): PlanInputs {
  return {
    raceName: 'Spring 5K',
    distance: '5k',
    distanceMiles: 3.107,
    raceDate: VALID_RACE,
    startDate: VALID_START,
    goalTimeSeconds: 23 * 60,
    fiveKSeconds: 24 * 60,
    weeklyMileage: 20,
    preferredDays: [2, 4, 6, 7],
    units: 'mi',
    ...overrides,
  };
}

/** Weeks 1–6 of the valid plan: 20, 22, 24, 25 (peak), 18 (taper), race week 5 + the race. */
export const VALID_WEEK_SPECS: readonly WeekSpec[] = [
  { 2: ['tempo', 5], 4: ['easy', 4], 6: ['easy', 4], 7: ['long', 7] },
  { 2: ['intervals', 6], 4: ['easy', 4], 6: ['easy', 4], 7: ['long', 8] },
  { 2: ['tempo', 6], 4: ['moderate', 5], 6: ['easy', 4], 7: ['long', 9] },
  { 2: ['intervals', 6], 4: ['moderate', 6], 6: ['easy', 4], 7: ['long', 9] },
  { 2: ['tempo', 5], 4: ['easy', 4], 6: ['easy', 3], 7: ['long', 6] },
  { 2: ['easy', 3], 4: ['shakeout', 2], 6: ['race'] },
];

/** A fresh copy of the valid plan on every call, safe to mutate. */
export function validPlan(): Plan {
  return buildPlan(validInputs(), buildPhases(2, 1, 1, 2), VALID_WEEK_SPECS);
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
  const day = runDay(plan.inputs, weekNumber, dayNumber, spec[0], spec[1], spec[2]);
  week.days[index] = day;
  week.miles = week.days.reduce((sum, d) => sum + sumDayMiles(d), 0);
  return day;
}

/** After laps were edited by hand: puts each week's `miles` back in step with its laps. */
export function resyncMiles(plan: Plan): Plan {
  for (const week of plan.weeks) week.miles = week.days.reduce((sum, d) => sum + sumDayMiles(d), 0);
  return plan;
}
