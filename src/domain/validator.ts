/**
 * The rule validator of PLAN-RULES.md (v1). Every engine's output passes through it before a user
 * sees it, so it names each broken rule by a stable id (`R4.long-cap`, `PACE.tempo`, …) and says in
 * a coach's words where and why.
 *
 * Interpretation notes (the places where PLAN-RULES.md leaves room; settled here once so that the
 * engines and this validator cannot disagree):
 * - Paces always come from `computePaces(plan.inputs)`: paces stored anywhere else may be stale.
 * - Week N is the N-th entry of `plan.weeks` (R1.week-number reports a week whose `weekNumber`
 *   disagrees); a day's calendar position is (week N, its `dayNumber`). A plan may hold only weeks
 *   1..k of totalWeeks (a plan in progress): checks that need a week not present yet are skipped,
 *   and `validateWeek` looks only at the weeks up to the one it checks.
 * - A week's phase for the contextual rules (taper, R6, R8) is the one its number falls in by the
 *   phase counts; only when the counts hold no such week does the stored `week.phase` stand in.
 * - Full week = 7 days. "Run days" = days whose type is not rest; the floor (`isAtFloor`) counts run
 *   days without the race and miles without the race day, because the race cannot be shortened.
 *   A week at the floor satisfies R5, R6 and R8 (PLAN-RULES) and also R7's upper bound and R11: at
 *   baseline 5 with 6–7 preferred days a week cannot be under 10 miles otherwise, and a missed log
 *   must not force a week below two miles a run.
 * - R5 "peak" = the most miles of any week outside the taper present in the plan; the R5 checks whose
 *   weeks (or any week outside the taper) are not present are skipped.
 * - R7's lower bound is min(0.7 × baseline, 0.8 × weekCapacity): at high baselines one run a day on
 *   the preferred days cannot reach 0.7 × baseline (150 mi/week would need 105), so the bound is
 *   kept within what R4/R9/R10 allow that week.
 *   R11 wins over that lower bound: when the athlete's log caps the week, the minimum does not apply.
 * - R11 compares the week's miles without its race day (see the floor above); a week whose two
 *   previous weeks have no log repeats the last logged volume (or the baseline, if none) or less.
 *   R11 is a rule about generation: it checks a week against the logs stored with the weeks before
 *   it, so a log added after the next week was made can make that week look over its cap.
 * - The race lap may be up to 31 mi (custom distances reach 31, R3 caps other laps at 30).
 * - `DATA.week-miles`: a week's stored `miles` equals the sum of its laps (not in PLAN-RULES; it
 *   keeps a stale total from reaching the athlete).
 * - Float comparisons allow `EPSILON`: miles are sums of lap distances.
 *
 * Pure and allocation-light: one pass builds a per-week summary, one pass checks each day. Dates
 * are compared as day counts (calendar.ts epochDayOf), so no Date object is built per
 * day (a Date round trip per day cost more than all the other checks together).
 */
import { DAY_NAMES, dayNumberOf, daysBetween, epochDayOf, isoOfEpochDay, mondayOf, totalWeeksBetween } from './calendar.js';
import {
  EPSILON,
  LONG_RUN_CAP,
  MAX_LAP_MILES,
  TAPER_WEEKS,
  WARMUP_LAP,
  dayMilesRange,
  firstWeekBounds,
  isAtFloor,
  longRunCap,
  longRunShare,
} from './coaching-limits.js';
import { computePaces, type TrainingPaces } from './paces.js';
import {
  PHASE_NAMES,
  type Day,
  type DayType,
  type Lap,
  type Phase,
  type PhaseName,
  type Plan,
  type PlanInputs,
  type PlannedWeek,
  type Week,
} from './schemas.js';
import { PACE_PATTERN, formatPace, parsePace } from './time.js';
import { MAX_CUSTOM_MILES, distanceClass, type DistanceClass } from './units.js';

const RACE_LAP_MAX = MAX_CUSTOM_MILES;

export type Violation = { rule: string; message: string; weekNumber?: number; dayNumber?: number };

/** Every rule id this validator can report. */
export const RULE_IDS = [
  'R1.phase-order',
  'R1.phase-weeks',
  'R1.taper-length',
  'R1.week-number',
  'R1.week-phase',
  'R2.week-days',
  'R2.date',
  'R2.day-of-week',
  'R2.race-day',
  'R2.after-race',
  'R3.rest-empty',
  'R3.warmup',
  'R3.cooldown',
  'R3.workout',
  'R3.lap-index',
  'R3.lap-distance',
  'R3.pace-format',
  'R4.day-miles',
  'R4.run-zero',
  'R4.long-min',
  'R4.long-cap',
  'R4.race',
  'PACE.easy',
  'PACE.interval',
  'PACE.tempo',
  'PACE.long',
  'R5.rest-before-race',
  'R5.shakeout',
  'R5.race-week-hard',
  'R5.taper-growth',
  'R5.pre-race-week',
  'R5.race-week',
  'R6.progression',
  'R7.first-week',
  'R8.cutback',
  'R9.preferred-day',
  'R9.non-preferred',
  'R9.hard-count',
  'R9.hard-adjacent',
  'R10.long-share',
  'R11.adaptation',
  'DATA.week-miles',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * The ratios and tolerances of PLAN-RULES.md that `coaching-limits.ts` does not (yet) hold. They
 * are exported so that an engine aiming inside them reads the same numbers.
 */
export const RULE_RATIOS = {
  /** R5: the last full week before race week, against the peak week. */
  preRaceWeekShare: 0.8,
  /** R5: race week without the race, against the peak week. */
  raceWeekShare: 0.6,
  /** R6: miles ≤ growth × ref + allowance, and ≤ jump × the week before. */
  progressionGrowth: 1.1,
  progressionAllowance: 1,
  progressionJump: 1.3,
  /** R7: the first week with this many days is the one checked; capacity share of the lower bound. */
  firstWeekMinDays: 4,
  firstWeekCapacityShare: 0.8,
  /** R8: a cutback week is ≤ this share of the week before; windows of 4 starting at week 3. */
  cutbackShare: 0.9,
  cutbackWindow: 4,
  cutbackFirstWeek: 3,
  /** R9 */
  maxHardDays: 3,
  /** R11: on-plan share of days and miles; growth and allowance after a short week; miles per preferred day. */
  adaptationOnPlanShare: 0.8,
  adaptationGrowth: 1.1,
  adaptationAllowance: 2,
  adaptationMilesPerPreferredDay: 2,
  /** Paces, seconds per mile. */
  intervalPaceTolerance: 15,
  tempoPaceMargin: 60,
  racePaceTolerance: 1,
  /** R4: race lap distance tolerance, miles. */
  raceDistanceTolerance: 0.01,
} as const;

const DAYS_PER_WEEK = 7;
const R = RULE_RATIOS;

// ---------------------------------------------------------------------------------------------
// Small exported helpers (the engines use them too)

/** Calendar weeks from the start date's week through the race date's week. */
export function totalWeeksOf(inputs: Pick<PlanInputs, 'startDate' | 'raceDate'>): number {
  return totalWeeksBetween(inputs.startDate, inputs.raceDate);
}

/** The phase whose cumulative range of weeks holds `weekNumber`; undefined outside all of them. */
export function phaseOfWeek(phases: readonly Phase[], weekNumber: number): PhaseName | undefined {
  if (weekNumber < 1) return undefined;
  let end = 0;
  for (const phase of phases) {
    end += phase.weekCount;
    if (weekNumber <= end) return phase.name;
  }
  return undefined;
}

function sumLaps(laps: readonly Lap[]): number {
  let total = 0;
  for (const lap of laps) total += lap.distanceMiles;
  return total;
}

/** Miles of a day: every lap of warmup, workout and cooldown. */
export function dayMiles(day: Day): number {
  return sumLaps(day.warmup) + sumLaps(day.workout) + sumLaps(day.cooldown);
}

export function weekMiles(week: Week): number {
  let total = 0;
  for (const day of week.days) total += dayMiles(day);
  return total;
}

/**
 * R7: the most miles R4/R9/R10 could put on a week's preferred days — one long run at its cap,
 * the other hard days (at most three, never adjacent) at the tempo/intervals maximum, every other
 * preferred day at the moderate maximum. 0 when the week holds no preferred day.
 */
export function weekCapacity(
  inputs: Pick<PlanInputs, 'startDate' | 'distanceMiles' | 'weeklyMileage' | 'preferredDays'>,
  weekNumber: number,
): number {
  const firstDay = weekNumber === 1 ? dayNumberOf(inputs.startDate) : 1;
  let k = 0;
  let independent = 0;
  let lastPicked = -1;
  // Preferred days of a week form runs of consecutive days; picking greedily from the left gives
  // the largest set of pairwise non-adjacent days.
  for (let d = firstDay; d <= DAYS_PER_WEEK; d += 1) {
    if (!inputs.preferredDays.includes(d)) continue;
    k += 1;
    if (lastPicked !== d - 1) {
      independent += 1;
      lastPicked = d;
    }
  }
  if (k === 0) return 0;
  const h = Math.min(R.maxHardDays, independent);
  const b = inputs.weeklyMileage;
  return (
    longRunCap(distanceClass(inputs.distanceMiles), weekNumber) +
    dayMilesRange('tempo', b).max * (h - 1) +
    dayMilesRange('moderate', b).max * (k - h)
  );
}

// ---------------------------------------------------------------------------------------------
// Context: everything computed once per validation

type WeekStats = {
  readonly miles: number;
  readonly milesNoRace: number;
  readonly runDaysNoRace: number;
  /** Non-rest days, the race included (R11's planned run days). */
  readonly runDays: number;
  readonly full: boolean;
  readonly taper: boolean;
};

type Context = {
  readonly plan: Plan;
  readonly inputs: PlanInputs;
  readonly paces: TrainingPaces;
  readonly distance: DistanceClass;
  readonly baseline: number;
  readonly totalWeeks: number;
  /** Phase of week N by the phase counts, index N (0 unused). */
  readonly phaseOf: readonly (PhaseName | undefined)[];
  /** Days since the start week's Monday of the start date and of the race date. */
  readonly startOrd: number;
  readonly raceOrd: number;
  /** Days since 1970-01-01 of the start week's Monday; NaN when the start date is unreadable. */
  readonly mondayDay: number;
  readonly preferred: readonly boolean[];
  readonly stats: readonly WeekStats[];
  readonly peak: number | undefined;
  readonly firstWeek: number;
};


function isHard(type: DayType): boolean {
  return type === 'tempo' || type === 'intervals' || type === 'long';
}

function statsOf(week: PlannedWeek, taper: boolean): WeekStats {
  let miles = 0;
  let raceMiles = 0;
  let runDays = 0;
  let raceDays = 0;
  for (const day of week.days) {
    const m = dayMiles(day);
    miles += m;
    if (day.type === 'rest') continue;
    runDays += 1;
    if (day.type === 'race') {
      raceMiles += m;
      raceDays += 1;
    }
  }
  return {
    miles,
    milesNoRace: miles - raceMiles,
    runDaysNoRace: runDays - raceDays,
    runDays,
    full: week.days.length === DAYS_PER_WEEK,
    taper,
  };
}

function buildContext(plan: Plan, upto: number): Context {
  const { inputs } = plan;
  const monday = mondayOf(inputs.startDate);
  const totalWeeks = totalWeeksOf(inputs);
  const phaseOf: (PhaseName | undefined)[] = [undefined];
  const stats: WeekStats[] = [];
  let peak: number | undefined;
  for (let i = 0; i < upto; i += 1) {
    const week = plan.weeks[i];
    if (week === undefined) break;
    const phase = phaseOfWeek(plan.phases, i + 1);
    phaseOf.push(phase);
    const s = statsOf(week, (phase ?? week.phase) === 'taper');
    stats.push(s);
    if (!s.taper && (peak === undefined || s.miles > peak)) peak = s.miles;
  }
  const preferred: boolean[] = new Array<boolean>(DAYS_PER_WEEK + 1).fill(false);
  for (const d of inputs.preferredDays) preferred[d] = true;
  const firstDays = plan.weeks[0]?.days.length ?? 0;
  return {
    plan,
    inputs,
    paces: computePaces(inputs),
    distance: distanceClass(inputs.distanceMiles),
    baseline: inputs.weeklyMileage,
    totalWeeks,
    phaseOf,
    startOrd: dayNumberOf(inputs.startDate) - 1,
    raceOrd: daysBetween(monday, inputs.raceDate),
    mondayDay: epochDayOf(monday),
    preferred,
    stats,
    peak,
    firstWeek: firstDays >= R.firstWeekMinDays ? 1 : 2,
  };
}

// ---------------------------------------------------------------------------------------------
// Messages

function mi(miles: number): string {
  return Number.isFinite(miles) ? `${miles.toFixed(1)} mi` : `${String(miles)} mi`;
}

function dayName(dayNumber: number): string {
  return DAY_NAMES[dayNumber - 1] ?? `day ${dayNumber}`;
}

function where(weekNumber: number, dayNumber: number): string {
  return `week ${weekNumber} day ${dayNumber} (${dayName(dayNumber)})`;
}

function pace(seconds: number): string {
  return formatPace(seconds);
}

function push(out: Violation[], rule: RuleId, message: string, weekNumber?: number, dayNumber?: number): void {
  const v: Violation = { rule, message };
  if (weekNumber !== undefined) v.weekNumber = weekNumber;
  if (dayNumber !== undefined) v.dayNumber = dayNumber;
  out.push(v);
}

// ---------------------------------------------------------------------------------------------
// R1 phases

/** R1, the phase part: names and order, week counts, taper length. */
export function validatePhases(inputs: PlanInputs, phases: Phase[]): Violation[] {
  const out: Violation[] = [];
  const names = phases.map((p) => p.name);
  if (names.length !== PHASE_NAMES.length || names.some((n, i) => n !== PHASE_NAMES[i])) {
    push(out, 'R1.phase-order', `phases are ${names.join(', ') || 'missing'}; they must be exactly ${PHASE_NAMES.join(', ')}, in that order`);
  }
  const totalWeeks = totalWeeksOf(inputs);
  let sum = 0;
  for (const p of phases) {
    if (!Number.isInteger(p.weekCount) || p.weekCount < 1) {
      push(out, 'R1.phase-weeks', `the ${p.name} phase has ${p.weekCount} weeks; every phase needs a whole number of weeks, at least 1`);
    }
    sum += p.weekCount;
  }
  if (sum !== totalWeeks) {
    push(out, 'R1.phase-weeks', `the phases add up to ${sum} weeks; the plan runs ${totalWeeks} weeks from the start to race week`);
  }
  const distance = distanceClass(inputs.distanceMiles);
  const limits = TAPER_WEEKS[distance];
  for (const p of phases) {
    if (p.name !== 'taper') continue;
    if (p.weekCount < limits.min || p.weekCount > limits.max) {
      push(out, 'R1.taper-length', `the taper has ${p.weekCount} weeks; a ${distance} taper (race week included) is ${limits.min}–${limits.max} weeks`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Laps (R3) and paces

function checkLaps(out: Violation[], laps: readonly Lap[], part: string, n: number, d: number, maxLap = MAX_LAP_MILES): void {
  for (let j = 0; j < laps.length; j += 1) {
    const lap = laps[j] as Lap;
    if (lap.lapIndex !== j + 1) {
      push(out, 'R3.lap-index', `${where(n, d)}: ${part} lap ${j + 1} has lapIndex ${lap.lapIndex}; laps are numbered 1, 2, 3… within each part`, n, d);
    }
    const dist = lap.distanceMiles;
    if (!Number.isFinite(dist) || dist <= 0 || dist > maxLap + EPSILON) {
      push(out, 'R3.lap-distance', `${where(n, d)}: ${part} lap ${j + 1} is ${mi(dist)}; a lap is more than 0 and at most ${mi(maxLap)}`, n, d);
    }
    if (lap.paceGoal !== null && !PACE_PATTERN.test(lap.paceGoal)) {
      push(out, 'R3.pace-format', `${where(n, d)}: ${part} lap ${j + 1} has pace "${lap.paceGoal}"; paces are written M:SS or MM:SS`, n, d);
    }
  }
}

function checkEdgeLaps(out: Violation[], laps: readonly Lap[], part: 'warmup' | 'cooldown', n: number, d: number): void {
  const rule: RuleId = part === 'warmup' ? 'R3.warmup' : 'R3.cooldown';
  if (laps.length === 0) {
    push(out, rule, `${where(n, d)}: a run day needs a ${part} of at least one lap`, n, d);
    return;
  }
  for (let j = 0; j < laps.length; j += 1) {
    const lap = laps[j] as Lap;
    const dist = lap.distanceMiles;
    if (!(dist >= WARMUP_LAP.min - EPSILON && dist <= WARMUP_LAP.max + EPSILON)) {
      push(out, rule, `${where(n, d)}: ${part} lap ${j + 1} is ${mi(dist)}; ${part} laps are ${WARMUP_LAP.min}–${WARMUP_LAP.max} mi`, n, d);
    }
    if (lap.paceGoal !== null) {
      push(out, rule, `${where(n, d)}: ${part} lap ${j + 1} has pace ${lap.paceGoal}; ${part} laps are run by feel, with no pace`, n, d);
    }
  }
}

type PaceBand = { readonly rule: RuleId; readonly min: number; readonly max: number; readonly what: string };

function checkPaceBand(out: Violation[], laps: readonly Lap[], band: PaceBand, n: number, d: number): void {
  for (let j = 0; j < laps.length; j += 1) {
    const lap = laps[j] as Lap;
    if (lap.paceGoal === null) continue;
    const p = parsePace(lap.paceGoal);
    if (p === undefined) continue; // R3.pace-format reports it
    if (p < band.min - EPSILON || p > band.max + EPSILON) {
      push(out, band.rule, `${where(n, d)}: a lap at ${lap.paceGoal}/mi is outside ${band.what}`, n, d);
    }
  }
}

function checkPaces(out: Violation[], ctx: Context, day: Day, n: number, d: number): void {
  const p = ctx.paces;
  switch (day.type) {
    case 'easy':
    case 'recovery':
    case 'shakeout': {
      // Strictly slower than the predicted marathon pace: a whole second slower at least.
      const band: PaceBand = {
        rule: 'PACE.easy',
        min: p.predictedMarathon + 1,
        max: Infinity,
        what: `${day.type} pace (slower than the predicted marathon pace ${pace(p.predictedMarathon)})`,
      };
      checkPaceBand(out, day.warmup, band, n, d);
      checkPaceBand(out, day.workout, band, n, d);
      checkPaceBand(out, day.cooldown, band, n, d);
      return;
    }
    case 'intervals': {
      const t = R.intervalPaceTolerance;
      checkPaceBand(
        out,
        day.workout,
        { rule: 'PACE.interval', min: p.fiveK - t, max: p.fiveK + t, what: `interval pace (within ${t} s of 5K pace ${pace(p.fiveK)})` },
        n,
        d,
      );
      return;
    }
    case 'tempo': {
      const max = Math.max(p.predicted, p.goal) + R.tempoPaceMargin;
      checkPaceBand(
        out,
        day.workout,
        { rule: 'PACE.tempo', min: p.fiveK, max, what: `tempo pace (${pace(p.fiveK)}–${pace(max)})` },
        n,
        d,
      );
      return;
    }
    case 'long': {
      const band: PaceBand = {
        rule: 'PACE.long',
        min: Math.min(p.goal, p.easy),
        max: Math.max(p.goal, p.easy),
        what: `long-run pace (between goal pace ${pace(p.goal)} and easy pace ${pace(p.easy)})`,
      };
      checkPaceBand(out, day.warmup, band, n, d);
      checkPaceBand(out, day.workout, band, n, d);
      checkPaceBand(out, day.cooldown, band, n, d);
      return;
    }
    default:
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// Days (R2, R3, R4, paces, the day-level parts of R5 and R9)

function checkRace(out: Violation[], ctx: Context, day: Day, n: number, d: number): void {
  const race = ctx.inputs.distanceMiles;
  const goal = ctx.paces.goal;
  const expect = `one workout lap of ${race.toFixed(2)} mi at goal pace ${pace(goal)}`;
  if (day.workout.length !== 1) {
    push(out, 'R4.race', `${where(n, d)}: the race has ${day.workout.length} workout laps; it must be ${expect}`, n, d);
    return;
  }
  const lap = day.workout[0] as Lap;
  if (!(Math.abs(lap.distanceMiles - race) <= R.raceDistanceTolerance + EPSILON)) {
    push(out, 'R4.race', `${where(n, d)}: the race lap is ${lap.distanceMiles} mi; it must be ${expect}`, n, d);
  }
  const p = parsePace(lap.paceGoal);
  if (p === undefined || Math.abs(p - goal) > R.racePaceTolerance) {
    push(out, 'R4.race', `${where(n, d)}: the race lap has pace ${lap.paceGoal ?? 'none'}; it must be ${expect}`, n, d);
  }
}

function checkDayMiles(out: Violation[], ctx: Context, day: Day, miles: number, n: number, d: number): void {
  const type = day.type;
  if (type !== 'rest' && miles <= EPSILON) {
    push(out, 'R4.run-zero', `${where(n, d)}: a ${type} day with no miles; a run day always has some`, n, d);
  }
  switch (type) {
    case 'easy':
    case 'moderate':
    case 'recovery':
    case 'shakeout':
    case 'tempo':
    case 'intervals': {
      const range = dayMilesRange(type, ctx.baseline);
      if (miles < range.min - EPSILON || miles > range.max + EPSILON) {
        push(out, 'R4.day-miles', `${where(n, d)}: ${type} day of ${mi(miles)} is outside ${range.min}–${range.max} mi for a ${ctx.baseline} mi/week baseline`, n, d);
      }
      return;
    }
    case 'long': {
      const min = dayMilesRange('long', ctx.baseline).min;
      if (miles < min - EPSILON) {
        push(out, 'R4.long-min', `${where(n, d)}: long run of ${mi(miles)} is under the ${min} mi minimum`, n, d);
      }
      const cap = longRunCap(ctx.distance, n);
      if (miles > cap + EPSILON) {
        const which = cap < LONG_RUN_CAP[ctx.distance] ? `week-1 cap of ${cap} mi` : `${cap} mi ${ctx.distance} cap`;
        push(out, 'R4.long-cap', `${where(n, d)}: long run of ${mi(miles)} exceeds the ${which}`, n, d);
      }
      return;
    }
    case 'race':
      checkRace(out, ctx, day, n, d);
      return;
    case 'rest':
      return;
  }
}

function checkDayStructure(out: Violation[], day: Day, n: number, d: number): void {
  if (day.type === 'rest') {
    if (day.warmup.length + day.workout.length + day.cooldown.length > 0) {
      push(out, 'R3.rest-empty', `${where(n, d)}: a rest day holds laps; warmup, workout and cooldown must be empty`, n, d);
    }
  } else {
    checkEdgeLaps(out, day.warmup, 'warmup', n, d);
    checkEdgeLaps(out, day.cooldown, 'cooldown', n, d);
    if (day.workout.length === 0) {
      push(out, 'R3.workout', `${where(n, d)}: a ${day.type} day needs a workout of at least one lap`, n, d);
    }
  }
  checkLaps(out, day.warmup, 'warmup', n, d);
  // The race is one lap (R4) and custom races run to 31 mi, past R3's 30-mile lap cap.
  checkLaps(out, day.workout, 'workout', n, d, day.type === 'race' ? Math.max(MAX_LAP_MILES, RACE_LAP_MAX) : MAX_LAP_MILES);
  checkLaps(out, day.cooldown, 'cooldown', n, d);
}


/** R2 for one day: date, weekday name, race day placement, rest after the race. */
function checkDayCalendar(out: Violation[], ctx: Context, day: Day, ord: number, n: number, d: number): void {
  if (Number.isFinite(ctx.mondayDay) && epochDayOf(day.date) !== ctx.mondayDay + ord) {
    push(out, 'R2.date', `${where(n, d)}: dated ${day.date}; this day of the plan is ${isoOfEpochDay(ctx.mondayDay + ord)}`, n, d);
  }
  const name = DAY_NAMES[d - 1];
  if (day.dayOfWeek !== name) {
    push(out, 'R2.day-of-week', `${where(n, d)}: named ${day.dayOfWeek}; day ${d} is a ${name ?? 'day 1–7'}`, n, d);
  }
  if (ord === ctx.raceOrd && day.type !== 'race') {
    push(out, 'R2.race-day', `${where(n, d)}: the race date ${ctx.inputs.raceDate} is a ${day.type} day; it must be the race`, n, d);
  } else if (ord !== ctx.raceOrd && day.type === 'race') {
    push(out, 'R2.race-day', `${where(n, d)}: a race day that is not the race date ${ctx.inputs.raceDate}; the plan has one race`, n, d);
  }
  if (ord > ctx.raceOrd && day.type !== 'rest') {
    push(out, 'R2.after-race', `${where(n, d)}: a ${day.type} day after the race (${ctx.inputs.raceDate}); days after the race are rest`, n, d);
  }
}

/** R5's day-level rules: rest the day before the race, a short shakeout two days before. */
function checkRaceLeadIn(out: Violation[], ctx: Context, day: Day, miles: number, ord: number, n: number, d: number): void {
  if (ord < ctx.startOrd) return;
  if (ord === ctx.raceOrd - 1 && day.type !== 'rest') {
    push(out, 'R5.rest-before-race', `${where(n, d)}: a ${day.type} day the day before the race; it must be rest`, n, d);
  }
  if (ord === ctx.raceOrd - 2) {
    const range = dayMilesRange('shakeout', ctx.baseline);
    if (day.type !== 'shakeout') {
      push(out, 'R5.shakeout', `${where(n, d)}: a ${day.type} day two days before the race; it must be a ${range.min}–${range.max} mi shakeout`, n, d);
    } else if (miles < range.min - EPSILON || miles > range.max + EPSILON) {
      push(out, 'R5.shakeout', `${where(n, d)}: shakeout of ${mi(miles)} two days before the race; it must be ${range.min}–${range.max} mi`, n, d);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Weeks

function checkWeekShape(out: Violation[], ctx: Context, week: PlannedWeek, n: number): void {
  if (week.weekNumber !== n) {
    push(out, 'R1.week-number', `week ${n} of the plan is numbered ${week.weekNumber}; weeks are numbered 1, 2, 3… once each, in order`, n);
  }
  if (n > ctx.totalWeeks) {
    push(out, 'R1.week-number', `week ${n} comes after race week ${ctx.totalWeeks}; the plan ends with the race`, n);
  } else {
    const phase = ctx.phaseOf[n];
    if (phase === undefined) {
      push(out, 'R1.week-phase', `week ${n}: no phase holds this week; the phases must cover all ${ctx.totalWeeks} weeks`, n);
    } else if (week.phase !== phase) {
      push(out, 'R1.week-phase', `week ${n} is marked ${week.phase}; by the phase lengths it belongs to ${phase}`, n);
    }
  }
  const first = n === 1 ? ctx.startOrd + 1 : 1;
  let ok = week.days.length === DAYS_PER_WEEK - first + 1;
  for (let j = 0; ok && j < week.days.length; j += 1) ok = week.days[j]?.dayNumber === first + j;
  if (!ok) {
    const held = week.days.map((x) => x.dayNumber).join(', ') || 'no days';
    const want = first === DAYS_PER_WEEK ? `day ${first}` : `days ${first}–${DAYS_PER_WEEK}`;
    push(out, 'R2.week-days', `week ${n} holds ${held}; it must hold ${want}, in order`, n);
  }
}

function checkDays(out: Violation[], ctx: Context, week: PlannedWeek, n: number): void {
  const stats = ctx.stats[n - 1] as WeekStats;
  const baseOrd = DAYS_PER_WEEK * (n - 1);
  const allowedPreferredRest = ctx.inputs.preferredDays.length >= 6 ? 1 : 0;
  const maxShare = longRunShare(ctx.distance);
  let preferredRest = 0;
  let hardDays = 0;
  let sawRaceDate = false;
  // The day before this week's Monday, when hard, forbids a hard Monday (R9 across weeks).
  let lastHardOrd = -2;
  const prev = n >= 2 ? ctx.plan.weeks[n - 2] : undefined;
  const prevLast = prev?.days[prev.days.length - 1];
  if (prevLast !== undefined && prevLast.dayNumber === DAYS_PER_WEEK && isHard(prevLast.type)) lastHardOrd = baseOrd - 1;

  for (const day of week.days) {
    const d = day.dayNumber;
    const ord = baseOrd + d - 1;
    const miles = dayMiles(day);
    const type = day.type;
    if (ord === ctx.raceOrd) sawRaceDate = true;

    checkDayCalendar(out, ctx, day, ord, n, d);
    checkDayStructure(out, day, n, d);
    checkDayMiles(out, ctx, day, miles, n, d);
    checkPaces(out, ctx, day, n, d);
    checkRaceLeadIn(out, ctx, day, miles, ord, n, d);

    const hard = isHard(type);
    if (hard && n === ctx.totalWeeks) {
      push(out, 'R5.race-week-hard', `${where(n, d)}: a ${type} day in race week; race week has no tempo, intervals or long day`, n, d);
    }

    // R9 preferred days.
    if (ctx.preferred[d] === true) {
      const restRequired = ord === ctx.raceOrd - 1 || ord > ctx.raceOrd;
      if (type === 'rest' && !restRequired) {
        preferredRest += 1;
        if (preferredRest > allowedPreferredRest) {
          const allowance = allowedPreferredRest === 0 ? 'every preferred day is a run day' : 'at most one preferred day a week may rest';
          push(out, 'R9.preferred-day', `${where(n, d)}: a preferred day left as rest; with ${ctx.inputs.preferredDays.length} preferred days ${allowance}`, n, d);
        }
      }
    } else if (type !== 'rest' && type !== 'recovery') {
      const exempt = (ord === ctx.raceOrd && type === 'race') || (ord === ctx.raceOrd - 2 && type === 'shakeout');
      if (!exempt) {
        push(out, 'R9.non-preferred', `${where(n, d)}: a ${type} day on a day the athlete did not choose; it must be rest or recovery`, n, d);
      }
    }

    // R9 hard days; R10 long-run share.
    if (hard) {
      hardDays += 1;
      if (lastHardOrd === ord - 1) {
        push(out, 'R9.hard-adjacent', `${where(n, d)}: a ${type} day right after another hard day; hard days never fall on consecutive days`, n, d);
      }
      lastHardOrd = ord;
    }
    if (type === 'long' && miles > maxShare * stats.miles + EPSILON) {
      push(out, 'R10.long-share', `${where(n, d)}: long run of ${mi(miles)} is over ${Math.round(maxShare * 100)}% of the week's ${mi(stats.miles)}`, n, d);
    }
  }

  if (hardDays > R.maxHardDays) {
    push(out, 'R9.hard-count', `week ${n} has ${hardDays} hard days (tempo, intervals, long); at most ${R.maxHardDays}`, n);
  }
  if (n === ctx.totalWeeks && !sawRaceDate) {
    const d = (ctx.raceOrd % DAYS_PER_WEEK) + 1;
    push(out, 'R2.race-day', `${where(n, d)}: race week has no day for the race date ${ctx.inputs.raceDate}`, n, d);
  }
}

function atFloor(s: WeekStats): boolean {
  return isAtFloor(s.milesNoRace, s.runDaysNoRace);
}

/** R5's week-level rules: taper weeks do not grow; the last weeks stay under shares of the peak. */
function checkTaper(out: Violation[], ctx: Context, n: number): void {
  const s = ctx.stats[n - 1] as WeekStats;
  const floor = atFloor(s);
  const prev = ctx.stats[n - 2];
  if (s.taper && prev !== undefined && !floor && s.milesNoRace > prev.milesNoRace + EPSILON) {
    push(out, 'R5.taper-growth', `week ${n}: taper week of ${mi(s.milesNoRace)} (without the race) grows from week ${n - 1}'s ${mi(prev.milesNoRace)}`, n);
  }
  const peak = ctx.peak;
  if (peak === undefined || floor) return;
  if (n === ctx.totalWeeks - 1 && s.full) {
    const cap = R.preRaceWeekShare * peak;
    if (s.milesNoRace > cap + EPSILON) {
      push(out, 'R5.pre-race-week', `week ${n}: ${mi(s.milesNoRace)} the week before race week is over ${Math.round(R.preRaceWeekShare * 100)}% of the peak week's ${mi(peak)} (${mi(cap)})`, n);
    }
  }
  if (n === ctx.totalWeeks) {
    const cap = R.raceWeekShare * peak;
    if (s.milesNoRace > cap + EPSILON) {
      push(out, 'R5.race-week', `week ${n}: race week's ${mi(s.milesNoRace)} without the race is over ${Math.round(R.raceWeekShare * 100)}% of the peak week's ${mi(peak)} (${mi(cap)})`, n);
    }
  }
}

/** Miles of week k for R6: the baseline stands in for a week that does not exist or is partial. */
function progressionMiles(ctx: Context, k: number): number {
  const s = k >= 1 ? ctx.stats[k - 1] : undefined;
  return s !== undefined && s.full ? s.miles : ctx.baseline;
}

function checkProgression(out: Violation[], ctx: Context, n: number): void {
  const s = ctx.stats[n - 1] as WeekStats;
  if (s.taper || !s.full || atFloor(s)) return;
  const prev = progressionMiles(ctx, n - 1);
  const ref = Math.max(prev, progressionMiles(ctx, n - 2));
  const growthCap = R.progressionGrowth * ref + R.progressionAllowance;
  const jumpCap = R.progressionJump * prev;
  if (s.miles > growthCap + EPSILON) {
    push(out, 'R6.progression', `week ${n}: ${mi(s.miles)} is over ${R.progressionGrowth} × ${mi(ref)} + ${R.progressionAllowance} (${mi(growthCap)}), the most it may grow from the weeks before`, n);
  } else if (s.miles > jumpCap + EPSILON) {
    push(out, 'R6.progression', `week ${n}: ${mi(s.miles)} is over ${R.progressionJump} × the week before's ${mi(prev)} (${mi(jumpCap)})`, n);
  }
}

function checkFirstWeek(out: Violation[], ctx: Context, week: PlannedWeek, n: number): void {
  if (n !== ctx.firstWeek || week.days.length === 0) return;
  const s = ctx.stats[n - 1] as WeekStats;
  const scaled = (s.miles * DAYS_PER_WEEK) / week.days.length;
  const bounds = firstWeekBounds(ctx.baseline);
  const shown = week.days.length === DAYS_PER_WEEK ? mi(s.miles) : `${mi(s.miles)} (${mi(scaled)} over 7 days)`;
  if (scaled > bounds.max + EPSILON && !atFloor(s)) {
    push(out, 'R7.first-week', `week ${n}: ${shown} is over the first-week limit of ${mi(bounds.max)} for a ${ctx.baseline} mi/week baseline`, n);
  }
  // When the athlete's log already calls for less (R11), adaptation wins over the minimum.
  if (adaptationCapOf(ctx.inputs, ctx.plan.weeks, n) !== undefined) return;
  const capacity = weekCapacity(ctx.inputs, n);
  const min = Math.min(bounds.min, R.firstWeekCapacityShare * capacity);
  if (scaled < min - EPSILON) {
    push(out, 'R7.first-week', `week ${n}: ${shown} is under the first-week minimum of ${mi(min)} for a ${ctx.baseline} mi/week baseline`, n);
  }
}

/** R8, reported on the last week of each window: weeks n−3..n. */
function checkCutback(out: Violation[], ctx: Context, n: number): void {
  const k = n - R.cutbackWindow + 1;
  if (k < R.cutbackFirstWeek) return;
  for (let w = k; w <= n; w += 1) {
    const s = ctx.stats[w - 1];
    if (s === undefined || !s.full || s.taper) return;
  }
  for (let w = k; w <= n; w += 1) {
    const s = ctx.stats[w - 1] as WeekStats;
    const before = ctx.stats[w - 2] as WeekStats;
    if (atFloor(s) || s.miles <= R.cutbackShare * before.miles + EPSILON) return;
  }
  push(out, 'R8.cutback', `weeks ${k}–${n}: none is a cutback week (at most ${Math.round(R.cutbackShare * 100)}% of the week before it) or at the floor`, n);
}

export type AdaptationCap = { readonly limit: number; readonly why: string };

/**
 * R11: the most miles (race day excluded) week `weekNumber` may hold given the logs of the weeks
 * before it, or undefined when the logs leave the week to R6. Shared with the engines so that what
 * they build and what is checked cannot drift.
 */
export function adaptationCapOf(
  inputs: Pick<PlanInputs, 'weeklyMileage' | 'preferredDays'>,
  weeks: readonly PlannedWeek[],
  weekNumber: number,
): AdaptationCap | undefined {
  const n = weekNumber;
  if (n < 2) return undefined;
  const log = weeks[n - 2]?.execution;
  const dayFloor = R.adaptationMilesPerPreferredDay * inputs.preferredDays.length;
  if (log) {
    const prev = weeks[n - 2] as PlannedWeek;
    const prevMiles = weekMiles(prev);
    let runDays = 0;
    for (const day of prev.days) if (day.type !== 'rest') runDays += 1;
    const share = R.adaptationOnPlanShare;
    const onPlan = log.completedDays >= share * runDays - EPSILON && log.totalMiles >= share * prevMiles - EPSILON;
    if (onPlan) return undefined;
    return {
      limit: Math.max(R.adaptationGrowth * log.totalMiles + R.adaptationAllowance, dayFloor),
      why: `week ${n - 1} was logged at ${log.completedDays} of ${runDays} run days and ${mi(log.totalMiles)} of ${mi(prevMiles)}`,
    };
  }
  if (n < 3 || weeks[n - 3]?.execution) return undefined;
  let last = inputs.weeklyMileage;
  let lastWeek = 0;
  for (let w = n - 3; w >= 1; w -= 1) {
    const logged = weeks[w - 1]?.execution;
    if (logged) {
      last = logged.totalMiles;
      lastWeek = w;
      break;
    }
  }
  return {
    limit: Math.max(last, dayFloor),
    why: `weeks ${n - 2} and ${n - 1} have no log, so the week repeats ${lastWeek === 0 ? 'the baseline' : `week ${lastWeek}'s logged volume`} (${mi(last)}) or less`,
  };
}

function checkAdaptation(out: Violation[], ctx: Context, n: number): void {
  if (n < 2) return;
  const s = ctx.stats[n - 1] as WeekStats;
  if (atFloor(s)) return;
  const cap = adaptationCapOf(ctx.inputs, ctx.plan.weeks, n);
  if (cap && s.milesNoRace > cap.limit + EPSILON) {
    push(out, 'R11.adaptation', `week ${n}: ${mi(s.milesNoRace)} is over ${mi(cap.limit)}; ${cap.why}`, n);
  }
}

function checkWeekTotal(out: Violation[], ctx: Context, week: PlannedWeek, n: number): void {
  const s = ctx.stats[n - 1] as WeekStats;
  if (Math.abs(week.miles - s.miles) > 0.01) {
    push(out, 'DATA.week-miles', `week ${n}: its total says ${mi(week.miles)} but its laps add up to ${mi(s.miles)}`, n);
  }
}

function checkWeek(out: Violation[], ctx: Context, n: number): void {
  const week = ctx.plan.weeks[n - 1];
  if (week === undefined) return;
  checkWeekTotal(out, ctx, week, n);
  checkWeekShape(out, ctx, week, n);
  checkDays(out, ctx, week, n);
  checkTaper(out, ctx, n);
  checkProgression(out, ctx, n);
  checkFirstWeek(out, ctx, week, n);
  checkCutback(out, ctx, n);
  checkAdaptation(out, ctx, n);
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** Every rule: the phases (R1) and each week present, each in the context of the weeks before it. */
export function validatePlan(plan: Plan): Violation[] {
  const out = validatePhases(plan.inputs, plan.phases);
  const ctx = buildContext(plan, plan.weeks.length);
  for (let n = 1; n <= plan.weeks.length; n += 1) checkWeek(out, ctx, n);
  return out;
}

/** The rules for week `weekNumber` (the entry at that position), given the weeks before it. */
export function validateWeek(plan: Plan, weekNumber: number): Violation[] {
  if (!Number.isInteger(weekNumber) || weekNumber < 1 || weekNumber > plan.weeks.length) {
    return [
      {
        rule: 'R1.week-number',
        message: `week ${weekNumber} is not in the plan, which holds ${plan.weeks.length === 0 ? 'no weeks' : `weeks 1–${plan.weeks.length}`}`,
        weekNumber,
      },
    ];
  }
  const out: Violation[] = [];
  checkWeek(out, buildContext(plan, weekNumber), weekNumber);
  return out;
}
