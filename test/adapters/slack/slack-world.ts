/**
 * A Slack workspace in a box for the adapter's tests: the real core over the test plan service
 * (embedded MongoDB, fake clock), the fake Web API (granting exactly the manifest's scopes), the
 * fake Socket Mode server in socket mode, and the adapter under test, with a transport that speaks
 * to it the way Slack does. Everything listens on 127.0.0.1.
 */
import { readFileSync } from 'node:fs';

import { startSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../../src/adapters/slack/index.js';
import { problemFromPosters, withChannelCheck } from '../../../src/conversation/channel-check.js';
import type { ChatPoster } from '../../../src/conversation/chat-poster.js';
import { rolesFromPosters } from '../../../src/conversation/club-roles.js';
import type { CommandRegistry } from '../../../src/conversation/commands/index.js';
import { createConversation, type Conversation } from '../../../src/conversation/conversation.js';
import { weekMessagesFromPosters } from '../../../src/conversation/week-messages.js';
import { createLogger } from '../../../src/log.js';
import { FakeSlackApi } from '../../fakes/slack/fake-slack-api.js';
import { FakeSocketMode } from '../../fakes/slack/fake-socket-mode.js';
import type { SlackPerson } from '../../fakes/slack/payloads.js';
import { httpTransport, socketTransport, type SlackTransport } from '../../fakes/slack/slack-transports.js';
import { startTestService, type TestService } from '../../support/plan-service.js';
import { at, parseYaml } from './tiny-yaml.js';

/** The bot token the fake accepts: a second client (the scheduler's) talks to the same fake with it. */
export const BOT_TOKEN = 'xoxb-test-bot-token';
const APP_TOKEN = 'xapp-test-app-token';
export const SIGNING_SECRET = 'test-signing-secret';
const TEAM_ID = 'T1';
export const CLUB_CHANNEL = { id: 'C0CLUB', name: 'running-club' } as const;

export const ATHLETE: SlackPerson = { teamId: TEAM_ID, userId: 'U1ANA', name: 'ana', tz: 'Europe/Berlin' };
export const STRANGER: SlackPerson = { teamId: TEAM_ID, userId: 'U2BEN', name: 'ben', tz: 'America/New_York' };

/** The DM channel the fake opens for a user. */
export const dmOf = (person: SlackPerson): string => `D${person.userId}`;
export const identityOf = (person: SlackPerson): string => `slack:${person.teamId}:${person.userId}`;

/** Fast retries: the behaviour under test is that a retry happens, not how long it waits. */
export const TEST_RETRY = { retries: 3, minTimeoutMs: 5, maxTimeoutMs: 20 } as const;

function manifestScopes(): string[] {
  const manifest = parseYaml(readFileSync(new URL('../../../manifests/slack.yaml', import.meta.url), 'utf8'));
  const scopes = at(manifest, 'oauth_config.scopes.bot');
  if (!Array.isArray(scopes)) throw new Error('the manifest has no oauth_config.scopes.bot list');
  return scopes.map(String);
}

export type SlackWorld = {
  readonly service: TestService;
  readonly core: Conversation;
  readonly api: FakeSlackApi;
  readonly socket: FakeSocketMode | null;
  readonly adapter: SlackAdapter;
  readonly transport: SlackTransport;
  readonly eventsUrl: string | null;
  /** Another adapter instance on the same core and fake Slack (a second bot process). */
  startAnother(): Promise<{ adapter: SlackAdapter; transport: SlackTransport }>;
  stop(): Promise<void>;
};

type SlackWorldOptions = {
  service?: TestService;
  commands?: CommandRegistry;
  signingSecret?: string;
  /** What the adapter talks to instead of the real core (a test double: a slow core, say). */
  conversation?: SlackAdapterOptions['conversation'];
  workQueueLimit?: number;
  /** SLACK_COMMAND: the slash command the app answers (default /plan). */
  command?: string;
  /** The fake's per-channel posting limit (`FakeSlackApiOptions.channelIntervalMs`); none by default. */
  channelIntervalMs?: number;
};

export async function startSlackWorld(mode: 'socket' | 'http', options: SlackWorldOptions = {}): Promise<SlackWorld> {
  const service = options.service ?? (await startTestService());
  const logger = createLogger('silent');
  // As main.ts wires it: a change to a posted week edits its message through the running poster.
  const posters: ChatPoster[] = [];
  const core = createConversation({
    plans: service.plans,
    clubs: service.clubs,
    logger,
    clock: service.clock,
    weekMessages: weekMessagesFromPosters(() => posters, logger),
    // As main.ts wires it: a club's admins are asked of the running platform's poster.
    clubRoles: rolesFromPosters(() => posters),
    ...(options.commands ? { commands: options.commands } : {}),
  });
  const api = await FakeSlackApi.start({
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    grantedScopes: manifestScopes(),
    teamId: TEAM_ID,
    ...(options.channelIntervalMs === undefined ? {} : { channelIntervalMs: options.channelIntervalMs }),
  });
  for (const person of [ATHLETE, STRANGER]) api.addUser({ id: person.userId, teamId: person.teamId, tz: person.tz, name: person.name });
  // A public channel the bot was never invited to: chat:write.public lets it post there.
  api.addChannel({ id: CLUB_CHANNEL.id, name: CLUB_CHANNEL.name });
  const socket = mode === 'socket' ? await FakeSocketMode.start() : null;
  if (socket) api.socketModeUrl = () => socket.url;
  // As main.ts wires it: a channel chosen for the weeks is checked with the running adapter's poster.
  const checked = withChannelCheck(
    core,
    problemFromPosters(() => posters),
    logger,
  );
  const adapterOptions: SlackAdapterOptions = {
    conversation: options.conversation ?? checked,
    logger,
    botToken: BOT_TOKEN,
    signingSecret: options.signingSecret ?? SIGNING_SECRET,
    mode,
    appToken: APP_TOKEN,
    port: 0,
    host: '127.0.0.1',
    apiUrl: api.apiUrl,
    retry: TEST_RETRY,
    socketPingTimeoutMs: 1000,
    now: () => service.clock.now(),
    ...(options.workQueueLimit === undefined ? {} : { workQueueLimit: options.workQueueLimit }),
    ...(options.command === undefined ? {} : { command: options.command }),
  };
  const others: SlackAdapter[] = [];
  const transportFor = (adapter: SlackAdapter): SlackTransport =>
    socket ? socketTransport(socket) : httpTransport(`http://127.0.0.1:${adapter.port ?? 0}/slack/events`, SIGNING_SECRET);
  const adapter = await startSlackAdapter(adapterOptions);
  posters.push(adapter.poster);
  // Bolt checks its token with auth.test as it starts; let that settle so tests see only their own calls.
  await api.waitForCall('auth.test');
  return {
    service,
    core,
    api,
    socket,
    adapter,
    transport: transportFor(adapter),
    eventsUrl: adapter.port === null ? null : `http://127.0.0.1:${adapter.port}/slack/events`,
    async startAnother() {
      const another = await startSlackAdapter(adapterOptions);
      others.push(another);
      return { adapter: another, transport: transportFor(another) };
    },
    async stop() {
      for (const other of others) await other.stop();
      await adapter.stop();
      await socket?.stop();
      await api.stop();
      if (!options.service) await service.close();
    },
  };
}
