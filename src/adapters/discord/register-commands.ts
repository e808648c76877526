/**
 * Registers `/plan` with Discord, a separate step from running the bot (commands persist on
 * Discord's side): in one guild — available at once, for testing — or globally. A bulk overwrite
 * (`PUT`), so running it again replaces the definition rather than adding a second one.
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

const optionsSchema = z.object({
  token: z.string().min(1, 'the bot token is empty'),
  applicationId: z.string().regex(/^\d{17,25}$/, 'the application id must be a Discord id (17–25 digits)'),
  guildId: z
    .string()
    .regex(/^\d{17,25}$/, 'the guild id must be a Discord id (17–25 digits)')
    .optional(),
  apiUrl: z.url().optional(),
});

export async function registerCommands(options: RegisterCommandsOptions): Promise<RegisterCommandsResult> {
  const o = optionsSchema.parse(options);
  const rest = new REST(o.apiUrl === undefined ? {} : { api: o.apiUrl }).setToken(o.token);
  const route =
    o.guildId === undefined ? Routes.applicationCommands(o.applicationId) : Routes.applicationGuildCommands(o.applicationId, o.guildId);
  const registered = z
    .array(z.object({ id: z.string(), name: z.string() }))
    .parse(await rest.put(route, { body: [planCommandDefinition()] }));
  return { scope: o.guildId === undefined ? 'global' : 'guild', count: registered.length };
}
