/**
 * The Discord adapter: a discord.js gateway client that turns `/plan` commands, button clicks and
 * modal submissions into intents for the conversation core and renders its views as embeds,
 * buttons and modals; plus the `ChatPoster` that delivers weeks by DM or to a club channel, and
 * command registration: at start when the definitions changed (`commandSync`, command-sync.ts),
 * or forced with `registerCommands` (`gofast discord register`).
 *
 * Gateway intents: none. Interactions (INTERACTION_CREATE) reach a bot whatever its intents, and
 * the adapter reads only ids from them and answers through REST, so it needs no guild, member or
 * message events — and no privileged intent. discord.js 14.28 marks a shard ready at once when the
 * Guilds intent is absent (it then expects no GUILD_CREATE burst).
 *
 * Several instances of one bot: given a `gatewayLease`, the adapter connects to the gateway only
 * while it holds the lease (gateway-lease.ts), so each interaction reaches one session; deliveries
 * go over REST from every instance.
 */
import { REST, type RESTOptions } from 'discord.js';
import type { Logger } from 'pino';
import { z } from 'zod';

import type { ChatPoster } from '../../conversation/chat-poster.js';
import type { HandleOptions } from '../../conversation/conversation.js';
import type { Intent } from '../../conversation/intents.js';
import type { View } from '../../conversation/views.js';
import { syncCommands, type CommandSyncOptions } from './command-sync.js';
import { createDiscordPoster, type DiscordPoster } from './discord-poster.js';
import { createGatewayLeaseKeeper, gatewayLeaseKey, type GatewayLeaseKeeper, type GatewayLeaseOptions } from './gateway-lease.js';
import { openGatewaySession, type GatewaySession } from './gateway-session.js';
import { attachmentOrigins, discordAttachmentDownloader } from './attachment-download.js';
import { createInteractionHandler } from './interaction-handler.js';
import { makeRequest } from './multipart-request.js';

export { planCommandDefinition } from './command-definition.js';
export { registerCommands } from './register-commands.js';
export { DM_CLOSED_NOTICE } from './discord-poster.js';
export { DISCORD_WORKSPACE } from './identity.js';
export type { CommandHashStore } from './command-sync.js';
export type { GatewayLeaseStore, LeaseClock } from './gateway-lease.js';
export type DiscordAdapterOptions = {
  readonly conversation: { handle(intent: Intent, options?: HandleOptions): Promise<View[]> };
  readonly logger: Logger;
  readonly token: string;
  readonly applicationId: string;
  /** `DISCORD_API_URL`: the REST base, e.g. http://127.0.0.1:PORT/api; `GET /gateway/bot` there names the gateway. */
  readonly apiUrl?: string;
  /** How long a form may take before the modal gives way to a deferral (default 2000 ms of Discord's 3 s). */
  readonly modalDeadlineMs?: number;
  /** Longest rate-limit wait a delivery sits out; longer ones fail as `rate-limited` for the scheduler to retry (default 5000 ms). */
  readonly maxDeliveryWaitMs?: number;
  /** How many intents the core works on at once; acknowledgements are never queued (default 8). */
  readonly maxConcurrentWork?: number;
  /** How long to wait for the gateway's READY (default 30 s). */
  readonly readyTimeoutMs?: number;
  /**
   * With several instances of the bot: connect to the gateway only while holding this lease
   * (gateway-lease.ts). Without it the adapter connects at start, as the only instance.
   */
  readonly gatewayLease?: GatewayLeaseOptions;
  /**
   * Register the commands at start when their definitions changed since the registration stored
   * here (command-sync.ts). Without it, commands are left to `gofast discord register`.
   */
  readonly commandSync?: CommandSyncOptions;
};

export type DiscordAdapter = {
  readonly poster: DiscordPoster;
  /** Posts the "I can't DM you" notice to `userId` in `channelId` (for the scheduler on `recipient-unreachable`). */
  noticeDmClosed(channelId: string, userId: string): ReturnType<DiscordPoster['noticeDmClosed']>;
  /** Releases the gateway lease, lets in-flight interactions finish (up to 5 s), then disconnects. */
  stop(): Promise<void>;
};

const optionsSchema = z.object({
  token: z.string().min(1, 'DISCORD_TOKEN is empty'),
  applicationId: z.string().regex(/^\d{17,25}$/, 'DISCORD_APPLICATION_ID must be a Discord id (17–25 digits)'),
  apiUrl: z.url('DISCORD_API_URL must be a URL such as http://127.0.0.1:3000/api').optional(),
  modalDeadlineMs: z.number().int().min(100).max(2900).default(2000),
  maxDeliveryWaitMs: z.number().int().min(0).default(5000),
  readyTimeoutMs: z.number().int().min(100).default(30_000),
  maxConcurrentWork: z.number().int().min(1).max(1000).default(8),
});

/** The REST routes a delivery uses: their rate limits may fail fast instead of blocking. */
const DELIVERY_ROUTES = ['/channels/:id/messages', '/users/@me/channels'];
const STOP_GRACE_MS = 5000;

export async function startDiscordAdapter(options: DiscordAdapterOptions): Promise<DiscordAdapter> {
  const o = optionsSchema.parse({
    token: options.token,
    applicationId: options.applicationId,
    apiUrl: options.apiUrl,
    modalDeadlineMs: options.modalDeadlineMs,
    maxDeliveryWaitMs: options.maxDeliveryWaitMs,
    readyTimeoutMs: options.readyTimeoutMs,
    maxConcurrentWork: options.maxConcurrentWork,
  });
  const logger = options.logger.child({ adapter: 'discord' });
  const restOptions: Partial<RESTOptions> = {
    ...(o.apiUrl === undefined ? {} : { api: o.apiUrl }),
    // Files (charts, exports) go as bytes, whatever HTTP dispatcher the process ended up with.
    makeRequest,
    // Interaction answers wait out a rate limit (their token lives 15 minutes); a delivery asked
    // to wait long fails as rate-limited, so the scheduler retries it instead of blocking a tick.
    rejectOnRateLimit: (limit) => DELIVERY_ROUTES.some((route) => limit.route.startsWith(route)) && limit.retryAfter > o.maxDeliveryWaitMs,
  };
  // Deliveries go through REST alone, so every instance posts its share of weeks, gateway or not.
  const rest = new REST(restOptions).setToken(o.token);
  rest.on('rateLimited', (limit) =>
    logger.debug({ route: limit.route, retryAfterMs: limit.retryAfter, global: limit.global }, 'discord rate limited'),
  );

  if (options.commandSync !== undefined) {
    await syncCommands({ rest, applicationId: o.applicationId, options: options.commandSync, logger });
  }

  const poster = createDiscordPoster({ rest, logger });
  const handle = createInteractionHandler({
    conversation: options.conversation,
    logger,
    modalDeadlineMs: o.modalDeadlineMs,
    maxConcurrentWork: o.maxConcurrentWork,
    poster,
    // Files attached to `/plan log file:`: Discord's CDN, or the local Discord that DISCORD_API_URL names.
    download: discordAttachmentDownloader(attachmentOrigins(o.apiUrl)),
  });
  let stopping = false;
  let session: GatewaySession | undefined;
  async function connect(): Promise<void> {
    session = await openGatewaySession({
      token: o.token,
      applicationId: o.applicationId,
      readyTimeoutMs: o.readyTimeoutMs,
      rest: restOptions,
      logger,
      // Once stopping, new interactions are left to the instance that takes over the gateway.
      handle: (interaction) => (stopping ? Promise.resolve() : handle(interaction)),
    });
  }
  async function disconnect(): Promise<void> {
    const closing = session;
    session = undefined;
    await closing?.close(STOP_GRACE_MS);
  }

  let keeper: GatewayLeaseKeeper | undefined;
  if (options.gatewayLease === undefined) {
    await connect();
  } else {
    keeper = createGatewayLeaseKeeper({
      key: gatewayLeaseKey(o.applicationId),
      options: options.gatewayLease,
      logger,
      connect,
      disconnect,
    });
    await keeper.start();
  }

  return {
    poster,
    noticeDmClosed: (channelId, userId) => poster.noticeDmClosed(channelId, userId),
    async stop() {
      stopping = true;
      // The lease first, so another instance can connect while this one finishes its work.
      await keeper?.stop();
      await disconnect();
      logger.info('discord stopped');
    },
  };
}

/**
 * A poster alone, over REST, without the gateway: what an operator's command posts with (`gofast
 * clubs deliver`). A rate limit is waited out by discord.js; the command is not in a hurry.
 */
export function createStandaloneDiscordPoster(options: { token: string; apiUrl: string | undefined; logger: Logger }): ChatPoster {
  const rest = new REST({ makeRequest, ...(options.apiUrl === undefined ? {} : { api: options.apiUrl }) }).setToken(options.token);
  return createDiscordPoster({ rest, logger: options.logger.child({ adapter: 'discord' }) });
}
