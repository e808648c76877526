/**
 * Stable ids of every button and form, exported so adapters can register handlers for them and
 * decode them in one place. Changing one breaks buttons already posted: add, never rename.
 */
export const PLAN_CONFIRM_ACTION = 'gofast.plan.confirm';
export const PLAN_REGENERATE_ACTION = 'gofast.plan.regenerate';
export const PLAN_CANCEL_ACTION = 'gofast.plan.cancel';
export const WEEK_LOG_ACTION = 'gofast.week.log';
export const DAY_DONE_ACTION = 'gofast.day.done';
export const DAY_SKIPPED_ACTION = 'gofast.day.skipped';
export const PLAN_NEW_ACTION = 'gofast.plan.new';
/** Re-opens a saved draft's form (a multi-step form's next step, or fixing a field). */
export const PLAN_EDIT_DRAFT_ACTION = 'gofast.plan.edit-draft';
/** C-goal's choice on a preview whose goal is far ahead of the 5K: keep the goal as it is… */
export const PLAN_KEEP_GOAL_ACTION = 'gofast.plan.keep-goal';
/** …or make the predicted time the goal and preview again. */
export const PLAN_TRAIN_PREDICTED_ACTION = 'gofast.plan.train-predicted';
/**
 * `/plan new` while a plan is active asks first. Replace goes on with the new plan (its draft,
 * saved with the question, is the button's plan); Keep drops that draft and keeps the active plan.
 */
export const PLAN_REPLACE_ACTION = 'gofast.plan.replace';
export const PLAN_KEEP_ACTION = 'gofast.plan.keep';
/**
 * Moving a run (`move-actions.ts`): "Move a run" on a week asks which run; Move… on a day asks
 * where to; a target day moves it there; Not today moves it to the first later day that takes it.
 */
export const WEEK_MOVE_ACTION = 'gofast.week.move';
export const DAY_MOVE_ACTION = 'gofast.day.move';
export const DAY_MOVE_TO_ACTION = 'gofast.day.move-to';
export const DAY_NOT_TODAY_ACTION = 'gofast.day.not-today';
/** Not today on a day's reminder: the same move, answered in place of the reminder (the week's message is edited). */
export const REMINDER_NOT_TODAY_ACTION = 'gofast.reminder.not-today';
/**
 * A change waiting for the athlete's pick (`/plan race`, or a resume that found the race out of
 * reach): Confirm applies option N of change `id`, Cancel drops it. The value carries the change's
 * id, so a press on a change replaced since is refused.
 */
export const PLAN_CHANGE_CONFIRM_ACTION = 'gofast.plan.change-confirm';
export const PLAN_CHANGE_CANCEL_ACTION = 'gofast.plan.change-cancel';
/**
 * New paces from a result (`/plan result`): Accept applies them to the weeks not yet made, Keep
 * keeps the plan's. The value is the pending change's id, so a stale press is told apart.
 */
export const PACES_ACCEPT_ACTION = 'gofast.paces.accept';
export const PACES_KEEP_ACTION = 'gofast.paces.keep';
/** Result on a tune-up's day: the result form, pre-filled with that race's distance and date (value: the date). */
export const TUNE_UP_RESULT_ACTION = 'gofast.tune-up.result';
/**
 * Clubs (issue 19): Join on a club card opens the join form (the button's plan is the club's id);
 * Replace after a join found an active plan builds the saved club draft (its id) and joins.
 * Keep there is `PLAN_KEEP_ACTION`, as for `/plan new`.
 */
export const CLUB_JOIN_ACTION = 'gofast.club.join';
export const CLUB_JOIN_REPLACE_ACTION = 'gofast.club.join-replace';
/** Undo on a "Logged: …" message (issue 21): takes that recorded run back off its day (value: `undoButtonValue`). */
export const ACTIVITY_UNDO_ACTION = 'gofast.activity.undo';

const ACTION_IDS = [
  PLAN_CONFIRM_ACTION,
  PLAN_REGENERATE_ACTION,
  PLAN_CANCEL_ACTION,
  WEEK_LOG_ACTION,
  DAY_DONE_ACTION,
  DAY_SKIPPED_ACTION,
  PLAN_NEW_ACTION,
  PLAN_EDIT_DRAFT_ACTION,
  PLAN_KEEP_GOAL_ACTION,
  PLAN_TRAIN_PREDICTED_ACTION,
  PLAN_REPLACE_ACTION,
  PLAN_KEEP_ACTION,
  PACES_ACCEPT_ACTION,
  PACES_KEEP_ACTION,
  PLAN_CHANGE_CONFIRM_ACTION,
  PLAN_CHANGE_CANCEL_ACTION,
  WEEK_MOVE_ACTION,
  DAY_MOVE_ACTION,
  DAY_MOVE_TO_ACTION,
  DAY_NOT_TODAY_ACTION,
  REMINDER_NOT_TODAY_ACTION,
  TUNE_UP_RESULT_ACTION,
  CLUB_JOIN_ACTION,
  CLUB_JOIN_REPLACE_ACTION,
  ACTIVITY_UNDO_ACTION,
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export function isActionId(id: string): id is ActionId {
  return (ACTION_IDS as readonly string[]).includes(id);
}

export const DRAFT_FORM_ID = 'gofast.form.draft';
export const LOG_FORM_ID = 'gofast.form.log';
export const SETTINGS_FORM_ID = 'gofast.form.settings';
export const RESULT_FORM_ID = 'gofast.form.result';
export const CLUB_FORM_ID = 'gofast.form.club';
export const CLUB_JOIN_FORM_ID = 'gofast.form.club-join';

/** Where a Done / Skipped button was pressed: on a posted week, or on that day's reminder. */
export type DayButtonSource = 'week' | 'reminder';

/** A day button's value: `week:day`, and `week:day:r` on a daily reminder (older buttons lack it). */
export function dayButtonValue(weekNumber: number, dayNumber: number, source: DayButtonSource = 'week'): string {
  return `${weekNumber}:${dayNumber}${source === 'reminder' ? ':r' : ''}`;
}

export function parseDayButtonValue(value: string | null): { weekNumber: number; dayNumber: number; source: DayButtonSource } | undefined {
  const match = value === null ? null : /^(\d{1,2}):([1-7])(:r)?$/.exec(value);
  return match ? { weekNumber: Number(match[1]), dayNumber: Number(match[2]), source: match[3] ? 'reminder' : 'week' } : undefined;
}

/**
 * A move button's value: `week:day[:to]:version`, the version being the week's fingerprint
 * (`weekVersion`) when the button was shown, so a press on a week changed since does nothing.
 * `week:version` on "Move a run", which names no day (day 0).
 */
export type MoveButtonValue = { weekNumber: number; dayNumber: number; to: number | undefined; version: string };

export function moveButtonValue(move: MoveButtonValue): string {
  const days = move.dayNumber === 0 ? '' : `:${move.dayNumber}${move.to === undefined ? '' : `:${move.to}`}`;
  return `${move.weekNumber}${days}:${move.version}`;
}

export function parseMoveButtonValue(value: string | null): MoveButtonValue | undefined {
  const match = value === null ? null : /^(\d{1,2})(?::([1-7]))?(?::([1-7]))?:([0-9a-z]{1,12})$/.exec(value);
  if (!match) return undefined;
  return {
    weekNumber: Number(match[1]),
    dayNumber: match[2] === undefined ? 0 : Number(match[2]),
    to: match[3] === undefined ? undefined : Number(match[3]),
    version: match[4] ?? '',
  };
}

/** A change button's value: `id:option` on Confirm, `id` on Cancel. */
export function changeButtonValue(changeId: string, option?: number): string {
  return option === undefined ? changeId : `${changeId}:${option}`;
}

export function parseChangeButtonValue(value: string | null): { changeId: string; option: number | undefined } | undefined {
  const match = value === null ? null : /^([0-9a-f]{6,40})(?::(\d{1,2}))?$/.exec(value);
  if (!match?.[1]) return undefined;
  return { changeId: match[1], option: match[2] === undefined ? undefined : Number(match[2]) };
}

/** The longest activity key a button carries: Discord's custom ids leave a value 24 characters. */
const UNDO_KEY_LENGTH = 22;

/**
 * An Undo button's value: `s:` or `f:` (Strava, file) and the activity's id, cut to 22 characters
 * (a file's sha-256 is 64): the recorded run is found by that prefix, which no two runs of one
 * plan share.
 */
export function undoButtonValue(source: 'file' | 'strava', sourceId: string): string {
  return `${source === 'strava' ? 's' : 'f'}:${sourceId.slice(0, UNDO_KEY_LENGTH)}`;
}

export function parseUndoButtonValue(value: string | null): { source: 'file' | 'strava'; idPrefix: string } | undefined {
  const match = value === null ? null : /^([sf]):([\w.-]{1,22})$/.exec(value);
  if (!match?.[2]) return undefined;
  return { source: match[1] === 's' ? 'strava' : 'file', idPrefix: match[2] };
}
