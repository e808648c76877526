/**
 * What the Strava use cases work with (issue 21): the API port, the stores, the plans they log
 * runs on, the way they speak to the athlete, the clock and the public address Strava calls back.
 */
import type { ActivityOutcome, UndoOutcome } from '../use-cases/record-activity.js';
import type { Clock } from '../plan-context.js';
import type { PlanUseCases } from '../plan-use-cases.js';
import type { StravaApi } from './strava-api.js';
import type { StravaAuthorizationStore, StravaConnectionStore } from './strava-connection-store.js';
import type { StravaEventInbox } from './strava-event-inbox.js';

/** How the coach tells an athlete what came of their Strava runs: in their DM, on their platform. */
export interface StravaNotifier {
  /** The runs of one batch, in one message (the "Logged: …" lines with Undo). */
  activities(identity: string, outcomes: readonly ActivityOutcome[]): Promise<void>;
  /** A run taken off the plan because it was deleted on Strava, or is no longer a run there. */
  undone(identity: string, outcome: UndoOutcome): Promise<void>;
  /** One short line (connected, disconnected from Strava's side). */
  tell(identity: string, text: string): Promise<void>;
}

export type StravaContext = {
  readonly api: StravaApi;
  readonly connections: StravaConnectionStore;
  readonly authorizations: StravaAuthorizationStore;
  readonly inbox: StravaEventInbox;
  readonly plans: Pick<PlanUseCases, 'activeSoloPlan' | 'recordActivity' | 'undoActivity'>;
  readonly notifier: StravaNotifier;
  readonly clock: Clock;
  /** PUBLIC_BASE_URL without a trailing slash: the callback is `<base>/strava/callback`. */
  readonly baseUrl: string;
  /** What Strava's subscription challenge must carry (`hub.verify_token`). */
  readonly verifyToken: string;
  /**
   * How long an event waits before it is worked on, so that runs arriving together (a watch
   * syncing a week) are told in one message. Default `DEFAULT_GROUP_WINDOW_MS`.
   */
  readonly groupWindowMs?: number;
  /** Random bytes for OAuth states; tests may pin them. */
  readonly random?: (size: number) => Buffer;
};

export const DEFAULT_GROUP_WINDOW_MS = 3_000;

/** Where Strava sends the athlete back after the consent page, under PUBLIC_BASE_URL. */
export const STRAVA_CALLBACK_PATH = '/strava/callback';
/** Where Strava's webhook events arrive (and its subscription challenge), under PUBLIC_BASE_URL. */
export const STRAVA_WEBHOOK_PATH = '/strava/webhook';

/** How long an authorize link works: long enough to log in to Strava, short enough not to linger in a chat. */
export const AUTHORIZATION_TTL_MS = 15 * 60_000;

/** An access token this close to expiry is refreshed before use (Strava's own advice is within an hour). */
export const REFRESH_MARGIN_MS = 10 * 60_000;
