/**
 * The `ChatPoster` for Discord: a week (or any message view) to the plan owner's DM — opening the
 * DM channel first (`POST /users/@me/channels`, remembered per user) — or to a club channel, or a
 * club member's week into the club's weekly thread (which `startThread` starts on its parent). Also
 * the notice for users whose DMs are closed, for the scheduler to post where they used the bot, and
 * the check, when someone chooses a channel for their weeks, that the bot can reach it.
 */
import type { RawFile, REST } from 'discord.js';
import { DiscordAPIError, Routes } from 'discord.js';
import type { Logger } from 'pino';
import { z } from 'zod';

import { DeliveryError, type ChatPoster, type PostResult, type PostTarget } from '../../conversation/chat-poster.js';
import type { MessageView } from '../../conversation/views.js';
import { deliveryErrorOf } from './delivery-errors.js';
import { parseIdentity } from './identity.js';
import { DISCORD_PLATFORM } from './platform.js';
import { renderMessage, type DiscordPayload } from './render-message.js';

export type DiscordPoster = ChatPoster & {
  /** Tells `userId` in `channelId` that their DMs are closed and how to get weeks anyway. */
  noticeDmClosed(channelId: string, userId: string): Promise<PostResult>;
};

const snowflake = z.string().regex(/^\d{1,25}$/);
/** Discord's "A thread has already been created for this message". */
const THREAD_ALREADY_CREATED = 160004;
const createdSchema = z.object({ id: snowflake });

export const DM_CLOSED_NOTICE = "I can't DM you — open your DMs or use /plan settings to deliver to this channel.";

/** Why weeks cannot go to a channel, each with its fix (the answer to choosing that channel). */
export const CHANNEL_PROBLEMS = {
  hidden:
    "I can't see this channel: give GoFast Coach the View Channel, Send Messages and Embed Links permissions here (Edit Channel → Permissions), or choose direct messages.",
  gone: "I can't find this channel any more: run /plan settings in the channel your weeks should go to, or choose direct messages.",
} as const;

function messageBody(payload: DiscordPayload, allowedUsers: readonly string[] = []): Record<string, unknown> {
  const files = payload.files ?? [];
  return {
    content: payload.content,
    embeds: payload.embeds,
    components: payload.components,
    // Text from users (race names, notes) must never ping anyone; only the notice names its user.
    allowed_mentions: { parse: [], users: allowedUsers },
    // The attached pictures with their alt text; on an edit this list also replaces the old ones.
    ...(files.length > 0 ? { attachments: files.map((f, i) => ({ id: i, filename: f.name, description: f.description })) } : {}),
  };
}

/** A payload's files as multipart parts (`files[n]`, matching `attachments[n].id`). */
function filesOf(payload: DiscordPayload): { files: RawFile[] } | Record<string, never> {
  const files = payload.files ?? [];
  return files.length === 0
    ? {}
    : { files: files.map((f, i) => ({ key: `files[${i}]`, name: f.name, contentType: f.contentType, data: f.data })) };
}

export function createDiscordPoster(deps: { rest: REST; logger: Logger }): DiscordPoster {
  const { rest, logger } = deps;
  const dmChannels = new Map<string, string>();

  async function dmChannelOf(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known !== undefined) return known;
    let created;
    try {
      created = createdSchema.parse(await rest.post(Routes.userChannels(), { body: { recipient_id: userId } }));
    } catch (error) {
      throw deliveryErrorOf(error, `opening a DM with ${userId}`);
    }
    dmChannels.set(userId, created.id);
    return created.id;
  }

  async function send(
    channelId: string,
    body: Record<string, unknown>,
    files: { files: RawFile[] } | Record<string, never> = {},
  ): Promise<string> {
    try {
      return createdSchema.parse(await rest.post(Routes.channelMessages(channelId), { body, ...files })).id;
    } catch (error) {
      throw deliveryErrorOf(error, `posting to channel ${channelId}`);
    }
  }

  return {
    platform: DISCORD_PLATFORM.name,

    async post(target: PostTarget, view: MessageView): Promise<PostResult> {
      const owner = parseIdentity(target.owner);
      if (!owner) throw new DeliveryError('recipient-unreachable', 'not_discord', `${target.owner} is not a Discord identity`);
      let channelId: string;
      if (target.target === 'dm') {
        channelId = await dmChannelOf(owner.userId);
      } else {
        // A reply in a club's weekly thread: a Discord thread is a channel of its own.
        const parsed = snowflake.safeParse(target.threadRef ?? target.channelId);
        if (!parsed.success)
          throw new DeliveryError('channel-gone', 'channel_not_found', `no Discord channel to post to for ${target.owner}`);
        channelId = parsed.data;
      }
      const payloads = renderMessage(view);
      let first: string | undefined;
      try {
        for (const payload of payloads) {
          const id = await send(channelId, messageBody(payload), filesOf(payload));
          first ??= id;
        }
      } catch (error) {
        // A DM channel that no longer exists is opened anew next time.
        if (error instanceof DeliveryError && error.reason === 'channel-gone' && target.target === 'dm') dmChannels.delete(owner.userId);
        const failure = error instanceof DeliveryError ? { reason: error.reason, detail: error.detail } : { reason: 'unknown' };
        logger.debug({ owner: target.owner, target: target.target, ...failure }, 'discord delivery failed');
        throw error;
      }
      return { messageRef: `${channelId}:${first ?? ''}` };
    },

    // A week changed after it was posted: its message edited in place (PATCH), when the week
    // still fits one message (a view that needs follow-up messages is told as a follow-up instead).
    async update(messageRef: string, view: MessageView): Promise<void> {
      const [channel, message] = messageRef.split(':');
      const ids = z.tuple([snowflake, snowflake]).safeParse([channel, message]);
      if (!ids.success) throw new DeliveryError('refused', 'bad_message_ref', `"${messageRef}" is not a Discord channel:message`);
      const payloads = renderMessage(view);
      const [payload] = payloads;
      if (payload === undefined || payloads.length > 1) {
        throw new DeliveryError('refused', 'too_long_to_edit', `the view takes ${payloads.length} messages; one can be edited`);
      }
      try {
        await rest.patch(Routes.channelMessage(ids.data[0], ids.data[1]), { body: messageBody(payload), ...filesOf(payload) });
      } catch (error) {
        throw deliveryErrorOf(error, `editing message ${ids.data[1]} in channel ${ids.data[0]}`);
      }
    },

    // Seeing the channel (GET /channels/{id}) is what Discord lets a bot ask without posting: a 403
    // means the bot is kept out, a 404 that the channel is gone. Anything else (an outage) is
    // thrown, and the core takes the choice as is (weekly delivery still pauses a plan it cannot post).
    async channelProblem(channelId: string): Promise<string | null> {
      const channel = snowflake.safeParse(channelId);
      if (!channel.success) return CHANNEL_PROBLEMS.gone;
      try {
        await rest.get(Routes.channel(channel.data));
        return null;
      } catch (error) {
        if (error instanceof DiscordAPIError && error.status === 403) return CHANNEL_PROBLEMS.hidden;
        if (error instanceof DiscordAPIError && error.status === 404) return CHANNEL_PROBLEMS.gone;
        throw error;
      }
    },

    // A DM not opened yet by this poster costs its opening first (POST /users/@me/channels).
    requestsFor(target: PostTarget): number {
      const owner = parseIdentity(target.owner);
      return target.target === 'dm' && owner !== undefined && !dmChannels.has(owner.userId) ? 2 : 1;
    },

    // The club's week: a public thread started on its parent message (POST
    // /channels/{channel}/messages/{message}/threads); the thread's id is the channel replies go to.
    async startThread(messageRef: string, name: string): Promise<string> {
      const [channel, message] = messageRef.split(':');
      const ids = z.tuple([snowflake, snowflake]).safeParse([channel, message]);
      if (!ids.success) throw new DeliveryError('refused', 'bad_message_ref', `"${messageRef}" is not a Discord channel:message`);
      try {
        const thread = createdSchema.parse(
          await rest.post(Routes.threads(ids.data[0], ids.data[1]), { body: { name: name.slice(0, 100), auto_archive_duration: 10080 } }),
        );
        return thread.id;
      } catch (error) {
        // Started before, its record lost (a restart, a retried POST whose answer timed out): a
        // thread started on a message has the message's id, so the fan-out goes on in it.
        if (error instanceof DiscordAPIError && error.code === THREAD_ALREADY_CREATED) return ids.data[1];
        throw deliveryErrorOf(error, `starting a thread on message ${ids.data[1]} in channel ${ids.data[0]}`);
      }
    },

    async noticeDmClosed(channelId: string, userId: string): Promise<PostResult> {
      const channel = snowflake.parse(channelId);
      const user = snowflake.parse(userId);
      const payload: DiscordPayload = { content: `<@${user}> ${DM_CLOSED_NOTICE}`, embeds: [], components: [], ephemeral: false };
      const id = await send(channel, messageBody(payload, [user]));
      return { messageRef: `${channel}:${id}` };
    },
  };
}
