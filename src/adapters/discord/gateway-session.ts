/**
 * One gateway session: a discord.js client logged in, handing each interaction to the handler,
 * and the work it has in flight. A new client per session, because a destroyed discord.js client
 * also drops its REST token; the adapter's deliveries use a REST client of their own, which works
 * whether or not this instance holds the gateway.
 */
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

import { Client, Events, type Interaction, type RESTOptions } from 'discord.js';
import type { Logger } from 'pino';

export type GatewaySessionOptions = {
  readonly token: string;
  readonly applicationId: string;
  readonly readyTimeoutMs: number;
  readonly rest: Partial<RESTOptions>;
  readonly logger: Logger;
  readonly handle: (interaction: Interaction) => Promise<void>;
};

export type GatewaySession = {
  /** Stops taking interactions, lets those in flight finish (up to `graceMs`), then closes the connection. */
  close(graceMs: number): Promise<void>;
};

export async function openGatewaySession(options: GatewaySessionOptions): Promise<GatewaySession> {
  const { logger } = options;
  const client = new Client({ intents: [], allowedMentions: { parse: [] }, rest: options.rest });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord client warning'));
  client.rest.on('rateLimited', (limit) =>
    logger.debug({ route: limit.route, retryAfterMs: limit.retryAfter, global: limit.global }, 'discord rate limited'),
  );

  const inFlight = new Set<Promise<void>>();
  let taking = true;
  client.on(Events.InteractionCreate, (interaction) => {
    // A closing session leaves new interactions to the instance that takes over the gateway.
    if (!taking) return;
    const work = options.handle(interaction).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });

  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(options.readyTimeoutMs) });
  try {
    // Together, so the timeout also covers a gateway that never answers the login.
    await Promise.all([client.login(options.token), ready]);
  } catch (error) {
    await client.destroy();
    throw error instanceof Error && error.name === 'AbortError'
      ? new Error(`Discord gateway not ready within ${options.readyTimeoutMs} ms`)
      : error;
  }
  if (client.application?.id !== options.applicationId) {
    logger.warn(
      { configured: options.applicationId, connected: client.application?.id },
      'DISCORD_APPLICATION_ID differs from the application of the token',
    );
  }
  logger.info({ user: client.user?.tag, application: client.application?.id }, 'discord connected');

  return {
    async close(graceMs) {
      taking = false;
      const grace = new AbortController();
      await Promise.race([Promise.allSettled([...inFlight]), delay(graceMs, undefined, { signal: grace.signal }).catch(() => undefined)]);
      grace.abort();
      await client.destroy();
      logger.info('discord gateway disconnected');
    },
  };
}
