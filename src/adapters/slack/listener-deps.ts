/**
 * What every Slack listener works with, and the one place their failures are caught: after the
 * ack, a failed core call or Web API call is logged once with the request's context (the user
 * already has their ack; Slack must not see a crash). Work refused because the work queue's line
 * is full gets one "busy" line to the person instead.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

import { BUSY_REPLY } from '../../conversation/conversation.js';
import { textView } from '../../conversation/plan-views.js';
import type { FileDownloader } from './file-download.js';
import type { HomeTab, ConversationPort } from './home-tab.js';
import type { RecentKeys } from './recent-keys.js';
import type { SlackDirectory } from './slack-directory.js';
import type { ReplyContext, ViewDelivery } from './view-delivery.js';
import { WorkQueueFullError, type WorkQueue } from './work-queue.js';

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
  /** The slash command this app answers (SLACK_COMMAND): replies name it. */
  readonly command: string;
  /** The interactive Web API client (modal updates, channel checks). */
  readonly client: webApi.WebClient;
  /** Downloads a file shared in the DM with the bot token, only from Slack's files host. */
  readonly download: FileDownloader;
};

/** How many requests' work may run at once after their acks. */
export const WORK_CONCURRENCY = 16;

/**
 * How many requests' work may wait for one of those slots. 200 is about a dozen rounds of the
 * slots at normal speed, minutes when they are stuck: later requests are told to come back.
 */
export const DEFAULT_WORK_QUEUE_LIMIT = 200;

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
 * When the queue's line is full the work is dropped, and the person who acted is told, privately
 * at `busy`, that the coach is busy.
 */
export async function afterAck(
  deps: Pick<ListenerDeps, 'work' | 'delivery' | 'logger'>,
  work: () => Promise<void>,
  busy: ReplyContext,
  options: { urgent?: boolean } = {},
): Promise<void> {
  await afterPendingAcks();
  try {
    await deps.work.run(work, options);
  } catch (error) {
    if (!(error instanceof WorkQueueFullError)) throw error;
    // Overload, not a bug: a warning, and the busy line outside the queue (it is one Web API call).
    deps.logger.warn({ user: busy.userId, waiting: error.maxWaiting }, 'slack work queue full; told the user the coach is busy');
    await logFailure(deps.logger, { user: busy.userId, reply: 'busy' }, () =>
      deps.delivery.deliver([textView(BUSY_REPLY, { ephemeral: true })], busy),
    );
  }
}

export async function logFailure(logger: Logger, context: Record<string, unknown>, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error({ err: error, ...context }, 'slack request failed after its ack');
  }
}
