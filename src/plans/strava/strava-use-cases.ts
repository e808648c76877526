/**
 * The Strava use cases bound to their context (issue 21), for the composition roots to hand to the
 * conversation core (connect, disconnect), the HTTP server (callback, webhook) and the inbox runner.
 */
import type { StravaContext } from './strava-context.js';
import { processDueEvents, type EventBatchResult } from './strava-events.js';
import {
  completeConnection,
  connectedText,
  connectLink,
  disconnect,
  type CallbackOutcome,
  type CallbackQuery,
  type ConnectLink,
  type DisconnectOutcome,
} from './strava-linking.js';
import { answerChallenge, receiveEvent, type ChallengeQuery } from './strava-webhook.js';

export type StravaUseCases = {
  connectLink(identity: string): Promise<ConnectLink>;
  disconnect(identity: string): Promise<DisconnectOutcome>;
  /** The callback: exchanges the code and stores the link; the athlete is told in chat when connected. */
  completeConnection(query: CallbackQuery): Promise<CallbackOutcome>;
  /** Tells the athlete in chat that Strava is connected (after the callback's page is answered). */
  tellConnected(identity: string, athleteName: string | null): Promise<void>;
  answerChallenge(query: ChallengeQuery): string | null;
  receiveEvent(body: unknown): Promise<'received' | 'duplicate'>;
  processDueEvents(holder: string): Promise<EventBatchResult>;
  /**
   * Deletes events worked on more than a week ago (they only guard against Strava's late retries)
   * and authorize links that expired unused; returns how many documents went.
   */
  purgeOld(): Promise<number>;
};

/** How long a finished event is kept: far longer than Strava retries a delivery. */
const KEEP_DONE_EVENTS_MS = 7 * 86_400_000;

/** What chat needs of Strava: linking and unlinking. */
export type StravaLinking = Pick<StravaUseCases, 'connectLink' | 'disconnect'>;

export function createStravaUseCases(ctx: StravaContext): StravaUseCases {
  return {
    connectLink: (identity) => connectLink(ctx, identity),
    disconnect: (identity) => disconnect(ctx, identity),
    completeConnection: (query) => completeConnection(ctx, query),
    tellConnected: (identity, athleteName) => ctx.notifier.tell(identity, connectedText(athleteName)),
    answerChallenge: (query) => answerChallenge(ctx, query),
    receiveEvent: (body) => receiveEvent(ctx, body),
    processDueEvents: (holder) => processDueEvents(ctx, holder),
    purgeOld: async () => {
      const now = ctx.clock.now();
      const events = await ctx.inbox.purgeDone(new Date(now.getTime() - KEEP_DONE_EVENTS_MS));
      return events + (await ctx.authorizations.purgeExpired(now));
    },
  };
}
