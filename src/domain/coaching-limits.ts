/**
 * The numeric limits of PLAN-RULES v2 in one place, shared by the validator and the engines so
 * that what an engine aims for and what the validator accepts cannot drift apart.
 */
import type { DayType, PlanInputs } from './schemas.js';
import type { DistanceClass } from './units.js';

export const MAX_PLAN_WEEKS = 30;

export const MIN_PLAN_WEEKS: Record<DistanceClass, number> = { '5k': 4, '10k': 6, half: 8, marathon: 10 };

/** Taper length, race week included (R1); the marathon's is 2 weeks in plans under 12 weeks. */
export function taperWeeksAllowed(distance: DistanceClass, totalWeeks: number): { readonly min: number; readonly max: number } {
  switch (distance) {
    case '5k':
    case '10k':
      return { min: 1, max: 2 };
    case 'half':
      return { min: 2, max: 2 };
    case 'marathon':
      return totalWeeks < 12 ? { min: 2, max: 2 } : { min: 3, max: 3 };
  }
}

export const WARMUP_LAP = { min: 0.5, max: 1.0 } as const;
export const MAX_LAP_MILES = 30;

/** The shortest run day; a week of at most this per run day is "at the floor" (R5, R6, R8). */
export const FLOOR_MILES_PER_RUN = 2;

export type MilesRange = { readonly min: number; readonly max: number };

/**
 * Miles a day of this type may hold (R4) in a week of `weekMiles` training miles; `long` is left
 * to C3 and `race` to its distance, `moderate` has its own cap against the long run (R4.medium-long).
 */
export function dayMilesRange(type: DayType, weekMiles: number): MilesRange {
  switch (type) {
    case 'easy':
      return { min: 2, max: Math.min(10, Math.max(5, 0.2 * weekMiles)) };
    case 'recovery':
    case 'shakeout':
      return { min: 2, max: 5 };
    case 'moderate':
      return { min: 2, max: MEDIUM_LONG.maxMiles };
    case 'tempo':
    case 'intervals':
      return { min: 3, max: 12 };
    case 'long':
      return { min: 2, max: LONG_RUN.maxMiles };
    case 'rest':
      return { min: 0, max: 0 };
    case 'race':
      return { min: 0, max: Infinity };
  }
}

/** R4: a medium-long run is easy, ≤ 75% of the week's long run and ≤ 15 mi. */
export const MEDIUM_LONG = { longShare: 0.75, maxMiles: 15 } as const;

/** C3: the long run. */
export const LONG_RUN = {
  /** Week 1's long run ≤ the recent long run + this. */
  firstWeekGain: 1.5,
  /** Later long runs ≤ the largest of the three previous weeks' long runs + this. */
  weeklyGain: 2,
  lookBackWeeks: 3,
  maxMiles: 22,
  /** Hours at easy pace. */
  hoursCap: { '5k': 2.5, '10k': 2.5, half: 2.5, marathon: 3.5 } as Record<DistanceClass, number>,
  twentyMiler: 20,
  maxTwentyMilers: 3,
} as const;

/** The recent long run the plan starts from: the athlete's, or max(3, 0.3 × weekly volume). */
export function recentLongRunOf(inputs: Pick<PlanInputs, 'weeklyMileage' | 'recentLongRunMiles'>): number {
  return inputs.recentLongRunMiles ?? Math.max(3, Math.round(3 * inputs.weeklyMileage) / 10);
}

/** C3's time cap as miles at easy pace, and never over 22 mi. */
export function longRunTimeCapMiles(distance: DistanceClass, easyPaceSeconds: number): number {
  return Math.min(LONG_RUN.maxMiles, (LONG_RUN.hoursCap[distance] * 3600) / easyPaceSeconds);
}

/** R10: the long run's largest share of its week. */
export function longRunShare(distance: DistanceClass, weekMiles: number): number {
  switch (distance) {
    case '5k':
    case '10k':
      return 0.35;
    case 'half':
      return 0.4;
    case 'marathon':
      return weekMiles >= 50 ? 0.4 : 0.45;
  }
}

/** R5: the shakeout two days before the race. */
export const PRE_RACE_SHAKEOUT: MilesRange = { min: 2, max: 4 };

/** R5/R6/R8 floor: a week of at most 2 miles per run day cannot be made smaller. */
export function isAtFloor(miles: number, runDays: number): boolean {
  return miles <= FLOOR_MILES_PER_RUN * runDays + 1e-9;
}

/** R7: the scaled first-week bounds, before the floor and capacity allowances. */
export function firstWeekBounds(baseline: number): MilesRange {
  return { min: 0.7 * baseline, max: 1.1 * baseline + 1 };
}

/** C1: quality sessions a week allows (the long run not counted). */
export function maxQualitySessions(phase: 'base' | 'build' | 'peak' | 'taper', baseline: number, preferredDays: number): number {
  const novice = baseline < 15;
  switch (phase) {
    case 'base':
      return novice ? 0 : 1;
    case 'build':
    case 'peak':
      return novice || preferredDays <= 3 ? 1 : 2;
    case 'taper':
      return 1;
  }
}

/** C2: intensity volume per week (warmups and cooldowns count as easy). */
export const INTENSITY = {
  thresholdShare: 0.1,
  thresholdMin: 2,
  intervalShare: 0.08,
  intervalMin: 1.5,
  intervalMax: 6.2,
  /** Seconds an I rep lasts. */
  intervalRepSeconds: { min: 120, max: 300 },
  repetitionShare: 0.05,
  racePaceShare: 0.2,
  racePaceMin: 3,
  easyShare: 0.75,
  /** Strides: 4–8 × 15–20 s at R pace. */
  strides: { minCount: 4, maxCount: 8, minSeconds: 15, maxSeconds: 20 },
} as const;

/** Comparison slack for sums of lap distances. */
export const EPSILON = 1e-6;
