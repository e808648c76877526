/**
 * What every Slack listener works with, and the one place their failures are caught: after the
 * ack, a failed core call or Web API call is logged once with the request's context (the user
 * already has their ack; Slack must not see a crash).
 */
import type { Logger } from 'pino';

import type { HomeTab, ConversationPort } from './home-tab.js';
import type { RecentKeys } from './recent-keys.js';
import type { SlackDirectory } from './slack-directory.js';
import type { ViewDelivery } from './view-delivery.js';
import type { WorkQueue } from './work-queue.js';

export type ListenerDeps = {
  readonly conversation: ConversationPort;
  readonly logger: Logger;
  readonly directory: SlackDirectory;
  readonly delivery: ViewDelivery;
  readonly home: HomeTab;
  readonly now: () => Date;
  readonly submissions: RecentKeys;
  /** Bounds the work running after acks. */
  readonly work: WorkQueue;
};

/** How many requests' work may run at once after their acks. */
export const WORK_CONCURRENCY = 16;

/** Budget for a users.info lookup before an ack that cannot wait (modal submissions). */
export const TIMEZONE_WAIT_MS = 1000;

/**
 * Lets every request already waiting on the socket be read and acknowledged before this one's work
 * starts: the work resumes in the event loop's check phase, after the poll phase has taken in (and
 * acked) the rest of a burst. Under a club's Monday rush this keeps acks fast; alone it costs ~0.1 ms.
 */
function afterPendingAcks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs a request's work after its ack: once pending acks are out, within the work bound. Urgent
 * work (opening a modal, which needs no database and a trigger id at most 3 s old) goes first.
 */
export async function afterAck(
  deps: Pick<ListenerDeps, 'work'>,
  work: () => Promise<void>,
  options: { urgent?: boolean } = {},
): Promise<void> {
  await afterPendingAcks();
  await deps.work.run(work, options);
}

export async function logFailure(logger: Logger, context: Record<string, unknown>, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error({ err: error, ...context }, 'slack request failed after its ack');
  }
}
