/**
 * A Discord server in a box for the adapter's tests, as slack-world.ts is for Slack: the test plan
 * service (embedded MongoDB, fake clock), the fake gateway and REST, and the adapter under test on
 * the real core. Everything listens on 127.0.0.1. A test adds what main.ts wires through the
 * running poster (week edits, club admins, channel checks) with `core` and `checkChannels`.
 */
import type { Logger } from 'pino';
import { startDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { problemFromPosters, withChannelCheck } from '../../../src/conversation/channel-check.js';
import type { ChatPoster } from '../../../src/conversation/chat-poster.js';
import { createConversation, type ConversationDeps } from '../../../src/conversation/conversation.js';
import type { PlanEngine } from '../../../src/engine/plan-engine.js';
import { createLogger } from '../../../src/log.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { startTestService, type TestService } from '../../support/plan-service.js';

export type DiscordWorld = {
  readonly service: TestService;
  readonly discord: FakeDiscord;
  readonly adapter: DiscordAdapter;
  /** Stops the adapter, then the fake, then the service. */
  stop(): Promise<void>;
};

type DiscordWorldOptions = {
  /** The service's clock at start (default the test services' 2026-11-25T12:00:00Z). */
  readonly now?: string;
  readonly engine?: PlanEngine;
  /** Where the log's warnings and errors go, one JSON line each; without it the log is silent. */
  readonly logLines?: string[];
  /** More of the core's dependencies, given the service and the running adapter's poster. */
  readonly core?: (wiring: { service: TestService; posters: () => readonly ChatPoster[]; logger: Logger }) => Partial<ConversationDeps>;
  /** As main.ts wires it: a channel chosen for the weeks is checked with the running poster. */
  readonly checkChannels?: boolean;
};

export async function startDiscordWorld(options: DiscordWorldOptions = {}): Promise<DiscordWorld> {
  const service = await startTestService({
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.engine === undefined ? {} : { engine: options.engine }),
  });
  const discord = await FakeDiscord.start();
  const lines = options.logLines;
  const logger = lines === undefined ? createLogger('silent') : createLogger('warn', { write: (line: string) => lines.push(line) });
  // Filled once the adapter runs, as main.ts fills its list of running posters.
  const running: ChatPoster[] = [];
  const posters = (): readonly ChatPoster[] => running;
  const core = createConversation({
    plans: service.plans,
    logger,
    clock: service.clock,
    ...(options.core?.({ service, posters, logger }) ?? {}),
  });
  const conversation = options.checkChannels === true ? withChannelCheck(core, problemFromPosters(posters), logger) : core;
  const started = await startDiscordAdapter({
    conversation,
    logger,
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
  });
  running.push(started.poster);
  return {
    service,
    discord,
    adapter: started,
    async stop() {
      await started.stop();
      await discord.close();
      await service.close();
    },
  };
}
