/**
 * A run's file dropped in the coach's DM (issue 21): checked for size before it is downloaded,
 * read in the athlete's time zone (a file records UTC; the plan day is their local date), recorded
 * on their active plan through the same use case as Strava's runs, and answered with the
 * "Logged: …" line and its Undo button. A refusal (too large, damaged, not a run, an unknown kind)
 * is an `ActivityFileError`, thrown before anything is stored: the conversation core shows it as
 * one sentence.
 */
import { tooLargeFile } from '../plans/activity-files/activity-file-error.js';
import { MAX_ACTIVITY_FILE_BYTES, parseActivityFile } from '../plans/activity-files/parse-activity-file.js';
import { activitiesView } from './activity-views.js';
import type { HandlerContext } from './handler-context.js';
import type { ActivityFileIntent } from './intents.js';
import { textView } from './plan-views.js';
import type { View } from './views.js';

/** The largest activity file taken (25 MB), for the surfaces that download one. */
export { MAX_ACTIVITY_FILE_BYTES };

export async function logActivityFile(ctx: HandlerContext, { actor, filename, size, read }: ActivityFileIntent): Promise<View[]> {
  const { plans } = ctx;
  const plan = await plans.activeSoloPlan(actor.identity);
  if (plan === undefined) {
    return [textView('You have no active plan to log that run to; start one with /plan, then send the file again.', { ephemeral: true })];
  }
  if (size !== null && size > MAX_ACTIVITY_FILE_BYTES) throw tooLargeFile();
  // The platform's zone for the person first (it follows them when they travel), else the plan's.
  const bytes = await read();
  const timeZone = actor.timezone ?? plan.delivery.timezone;
  const activity =
    ctx.parseActivityFile === undefined
      ? parseActivityFile(bytes, filename, timeZone)
      : await ctx.parseActivityFile(bytes, filename, timeZone);
  return [activitiesView([await plans.recordActivity(actor.identity, plan.id, activity)])];
}
