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
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export function isActionId(id: string): id is ActionId {
  return (ACTION_IDS as readonly string[]).includes(id);
}

export const DRAFT_FORM_ID = 'gofast.form.draft';
export const LOG_FORM_ID = 'gofast.form.log';
export const SETTINGS_FORM_ID = 'gofast.form.settings';

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
