/**
 * The plan's curve "if all goes to plan": for every week, the training miles it aims at and the
 * long run it builds to. The rules engine makes each week from this curve, trimmed by what the
 * weeks already made and the athlete's logs allow; the charts can show it for weeks not yet made.
 *
 * How the curve is shaped (the GoFast model, checked against Higdon, Pfitzinger and Daniels):
 * - Volume ramps from the athlete's week to a peak by distance and baseline over base and build,
 *   grows at most 10% + 1 mi a week (R6), steps back every fourth week (R8), holds through the
 *   peak phase and tapers by shares of the peak (marathon 75/60/40%, half 70/45%, 5K–10K 75/50%).
 * - The long run starts from the athlete's recent long run, grows by at most 2 mi a week (C3),
 *   stays within its share of the week (R10) and its time cap, steps back with the cutbacks, and
 *   peaks at least three weeks (marathon) or two (half) before the race; after that it falls to
 *   75% and 50% of the peak as C3 sets.
 * - A peak week big enough to demand a longer long run (C3: 18 mi at 40 mi/week, 20 at 50) is only
 *   planned when the long run can get there; otherwise the peak week stays just under.
 */
import { dateOfPlanDay, dayNumbersOfWeek, daysBetween, totalWeeksBetween } from '../../domain/calendar.js';
import { LONG_RUN, longRunShare, longRunTimeCapMiles, recentLongRunOf } from '../../domain/coaching-limits.js';
import { computePaces } from '../../domain/paces.js';
import { phaseOfWeek } from '../../domain/plan-math.js';
import { PRE_RACE_LONG, requiredPeakLong } from '../../domain/rules/long-run-rules.js';
import type { Phase, PhaseName, PlanInputs } from '../../domain/schemas.js';
import { distanceClass, type DistanceClass } from '../../domain/units.js';

type WeekCurve = {
  readonly weekNumber: number;
  readonly phase: PhaseName;
  /** Training miles the week aims at (scaled to its days for a partial first week). */
  readonly level: number;
  /** The long run the week aims at (0: no long run). */
  readonly long: number;
  readonly cutback: boolean;
};

export type Projection = {
  readonly weeks: readonly WeekCurve[];
  readonly peakWeek: number;
  readonly peakLong: number;
};

const DAYS = 7;

/** Taper weeks as shares of the peak week, earliest first, race week last. */
const TAPER_SHARES: Record<DistanceClass, Record<number, readonly number[]>> = {
  '5k': { 1: [0.5], 2: [0.75, 0.5] },
  '10k': { 1: [0.5], 2: [0.75, 0.5] },
  half: { 2: [0.7, 0.45] },
  marathon: { 2: [0.7, 0.45], 3: [0.75, 0.6, 0.4] },
};

/** The peak week a plan builds to, by race and the athlete's week (before R6 trims it). */
function peakTarget(distance: DistanceClass, baseline: number): number {
  const growth: Record<DistanceClass, readonly [number, number, number]> = {
    '5k': [1.25, 10, 12],
    '10k': [1.3, 12, 15],
    half: [1.35, 15, 20],
    marathon: [1.35, 20, 38],
  };
  const [factor, add, floor] = growth[distance];
  return Math.max(Math.min(baseline * factor, baseline + add), floor, baseline);
}

/** The athlete's long-run day: the chosen one, else Saturday, else Sunday, else the last run day. */
export function longDayOf(inputs: Pick<PlanInputs, 'longRunDay' | 'preferredDays'>): number {
  if (inputs.longRunDay !== undefined) return inputs.longRunDay;
  for (const d of [6, 7]) if (inputs.preferredDays.includes(d)) return d;
  return Math.max(...inputs.preferredDays);
}

/**
 * Cutback weeks (R8): every fourth week, counted back from the week after the last long run far
 * enough from the race to be the peak (C3), so that week is never a cutback; for races without
 * that window, counted back from the taper.
 */
function plannedCutbacks(
  inputs: Pick<PlanInputs, 'startDate' | 'raceDate' | 'longRunDay' | 'preferredDays' | 'distanceMiles'>,
  firstTaper: number,
): Set<number> {
  const window = PRE_RACE_LONG[distanceClass(inputs.distanceMiles)]?.longestDays;
  let anchor = firstTaper;
  if (window !== undefined) {
    const longDay = longDayOf(inputs);
    for (let n = firstTaper - 1; n >= 1; n -= 1) {
      if (daysToRace(inputs, n, longDay) >= window) {
        anchor = Math.min(firstTaper, n + 1);
        break;
      }
    }
  }
  const cutbacks = new Set<number>();
  for (let n = anchor; n >= 3; n -= 4) if (n < firstTaper) cutbacks.add(n);
  return cutbacks;
}

/** Days from (week n, day d) to the race. */
function daysToRace(inputs: Pick<PlanInputs, 'startDate' | 'raceDate'>, weekNumber: number, dayNumber: number): number {
  return daysBetween(dateOfPlanDay(inputs.startDate, weekNumber, dayNumber), inputs.raceDate);
}

/**
 * C3's ceiling on a run `toRace` days before the race, given the peak long run before the
 * window (Infinity outside the windows, or for races without them).
 */
export function preRaceCeiling(distance: DistanceClass, toRace: number, peak: number): number {
  const rule = PRE_RACE_LONG[distance];
  if (rule === undefined || toRace < 1 || toRace >= rule.longestDays || peak <= 0) return Infinity;
  let cap = peak - 0.5;
  for (const band of rule.bands) if (toRace >= band.from && toRace <= band.to) cap = Math.min(cap, band.share * peak);
  return cap;
}

function floorHalf(miles: number): number {
  return Math.floor(miles * 2 + 1e-9) / 2;
}

const cache = new Map<string, Projection>();

function curveOnce(inputs: PlanInputs, phases: readonly Phase[], volumeCeiling: number): Projection {
  const distance = distanceClass(inputs.distanceMiles);
  const baseline = inputs.weeklyMileage;
  const total = totalWeeksBetween(inputs.startDate, inputs.raceDate);
  const taper = phases.find((p) => p.name === 'taper')?.weekCount ?? 1;
  const rampEnd = Math.max(1, total - taper - (phases.find((p) => p.name === 'peak')?.weekCount ?? 0));
  const peak = Math.min(volumeCeiling, peakTarget(distance, baseline));
  const easy = computePaces(inputs).easy;
  const timeCap = longRunTimeCapMiles(distance, easy);
  const recent = recentLongRunOf(inputs);
  const longDay = longDayOf(inputs);
  const goalLong = Math.min(
    timeCap,
    distance === 'marathon'
      ? peak >= 70
        ? 21
        : peak >= 50
          ? 20
          : peak >= 40
            ? 18.5
            : 17
      : distance === 'half'
        ? peak >= 25
          ? 12
          : 10
        : distance === '10k'
          ? 9
          : 7,
  );
  const shares = TAPER_SHARES[distance][taper] ?? [0.5];
  const window = PRE_RACE_LONG[distance]?.longestDays ?? 0;

  // What one run a day can carry: a 22-mile long run and medium-long runs of up to 15 (R4, C3).
  const capacity = 0.95 * (LONG_RUN.maxMiles + 15 * (inputs.preferredDays.length - 1));
  const cutbacks = plannedCutbacks(inputs, total - taper + 1);
  // The week the long run peaks: the last one before the taper far enough from the race (C3)
  // that is not a cutback. The long run ramps to it from the recent long run, and in the weeks
  // just before it alternates a full long run with a shorter one (as Pfitzinger and Higdon do),
  // so only a few runs come near the peak.
  let peakLongWeek = 1;
  for (let n = total - taper; n >= 1; n -= 1) {
    if (cutbacks.has(n) || !inputs.preferredDays.includes(longDay)) continue;
    if (daysToRace(inputs, n, longDay) >= window) {
      peakLongWeek = n;
      break;
    }
  }
  // An athlete whose recent long run is already near the peak starts a little under it, so the
  // peak comes at the end of the build, not in week 1.
  const start = Math.min(recent, 0.8 * goalLong);
  const rampLong = (n: number): number => {
    const t = Math.min(1, Math.max(0, (n - 1) / Math.max(1, peakLongWeek - 1)));
    const ramp = start + (goalLong - start) * t;
    // Only where the ramp has room: a steep ramp (a short plan) needs every week's step.
    const gentle = (goalLong - start) / Math.max(1, peakLongWeek - 1) <= 0.8;
    const alternate = gentle && n < peakLongWeek && n >= peakLongWeek - 5 && (peakLongWeek - n) % 2 === 1;
    return alternate ? Math.max(start, 0.88 * ramp) : ramp;
  };
  const weeks: WeekCurve[] = [];
  const fullLevels: number[] = [];
  const longs: number[] = [];
  let peakWeek = 0;
  let peakLongBefore = 0;
  let twenties = 0;
  for (let n = 1; n <= total; n += 1) {
    const phase = phaseOfWeek(phases, n) ?? 'taper';
    const days = dayNumbersOfWeek(inputs.startDate, n).length;
    const prev = n >= 2 && fullLevels[n - 2] !== undefined ? (fullLevels[n - 2] as number) : baseline;
    const prev2 = n >= 3 && fullLevels[n - 3] !== undefined ? (fullLevels[n - 3] as number) : baseline;
    let level: number;
    let cutback = false;
    if (phase !== 'taper') {
      const ideal = n <= rampEnd ? baseline + ((peak - baseline) * (n - 1)) / Math.max(1, rampEnd - 1) : peak;
      level = n === 1 ? Math.min(ideal, baseline) : Math.min(ideal, 1.1 * Math.max(prev, prev2) + 1, 1.3 * prev);
      cutback = cutbacks.has(n) || (taper === 1 && n === total - 1);
      if (cutback) level = Math.min(level, 0.8 * prev);
      level = Math.min(level, volumeCeiling, capacity);
      peakWeek = Math.max(peakWeek, level);
    } else {
      const share = shares[n - (total - taper) - 1] ?? shares[shares.length - 1] ?? 0.5;
      level = Math.min(share * peakWeek, weeks[n - 2]?.level ?? Infinity);
    }
    fullLevels.push(days === DAYS ? level : baseline);
    const scaled = (level * days) / DAYS;

    let long = 0;
    const hasLongDay = dayNumbersOfWeek(inputs.startDate, n).includes(longDay) && inputs.preferredDays.includes(longDay);
    if (n < total && hasLongDay) {
      const toRace = daysToRace(inputs, n, longDay);
      let cap =
        n === 1 ? recent + LONG_RUN.firstWeekGain : Math.max(recent, ...longs.slice(Math.max(0, n - 4), n - 1)) + LONG_RUN.weeklyGain;
      cap = Math.min(cap, timeCap, goalLong, rampLong(n), longRunShare(distance, scaled) * scaled);
      if (cutback) cap = Math.min(cap, 0.8 * Math.max(...longs.slice(-1), 0));
      // 20-milers (at most three, C3) go to the peak week and the full weeks two and four before it.
      const twentyWeek = n === peakLongWeek || n === peakLongWeek - 2 || n === peakLongWeek - 4;
      if (!twentyWeek || twenties >= LONG_RUN.maxTwentyMilers) cap = Math.min(cap, LONG_RUN.twentyMiler - 0.5);
      if (toRace < window) cap = Math.min(cap, preRaceCeiling(distance, toRace, peakLongBefore));
      long = Math.max(0, floorHalf(cap));
      if (toRace >= window) peakLongBefore = Math.max(peakLongBefore, long);
      if (long >= LONG_RUN.twentyMiler) twenties += 1;
    }
    longs.push(long);
    weeks.push({ weekNumber: n, phase, level: scaled, long, cutback });
  }
  return { weeks, peakWeek, peakLong: Math.max(0, ...longs) };
}

/** The volume thresholds of C3 that ask a longer long run, by race. */
export const LONG_THRESHOLDS: Record<DistanceClass, readonly number[]> = {
  '5k': [],
  '10k': [20],
  half: [25],
  marathon: [40, 50],
};

/** The curve of a plan, memoised per inputs (it is pure and every week of a plan asks for it). */
const byObject = new WeakMap<PlanInputs, { readonly phases: readonly Phase[]; readonly projection: Projection }>();

export function projectPlan(inputs: PlanInputs, phases: readonly Phase[]): Projection {
  // Most calls come with the same inputs and phases objects (one plan, week after week).
  const same = byObject.get(inputs);
  if (same !== undefined && same.phases === phases) return same.projection;
  const projection = projectByValue(inputs, phases);
  byObject.set(inputs, { phases, projection });
  return projection;
}

function projectByValue(inputs: PlanInputs, phases: readonly Phase[]): Projection {
  const key = JSON.stringify([inputs, phases]);
  const hit = cache.get(key);
  if (hit) return hit;
  const distance = distanceClass(inputs.distanceMiles);
  const easy = computePaces(inputs).easy;
  const total = totalWeeksBetween(inputs.startDate, inputs.raceDate);
  let ceiling = Infinity;
  let projection = curveOnce(inputs, phases, ceiling);
  // Keep the peak week under a C3 threshold the long run cannot meet.
  for (const threshold of [...LONG_THRESHOLDS[distance]].reverse()) {
    const need = requiredPeakLong(distance, total, projection.peakWeek, easy);
    if (projection.peakLong + 1e-9 >= need) break;
    if (projection.peakWeek >= threshold - 1e-9) {
      ceiling = threshold - 1;
      projection = curveOnce(inputs, phases, ceiling);
    }
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, projection);
  return projection;
}
