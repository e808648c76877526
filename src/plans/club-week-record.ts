/**
 * One club's weekly post, as it is stored (issue 19): the record of a fan-out — the parent message
 * in the club's channel, the thread it started, and who holds it now. One per (club, week), by a
 * unique index, so the parent goes out once however many scheduler instances race for it; a
 * fan-out cut short (a restart, an outage) is taken up again from this record by the next tick.
 * The members' own weeks are recorded on their plans (`postedAt`), as every week is.
 */
import { z } from 'zod';
import { PLATFORM_NAME } from './platforms.js';

const CLUB_WEEK_STATUSES = ['posting', 'done'] as const;

export const clubWeekRecordSchema = z.object({
  id: z.string(),
  clubId: z.string(),
  /** The Monday of the training week the post is for, in the club's calendar. */
  weekOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  platform: z.string().regex(PLATFORM_NAME),
  /** The platform's reference to the parent message; null until it is posted. */
  parentRef: z.string().nullable(),
  /** What members' weeks reply under (Slack: the parent's ts; Discord: the thread's channel id). */
  threadRef: z.string().nullable(),
  status: z.enum(CLUB_WEEK_STATUSES),
  lease: z.object({ owner: z.string(), until: z.date() }).nullable(),
  /** What the finished fan-out did, for operators (`gofast clubs show`). */
  outcome: z
    .object({
      posted: z.number().int(),
      alreadyPosted: z.number().int(),
      skipped: z.number().int(),
    })
    .nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ClubWeekRecord = z.infer<typeof clubWeekRecordSchema>;
export type ClubWeekOutcome = NonNullable<ClubWeekRecord['outcome']>;
