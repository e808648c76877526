/**
 * A run from outside the plan (a Strava activity, a file dropped in chat) recorded on its plan
 * day (issue 21; docs/design/activities.md): the day is marked Done with what was run, and the
 * week's log is rebuilt from its marks, as the Done button does, so R11 reads it like any log.
 *
 * Idempotent per (source, sourceId): an activity already recorded anywhere in the plan changes
 * nothing. Undo puts back the athlete's own mark the run replaced (or none) and rebuilds the log;
 * a week left with no mark goes back to the athlete's form log if they wrote one, else to not logged.
 */
import { activityMiles, activityPaceSeconds, activitySchema, type Activity, type ActivitySource } from '../../domain/activity.js';
import { InputError } from '../../domain/errors.js';
import { dayMiles } from '../../domain/plan-math.js';
import type { DayMark, PlannedWeek } from '../../domain/schemas.js';
import { formatPace } from '../../domain/time.js';
import { compareToPlan, matchActivity, matchIndex, type PlanComparison, type UnmatchedReason } from '../activity-match.js';
import type { PlanRecord } from '../plan-record.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';
import { executionFromMarks, executionWithoutMarks, MAX_PACE_SECONDS } from '../week-log.js';

export type ActivityOutcome =
  | {
      readonly kind: 'recorded' | 'already-recorded';
      readonly plan: PlanRecord;
      readonly activity: Activity;
      readonly weekNumber: number;
      readonly dayNumber: number;
      readonly comparison: PlanComparison;
    }
  | {
      readonly kind: 'not-matched';
      readonly plan: PlanRecord;
      readonly activity: Activity;
      readonly reason: UnmatchedReason;
      readonly message: string;
    };

type Found = { readonly weekNumber: number; readonly mark: DayMark };

function findRecorded(weeks: readonly PlannedWeek[], source: ActivitySource, sourceId: string): Found | undefined {
  for (let i = 0; i < weeks.length; i += 1) {
    const mark = weeks[i]?.execution?.days?.find((m) => m.source === source && m.sourceId === sourceId);
    if (mark !== undefined) return { weekNumber: i + 1, mark };
  }
  return undefined;
}

function checkWritable(plan: PlanRecord): void {
  if (plan.status !== 'active' && plan.status !== 'completed') {
    throw new WrongStateError(plan.status, `the plan is ${plan.status}; runs are logged on an active plan`);
  }
}

function parseActivity(input: unknown): Activity {
  const parsed = activitySchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InputError({ [String(issue?.path[0] ?? 'activity')]: issue?.message ?? 'invalid activity' });
}

export async function recordActivity(ctx: PlanContext, actor: Actor, planId: string, input: Activity): Promise<ActivityOutcome> {
  const activity = parseActivity(input);
  let outcome: ActivityOutcome | undefined;
  const plan = await writePlan(ctx, planId, actor, (plan) => {
    checkWritable(plan);
    const found = findRecorded(plan.weeks, activity.source, activity.sourceId);
    if (found !== undefined) {
      const day = plan.weeks[found.weekNumber - 1]?.days.find((d) => d.dayNumber === found.mark.dayNumber);
      outcome = {
        kind: 'already-recorded',
        plan,
        activity,
        weekNumber: found.weekNumber,
        dayNumber: found.mark.dayNumber,
        comparison: day === undefined ? 'on plan' : compareToPlan(activityMiles(activity), dayMiles(day)),
      };
      return { done: plan };
    }
    const match = matchActivity(matchIndex(plan.weeks), activity);
    if (!match.matched) {
      outcome = { kind: 'not-matched', plan, activity, reason: match.reason, message: match.message };
      return { done: plan };
    }
    const week = plan.weeks[match.weekNumber - 1];
    if (week === undefined) throw new InputError({ week: `week ${match.weekNumber} does not exist` });
    const marks = week.execution?.days ?? [];
    const own = marks.find((m) => m.dayNumber === match.dayNumber);
    const miles = activityMiles(activity);
    const pace = activityPaceSeconds(activity);
    const mark: DayMark = {
      dayNumber: match.dayNumber,
      status: 'done',
      distanceMiles: Number(miles.toFixed(3)),
      movingSeconds: activity.movingSeconds,
      ...(pace !== undefined && Math.round(pace) <= MAX_PACE_SECONDS ? { averagePace: formatPace(pace) } : {}),
      source: activity.source,
      sourceId: activity.sourceId,
      // The athlete's own mark (a button), kept for Undo; a mark from another activity is not theirs.
      ...(own !== undefined && own.sourceId === undefined ? { replaced: own.status } : {}),
    };
    const execution = executionFromMarks(week, [...marks.filter((m) => m.dayNumber !== match.dayNumber), mark]);
    outcome = { kind: 'recorded', plan, activity, weekNumber: match.weekNumber, dayNumber: match.dayNumber, comparison: match.comparison };
    return { guard: { revision: plan.revision }, change: { execution: { weekNumber: match.weekNumber, execution } } };
  });
  if (outcome === undefined) throw new InputError({ activity: 'the run could not be recorded' });
  return { ...outcome, plan };
}

export type UndoOutcome = {
  readonly undone: boolean;
  readonly plan: PlanRecord;
  readonly weekNumber?: number;
  readonly dayNumber?: number;
};

export async function undoActivity(
  ctx: PlanContext,
  actor: Actor,
  planId: string,
  source: ActivitySource,
  sourceId: string,
): Promise<UndoOutcome> {
  let found: Found | undefined;
  const plan = await writePlan(ctx, planId, actor, (plan) => {
    checkWritable(plan);
    found = findRecorded(plan.weeks, source, sourceId);
    if (found === undefined) return { done: plan };
    const { weekNumber, mark } = found;
    const week = plan.weeks[weekNumber - 1];
    if (week === undefined) return { done: plan };
    const others = (week.execution?.days ?? []).filter((m) => m.dayNumber !== mark.dayNumber);
    const marks = mark.replaced === undefined ? others : [...others, { dayNumber: mark.dayNumber, status: mark.replaced }];
    const execution = marks.length === 0 ? executionWithoutMarks(week) : executionFromMarks(week, marks);
    return { guard: { revision: plan.revision }, change: { execution: { weekNumber, execution } } };
  });
  const undone = found;
  return undone === undefined
    ? { undone: false, plan }
    : { undone: true, plan, weekNumber: undone.weekNumber, dayNumber: undone.mark.dayNumber };
}
