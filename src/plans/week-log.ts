/**
 * A week's log rebuilt from its day marks, one home for the Done/Skipped buttons and for runs
 * recorded from activities (issue 21), so both build the same log R11 reads: run days done, and
 * miles where a recorded run counts what was run and a button's Done what was planned. The average
 * pace is the recorded runs' (total moving time over their miles); without any, the one the athlete logged.
 * A log the athlete wrote in the form before the marks is kept beside them (`logged`): R11 takes
 * the lower of the two, the safer week (docs/design/activities.md).
 */
import { dayMiles } from '../domain/plan-math.js';
import type { DayMark, PlannedWeek, WeekExecution } from '../domain/schemas.js';
import { formatPace } from '../domain/time.js';

/** The slowest pace the log's `M:SS` holds; a slower average is not a pace worth keeping. */
export const MAX_PACE_SECONDS = 99 * 60 + 59;

export function executionFromMarks(week: Pick<PlannedWeek, 'days' | 'execution'>, marks: readonly DayMark[]): WeekExecution {
  const previous = week.execution ?? null;
  const formLog = formLogOf(previous);
  const sorted = [...marks].sort((a, b) => a.dayNumber - b.dayNumber);
  let completedDays = 0;
  let totalMiles = 0;
  let recordedMiles = 0;
  let recordedSeconds = 0;
  for (const mark of sorted) {
    if (mark.status !== 'done') continue;
    const day = week.days.find((d) => d.dayNumber === mark.dayNumber);
    if (!day) continue;
    completedDays += 1;
    if (mark.distanceMiles !== undefined) {
      totalMiles += mark.distanceMiles;
      if (mark.movingSeconds !== undefined && mark.distanceMiles > 0) {
        recordedMiles += mark.distanceMiles;
        recordedSeconds += mark.movingSeconds;
      }
    } else {
      totalMiles += dayMiles(day);
    }
  }
  const pace = recordedMiles > 0 ? recordedSeconds / recordedMiles : undefined;
  return {
    completedDays,
    totalMiles: Math.min(300, Number(totalMiles.toFixed(3))),
    averagePace: pace !== undefined && Math.round(pace) <= MAX_PACE_SECONDS ? formatPace(pace) : ownPace(previous),
    ...(previous?.notes === undefined ? {} : { notes: previous.notes }),
    days: sorted,
    ...(formLog === undefined ? {} : { logged: formLog }),
  };
}

/** The week's log as the athlete wrote it in the log form, if they did, before any mark. */
function formLogOf(previous: WeekExecution | null): WeekExecution['logged'] {
  if (previous === null) return undefined;
  if (previous.days === undefined || previous.days.length === 0) {
    return { completedDays: previous.completedDays, totalMiles: previous.totalMiles, averagePace: previous.averagePace ?? null };
  }
  return previous.logged;
}

/**
 * The week's log once its last mark is gone: the athlete's form log when there was one, else
 * nothing logged (never a log of zero runs, which R11 would read as a poor week).
 */
export function executionWithoutMarks(week: Pick<PlannedWeek, 'execution'>): WeekExecution | null {
  const previous = week.execution ?? null;
  const formLog = formLogOf(previous);
  if (formLog === undefined) return null;
  return {
    completedDays: formLog.completedDays,
    totalMiles: formLog.totalMiles,
    averagePace: formLog.averagePace ?? null,
    ...(previous?.notes === undefined ? {} : { notes: previous.notes }),
  };
}

/** The pace the athlete logged themselves; one derived from recorded runs goes with them. */
function ownPace(previous: WeekExecution | null): string | null {
  if (previous === null) return null;
  const derived = (previous.days ?? []).some((m) => m.status === 'done' && m.movingSeconds !== undefined && (m.distanceMiles ?? 0) > 0);
  return derived ? null : (previous.averagePace ?? null);
}
