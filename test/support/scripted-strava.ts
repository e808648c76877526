/**
 * A `StravaApi` scripted in memory, for the Strava use cases' tests (the HTTP client has its own
 * tests against the fake Strava server): one athlete's activities, tokens that expire by the test's
 * clock, a revocation switch, and errors queued for the next calls.
 */
import {
  StravaApiError,
  type StravaActivity,
  type StravaApi,
  type StravaGrant,
  type StravaTokens,
} from '../../src/plans/strava/strava-api.js';
import type { Clock } from '../../src/plans/plan-context.js';

export const STRAVA_ATHLETE_ID = '777001';

export class ScriptedStrava implements StravaApi {
  readonly activities = new Map<string, StravaActivity>();
  /** The athlete revoked the app: every token is refused. */
  revoked = false;
  /** Errors the next API calls throw, in order. */
  readonly failNext: StravaApiError[] = [];
  readonly calls: string[] = [];
  private generation = 0;
  private live: StravaTokens | null = null;

  constructor(private readonly clock: Clock) {}

  private issue(): StravaTokens {
    this.generation += 1;
    this.live = {
      accessToken: `access-${this.generation}`,
      refreshToken: `refresh-${this.generation}`,
      expiresAt: new Date(this.clock.now().getTime() + 6 * 3_600_000),
    };
    return this.live;
  }

  private check(accessToken: string): void {
    const failure = this.failNext.shift();
    if (failure !== undefined) throw failure;
    const live = this.live;
    if (this.revoked || live === null || live.accessToken !== accessToken || live.expiresAt <= this.clock.now()) {
      throw new StravaApiError('unauthorized', 'token refused');
    }
  }

  authorizeUrl({ redirectUri, state }: { redirectUri: string; state: string }): string {
    return `https://strava.test/oauth/authorize?redirect_uri=${encodeURIComponent(redirectUri)}&state=${state}`;
  }

  async exchangeCode(code: string): Promise<StravaGrant> {
    this.calls.push('exchange');
    if (code !== 'good-code') throw new StravaApiError('bad-response', 'invalid code');
    this.revoked = false;
    return { ...this.issue(), athleteId: STRAVA_ATHLETE_ID, athleteName: 'Ada L.' };
  }

  async refreshTokens(refreshToken: string): Promise<StravaTokens> {
    this.calls.push('refresh');
    if (this.revoked || this.live?.refreshToken !== refreshToken) throw new StravaApiError('unauthorized', 'refresh refused');
    return this.issue();
  }

  async deauthorize(accessToken: string): Promise<void> {
    this.calls.push('deauthorize');
    this.check(accessToken);
    this.revoked = true;
  }

  async getActivity(accessToken: string, activityId: string): Promise<StravaActivity> {
    this.calls.push(`activity ${activityId}`);
    this.check(accessToken);
    const activity = this.activities.get(activityId);
    if (activity === undefined) throw new StravaApiError('not-found', 'no such activity');
    return activity;
  }

  /** A run on `date` (the athlete's local date) of `miles` at 9:12/mi. */
  addRun(id: string, date: string, miles: number, sportType = 'Run'): StravaActivity {
    const moving = Math.round(miles * 552);
    const activity: StravaActivity = {
      id,
      athleteId: STRAVA_ATHLETE_ID,
      name: 'Morning Run',
      sportType,
      startUtc: `${date}T13:00:00Z`,
      startLocal: `${date}T07:00:00`,
      distanceMetres: miles * 1609.344,
      movingSeconds: moving,
      elapsedSeconds: moving + 40,
      manual: false,
    };
    this.activities.set(id, activity);
    return activity;
  }
}
