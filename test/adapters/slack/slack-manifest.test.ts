/**
 * `manifests/slack.yaml` creates the app the code expects, in one paste: the /plan command,
 * interactivity, the Home tab, Socket Mode, the app_home_opened event, and exactly the bot scopes
 * the Web API methods the adapter calls require (Slack's method reference, as the fake enforces it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { BOT_TOKEN_METHODS, INBOUND_SCOPES, PLAN_COMMAND, planUsageHint } from '../../../src/adapters/slack/index.js';
import { METHOD_SCOPES } from '../../fakes/slack/fake-slack-api.js';
import { at, parseYaml } from './tiny-yaml.js';

const manifest = parseYaml(readFileSync(new URL('../../../manifests/slack.yaml', import.meta.url), 'utf8'));

describe('the Slack app manifest', () => {
  it('asks for exactly the bot scopes the adapter uses', () => {
    const needed = new Set<string>(INBOUND_SCOPES);
    for (const method of BOT_TOKEN_METHODS) {
      const scopes = METHOD_SCOPES[method];
      if (scopes === undefined) throw new Error(`no known scopes for ${method}`);
      for (const scope of scopes) needed.add(scope);
    }
    expect([...(at(manifest, 'oauth_config.scopes.bot') as string[])].sort()).toEqual([...needed].sort());
  });

  it('declares the /plan command, interactivity, the Home tab and Socket Mode', () => {
    const commands = at(manifest, 'features.slash_commands') as Array<Record<string, unknown>>;
    expect(commands.map((c) => c.command)).toEqual([PLAN_COMMAND]);
    expect(commands[0]?.description).toEqual(expect.any(String));
    // Slack reads the hint from the manifest: it must name the commands the registry has.
    expect(commands[0]?.usage_hint).toBe(planUsageHint());
    expect(at(manifest, 'settings.interactivity.is_enabled')).toBe(true);
    expect(at(manifest, 'settings.socket_mode_enabled')).toBe(true);
    expect(at(manifest, 'features.app_home.home_tab_enabled')).toBe(true);
    expect(at(manifest, 'settings.event_subscriptions.bot_events')).toEqual(['app_home_opened']);
    expect(at(manifest, 'features.bot_user.display_name')).toBe('GoFast Coach');
    expect(at(manifest, 'display_information.name')).toBe('GoFast Coach');
  });

  it('keeps Slack manifest limits (name ≤ 35, description ≤ 140, long_description 174–4000)', () => {
    expect(String(at(manifest, 'display_information.name')).length).toBeLessThanOrEqual(35);
    expect(String(at(manifest, 'display_information.description')).length).toBeLessThanOrEqual(140);
    const long = String(at(manifest, 'display_information.long_description'));
    expect(long.length).toBeGreaterThanOrEqual(174);
    expect(long.length).toBeLessThanOrEqual(4000);
  });
});
