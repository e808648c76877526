/**
 * Strava's part of the composition root (issue 21): the API client, the use cases on the stores
 * of `openPlanService`, the messages to athletes over the running chat posters, and the runner
 * that works through the webhook inbox. What the rest of main needs: the use cases for the
 * conversation core, and the webhook's options for the HTTP server.
 */
import type { Logger } from 'pino';
import type { StravaConfig } from '../config.js';
import type { ChatPoster } from '../conversation/chat-poster.js';
import { stravaMessagesFromPosters } from '../conversation/strava-messages.js';
import { createStravaClient } from '../integrations/strava/strava-client.js';
import { systemClock, type Clock } from '../plans/plan-context.js';
import type { PlanUseCases } from '../plans/plan-use-cases.js';
import { DEFAULT_GROUP_WINDOW_MS } from '../plans/strava/strava-context.js';
import { createStravaUseCases, type StravaUseCases } from '../plans/strava/strava-use-cases.js';
import { startStravaEventRunner } from '../scheduler/strava-event-runner.js';
import type { StravaStores } from './plan-service.js';

export type RunningStrava = {
  readonly useCases: StravaUseCases;
  /** For the HTTP server's `/strava/*` routes. */
  readonly webhook: { readonly strava: StravaUseCases; readonly wake: () => void };
  /** Works through whatever is due now (tests). */
  drain(): Promise<void>;
  stop(): Promise<void>;
};

export function openStrava(options: {
  readonly config: StravaConfig;
  readonly stores: StravaStores;
  readonly plans: PlanUseCases;
  /** The chat posters running here, read when a message goes out (they start after this). */
  readonly posters: () => readonly ChatPoster[];
  readonly instanceId: string;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Events' group window; default `DEFAULT_GROUP_WINDOW_MS`. */
  readonly groupWindowMs?: number;
}): RunningStrava {
  const { config, stores, logger } = options;
  const clock = options.clock ?? systemClock;
  const groupWindowMs = options.groupWindowMs ?? DEFAULT_GROUP_WINDOW_MS;
  const api = createStravaClient({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    apiUrl: config.apiUrl,
    oauthUrl: config.oauthUrl,
    clock: () => clock.now().getTime(),
  });
  const useCases = createStravaUseCases({
    api,
    ...stores,
    plans: options.plans,
    notifier: stravaMessagesFromPosters(options.posters),
    clock,
    baseUrl: config.publicBaseUrl,
    verifyToken: config.verifyToken,
    groupWindowMs,
  });
  const runner = startStravaEventRunner({
    strava: useCases,
    holder: options.instanceId,
    logger: logger.child({ component: 'strava' }),
    groupWindowMs,
  });
  return { useCases, webhook: { strava: useCases, wake: () => runner.wake() }, drain: () => runner.drain(), stop: () => runner.stop() };
}
