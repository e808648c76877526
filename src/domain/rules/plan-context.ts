/**
 * Everything the rule families need, computed once per validation: the paces, the calendar
 * positions, and for every week and day present the figures the rules compare (training miles,
 * the longest run, quality sessions, miles in each pace zone).
 *
 * Conventions (settled once here, so the engines and the rules cannot disagree):
 * - Week N is the N-th entry of `plan.weeks`; a day's calendar position is (week N, dayNumber),
 *   counted in days from the Monday of the start week (`ord`).
 * - A week's phase is the one its number falls in by the phase counts; only when the counts hold
 *   no such week does the stored `week.phase` stand in.
 * - "Training miles" leave the race day out (R5: every volume figure counts the race apart);
 *   "run days" are the days that are neither rest nor the race.
 * - A run day without a `session` (stored before v2) is read as its type's first session kind
 *   for the pace checks, and reported once by R4.session.
 */
import { dayNumberOf, daysBetween, epochDayOf, mondayOf, totalWeeksBetween } from '../calendar.js';
import { isAtFloor, recentLongRunOf } from '../coaching-limits.js';
import { computePaces, pacesForWeek, type TrainingPaces } from '../paces.js';
import { dayMiles, lapsMiles, phaseOfWeek } from '../plan-math.js';
import { SESSIONS_OF_TYPE, type Day, type PhaseName, type Plan, type PlanInputs, type PlannedWeek, type SessionKind } from '../schemas.js';
import { parsePace } from '../time.js';
import { distanceClass, type DistanceClass } from '../units.js';
import { ZONES, zoneOfLap, type Zone } from '../zones.js';
import { ADAPTATION, adaptationCapOf, returningFrom, type AdaptationCap } from './adaptation.js';

export const DAYS_PER_WEEK = 7;

type ZoneMiles = Record<Zone, number>;

export type DayFacts = {
  readonly day: Day;
  readonly weekNumber: number;
  /** Days from the start week's Monday. */
  readonly ord: number;
  /** Days before the race (0 on race day, negative after it). */
  readonly toRace: number;
  readonly miles: number;
  readonly session: SessionKind | undefined;
  /** A quality session (C1): tempo or intervals, or a moderate day with a lap faster than easy. */
  readonly quality: boolean;
  /** A key day (C1): quality or the long run. */
  readonly key: boolean;
  /** Miles of the workout laps faster than easy. */
  readonly fastMiles: number;
  /** (session, reps, rep distance) of a quality session, for C4's variety rules. */
  readonly template: string;
  readonly zones: ZoneMiles;
};

export type WeekFacts = {
  readonly weekNumber: number;
  readonly week: PlannedWeek;
  readonly phase: PhaseName;
  readonly taper: boolean;
  readonly full: boolean;
  readonly raceWeek: boolean;
  readonly miles: number;
  readonly training: number;
  readonly runDays: number;
  /** The longest training run of the week (any type but the race). */
  readonly longest: number;
  /** Miles of the week's `long` day (0 when it has none). */
  readonly longRun: number;
  readonly days: readonly DayFacts[];
  readonly quality: readonly DayFacts[];
  readonly zones: ZoneMiles;
  readonly atFloor: boolean;
  /** R11: the cap the log of the week before puts on this one. */
  readonly cap: AdaptationCap | undefined;
  /** R11: the poor week this week is returning from. */
  readonly returningFrom: number | undefined;
};

export type Context = {
  readonly plan: Plan;
  readonly inputs: PlanInputs;
  readonly paces: TrainingPaces;
  readonly distance: DistanceClass;
  readonly baseline: number;
  readonly recentLong: number;
  readonly totalWeeks: number;
  readonly startOrd: number;
  readonly raceOrd: number;
  /** Days since 1970-01-01 of the start week's Monday; NaN when the start date is unreadable. */
  readonly mondayDay: number;
  readonly preferred: readonly boolean[];
  readonly weeks: readonly WeekFacts[];
  /** True when all weeks through race week are present. */
  readonly complete: boolean;
  /** True when a poor log capped some week (R11): the plan's minimums (C3, C4) then give way (safer). */
  readonly heldByLogs: boolean;
};

function emptyZones(): ZoneMiles {
  return { E: 0, M: 0, T: 0, I: 0, R: 0, target: 0 };
}

/** The session a run day is checked as: its own when valid for the type, else the type's first. */
function effectiveSession(day: Day): SessionKind | undefined {
  const allowed = SESSIONS_OF_TYPE[day.type];
  if (day.session !== undefined && allowed.includes(day.session)) return day.session;
  return allowed[0];
}

type CachedFacts = {
  readonly paces: TrainingPaces;
  readonly raceOrd: number;
  readonly type: Day['type'];
  readonly session: Day['session'];
  readonly laps: readonly Day['workout'][];
  readonly facts: DayFacts;
};

/**
 * Facts per day object: a plan's weeks are checked again each time a week is added, and the days
 * before it do not change (the store hands out frozen records, and the engines build new days),
 * so each day is read once per plan. A day whose type, session or lap arrays were replaced is read
 * again; laps are values and are never changed in place.
 */
const factsCache = new WeakMap<Day, CachedFacts>();

/** The facts of one day (exported for the engines, which must count as the rules do). */
function dayFacts(ctx: { paces: TrainingPaces; raceOrd: number }, day: Day, weekNumber: number): DayFacts {
  const hit = factsCache.get(day);
  if (
    hit !== undefined &&
    hit.paces === ctx.paces &&
    hit.raceOrd === ctx.raceOrd &&
    hit.facts.weekNumber === weekNumber &&
    hit.type === day.type &&
    hit.session === day.session &&
    hit.laps[0] === day.warmup &&
    hit.laps[1] === day.workout &&
    hit.laps[2] === day.cooldown
  ) {
    return hit.facts;
  }
  const facts = computeDayFacts(ctx, day, weekNumber);
  factsCache.set(day, {
    paces: ctx.paces,
    raceOrd: ctx.raceOrd,
    type: day.type,
    session: day.session,
    laps: [day.warmup, day.workout, day.cooldown],
    facts,
  });
  return facts;
}

function computeDayFacts(ctx: { paces: TrainingPaces; raceOrd: number }, day: Day, weekNumber: number): DayFacts {
  const ord = DAYS_PER_WEEK * (weekNumber - 1) + day.dayNumber - 1;
  const miles = dayMiles(day);
  const session = day.type === 'rest' ? undefined : effectiveSession(day);
  const zones = emptyZones();
  zones.E += lapsMiles(day.warmup) + lapsMiles(day.cooldown);
  let fastMiles = 0;
  let reps = 0;
  let repMiles = 0;
  for (const lap of day.workout) {
    const zone = session === undefined ? 'E' : (zoneOfLap(parsePace(lap.paceGoal), session, ctx.paces) ?? 'E');
    zones[zone] += lap.distanceMiles;
    if (zone !== 'E') {
      fastMiles += lap.distanceMiles;
      reps += 1;
      repMiles = Math.max(repMiles, lap.distanceMiles);
    }
  }
  const hasFast = day.workout.some((lap) => {
    const pace = parsePace(lap.paceGoal);
    return pace !== undefined && pace < ctx.paces.easyFast - 1;
  });
  const quality = day.type === 'tempo' || day.type === 'intervals' || (day.type === 'moderate' && hasFast);
  return {
    day,
    weekNumber,
    ord,
    toRace: ctx.raceOrd - ord,
    miles,
    session,
    quality,
    // A tune-up (a race day before the race) is a key day too (C1's adjacency; tune-up-rules.ts).
    key: quality || day.type === 'long' || (day.type === 'race' && ord !== ctx.raceOrd),
    fastMiles,
    template: `${session ?? day.type}:${reps}x${repMiles.toFixed(2)}`,
    zones,
  };
}

type WeekSums = Pick<WeekFacts, 'miles' | 'training' | 'runDays' | 'longest' | 'longRun' | 'days' | 'quality' | 'zones' | 'atFloor'>;

/** A week's figures, kept per days array: unchanged weeks are summed once per plan, not per check. */
const sumsCache = new WeakMap<readonly Day[], { readonly facts: readonly DayFacts[]; readonly sums: WeekSums }>();

function weekSums(base: { paces: TrainingPaces; raceOrd: number }, dayList: readonly Day[], n: number): WeekSums {
  const hit = sumsCache.get(dayList);
  if (hit !== undefined && hit.facts.length === dayList.length) {
    let fresh = true;
    for (let i = 0; fresh && i < dayList.length; i += 1) fresh = dayFacts(base, dayList[i] as Day, n) === hit.facts[i];
    if (fresh) return hit.sums;
  }
  const days = dayList.map((d) => dayFacts(base, d, n));
  const zones = emptyZones();
  let miles = 0;
  let training = 0;
  let runDays = 0;
  let longest = 0;
  let longRun = 0;
  for (const f of days) {
    miles += f.miles;
    if (f.day.type === 'race' || f.day.type === 'rest') continue;
    training += f.miles;
    runDays += 1;
    longest = Math.max(longest, f.miles);
    if (f.day.type === 'long') longRun = Math.max(longRun, f.miles);
    for (const z of ZONES) zones[z] += f.zones[z];
  }
  const sums: WeekSums = {
    miles,
    training,
    runDays,
    longest,
    longRun,
    days,
    quality: days.filter((f) => f.quality),
    zones,
    atFloor: isAtFloor(training, runDays),
  };
  sumsCache.set(dayList, { facts: days, sums });
  return sums;
}

/** The facts of each day of a week, as the rules read them (kept with the week's sums). */
export function weekDayFacts(base: { paces: TrainingPaces; raceOrd: number }, dayList: readonly Day[], n: number): readonly DayFacts[] {
  return weekSums(base, dayList, n).days;
}

const weekFactsCache = new WeakMap<
  PlannedWeek,
  {
    readonly sums: WeekSums;
    readonly inputs: PlanInputs;
    readonly before: readonly PlannedWeek[];
    readonly logs: readonly unknown[];
    readonly logDays: readonly unknown[];
    readonly facts: WeekFacts;
  }
>();

export function buildContext(plan: Plan, upto: number): Context {
  const { inputs } = plan;
  const monday = mondayOf(inputs.startDate);
  const totalWeeks = totalWeeksBetween(inputs.startDate, inputs.raceDate);
  const paces = computePaces(inputs);
  const raceOrd = daysBetween(monday, inputs.raceDate);
  const weeks: WeekFacts[] = [];
  let heldByLogs = false;
  for (let i = 0; i < upto; i += 1) {
    const week = plan.weeks[i];
    if (week === undefined) break;
    const n = i + 1;
    const phase = phaseOfWeek(plan.phases, n) ?? week.phase;
    // Each week is read at its own paces: a recalibration accepted mid-plan (issue 18) applies
    // from the week it names, and the weeks made before it keep the paces they were made with.
    const sums = weekSums({ paces: pacesForWeek(inputs, n), raceOrd }, week.days, n);
    // R11 reads the logs of the four weeks before: the facts are reused while those are the same.
    const before = plan.weeks.slice(Math.max(0, i - ADAPTATION.returnWeeks), i);
    const hit = weekFactsCache.get(week);
    if (
      hit !== undefined &&
      hit.sums === sums &&
      hit.facts.weekNumber === n &&
      hit.facts.phase === phase &&
      hit.facts.raceWeek === (n === totalWeeks) &&
      hit.inputs === inputs &&
      hit.before.length === before.length &&
      hit.before.every((w, k) => w === before[k] && hit.logs[k] === before[k]?.execution && hit.logDays[k] === before[k]?.days)
    ) {
      weeks.push(hit.facts);
      continue;
    }
    const facts: WeekFacts = {
      weekNumber: n,
      week,
      phase,
      taper: phase === 'taper',
      full: week.days.length === DAYS_PER_WEEK,
      raceWeek: n === totalWeeks,
      ...sums,
      cap: adaptationCapOf(inputs, plan.weeks, n),
      returningFrom: returningFrom(plan.weeks, n),
    };
    weekFactsCache.set(week, { sums, inputs, before, logs: before.map((w) => w.execution), logDays: before.map((w) => w.days), facts });
    weeks.push(facts);
  }
  for (const w of weeks) if (w.cap !== undefined) heldByLogs = true;
  const preferred: boolean[] = new Array<boolean>(DAYS_PER_WEEK + 1).fill(false);
  for (const d of inputs.preferredDays) preferred[d] = true;
  return {
    plan,
    inputs,
    paces,
    distance: distanceClass(inputs.distanceMiles),
    baseline: inputs.weeklyMileage,
    recentLong: recentLongRunOf(inputs),
    totalWeeks,
    startOrd: dayNumberOf(inputs.startDate) - 1,
    raceOrd,
    mondayDay: epochDayOf(monday),
    preferred,
    weeks,
    complete: weeks.length >= totalWeeks,
    heldByLogs,
  };
}

/** The facts of week n (1-based), if present. */
export function weekAt(ctx: Context, n: number): WeekFacts | undefined {
  return n >= 1 ? ctx.weeks[n - 1] : undefined;
}
