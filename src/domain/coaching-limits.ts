/**
 * The numeric limits of PLAN-RULES.md in one place, shared by the validator and the engines so
 * that what an engine aims for and what the validator accepts cannot drift apart.
 */
import type { DayType } from './schemas.js';
import type { DistanceClass } from './units.js';

export const MAX_PLAN_WEEKS = 30;

export const MIN_PLAN_WEEKS: Record<DistanceClass, number> = { '5k': 4, '10k': 6, half: 8, marathon: 10 };

/** Taper length, race week included (R1). */
export const TAPER_WEEKS: Record<DistanceClass, { readonly min: number; readonly max: number }> = {
  '5k': { min: 1, max: 2 },
  '10k': { min: 1, max: 2 },
  half: { min: 2, max: 3 },
  marathon: { min: 2, max: 3 },
};

/** Longest long run for the race (R4). */
export const LONG_RUN_CAP: Record<DistanceClass, number> = { '5k': 10, '10k': 12, half: 16, marathon: 22 };
export const LONG_RUN_MIN = 6;
export const LONG_RUN_WEEK1_CAP = 12;

/** Above this baseline (miles/week) easy and moderate days may be longer (R4). */
export const HIGH_VOLUME_BASELINE = 35;

export const WARMUP_LAP = { min: 0.5, max: 1.0 } as const;
export const MAX_LAP_MILES = 30;

export type MilesRange = { readonly min: number; readonly max: number };

/** Miles a day of this type may hold (R4); `long` and `race` have their own rules. */
export function dayMilesRange(type: DayType, baseline: number): MilesRange {
  const high = baseline > HIGH_VOLUME_BASELINE;
  switch (type) {
    case 'easy':
      return { min: 3, max: high ? 7 : 5 };
    case 'moderate':
      return { min: 4, max: high ? 9 : 7 };
    case 'recovery':
    case 'shakeout':
      return { min: 2, max: 4 };
    case 'tempo':
    case 'intervals':
      return { min: 4, max: 10 };
    case 'long':
      return { min: LONG_RUN_MIN, max: Infinity };
    case 'rest':
      return { min: 0, max: 0 };
    case 'race':
      return { min: 0, max: Infinity };
  }
}

/** The longest long run allowed in a given week (R4). */
export function longRunCap(distance: DistanceClass, weekNumber: number): number {
  return weekNumber === 1 ? Math.min(LONG_RUN_WEEK1_CAP, LONG_RUN_CAP[distance]) : LONG_RUN_CAP[distance];
}

/** Long-run share of the week (R10). */
export function longRunShare(distance: DistanceClass): number {
  return distance === 'marathon' ? 0.5 : 0.4;
}

/** R5/R6/R8 floor: a week of at most 2 miles per run day cannot be made smaller. */
export function isAtFloor(miles: number, runDays: number): boolean {
  return miles <= 2 * runDays + 1e-9;
}

/** R7: the scaled first-week bounds, before the floor and capacity allowances. */
export function firstWeekBounds(baseline: number): MilesRange {
  return { min: 0.7 * baseline, max: baseline < 9 ? 10 : 1.1 * baseline + 1 };
}

/** Comparison slack for sums of lap distances. */
export const EPSILON = 1e-6;
