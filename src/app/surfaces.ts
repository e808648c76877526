/**
 * Every surface this build knows, for the composition roots: `main.ts` registers them with the
 * core (with the posters of those it runs), and the CLI checks operators' identities against them.
 * A new surface is its adapter plus one entry here.
 */
import { CONSOLE_PLATFORM } from '../adapters/console/platform.js';
import type { CommandHashStore, DiscordAdapter, DiscordAdapterOptions } from '../adapters/discord/index.js';
import { DISCORD_PLATFORM } from '../adapters/discord/platform.js';
import { HTTP_PLATFORM } from '../adapters/http/platform.js';
import { SLACK_PLATFORM } from '../adapters/slack/platform.js';
import type { AppConfig } from '../config.js';
import type { LeaseStore } from '../plans/lease-store.js';
import { isRegisteredIdentity, type PlatformSpec } from '../plans/platforms.js';

export const SURFACES: readonly PlatformSpec[] = [CONSOLE_PLATFORM, SLACK_PLATFORM, DISCORD_PLATFORM, HTTP_PLATFORM];

/** True for `platform:workspace:user` on one of the surfaces (operators' `--owner` and `--as`). */
export function isSurfaceIdentity(text: string): boolean {
  return isRegisteredIdentity(SURFACES, text);
}

/**
 * Discord for one instance among any number on the same database: the adapter connects to the
 * gateway only while this instance holds the bot's lease in `leases` (failover within 30 s when the
 * holder dies; on a graceful stop it releases the lease and a standby connects at its next try,
 * within 5 s), and delivers weeks over REST either way.
 *
 * Before it starts: the owners of plans and API keys made when Discord identities named the guild
 * (`discord:<guild>:<user>`) are rewritten once to the one identity of a Discord user
 * (`discord:@me:<user>`, see src/adapters/discord/identity.ts), and `/plan` is registered —
 * globally, or in DISCORD_GUILD_ID — when its definition changed since the hash stored in
 * `command_registrations`.
 */
export async function startDiscordSurface(options: {
  readonly discord: NonNullable<AppConfig['discord']>;
  readonly conversation: DiscordAdapterOptions['conversation'];
  readonly logger: DiscordAdapterOptions['logger'];
  readonly leases: LeaseStore;
  readonly commandRegistrations: CommandHashStore;
  /** Rewrites every owner of `platform` to `platform:<workspace>:<user>` (storage's one-time rewrite). */
  readonly rewriteOwnerWorkspace: (platform: string, workspace: string) => Promise<unknown>;
  /** This instance's name on the lease (the scheduler's `instanceId`); default a random one. */
  readonly instanceId?: string;
}): Promise<DiscordAdapter> {
  // Loaded here, not at the top: the CLI imports this file for `isSurfaceIdentity`, and need not load discord.js.
  const { startDiscordAdapter, DISCORD_WORKSPACE } = await import('../adapters/discord/index.js');
  const { token, applicationId, apiUrl, guildId } = options.discord;
  const rewritten = await options.rewriteOwnerWorkspace(DISCORD_PLATFORM.name, DISCORD_WORKSPACE);
  options.logger.debug({ rewritten }, 'discord owners in one workspace');
  return startDiscordAdapter({
    conversation: options.conversation,
    logger: options.logger,
    token,
    applicationId,
    ...(apiUrl === undefined ? {} : { apiUrl }),
    gatewayLease: { store: options.leases, ...(options.instanceId === undefined ? {} : { holder: options.instanceId }) },
    commandSync: { store: options.commandRegistrations, guildId },
  });
}
