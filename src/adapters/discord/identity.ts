/**
 * Who is acting and where, in the core's terms. A Discord identity is `discord:@me:<user id>`
 * wherever the user types `/plan` — a server, a DM with the bot, or someone else's DM or group DM
 * where the user installed the app — so a plan made in a server is the same user's plan in a DM.
 *
 * Why a fixed workspace rather than the guild: a Discord user is one account across every server
 * (unlike Slack, whose user ids are per workspace), and most of the coach is personal (the weeks go
 * to the user's DM). Keeping `platform:workspace:user` with a fixed workspace keeps every store and
 * the operators' `--owner` unchanged; finding plans by user id in the store instead would teach the
 * core one platform's rule. A club channel a plan posts to is stored on the plan (its delivery), so
 * it needs no guild in the owner. Plans and API keys stored under `discord:<guild>:<user>` before
 * are rewritten once at start (`rewriteOwnerWorkspace`, from the composition root).
 *
 * Discord does not tell a bot the user's time zone, so it is left to the core's default (UTC) until
 * the user sets one in /plan settings (its time-zone option suggests one from the user's locale).
 */
import { z } from 'zod';

import type { IntentActor } from '../../conversation/intents.js';

const snowflake = z.string().regex(/^\d{1,25}$/, 'a Discord id');

/**
 * Discord's interaction contexts: 0 a server, 1 the DM with the bot, 2 another DM or a group DM
 * (only reachable when the user installed the app to their account).
 */
const INTERACTION_CONTEXT = { guild: 0, botDm: 1, privateChannel: 2 } as const;

const sourceSchema = z.object({
  userId: snowflake,
  guildId: snowflake.nullable(),
  channelId: snowflake.nullable(),
  /** The interaction's `context`; null from an older client that sends none (then the guild id decides). */
  context: z.number().int().nullable().default(null),
  /**
   * True when the app is installed to the guild (its bot is a member and can post there); false in
   * a server where only the user installed it.
   */
  guildInstalled: z.boolean().default(true),
  /** The member may Manage Channels or Manage Server in the channel (the interaction's permissions): a club admin. */
  channelAdmin: z.boolean().default(false),
});

export type InteractionSource = z.input<typeof sourceSchema>;

/** The workspace of every Discord identity. */
export const DISCORD_WORKSPACE = '@me';

/** The identity of a Discord user: the same in every server and DM. */
export function discordIdentity(userId: string): string {
  return `discord:${DISCORD_WORKSPACE}:${userId}`;
}

/**
 * Whether every answer must be private: in someone else's DM or a group DM (context 2) a reply
 * would be shown to the others there, and the bot is not a member of that conversation.
 */
export function answersPrivately(source: InteractionSource): boolean {
  const s = sourceSchema.parse(source);
  return s.context === INTERACTION_CONTEXT.privateChannel;
}

/**
 * The actor of an interaction. The origin is a channel only in a server where the bot is, so
 * "send my weeks to this channel" is offered only where the bot can post; elsewhere it is a DM.
 */
export function actorOf(source: InteractionSource): IntentActor {
  const s = sourceSchema.parse(source);
  const inServer = s.guildId !== null && s.context !== INTERACTION_CONTEXT.privateChannel && s.guildInstalled;
  return {
    identity: discordIdentity(s.userId),
    timezone: null,
    origin: inServer && s.channelId !== null ? { kind: 'channel', channelId: s.channelId } : { kind: 'dm' },
    commandStyle: 'options',
    // Only where the origin is that channel: a DM's permissions administer nothing of a club.
    ...(inServer && s.channelId !== null && s.channelAdmin ? { channelAdmin: true } : {}),
  };
}

const ownerSchema = z
  .string()
  .regex(/^discord:([^:\s]+):(\d{1,25})$/)
  .transform((identity) => ({ userId: identity.slice(identity.lastIndexOf(':') + 1) }));

/**
 * A Discord identity's user id; undefined for any other platform's identity. Any workspace is
 * read, so a plan stored before the one-time rewrite still reaches its owner's DM.
 */
export function parseIdentity(identity: string): { userId: string } | undefined {
  const parsed = ownerSchema.safeParse(identity);
  return parsed.success ? parsed.data : undefined;
}
