/**
 * The port to Strava's API v3 and OAuth 2 (issue 21), in neutral words: the use cases exchange an
 * authorization code, refresh tokens, fetch an activity and deauthorize through it, and never see
 * HTTP. The implementation (src/integrations/strava/) honours Strava's 15-minute and daily rate
 * limits and rides out 429s itself; what reaches the caller is a `StravaApiError` with a code.
 *
 * Tokens are plain strings here: they are encrypted only where they are stored (the storage layer).
 */

/** Tokens as Strava issues them; `expiresAt` is when the access token stops working. */
export type StravaTokens = {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: Date;
};

/** What exchanging an authorization code gives: the tokens and whose they are. */
export type StravaGrant = StravaTokens & {
  /** Strava's athlete id, as a decimal string (webhook events name the athlete by it). */
  readonly athleteId: string;
  /** The athlete's name on Strava, for the "connected" message; null when not given. */
  readonly athleteName: string | null;
};

/** A Strava activity as the coach reads it (the fields of DetailedActivity it needs). */
export type StravaActivity = {
  readonly id: string;
  readonly athleteId: string;
  readonly name: string;
  /** `sport_type` (Run, TrailRun, VirtualRun, Ride, …), else the older `type`. */
  readonly sportType: string;
  /** The instant it started (`start_date`), ISO 8601 UTC. */
  readonly startUtc: string;
  /** The athlete's wall clock at the start (`start_date_local`, which Strava writes with a misleading Z), `YYYY-MM-DDTHH:MM:SS`. */
  readonly startLocal: string;
  readonly distanceMetres: number;
  readonly movingSeconds: number;
  readonly elapsedSeconds: number;
  /** Entered by hand on Strava rather than recorded. */
  readonly manual: boolean;
};

export type StravaApiErrorCode =
  /** The token was refused (revoked on Strava, or expired and refused refresh): the link is gone. */
  | 'unauthorized'
  /** The activity (or athlete) no longer exists, or is private to us. */
  | 'not-found'
  /** A limit was reached and the wait for it to reset is longer than the caller allowed. */
  | 'rate-limited'
  /** Strava answered 5xx, timed out or could not be reached; worth retrying later. */
  | 'unavailable'
  /** Strava answered something we could not read (a 4xx we did not expect, a body that fails its schema). */
  | 'bad-response';

export class StravaApiError extends Error {
  readonly code: StravaApiErrorCode;
  /** For `rate-limited` and `unavailable`: when it is worth trying again, if known. */
  readonly retryAt: Date | null;
  constructor(code: StravaApiErrorCode, message: string, retryAt: Date | null = null) {
    super(message);
    this.name = 'StravaApiError';
    this.code = code;
    this.retryAt = retryAt;
  }
}

export interface StravaApi {
  /** The URL of Strava's consent page; Strava sends the athlete back to `redirectUri` with `state` and a code. */
  authorizeUrl(options: { readonly redirectUri: string; readonly state: string }): string;
  /** Exchanges the code from the callback for tokens (`grant_type=authorization_code`). */
  exchangeCode(code: string): Promise<StravaGrant>;
  /** New tokens for a refresh token (`grant_type=refresh_token`); Strava may rotate the refresh token. */
  refreshTokens(refreshToken: string): Promise<StravaTokens>;
  /** Revokes the app's access for the athlete of `accessToken` (`POST /oauth/deauthorize`). */
  deauthorize(accessToken: string): Promise<void>;
  /** `GET /activities/{id}`; throws `not-found` when it is gone or not visible to us. */
  getActivity(accessToken: string, activityId: string): Promise<StravaActivity>;
}
