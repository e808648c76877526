/**
 * Commands registered at start, only when they changed. The adapter hashes its command definitions
 * (sha-256 of their JSON with sorted keys, so the same definitions always hash the same) and
 * compares the hash with the one stored for this registration (the application, globally or in
 * `DISCORD_GUILD_ID`): a different or missing hash means one bulk overwrite (`PUT`), then the new
 * hash is stored; the same hash means no call. A failed registration stores nothing, so the next
 * start tries again; it is logged and the bot runs on with the commands Discord already has.
 *
 * The store is the core's `CommandRegistrationStore` port (src/plans/command-registration-store.ts,
 * over MongoDB in src/storage/). Chat adapters import only the conversation core, so the shape
 * needed here is declared here and the composition root's compiler checks that the store fits.
 */
import { createHash } from 'node:crypto';

import type { REST } from 'discord.js';
import type { Logger } from 'pino';

import { commandDefinitions, putCommands } from './register-commands.js';

/** What the adapter needs of the core's `CommandRegistrationStore`. */
export type CommandHashStore = {
  registeredHash(key: string): Promise<string | null>;
  recordRegistration(key: string, hash: string): Promise<void>;
};

export type CommandSyncOptions = {
  readonly store: CommandHashStore;
  /** Register in this guild only (`DISCORD_GUILD_ID`); default globally. */
  readonly guildId?: string | undefined;
};

/** JSON with every object's keys sorted: the same value always gives the same text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function commandsHash(definitions: readonly unknown[] = commandDefinitions()): string {
  return createHash('sha256').update(stableJson(definitions)).digest('hex');
}

/** The registration's name in the store: one per application and place. */
export function registrationKey(applicationId: string, guildId?: string): string {
  return `discord-commands:${applicationId}:${guildId ?? 'global'}`;
}

export type CommandSyncOutcome = 'registered' | 'unchanged' | 'failed';

export async function syncCommands(deps: {
  readonly rest: REST;
  readonly applicationId: string;
  readonly options: CommandSyncOptions;
  readonly logger: Logger;
}): Promise<CommandSyncOutcome> {
  const { rest, applicationId, options, logger } = deps;
  const key = registrationKey(applicationId, options.guildId);
  const hash = commandsHash();
  try {
    if ((await options.store.registeredHash(key)) === hash) {
      logger.debug({ registration: key }, 'discord commands unchanged; not registering');
      return 'unchanged';
    }
    const result = await putCommands(rest, { applicationId, guildId: options.guildId });
    await options.store.recordRegistration(key, hash);
    logger.info({ registration: key, scope: result.scope, count: result.count }, 'discord commands registered (their definitions changed)');
    return 'registered';
  } catch (error) {
    logger.warn(
      { err: error, registration: key },
      'discord: could not register the commands; running with those Discord has, and trying again at the next start',
    );
    return 'failed';
  }
}
