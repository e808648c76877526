/**
 * Strava's webhook events, kept before they are answered (issue 21): `POST /strava/webhook` stores
 * the event and answers at once (Strava wants a 200 within 2 s and retries otherwise); the activity
 * is fetched afterwards by whichever instance claims the event. The inbox makes that safe:
 *
 * - an event is stored once under its key, so Strava's retries of a delivery change nothing;
 * - events are claimed with a lease, all due events of one athlete together (their runs are told
 *   in one message), and an instance that dies mid-work leaves them to be claimed again;
 * - a failure (Strava down, a 429 with a long wait) puts the event back with a time to retry.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

const stravaId = z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,20}$/)]).transform(String);

/** An event as Strava posts it (snake_case, as documented for webhook events). */
export const stravaWebhookEventSchema = z.object({
  object_type: z.enum(['activity', 'athlete']),
  object_id: stravaId,
  aspect_type: z.enum(['create', 'update', 'delete']),
  /** For updates: `title`, `type`, `private` (activities) or `authorized: "false"` (the athlete revoked us). */
  updates: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  owner_id: stravaId,
  subscription_id: stravaId,
  /** Seconds since the epoch. */
  event_time: z.number().int().nonnegative(),
});
export type StravaWebhookEvent = z.infer<typeof stravaWebhookEventSchema>;

export const stravaEventRecordSchema = z.object({
  /** The event's identity: Strava sends no id, so the fields that make it (see `stravaEventKey`). */
  key: z.string().min(1).max(300),
  athleteId: z.string(),
  objectType: z.enum(['activity', 'athlete']),
  objectId: z.string(),
  aspect: z.enum(['create', 'update', 'delete']),
  updates: z.record(z.string(), z.string()),
  eventTime: z.date(),
  receivedAt: z.date(),
  status: z.enum(['pending', 'done']),
  /** Not claimed before this (a retry's wait); `receivedAt` plus the grouping window at first. */
  notBefore: z.date(),
  attempts: z.number().int().min(0),
  /** The instance working on it, and until when; null when nobody is. */
  holder: z.string().nullable(),
  leaseUntil: z.date().nullable(),
  /** What came of it, for operators (`recorded`, `not a run`, `no plan`, the last error). */
  outcome: z.string().max(500).nullable(),
});
export type StravaEventRecord = z.infer<typeof stravaEventRecordSchema>;

/**
 * The key of an event: the same delivery retried by Strava has the same key; two different
 * changes to one activity (a title, then a type) do not.
 */
export function stravaEventKey(event: StravaWebhookEvent): string {
  const updates = Object.entries(event.updates ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const digest = createHash('sha256').update(JSON.stringify(updates)).digest('hex').slice(0, 16);
  return `${event.subscription_id}:${event.object_type}:${event.object_id}:${event.aspect_type}:${event.event_time}:${digest}`;
}

export interface StravaEventInbox {
  /** Stores a new event (status pending); `duplicate` when its key is already stored, changing nothing. One write. */
  receive(record: StravaEventRecord): Promise<'received' | 'duplicate'>;
  /**
   * Claims for `holder`, until `now + leaseMs`, the due events (pending, `notBefore <= now`, no live
   * lease) of one athlete — the one whose due event is oldest — up to `limit`, oldest first. Empty
   * when nothing is due. Two instances never hold the same event.
   */
  claimBatch(holder: string, now: Date, leaseMs: number, limit: number): Promise<StravaEventRecord[]>;
  /** Marks the holder's claimed events done with what came of each, and releases them. */
  complete(holder: string, outcomes: readonly { readonly key: string; readonly outcome: string }[]): Promise<void>;
  /** Puts the holder's claimed event back, pending, not before `notBefore`; `outcome` says why (the error). */
  retryLater(holder: string, key: string, notBefore: Date, outcome: string): Promise<void>;
  /** Deletes done events received before `before` (they only guard against late retries); returns how many. */
  purgeDone(before: Date): Promise<number>;
}
