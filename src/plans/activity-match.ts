/**
 * Which plan day a run was (issue 21; docs/design/activities.md). Pure: the same weeks and
 * activity always give the same answer, whichever source the activity came from.
 *
 * - The day is the athlete's local date of the start (never the UTC date).
 * - When that day has no open run (a rest day, or its run already recorded from another
 *   activity), a run day the day before or after that is still open takes it: a mis-dated run.
 *   Between two such days, the one whose planned distance (then time) is closest wins; on a tie,
 *   the earlier day.
 * - Only runs (run, trail run, virtual run) are matched; a rest day is never marked.
 * - The comparison with the plan is on distance: within ±10% of the planned miles is "on plan".
 */
import { activityLocalDate, activityMiles, RUN_SPORTS, type Activity } from '../domain/activity.js';
import { addDaysIso } from '../domain/calendar.js';
import { dayMiles } from '../domain/plan-math.js';
import type { Day, PlannedWeek } from '../domain/schemas.js';
import { parsePace } from '../domain/time.js';

/** How far from the planned distance a run is still "on plan" (a GPS trace wanders ~2–5%). */
const ON_PLAN_SHARE = 0.1;

export type PlanComparison = 'on plan' | 'shorter than planned' | 'longer than planned';

export type ActivityMatch =
  | {
      readonly matched: true;
      readonly weekNumber: number;
      readonly dayNumber: number;
      readonly date: string;
      /** Whether it was taken from the day before or after its own date. */
      readonly shifted: boolean;
      readonly comparison: PlanComparison;
    }
  | { readonly matched: false; readonly reason: UnmatchedReason; readonly message: string };

export type UnmatchedReason = 'not-a-run' | 'outside-plan' | 'no-open-run';

type PlanDay = { readonly weekNumber: number; readonly day: Day };

/** The plan's days by date, and which of them already hold a recorded activity. */
export type MatchIndex = {
  readonly byDate: ReadonlyMap<string, PlanDay>;
  /** `week:day` of the days already recorded from an activity. */
  readonly taken: Set<string>;
};

export function matchIndex(weeks: readonly PlannedWeek[]): MatchIndex {
  const byDate = new Map<string, PlanDay>();
  const taken = new Set<string>();
  weeks.forEach((week, i) => {
    const weekNumber = i + 1;
    for (const day of week.days) byDate.set(day.date, { weekNumber, day });
    for (const mark of week.execution?.days ?? []) {
      if (mark.sourceId !== undefined && mark.status === 'done') taken.add(dayKey(weekNumber, mark.dayNumber));
    }
  });
  return { byDate, taken };
}

function dayKey(weekNumber: number, dayNumber: number): string {
  return `${weekNumber}:${dayNumber}`;
}

function isOpen(index: MatchIndex, planDay: PlanDay | undefined): planDay is PlanDay {
  return planDay !== undefined && planDay.day.type !== 'rest' && !index.taken.has(dayKey(planDay.weekNumber, planDay.day.dayNumber));
}

/** The planned time of a day when every lap has a pace; undefined otherwise. */
function plannedSeconds(day: Day): number | undefined {
  let total = 0;
  for (const lap of [...day.warmup, ...day.workout, ...day.cooldown]) {
    const pace = parsePace(lap.paceGoal);
    if (pace === undefined) return undefined;
    total += pace * lap.distanceMiles;
  }
  return total;
}

function relativeGap(actual: number, planned: number | undefined): number {
  if (planned === undefined || planned <= 0) return Number.POSITIVE_INFINITY;
  return Math.abs(actual - planned) / planned;
}

export function compareToPlan(actualMiles: number, plannedMiles: number): PlanComparison {
  if (plannedMiles <= 0) return 'on plan';
  const share = actualMiles / plannedMiles;
  if (share < 1 - ON_PLAN_SHARE) return 'shorter than planned';
  if (share > 1 + ON_PLAN_SHARE) return 'longer than planned';
  return 'on plan';
}

/**
 * The plan day `activity` was, against `index` (built once with `matchIndex` for a batch). Does
 * not change the index; `takeMatch` records a match so that a second run cannot take the same day.
 */
export function matchActivity(index: MatchIndex, activity: Activity): ActivityMatch {
  if (!RUN_SPORTS.has(activity.sport)) {
    return { matched: false, reason: 'not-a-run', message: 'Only runs are logged to your plan; that activity is not a run.' };
  }
  const date = activityLocalDate(activity);
  const own = index.byDate.get(date);
  const before = index.byDate.get(addDaysIso(date, -1));
  const after = index.byDate.get(addDaysIso(date, 1));
  if (own === undefined && before === undefined && after === undefined) {
    return { matched: false, reason: 'outside-plan', message: `Your plan has no day on ${date}, so that run was not logged.` };
  }
  let chosen: PlanDay | undefined;
  let shifted = false;
  if (isOpen(index, own)) {
    chosen = own;
  } else {
    const miles = activityMiles(activity);
    const candidates = [before, after].filter((d): d is PlanDay => isOpen(index, d));
    for (const candidate of candidates) {
      if (chosen === undefined || closer(candidate.day, chosen.day, miles, activity.movingSeconds)) chosen = candidate;
    }
    shifted = chosen !== undefined;
  }
  if (chosen === undefined) {
    return {
      matched: false,
      reason: 'no-open-run',
      message: `No run of your plan is open on or next to ${date}, so that run was not logged.`,
    };
  }
  return {
    matched: true,
    weekNumber: chosen.weekNumber,
    dayNumber: chosen.day.dayNumber,
    date: chosen.day.date,
    shifted,
    comparison: compareToPlan(activityMiles(activity), dayMiles(chosen.day)),
  };
}

/** Whether `a` is strictly closer to the run than `b` (distance first, then time). */
function closer(a: Day, b: Day, miles: number, seconds: number): boolean {
  const distanceA = relativeGap(miles, dayMiles(a));
  const distanceB = relativeGap(miles, dayMiles(b));
  if (distanceA !== distanceB) return distanceA < distanceB;
  return relativeGap(seconds, plannedSeconds(a)) < relativeGap(seconds, plannedSeconds(b));
}

/** Marks a match's day as taken in `index`. */
function takeMatch(index: MatchIndex, match: ActivityMatch): void {
  if (match.matched) index.taken.add(dayKey(match.weekNumber, match.dayNumber));
}

/**
 * Matches a batch in the order the runs started, each taking its day before the next is matched
 * (two runs on one day: the first takes it, the second looks next door).
 */
export function matchActivities(weeks: readonly PlannedWeek[], activities: readonly Activity[]): ActivityMatch[] {
  const index = matchIndex(weeks);
  const order = activities
    .map((activity, i) => ({ activity, i }))
    .sort((a, b) => a.activity.startUtc.localeCompare(b.activity.startUtc) || a.i - b.i);
  const results: ActivityMatch[] = new Array<ActivityMatch>(activities.length);
  for (const { activity, i } of order) {
    const match = matchActivity(index, activity);
    takeMatch(index, match);
    results[i] = match;
  }
  return results;
}
