/**
 * Registers `/plan` with Discord: in one guild — available at once, for testing — or globally. A
 * bulk overwrite (`PUT`), so registering again replaces the definition rather than adding a second
 * one. The bot does it at start when the definitions changed (command-sync.ts); `gofast discord
 * register` forces it.
 */
import { REST, Routes } from 'discord.js';
import { z } from 'zod';

import { planCommandDefinition } from './command-definition.js';

export type RegisterCommandsOptions = {
  readonly token: string;
  readonly applicationId: string;
  /** Register in this guild only (instant); omit for a global registration. */
  readonly guildId?: string;
  /** REST base (`DISCORD_API_URL`); default Discord's. */
  readonly apiUrl?: string;
};

export type RegisterCommandsResult = { readonly scope: 'guild' | 'global'; readonly count: number };

const discordId = (what: string) => z.string().regex(/^\d{17,25}$/, `${what} must be a Discord id (17–25 digits)`);

const optionsSchema = z.object({
  token: z.string().min(1, 'the bot token is empty'),
  applicationId: discordId('the application id'),
  guildId: discordId('the guild id').optional(),
  apiUrl: z.url().optional(),
});

/** Every command the app registers (just `/plan`), as Discord takes them. */
export function commandDefinitions(): readonly unknown[] {
  return [planCommandDefinition()];
}

/** The bulk overwrite through an existing REST client. */
export async function putCommands(
  rest: REST,
  target: { readonly applicationId: string; readonly guildId?: string | undefined },
): Promise<RegisterCommandsResult> {
  const route =
    target.guildId === undefined
      ? Routes.applicationCommands(target.applicationId)
      : Routes.applicationGuildCommands(target.applicationId, target.guildId);
  const registered = z
    .array(z.object({ id: z.string(), name: z.string() }))
    .parse(await rest.put(route, { body: [...commandDefinitions()] }));
  return { scope: target.guildId === undefined ? 'global' : 'guild', count: registered.length };
}

export async function registerCommands(options: RegisterCommandsOptions): Promise<RegisterCommandsResult> {
  const o = optionsSchema.parse(options);
  const rest = new REST(o.apiUrl === undefined ? {} : { api: o.apiUrl }).setToken(o.token);
  return putCommands(rest, o);
}
