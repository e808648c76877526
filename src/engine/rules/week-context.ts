/**
 * Everything the rules engine needs to know about the week it is about to build: which days it
 * holds, which are fixed by the race (R5), the mileage window the rules leave it (R5–R8, R11) and
 * the target the GoFast progression aims for inside that window.
 */
import { addDaysIso, dateOfPlanDay, dayNumbersOfWeek, daysBetween } from '../../domain/calendar.js';
import {
  EPSILON,
  firstWeekBounds,
  isAtFloor,
} from '../../domain/coaching-limits.js';
import { computePaces, type TrainingPaces } from '../../domain/paces.js';
import type { Phase, PhaseName, PlanInputs, PlannedWeek } from '../../domain/schemas.js';
import { HARD_DAY_TYPES } from '../../domain/schemas.js';
import { distanceClass, type DistanceClass } from '../../domain/units.js';
import { adaptationCapOf, phaseOfWeek, weekCapacity, weekMiles } from '../../domain/validator.js';

export type FixedDay = 'race' | 'rest-before-race' | 'shakeout' | 'after-race';

export type WeekContext = {
  readonly inputs: PlanInputs;
  readonly paces: TrainingPaces;
  readonly distance: DistanceClass;
  readonly totalWeeks: number;
  readonly weekNumber: number;
  readonly phase: PhaseName;
  readonly phaseWeekIndex: number;
  readonly phaseWeekCount: number;
  readonly dayNumbers: readonly number[];
  readonly fixed: ReadonlyMap<number, FixedDay>;
  readonly previousDayHard: boolean;
  readonly isRaceWeek: boolean;
  readonly isCutback: boolean;
  /** Miles the week must not exceed unless it is at the floor. */
  readonly upper: number;
  /** Miles the week must reach (R7); 0 elsewhere. */
  readonly lower: number;
  readonly target: number;
  readonly variant: number;
  /** The longest long run so far (0 before the first): long runs grow by at most 2 mi a week. */
  readonly longestRun: number;
};

const FULL = 7;

function isFull(week: PlannedWeek | undefined): week is PlannedWeek {
  return week !== undefined && week.days.length === FULL;
}

function runDayCount(week: PlannedWeek): number {
  return week.days.filter((d) => d.type !== 'rest' && d.type !== 'race').length;
}

function milesWithoutRace(week: PlannedWeek): number {
  let miles = weekMiles(week);
  for (const day of week.days) {
    if (day.type === 'race') miles -= day.warmup.concat(day.workout, day.cooldown).reduce((s, l) => s + l.distanceMiles, 0);
  }
  return miles;
}

function atFloor(week: PlannedWeek): boolean {
  return isAtFloor(milesWithoutRace(week), runDayCount(week));
}

/** Fixed days of a week from the race date: the race, rest the day before, shakeout two before. */
function fixedDays(inputs: PlanInputs, weekNumber: number, dayNumbers: readonly number[]): Map<number, FixedDay> {
  const fixed = new Map<number, FixedDay>();
  const dayBefore = addDaysIso(inputs.raceDate, -1);
  const twoBefore = addDaysIso(inputs.raceDate, -2);
  for (const d of dayNumbers) {
    const date = dateOfPlanDay(inputs.startDate, weekNumber, d);
    const offset = daysBetween(inputs.raceDate, date);
    if (offset === 0) fixed.set(d, 'race');
    else if (offset > 0) fixed.set(d, 'after-race');
    else if (date === dayBefore) fixed.set(d, 'rest-before-race');
    else if (date === twoBefore) fixed.set(d, 'shakeout');
  }
  return fixed;
}

/** Target peak week for the race, before the progression and capacity cap it. */
export function peakTarget(distance: DistanceClass, baseline: number): number {
  const growth: Record<DistanceClass, [number, number, number]> = {
    '5k': [1.2, 10, 12],
    '10k': [1.25, 12, 16],
    half: [1.35, 15, 22],
    marathon: [1.5, 20, 30],
  };
  const [factor, add, floor] = growth[distance];
  return Math.max(Math.min(baseline * factor, baseline + add), floor);
}

/**
 * The planned (full-week) volume of week `n` before the taper, as if every week went to plan: a
 * straight ramp from the baseline to the peak target at the end of the build phase, then held
 * through peak. R6 and the cutbacks trim it week by week.
 */
export function plannedLevel(distance: DistanceClass, baseline: number, n: number, rampEnd: number): number {
  const peak = Math.max(baseline, peakTarget(distance, baseline));
  if (rampEnd <= 1) return peak;
  return Math.min(peak, baseline + ((peak - baseline) * (n - 1)) / (rampEnd - 1));
}

export function isCutbackWeek(weekNumber: number): boolean {
  return weekNumber >= 4 && weekNumber % 4 === 0;
}

function longestRunOf(weeks: readonly PlannedWeek[]): number {
  let longest = 0;
  for (const week of weeks) {
    for (const day of week.days) {
      if (day.type !== 'long') continue;
      let miles = 0;
      for (const lap of day.warmup.concat(day.workout, day.cooldown)) miles += lap.distanceMiles;
      longest = Math.max(longest, miles);
    }
  }
  return longest;
}

type ContextRequest = {
  readonly inputs: PlanInputs;
  readonly phases: readonly Phase[];
  readonly totalWeeks: number;
  readonly weeks: readonly PlannedWeek[];
  readonly weekNumber: number;
  readonly variant: number;
};

export function buildWeekContext(request: ContextRequest): WeekContext {
  const { inputs, phases, totalWeeks, weeks, weekNumber } = request;
  const distance = distanceClass(inputs.distanceMiles);
  const baseline = inputs.weeklyMileage;
  const dayNumbers = dayNumbersOfWeek(inputs.startDate, weekNumber);
  const phase = phaseOfWeek(phases, weekNumber) ?? 'taper';
  let phaseStart = 1;
  let phaseWeekCount = 1;
  for (const p of phases) {
    if (p.name === phase) {
      phaseWeekCount = p.weekCount;
      break;
    }
    phaseStart += p.weekCount;
  }
  const fixed = fixedDays(inputs, weekNumber, dayNumbers);
  const prev = weeks[weekNumber - 2];
  const prev2 = weeks[weekNumber - 3];
  const lastDayOfPrev = prev?.days[prev.days.length - 1];
  const previousDayHard = lastDayOfPrev !== undefined && HARD_DAY_TYPES.includes(lastDayOfPrev.type);
  const isRaceWeek = weekNumber === totalWeeks;
  const full = dayNumbers.length === FULL;
  const taperWeeks = phases.find((p) => p.name === 'taper')?.weekCount ?? 1;
  const firstTaperWeek = totalWeeks - taperWeeks + 1;

  let upper = Infinity;
  let lower = 0;
  let target: number;
  let isCutback = false;

  const prevMiles = isFull(prev) ? weekMiles(prev) : baseline;
  const peakSoFar = Math.max(
    0,
    ...weeks.filter((w) => w.phase !== 'taper' && w.weekNumber < weekNumber).map((w) => weekMiles(w)),
  );
  const prevMilesNoRace = prev ? milesWithoutRace(prev) : baseline;

  if (phase !== 'taper') {
    const rampEnd = phases.filter((p) => p.name === 'base' || p.name === 'build').reduce((sum, p) => sum + p.weekCount, 0);
    const level = plannedLevel(distance, baseline, weekNumber, rampEnd);
    target = (level * dayNumbers.length) / FULL;
    isCutback = isCutbackWeek(weekNumber);
    // The week before a one-week taper is the last full week before race week (R5: ≤ 80% of peak).
    if (weekNumber === firstTaperWeek - 1 && taperWeeks === 1) isCutback = true;
    if (full) {
      // R6: at most 10% (+1 mi) over the larger of the two previous full weeks, 30% over last week.
      const ref = Math.max(prevMiles, isFull(prev2) ? weekMiles(prev2) : baseline);
      upper = Math.min(upper, 1.1 * ref + 1, 1.3 * prevMiles);
      // R8: a cutback at least every fourth full week from week 3 on.
      if (weekNumber >= 6) {
        const window = [weekNumber - 3, weekNumber - 2, weekNumber - 1].map((n) => weeks[n - 1]);
        const allFull = window.every((w) => isFull(w) && w.phase !== 'taper');
        const hasCutback = window.some((w, i) => {
          if (!w) return false;
          const before = weeks[weekNumber - 3 + i - 2];
          return atFloor(w) || (before !== undefined && weekMiles(w) <= 0.9 * weekMiles(before) + EPSILON);
        });
        if (allFull && !hasCutback) isCutback = true;
      }
    }
    if (isCutback && weekNumber > 1) {
      target = Math.min(target, 0.8 * prevMiles);
      upper = Math.min(upper, 0.88 * prevMiles);
    }
    if (weekNumber === firstTaperWeek - 1 && taperWeeks === 1) upper = Math.min(upper, 0.78 * peakSoFar);
  } else {
    const peak = peakSoFar;
    // R5: taper weeks never grow; the last full week before race week ≤ 80% and race week ≤ 60% of peak.
    upper = Math.min(upper, prevMilesNoRace);
    const fromEnd = totalWeeks - weekNumber;
    const share = isRaceWeek ? 0.35 : fromEnd === 1 ? 0.68 : 0.8;
    if (isRaceWeek) upper = Math.min(upper, 0.6 * peak);
    else if (fromEnd === 1) upper = Math.min(upper, 0.8 * peak);
    target = share * peak;
  }

  // R7: the first week with at least four days sits near the baseline.
  const r7Week = dayNumbersOfWeek(inputs.startDate, 1).length >= 4 ? 1 : 2;
  const adaptation = adaptationCapOf(inputs, weeks, weekNumber)?.limit;
  if (weekNumber === r7Week) {
    const bounds = firstWeekBounds(baseline);
    const scale = dayNumbers.length / FULL;
    const capacity = weekCapacity(inputs, weekNumber);
    upper = Math.min(upper, bounds.max * scale);
    // When the athlete's log already calls for less, adaptation wins over the first-week minimum.
    if (adaptation === undefined) lower = Math.min(bounds.min, 0.8 * capacity) * scale;
  }
  if (adaptation !== undefined) upper = Math.min(upper, adaptation);

  target = Math.max(lower, Math.min(target, upper));
  return {
    inputs,
    paces: computePaces(inputs),
    distance,
    totalWeeks,
    weekNumber,
    phase,
    phaseWeekIndex: weekNumber - phaseStart,
    phaseWeekCount,
    dayNumbers,
    fixed,
    previousDayHard,
    isRaceWeek,
    isCutback,
    upper,
    lower,
    target,
    variant: request.variant,
    longestRun: longestRunOf(weeks),
  };
}

