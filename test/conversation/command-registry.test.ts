/**
 * The command registry is the one place a command lives: the app's registry is exactly the
 * command modules of `src/conversation/commands/`, and a command added to a registry — here a
 * test-only `ping`, one spec and one line — shows up on every surface without touching them: the
 * help text, Discord's `/plan` definition and private replies, and the dispatch of Slack, Discord
 * and the console, which all reach its handler.
 */
import { readdirSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runConsoleSession } from '../../src/adapters/console/index.js';
import { planCommandDefinition, startDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/index.js';
import { expectsForm } from '../../src/adapters/discord/interaction-handler.js';
import { planUsageHint } from '../../src/adapters/slack/index.js';
import { parseCommandText } from '../../src/conversation/command-parser.js';
import { COMMANDS, COMMAND_NAMES, createCommandRegistry, type CommandSpec } from '../../src/conversation/commands/index.js';
import { createConversation } from '../../src/conversation/conversation.js';
import type { CommandIntent, IntentActor } from '../../src/conversation/intents.js';
import { textView } from '../../src/conversation/plan-views.js';
import { createLogger } from '../../src/log.js';
import { FakeDiscord } from '../fakes/discord/fake-discord.js';
import { OPTION_TYPES } from '../fakes/discord/interaction-payloads.js';
import { slashCommand } from '../fakes/slack/payloads.js';
import { startTestService, type TestService } from '../support/plan-service.js';
import { ATHLETE, dmOf, startSlackWorld, type SlackWorld } from '../adapters/slack/slack-world.js';

const EPHEMERAL = 64;

/** Every `ping` the handler was reached with: which surface's identity, and the count asked for. */
const pings: Array<{ identity: string; times: string | undefined }> = [];

/** A command as a new one is written: one spec, registered by one line. */
const pingCommand = {
  name: 'ping',
  description: 'Check that the coach answers',
  help: { summary: 'the coach answers pong (N times)' },
  arguments: [
    { name: 'times', kind: 'integer', description: 'How many pongs', required: false, min: 1, max: 3, positional: { placeholder: 'N' } },
  ],
  who: 'anyone',
  private: true,
  handle: async (_ctx, intent: CommandIntent) => {
    pings.push({ identity: intent.actor.identity, times: intent.command.positional[0] });
    return [textView(Array.from({ length: Number(intent.command.positional[0] ?? 1) }, () => 'pong').join(' '), { ephemeral: true })];
  },
} satisfies CommandSpec;

const withPing = createCommandRegistry([...COMMANDS.specs, pingCommand]);

describe("the app's registry", () => {
  it('is where COMMAND_NAMES come from, and every command has help and a menu description', () => {
    expect(COMMANDS.names).toEqual(COMMAND_NAMES);
    expect(COMMAND_NAMES).toEqual([
      'new',
      'status',
      'week',
      'log',
      'regenerate',
      'pause',
      'resume',
      'race',
      'tuneup',
      'result',
      'move',
      'cross',
      'export',
      'share',
      'connect',
      'disconnect',
      'cancel',
      'settings',
      'club',
      'help',
    ]);
    for (const spec of COMMANDS.specs) {
      expect(spec.help.summary.trim()).not.toBe('');
      expect(spec.description.length).toBeGreaterThan(0);
      expect(COMMANDS.helpLines.some((line) => line.includes(spec.help.summary))).toBe(true);
    }
  });

  it('lists every command module: a spec left out of index.ts fails here', async () => {
    const folder = new URL('../../src/conversation/commands/', import.meta.url);
    const files = readdirSync(folder).filter((f) => f.endsWith('.ts'));
    const modules: Array<Record<string, unknown>> = await Promise.all(files.map((f) => import(new URL(f, folder).href)));
    const specs = modules.flatMap((exports) =>
      Object.values(exports).filter(
        (value): value is CommandSpec => typeof value === 'object' && value !== null && 'handle' in value && 'who' in value,
      ),
    );
    expect(specs.length).toBe(COMMANDS.specs.length);
    for (const spec of specs) expect(COMMANDS.find(spec.name)).toBe(spec);
  });

  it('refuses a registry that would confuse a surface', () => {
    expect(() => createCommandRegistry([...COMMANDS.specs, COMMANDS.specs[0] as CommandSpec])).toThrow(/share a name/);
    expect(() => createCommandRegistry([{ ...pingCommand, name: 'unknown' }])).toThrow(/not a usable command name/);
    expect(() => createCommandRegistry([{ ...pingCommand, description: 'x'.repeat(101) }])).toThrow(/description/);
  });
});

describe('a command added to the registry', () => {
  it('is in the help text, with its bare-word argument', () => {
    expect(withPing.helpLines).toContain('/plan ping [N] — the coach answers pong (N times)');
    expect(JSON.stringify(withPing.helpView().blocks)).toContain('/plan ping [N]');
    expect(COMMANDS.helpLines.join('\n')).not.toContain('ping');
  });

  it('is in the help a command menu gets, as the option it is there', () => {
    expect(withPing.helpLinesFor('options')).toContain('/plan ping [times:N] — the coach answers pong (N times)');
    const help = JSON.stringify(withPing.helpView('Hi', 'options').blocks);
    expect(help).toContain('distance:marathon race-date:2027-04-18');
    expect(help).not.toContain('distance=');
    expect(JSON.stringify(withPing.helpView('Hi').blocks)).toContain('distance=marathon race-date=2027-04-18');
  });

  it("is a subcommand of Discord's /plan with its typed option, and in Slack's usage hint", () => {
    const ping = planCommandDefinition(withPing).options?.find((o) => o.name === 'ping');
    expect(ping).toEqual({
      type: 1,
      name: 'ping',
      description: 'Check that the coach answers',
      options: [{ type: OPTION_TYPES.integer, name: 'times', description: 'How many pongs', required: false, min_value: 1, max_value: 3 }],
    });
    expect(planCommandDefinition().options?.map((o) => o.name)).toEqual(COMMAND_NAMES);
    expect(planUsageHint(withPing)).toContain('| ping N]');
  });

  it("is in Discord's private replies when marked private, and not otherwise", () => {
    expect(withPing.isPrivate('ping')).toBe(true);
    expect(createCommandRegistry([{ ...pingCommand, private: false }]).isPrivate('ping')).toBe(false);
    const intent = {
      kind: 'command',
      actor: { identity: 'discord:1:2', timezone: null, origin: { kind: 'dm' } },
      command: parseCommandText('/plan ping', withPing),
    } as const;
    expect(expectsForm(intent, withPing)).toBe(false);
  });

  it('is parsed from text only by the registry that has it', () => {
    expect(parseCommandText('/plan ping 2', withPing)).toMatchObject({ name: 'ping', positional: ['2'] });
    expect(parseCommandText('/plan ping 2').name).toBe('unknown');
  });
});

describe('every surface reaches its handler', () => {
  let service: TestService;
  let discord: FakeDiscord;
  let adapter: DiscordAdapter;
  let slack: SlackWorld;

  beforeAll(async () => {
    service = await startTestService({ now: '2026-11-25T12:00:00Z' });
    const logger = createLogger('silent');
    const conversation = createConversation({ plans: service.plans, logger, clock: service.clock, commands: withPing });
    discord = await FakeDiscord.start();
    adapter = await startDiscordAdapter({
      conversation,
      logger,
      token: discord.token,
      applicationId: discord.applicationId,
      apiUrl: discord.apiUrl,
    });
    slack = await startSlackWorld('socket', { service, commands: withPing });
  });

  afterAll(async () => {
    await slack?.stop();
    await adapter?.stop();
    await discord?.close();
    await service?.close();
  });

  it('the console: a typed command line', async () => {
    const actor: IntentActor = { identity: 'console:local:pinger', timezone: 'Europe/Berlin', origin: { kind: 'dm' } };
    const conversation = createConversation({
      plans: service.plans,
      logger: createLogger('silent'),
      clock: service.clock,
      commands: withPing,
    });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    input.end('/plan ping 2\nping 3\n');
    await runConsoleSession({
      handle: (intent) => conversation.handle(intent),
      commands: conversation.commands,
      actor,
      clock: service.clock,
      input,
      output,
      interactive: false,
      saveFile: async (filename) => filename,
    });
    expect(pings.filter((p) => p.identity === actor.identity).map((p) => p.times)).toEqual(['2', '3']);
    expect(printed).toContain('pong pong pong');
  });

  it('Slack: /plan ping, answered privately through the response_url', async () => {
    const since = slack.api.mark();
    const responseUrl = slack.api.responseUrl('ping');
    await slack.transport.command(
      slashCommand(ATHLETE, { text: 'ping 2', channelId: dmOf(ATHLETE), channelName: 'directmessage', responseUrl }),
    );
    const reply = await slack.api.waitForCall('response_url', { since });
    expect(reply.args).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(reply.args)).toContain('pong pong');
    expect(pings).toContainEqual({ identity: `slack:${ATHLETE.teamId}:${ATHLETE.userId}`, times: '2' });
  });

  it('Discord: the /plan ping subcommand, deferred privately as its spec says', async () => {
    const user = discord.user('pia');
    const interaction = discord.command(user, discord.club(), 'ping', [{ name: 'times', type: OPTION_TYPES.integer, value: 3 }]);
    await discord.answered(interaction);
    const answer = discord.rest.originalOf(interaction.token);
    expect(answer?.flags ?? 0).toBe(EPHEMERAL);
    expect(JSON.stringify(answer)).toContain('pong pong pong');
    expect(pings).toContainEqual({ identity: `discord:@me:${user.id}`, times: '3' });
  });
});
