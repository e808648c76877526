/**
 * What Strava's API v3 and OAuth endpoints answer, as zod schemas (snake_case, as documented), and
 * their mapping to the port's neutral types. Only the fields the coach reads are declared; the
 * rest of each body is ignored, so Strava adding a field breaks nothing.
 */
import { z } from 'zod';
import type { StravaActivity, StravaGrant, StravaTokens } from '../../plans/strava/strava-api.js';

/** Strava ids are 64-bit integers in JSON; kept as decimal strings (no precision lost past 2^53 as text). */
const stravaId = z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,20}$/)]).transform(String);

/** `POST /oauth/token` with `grant_type=refresh_token`. */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  /** Seconds since the epoch. */
  expires_at: z.number().int().positive(),
});

/** `POST /oauth/token` with `grant_type=authorization_code`: the tokens and the athlete's summary. */
export const grantResponseSchema = tokenResponseSchema.extend({
  athlete: z.object({
    id: stravaId,
    firstname: z.string().nullish(),
    lastname: z.string().nullish(),
  }),
});

/** A DetailedActivity's fields the coach reads (`GET /activities/{id}`). */
export const activityResponseSchema = z
  .object({
    id: stravaId,
    athlete: z.object({ id: stravaId }),
    name: z.string(),
    sport_type: z.string().min(1).optional(),
    type: z.string().min(1).optional(),
    /** UTC, `2026-11-24T06:31:02Z`. */
    start_date: z.iso.datetime({ offset: true }),
    /** The athlete's wall clock, written with a Z that does not mean UTC. */
    start_date_local: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/),
    distance: z.number().nonnegative(),
    moving_time: z.number().int().nonnegative(),
    elapsed_time: z.number().int().nonnegative(),
    manual: z.boolean().optional(),
  })
  .refine((a) => a.sport_type !== undefined || a.type !== undefined, { message: 'neither sport_type nor type' });

/** A push subscription (`GET /push_subscriptions` lists them; Strava allows one per application). */
const subscriptionResponseSchema = z.object({
  id: stravaId,
  callback_url: z.string().min(1),
  created_at: z.string().optional(),
});

export const subscriptionListSchema = z.array(subscriptionResponseSchema);

/** `POST /push_subscriptions`: the new subscription's id. */
export const subscriptionCreatedSchema = z.object({ id: stravaId });

/** Strava's error body: `{"message": "Bad Request", "errors": [{"resource", "field", "code"}]}`. */
export const errorResponseSchema = z.object({
  message: z.string().optional(),
  errors: z.array(z.object({ resource: z.string().optional(), field: z.string().optional(), code: z.string().optional() })).optional(),
});
export type StravaErrorBody = z.infer<typeof errorResponseSchema>;

export function toTokens(body: z.infer<typeof tokenResponseSchema>): StravaTokens {
  return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: new Date(body.expires_at * 1000) };
}

export function toGrant(body: z.infer<typeof grantResponseSchema>): StravaGrant {
  const name = [body.athlete.firstname, body.athlete.lastname]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .join(' ');
  return { ...toTokens(body), athleteId: body.athlete.id, athleteName: name === '' ? null : name.slice(0, 200) };
}

export function toActivity(body: z.infer<typeof activityResponseSchema>): StravaActivity {
  return {
    id: body.id,
    athleteId: body.athlete.id,
    name: body.name,
    sportType: body.sport_type ?? body.type ?? '',
    startUtc: new Date(body.start_date).toISOString(),
    // Strava writes the local wall clock with a Z; the time is the athlete's, so the zone goes.
    startLocal: body.start_date_local.slice(0, 19),
    distanceMetres: body.distance,
    movingSeconds: body.moving_time,
    elapsedSeconds: body.elapsed_time,
    manual: body.manual ?? false,
  };
}
