/**
 * `manifests/slack.yaml` creates the app the code expects, in one paste: it is what
 * `gofast slack manifest` prints for `/plan` — the command, interactivity, the Home tab with a
 * Messages tab people can type in, Socket Mode, the app_home_opened and message.im events, and
 * exactly the bot scopes the Web API methods the adapter calls require (Slack's method reference, as
 * the fake enforces it) plus those for what Slack sends and for posting in unjoined public channels.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { BOT_TOKEN_METHODS, INBOUND_SCOPES, PLAN_COMMAND, planUsageHint, slackManifestYaml } from '../../../src/adapters/slack/index.js';
import { runCli, type CliIo } from '../../../src/cli/index.js';
import { METHOD_SCOPES } from '../../fakes/slack/fake-slack-api.js';
import { at, parseYaml } from './tiny-yaml.js';

const source = readFileSync(new URL('../../../manifests/slack.yaml', import.meta.url), 'utf8');
const manifest = parseYaml(source);

async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    now: () => new Date('2026-12-01T08:00:00Z'),
    stopSignal: () => new Promise(() => undefined),
  };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return { status: await runCli(argv, io), out, err };
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe('the Slack app manifest', () => {
  it('is what `gofast slack manifest` prints for /plan, byte for byte', async () => {
    expect(slackManifestYaml()).toBe(source);
    const printed = await cli(['slack', 'manifest'], { SLACK_COMMAND: '' });
    expect(printed).toEqual({ status: 0, out: source, err: '' });
  });

  it('asks for exactly the bot scopes the adapter uses, chat:write.public and im:history among them', () => {
    const needed = new Set<string>(INBOUND_SCOPES);
    for (const method of BOT_TOKEN_METHODS) {
      const scopes = METHOD_SCOPES[method];
      if (scopes === undefined) throw new Error(`no known scopes for ${method}`);
      for (const scope of scopes) needed.add(scope);
    }
    const bot = [...(at(manifest, 'oauth_config.scopes.bot') as string[])].sort();
    expect(bot).toEqual([...needed].sort());
    expect(bot).toEqual(expect.arrayContaining(['chat:write.public', 'im:history', 'channels:read', 'groups:read']));
  });

  it('declares the /plan command, interactivity, the Home and Messages tabs, the events and Socket Mode', () => {
    const commands = at(manifest, 'features.slash_commands') as Array<Record<string, unknown>>;
    expect(commands.map((c) => c.command)).toEqual([PLAN_COMMAND]);
    expect(commands[0]?.description).toEqual(expect.any(String));
    // Slack reads the hint from the manifest: it must name the commands the registry has.
    expect(commands[0]?.usage_hint).toBe(planUsageHint());
    expect(at(manifest, 'settings.interactivity.is_enabled')).toBe(true);
    expect(at(manifest, 'settings.socket_mode_enabled')).toBe(true);
    expect(at(manifest, 'features.app_home.home_tab_enabled')).toBe(true);
    // People can type in the app's DM, and the app hears it.
    expect(at(manifest, 'features.app_home.messages_tab_enabled')).toBe(true);
    expect(at(manifest, 'features.app_home.messages_tab_read_only_enabled')).toBe(false);
    expect(at(manifest, 'settings.event_subscriptions.bot_events')).toEqual(['app_home_opened', 'message.im']);
    expect(at(manifest, 'features.bot_user.display_name')).toBe('GoFast Coach');
    expect(at(manifest, 'display_information.name')).toBe('GoFast Coach');
  });

  it('names the configured command (SLACK_COMMAND or --command) everywhere it names one', async () => {
    const renamed = await cli(['slack', 'manifest'], { SLACK_COMMAND: '/coach' });
    expect(renamed.status).toBe(0);
    const parsed = parseYaml(renamed.out);
    expect((at(parsed, 'features.slash_commands') as Array<Record<string, unknown>>).map((c) => c.command)).toEqual(['/coach']);
    expect(String(at(parsed, 'display_information.long_description'))).toContain('Type /coach to start');
    expect(renamed.out).not.toMatch(/\/plan\b/);
    const flag = await cli(['slack', 'manifest', '--command', '/run-club']);
    expect((at(parseYaml(flag.out), 'features.slash_commands') as Array<Record<string, unknown>>)[0]?.command).toBe('/run-club');
  });

  it('refuses a command name Slack would not take, in one line', async () => {
    const bad = await cli(['slack', 'manifest', '--command', 'Coach!']);
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/^gofast slack manifest: --command must be a slash then 1–31 lower-case letters/);
    const env = await cli(['slack', 'manifest'], { SLACK_COMMAND: '/Coach' });
    expect(env.status).toBe(1);
    expect(env.err).toContain('SLACK_COMMAND: must be a slash then 1–31 lower-case letters');
  });

  it('keeps Slack manifest limits (name ≤ 35, description ≤ 140, long_description 174–4000)', () => {
    expect(String(at(manifest, 'display_information.name')).length).toBeLessThanOrEqual(35);
    expect(String(at(manifest, 'display_information.description')).length).toBeLessThanOrEqual(140);
    const long = String(at(manifest, 'display_information.long_description'));
    expect(long.length).toBeGreaterThanOrEqual(174);
    expect(long.length).toBeLessThanOrEqual(4000);
  });
});
