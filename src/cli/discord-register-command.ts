/**
 * `gofast discord register [--guild ID]`: registers the `/plan` command with Discord — in one guild
 * (instant, for testing) or globally — and prints the link that adds the bot to a server. The bot
 * registers it at start by itself when the definition changed; this forces it.
 */
import { registerCommands } from '../adapters/discord/index.js';
import { parseFlags, stringFlag } from './parse-flags.js';
import { UsageError } from './usage-error.js';

export const DISCORD_HELP = `Usage: gofast discord register [--guild ID]

  Registers the /plan command for the Discord application of DISCORD_TOKEN and
  DISCORD_APPLICATION_ID now. The bot also registers it at start when its definition changed;
  this forces it. With --guild, in that server only (available at once, for testing); without,
  globally (every server the bot is in). DISCORD_API_URL points it at another REST base.`;

/**
 * The permissions the bot asks for when added: View Channels (1024), Send Messages (2048), Embed
 * Links (16384), Attach Files (32768) — what posting weeks and exports to a club channel needs —
 * and Create Public Threads (1 << 35) and Send Messages in Threads (1 << 38), for a club's weekly
 * thread. A sum past 2^31, so in BigInt.
 */
const BOT_PERMISSIONS = (1024n + 2048n + 16384n + 32768n + (1n << 35n) + (1n << 38n)).toString();

export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=${BOT_PERMISSIONS}`;
}

export type DiscordRegisterDeps = {
  readonly token?: string;
  readonly applicationId?: string;
  readonly apiUrl?: string;
  readonly write: (text: string) => void;
};

/** `argv`: the words after `gofast discord` (`register --guild 123…`). */
export async function runDiscordRegisterCommand(argv: readonly string[], deps: DiscordRegisterDeps): Promise<void> {
  const { values, positionals } = parseFlags('discord', argv, { guild: { type: 'string' } }, true);
  const [action, ...extra] = positionals;
  if (action !== 'register' || extra.length > 0) {
    throw new UsageError(
      `gofast discord: expected \`gofast discord register [--guild ID]\`${action === undefined ? '' : `, not "${positionals.join(' ')}"`}`,
    );
  }
  const guildId = stringFlag(values, 'guild');
  if (guildId !== undefined && !/^\d{17,25}$/.test(guildId)) {
    throw new UsageError(`gofast discord register: --guild must be a server id (17–25 digits), not "${guildId}"`);
  }
  const missing = [
    ...(deps.token === undefined || deps.token.trim() === '' ? ['DISCORD_TOKEN (the bot token from the Developer Portal, Bot tab)'] : []),
    ...(deps.applicationId === undefined || deps.applicationId.trim() === ''
      ? ['DISCORD_APPLICATION_ID (the application id from the Developer Portal, General Information)']
      : []),
  ];
  if (missing.length > 0 || deps.token === undefined || deps.applicationId === undefined) {
    throw new UsageError(`gofast discord register: set ${missing.join(' and ')}`);
  }
  if (!/^\d{17,25}$/.test(deps.applicationId)) {
    throw new UsageError(
      `gofast discord register: DISCORD_APPLICATION_ID must be a Discord id (17–25 digits), not "${deps.applicationId}"`,
    );
  }
  const result = await registerCommands({
    token: deps.token,
    applicationId: deps.applicationId,
    ...(guildId === undefined ? {} : { guildId }),
    ...(deps.apiUrl === undefined ? {} : { apiUrl: deps.apiUrl }),
  });
  const where =
    result.scope === 'guild'
      ? `in server ${guildId ?? ''}: try /plan there now`
      : 'globally: it can take a few minutes to appear in every server';
  deps.write(
    `Registered ${result.count} command${result.count === 1 ? '' : 's'} (/plan) ${where}.\n` +
      `Add the bot to a server: ${inviteUrl(deps.applicationId)}\n`,
  );
}
