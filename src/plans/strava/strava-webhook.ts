/**
 * Strava's webhook, the part that must answer fast (issue 21): the subscription challenge, and an
 * event stored in the inbox with one write, so `POST /strava/webhook` answers well inside Strava's
 * 2 s whatever Strava's API or the athlete's plan are doing. The work happens later
 * (strava-events.ts), after the group window.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { InputError } from '../../domain/errors.js';
import { DEFAULT_GROUP_WINDOW_MS, type StravaContext } from './strava-context.js';
import { stravaEventKey, stravaWebhookEventSchema } from './strava-event-inbox.js';

export type ChallengeQuery = {
  readonly mode?: string | undefined;
  readonly verifyToken?: string | undefined;
  readonly challenge?: string | undefined;
};

function sameSecret(expected: string, presented: string): boolean {
  // Compared as digests: equal lengths for timingSafeEqual, and no early exit on a prefix.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

/** The challenge to echo when the request is Strava's subscription check with our verify token; null otherwise. */
export function answerChallenge(ctx: Pick<StravaContext, 'verifyToken'>, query: ChallengeQuery): string | null {
  const challenge = query.challenge ?? '';
  if (query.mode !== 'subscribe' || challenge === '' || challenge.length > 512) return null;
  return sameSecret(ctx.verifyToken, query.verifyToken ?? '') ? challenge : null;
}

/** Stores an event for later; `duplicate` when Strava delivered it before. Throws `InputError` on a body that is no event. */
export async function receiveEvent(ctx: StravaContext, body: unknown): Promise<'received' | 'duplicate'> {
  const parsed = stravaWebhookEventSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError({ [String(issue?.path[0] ?? 'event')]: issue?.message ?? 'not a Strava webhook event' });
  }
  const event = parsed.data;
  const now = ctx.clock.now();
  return ctx.inbox.receive({
    key: stravaEventKey(event),
    athleteId: event.owner_id,
    objectType: event.object_type,
    objectId: event.object_id,
    aspect: event.aspect_type,
    updates: event.updates ?? {},
    eventTime: new Date(event.event_time * 1000),
    receivedAt: now,
    status: 'pending',
    notBefore: new Date(now.getTime() + (ctx.groupWindowMs ?? DEFAULT_GROUP_WINDOW_MS)),
    attempts: 0,
    holder: null,
    leaseUntil: null,
    outcome: null,
  });
}
