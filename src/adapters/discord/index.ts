/**
 * The Discord adapter: a discord.js gateway client that turns `/plan` commands, button clicks and
 * modal submissions into intents for the conversation core and renders its views as embeds,
 * buttons and modals; plus the `ChatPoster` that delivers weeks by DM or to a club channel, and
 * command registration (a separate step, see `registerCommands`).
 *
 * Gateway intents: none. Interactions (INTERACTION_CREATE) reach a bot whatever its intents, and
 * the adapter reads only ids from them and answers through REST, so it needs no guild, member or
 * message events — and no privileged intent. discord.js 14.28 marks a shard ready at once when the
 * Guilds intent is absent (it then expects no GUILD_CREATE burst).
 */
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

import { Client, Events } from 'discord.js';
import type { Logger } from 'pino';
import { z } from 'zod';

import type { Intent } from '../../conversation/intents.js';
import type { View } from '../../conversation/views.js';
import { createDiscordPoster, type DiscordPoster } from './discord-poster.js';
import { createInteractionHandler } from './interaction-handler.js';

export { planCommandDefinition } from './command-definition.js';
export { registerCommands } from './register-commands.js';
export { DM_CLOSED_NOTICE } from './discord-poster.js';
export type DiscordAdapterOptions = {
  readonly conversation: { handle(intent: Intent): Promise<View[]> };
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
};

export type DiscordAdapter = {
  readonly poster: DiscordPoster;
  /** Posts the "I can't DM you" notice to `userId` in `channelId` (for the scheduler on `recipient-unreachable`). */
  noticeDmClosed(channelId: string, userId: string): ReturnType<DiscordPoster['noticeDmClosed']>;
  /** Lets in-flight interactions finish (up to 5 s), then destroys the client. */
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
  const client = new Client({
    intents: [],
    allowedMentions: { parse: [] },
    rest: {
      ...(o.apiUrl === undefined ? {} : { api: o.apiUrl }),
      // Interaction answers wait out a rate limit (their token lives 15 minutes); a delivery asked
      // to wait long fails as rate-limited, so the scheduler retries it instead of blocking a tick.
      rejectOnRateLimit: (limit) =>
        DELIVERY_ROUTES.some((route) => limit.route.startsWith(route)) && limit.retryAfter > o.maxDeliveryWaitMs,
    },
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord client warning'));
  client.rest.on('rateLimited', (limit) =>
    logger.debug({ route: limit.route, retryAfterMs: limit.retryAfter, global: limit.global }, 'discord rate limited'),
  );

  const handle = createInteractionHandler({
    conversation: options.conversation,
    logger,
    modalDeadlineMs: o.modalDeadlineMs,
    maxConcurrentWork: o.maxConcurrentWork,
  });
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    const work = handle(interaction).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });

  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(o.readyTimeoutMs) });
  try {
    // Together, so the timeout also covers a gateway that never answers the login.
    await Promise.all([client.login(o.token), ready]);
  } catch (error) {
    await client.destroy();
    throw error instanceof Error && error.name === 'AbortError'
      ? new Error(`Discord gateway not ready within ${o.readyTimeoutMs} ms`)
      : error;
  }
  if (client.application?.id !== o.applicationId) {
    logger.warn(
      { configured: o.applicationId, connected: client.application?.id },
      'DISCORD_APPLICATION_ID differs from the application of the token',
    );
  }
  logger.info({ user: client.user?.tag, application: client.application?.id }, 'discord connected');

  const poster = createDiscordPoster({ rest: client.rest, logger });
  return {
    poster,
    noticeDmClosed: (channelId, userId) => poster.noticeDmClosed(channelId, userId),
    async stop() {
      stopping = true;
      const grace = new AbortController();
      await Promise.race([
        Promise.allSettled([...inFlight]),
        delay(STOP_GRACE_MS, undefined, { signal: grace.signal }).catch(() => undefined),
      ]);
      grace.abort();
      await client.destroy();
      logger.info('discord stopped');
    },
  };
}
