/**
 * The port Strava links are kept through (issue 21): one link per chat identity and per Strava
 * athlete (a second `connect` from either side replaces the first). The tokens are plain here;
 * the store encrypts them at rest (AES-256-GCM with GOFAST_ENCRYPTION_KEY) and decrypts them on
 * read, so a database dump or a log line never holds a working token.
 *
 * Pending authorizations (the OAuth `state`) have their own port: a state is a one-time, short-lived
 * credential saying which chat identity asked to connect; only its sha-256 is stored.
 */
import { z } from 'zod';
import { identitySchema } from '../plan-record.js';
import type { StravaTokens } from './strava-api.js';

export const stravaConnectionSchema = z.object({
  /** Strava's athlete id (decimal string); unique. */
  athleteId: z.string().regex(/^\d{1,20}$/),
  /** The chat identity the runs are logged for, `platform:workspace:user`; unique. */
  identity: identitySchema,
  athleteName: z.string().max(200).nullable(),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.date(),
  connectedAt: z.date(),
});
export type StravaConnection = z.infer<typeof stravaConnectionSchema>;

export interface StravaConnectionStore {
  /**
   * Stores the link, replacing any link of the same athlete or of the same identity (a person
   * connects one Strava account; a Strava account logs for one person).
   */
  save(connection: StravaConnection): Promise<void>;
  findByIdentity(identity: string): Promise<StravaConnection | undefined>;
  findByAthlete(athleteId: string): Promise<StravaConnection | undefined>;
  /**
   * Replaces the tokens of the athlete's link after a refresh, only while the link still holds
   * `previousRefreshToken` (another instance may have refreshed first; then false, and the caller
   * reads the link again).
   */
  updateTokens(athleteId: string, previousRefreshToken: string, tokens: StravaTokens): Promise<boolean>;
  /** Deletes the athlete's link, tokens and all; true when there was one. */
  remove(athleteId: string): Promise<boolean>;
}

/** A pending authorization: who asked, until when (`/plan connect strava` → the callback). */
export const stravaAuthorizationSchema = z.object({
  /** sha-256 of the `state` in the authorize link, lowercase hex; unique. */
  stateHash: z.string().regex(/^[0-9a-f]{64}$/),
  identity: identitySchema,
  expiresAt: z.date(),
});
export type StravaAuthorization = z.infer<typeof stravaAuthorizationSchema>;

export interface StravaAuthorizationStore {
  insert(authorization: StravaAuthorization): Promise<void>;
  /**
   * Takes the authorization with this state hash, deleting it in the same atomic step (a state
   * works once), if it has not expired at `now`; undefined otherwise.
   */
  take(stateHash: string, now: Date): Promise<StravaAuthorization | undefined>;
  /** Deletes the authorizations expired at `now` (links asked for and never followed); returns how many. */
  purgeExpired(now: Date): Promise<number>;
}
