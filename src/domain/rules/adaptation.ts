/**
 * R11 v2, adaptation to what the athlete logged, shared by the validator and the engines so that
 * what they build and what is checked cannot drift:
 * - a week not logged counts as done as planned;
 * - Done/Skipped day marks are a partial log: a skipped day is missed, an unmarked one done, a
 *   run recorded from an activity counts the miles it ran, and a form log written before the
 *   marks caps what they say (the lower of the two);
 * - a poor week (run days < 80% of planned, or miles < 80%) caps the next week at
 *   max(1.1 × logged + 2, floor);
 * - the weeks after a poor week return towards the plan: while they go well, R6 measures them
 *   against the weeks before the poor week (the athlete's fitness is the one built before it), and
 *   its 1.30 × clause does not bind.
 */
import { dayMiles, weekMiles } from '../plan-math.js';
import type { PlanInputs, PlannedWeek } from '../schemas.js';
import { EPSILON, FLOOR_MILES_PER_RUN } from '../coaching-limits.js';
import { mi } from './rule-ids.js';

export const ADAPTATION = {
  onPlanShare: 0.8,
  growth: 1.1,
  allowance: 2,
  /** Weeks after a poor week during which the return is measured from before it. */
  returnWeeks: 4,
} as const;

export type EffectiveLog = {
  readonly plannedRunDays: number;
  readonly plannedMiles: number;
  readonly completedDays: number;
  readonly miles: number;
  readonly fromMarks: boolean;
};

const logCache = new WeakMap<object, EffectiveLog>();

/** What the athlete did in a week, as R11 counts it; undefined when nothing was logged. */
export function effectiveLog(week: PlannedWeek): EffectiveLog | undefined {
  const log = week.execution;
  if (!log) return undefined;
  // Keyed by the log and the days it is read against: both are replaced, never changed, on update.
  const cached = logCache.get(log);
  if (cached !== undefined && logDays.get(log) === week.days) return cached;
  const value = readLog(week);
  if (value !== undefined) {
    logCache.set(log, value);
    logDays.set(log, week.days);
  }
  return value;
}

const logDays = new WeakMap<object, readonly unknown[]>();

function readLog(week: PlannedWeek): EffectiveLog | undefined {
  const log = week.execution;
  if (!log) return undefined;
  let plannedRunDays = 0;
  for (const day of week.days) if (day.type !== 'rest') plannedRunDays += 1;
  const plannedMiles = weekMiles(week);
  if (log.days !== undefined && log.days.length > 0) {
    // Marks only: the unmarked days count as done as planned; a run recorded from an activity
    // (issue 21) counts the miles it ran, so a synced week that fell short reads short.
    let skippedDays = 0;
    let missingMiles = 0;
    for (const mark of log.days) {
      const day = week.days.find((d) => d.dayNumber === mark.dayNumber);
      if (!day || day.type === 'rest') continue;
      if (mark.status === 'skipped') {
        skippedDays += 1;
        missingMiles += dayMiles(day);
      } else if (mark.distanceMiles !== undefined) {
        missingMiles += dayMiles(day) - mark.distanceMiles;
      }
    }
    // A form log written before the marks stays the athlete's word on the whole week: the lower
    // of the two is the safer week (docs/design/activities.md).
    const formDays = log.logged?.completedDays ?? Number.POSITIVE_INFINITY;
    const formMiles = log.logged?.totalMiles ?? Number.POSITIVE_INFINITY;
    return {
      plannedRunDays,
      plannedMiles,
      completedDays: Math.min(plannedRunDays - skippedDays, formDays),
      miles: Math.min(Math.max(0, plannedMiles - missingMiles), formMiles),
      fromMarks: true,
    };
  }
  return { plannedRunDays, plannedMiles, completedDays: log.completedDays, miles: log.totalMiles, fromMarks: false };
}

function isPoorLog(log: EffectiveLog): boolean {
  const share = ADAPTATION.onPlanShare;
  return log.completedDays < share * log.plannedRunDays - EPSILON || log.miles < share * log.plannedMiles - EPSILON;
}

function isPoorWeek(week: PlannedWeek | undefined): boolean {
  const log = week ? effectiveLog(week) : undefined;
  return log !== undefined && isPoorLog(log);
}

export type AdaptationCap = { readonly limit: number; readonly why: string };

/** The floor R11 never asks a week to go under: 2 miles a preferred day. */
function adaptationFloor(inputs: Pick<PlanInputs, 'preferredDays'>): number {
  return FLOOR_MILES_PER_RUN * inputs.preferredDays.length;
}

/**
 * R11: the most training miles (race day excluded) week `weekNumber` may hold given the log of
 * the week before it, or undefined when that week went well or was not logged.
 */
export function adaptationCapOf(
  inputs: Pick<PlanInputs, 'preferredDays'>,
  weeks: readonly PlannedWeek[],
  weekNumber: number,
): AdaptationCap | undefined {
  if (weekNumber < 2) return undefined;
  const prev = weeks[weekNumber - 2];
  const log = prev ? effectiveLog(prev) : undefined;
  if (!log || !isPoorLog(log)) return undefined;
  return {
    limit: Math.max(ADAPTATION.growth * log.miles + ADAPTATION.allowance, adaptationFloor(inputs)),
    why: `week ${weekNumber - 1} was logged at ${log.completedDays} of ${log.plannedRunDays} run days and ${mi(log.miles)} of ${mi(log.plannedMiles)}${log.fromMarks ? ' (from its Done/Skipped marks)' : ''}`,
  };
}

/**
 * The poor week that week `weekNumber` is returning from: the latest poor week among the
 * `returnWeeks` before it, when every week since went well (or was not logged). Undefined when the
 * week is not in a return.
 */
export function returningFrom(weeks: readonly PlannedWeek[], weekNumber: number): number | undefined {
  for (let k = weekNumber - 1; k >= Math.max(1, weekNumber - ADAPTATION.returnWeeks); k -= 1) {
    if (isPoorWeek(weeks[k - 1])) return k;
  }
  return undefined;
}
