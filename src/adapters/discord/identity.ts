/**
 * Who is acting and where, in the core's terms: `discord:<guild id | @me>:<user id>`, with the
 * origin a channel in a guild and a DM otherwise. Discord does not tell a bot the user's time zone,
 * so it is left to the core's default (UTC) until the user sets one in /plan settings.
 */
import { z } from 'zod';

import type { IntentActor } from '../../conversation/intents.js';

const snowflake = z.string().regex(/^\d{1,25}$/, 'a Discord id');

const sourceSchema = z.object({
  userId: snowflake,
  guildId: snowflake.nullable(),
  channelId: snowflake.nullable(),
});

export type InteractionSource = z.input<typeof sourceSchema>;

/** The workspace of identities made outside any guild (DMs with the bot). */
const DM_WORKSPACE = '@me';

/**
 * The actor of an interaction. In a guild the guild is the workspace; in a DM it is the `scope`
 * the clicked component carries (the guild whose plan a DM'd week belongs to), else `@me`.
 */
export function actorOf(source: InteractionSource, scope: string | null = null): IntentActor {
  const s = sourceSchema.parse(source);
  const workspace = s.guildId ?? scope ?? DM_WORKSPACE;
  return {
    identity: `discord:${workspace}:${s.userId}`,
    timezone: null,
    origin: s.guildId !== null && s.channelId !== null ? { kind: 'channel', channelId: s.channelId } : { kind: 'dm' },
  };
}

const ownerSchema = z
  .string()
  .regex(/^discord:([^:\s]+):(\d{1,25})$/)
  .transform((identity) => {
    const [, workspace = DM_WORKSPACE, userId = ''] = identity.split(':');
    return { workspace, userId };
  });

/** A Discord identity's workspace and user id; undefined for any other platform's identity. */
export function parseIdentity(identity: string): { workspace: string; userId: string } | undefined {
  const parsed = ownerSchema.safeParse(identity);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The scope to write into the components of a message shown to `identity` in a DM: its guild, so
 * a click there acts as the same identity. Null when the identity has no guild or the message is
 * shown in a guild (where the click itself names the guild).
 */
export function scopeFor(identity: string, shownInDm: boolean): string | null {
  if (!shownInDm) return null;
  const parsed = parseIdentity(identity);
  return parsed && /^\d+$/.test(parsed.workspace) ? parsed.workspace : null;
}
