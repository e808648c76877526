/**
 * The scheduler's way to speak first in Slack (`ChatPoster`): a week to the athlete's DM or to the
 * plan's club channel, or a club member's week as a reply in the club's weekly thread. Its Web API client does not sit out rate limits itself — the scheduler
 * decides when to try again — so a 429 becomes a `rate-limited` DeliveryError at once, with
 * Slack's Retry-After. A week changed after it was posted is edited in place (`update`).
 */
import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

import type { ChatPoster, PostResult, PostTarget } from '../../conversation/chat-poster.js';
import { DeliveryError } from '../../conversation/chat-poster.js';
import type { MessageView } from '../../conversation/views.js';
import { channelProblem } from './channel-check.js';
import { DEFAULT_COMMAND, withCommandName } from './command-name.js';
import { toDeliveryError } from './delivery-errors.js';
import { SLACK_PLATFORM } from './platform.js';
import { SlackDirectory, userIdOf } from './slack-directory.js';
import { slackSdkLogger } from './bolt-logger.js';
import { NO_IMAGES, renderMessage, type ImageFiles } from './render-blocks.js';
import { SlackImages } from './slack-images.js';
import { postMessageView, withPicturesIfTaken } from './view-delivery.js';

export function createSlackPoster(
  client: webApi.WebClient,
  directory: SlackDirectory,
  command: string = DEFAULT_COMMAND,
  /** Uploads a week's pictures (its week card); without it, weeks go without them. */
  images: SlackImages | null = null,
): ChatPoster {
  // A picture's upload failing leaves it out (SlackImages logs it): a chart never holds up a week.
  const imagesOf = async (view: MessageView): Promise<ImageFiles> => (images === null ? NO_IMAGES : images.prepare(client, view));
  return {
    platform: SLACK_PLATFORM.name,
    async post(target: PostTarget, view: MessageView): Promise<PostResult> {
      const userId = userIdOf(target.owner);
      if (target.target === 'dm' && userId === undefined) {
        throw new DeliveryError('recipient-unreachable', 'not_a_slack_user', `${target.owner} is not a Slack identity`);
      }
      if (target.target === 'channel' && target.channelId === null) {
        throw new DeliveryError('channel-gone', 'channel_not_found', 'a channel target without a channel id');
      }
      try {
        const channelId =
          target.target === 'channel' && target.channelId !== null ? target.channelId : await directory.dmChannel(userId ?? '');
        // A club member's week is a reply in the week's thread: the parent's `channel:ts` names it,
        // and its ts is the reply's `thread_ts` (a Slack thread needs no call to start).
        const threadTs = target.threadRef?.slice(target.threadRef.lastIndexOf(':') + 1);
        const named = withCommandName(view, command);
        const posted = await postMessageView(client, channelId, named, threadTs, await imagesOf(named));
        return { messageRef: `${posted.channel}:${posted.ts}` };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    // A week changed after it was posted: chat.update on the message its `channel:ts` names.
    async update(messageRef: string, view: MessageView): Promise<void> {
      const split = messageRef.lastIndexOf(':');
      if (split <= 0 || split === messageRef.length - 1) {
        throw new DeliveryError('refused', 'bad_message_ref', `"${messageRef}" is not a Slack channel:ts`);
      }
      try {
        const named = withCommandName(view, command);
        await withPicturesIfTaken(await imagesOf(named), (files) =>
          client.chat.update({ channel: messageRef.slice(0, split), ts: messageRef.slice(split + 1), ...renderMessage(named, files) }),
        );
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    channelProblem: (channelId) => channelProblem(client, channelId),
  };
}

/**
 * A poster alone, without the app (no Socket Mode, no HTTP receiver): what an operator's command
 * posts with (`gofast clubs deliver`). Rate limits come back to the caller, as the scheduler's do.
 */
export function createStandaloneSlackPoster(options: {
  botToken: string;
  apiUrl: string | undefined;
  command: string;
  logger: Logger;
}): ChatPoster {
  const client = new webApi.WebClient(options.botToken, {
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
    rejectRateLimitedCalls: true,
    logger: slackSdkLogger(options.logger),
  });
  return createSlackPoster(client, new SlackDirectory(client, options.logger), options.command, new SlackImages(options.logger));
}
