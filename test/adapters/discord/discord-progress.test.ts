/**
 * A slow plan on Discord (issue 17, item 6), with the real core over an engine that takes 1.5 s
 * for each preview (as a model would): the deferred reply turns into "Writing your plan…" within
 * a second and then into the preview; Regenerate (a deferred button update) gets the line as a
 * private follow-up, deleted once the new preview is out. A fast engine shows no line at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { WORKING_TEXT, WRITING_PLAN_TEXT } from '../../../src/conversation/progress.js';
import type { PlanEngine } from '../../../src/engine/plan-engine.js';
import { createRulesEngine } from '../../../src/engine/rules/rules-engine.js';
import type { RecordedCall } from '../../fakes/discord/fake-discord-rest.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { OPTION_TYPES, type FakeUser } from '../../fakes/discord/interaction-payloads.js';
import { MARATHON_FIELDS } from '../../support/plan-service.js';
import { startDiscordWorld, type DiscordWorld } from './discord-world.js';

type Json = Record<string, unknown>;

let engineDelayMs = 0;
const rules = createRulesEngine();
const slowRules: PlanEngine = {
  name: rules.name,
  async outline(request) {
    await new Promise((resolve) => setTimeout(resolve, engineDelayMs));
    return rules.outline(request);
  },
  nextWeek: (request) => rules.nextWeek(request),
};

let discord: FakeDiscord;
let world: DiscordWorld | undefined;

beforeAll(async () => {
  world = await startDiscordWorld({ now: '2026-11-25T12:00:00Z', engine: slowRules });
  ({ discord } = world);
});

afterAll(async () => {
  await world?.stop();
});

const contentOf = (call: RecordedCall): string => String((call.body as Json | null)?.content ?? '');
const isProgress = (call: RecordedCall): boolean => contentOf(call) === WRITING_PLAN_TEXT || contentOf(call) === WORKING_TEXT;

function newPlan(user: FakeUser) {
  return discord.command(user, discord.club(), 'new', [
    { name: 'distance', type: OPTION_TYPES.string, value: MARATHON_FIELDS.distance },
    { name: 'race-date', type: OPTION_TYPES.string, value: MARATHON_FIELDS.raceDate },
    { name: 'goal', type: OPTION_TYPES.string, value: MARATHON_FIELDS.goal },
    { name: 'five-k', type: OPTION_TYPES.string, value: MARATHON_FIELDS.fiveK },
    { name: 'mileage', type: OPTION_TYPES.number, value: Number(MARATHON_FIELDS.mileage) },
    { name: 'days', type: OPTION_TYPES.string, value: MARATHON_FIELDS.days },
    { name: 'start', type: OPTION_TYPES.string, value: MARATHON_FIELDS.startDate },
  ]);
}

describe('Discord: the progress line of a slow plan', () => {
  it('edits the deferral to "Writing your plan…" within 1 s, then to the preview; Regenerate gets a private line, then deleted', async () => {
    engineDelayMs = 1500;
    const ana = discord.user('ana');
    const cmd = newPlan(ana);
    const progress = await discord.answered(cmd, (c) => c.method === 'PATCH' && isProgress(c));
    expect(contentOf(progress)).toBe(WRITING_PLAN_TEXT);
    expect(progress.at - cmd.at).toBeLessThan(1000);
    const edit = await discord.answered(cmd, (c) => c.method === 'PATCH' && !isProgress(c));
    expect(edit.at - cmd.at).toBeGreaterThanOrEqual(1400);
    const preview = discord.rest.originalOf(cmd.token);
    expect(preview?.embeds[0]?.title).toBe('Your plan: marathon race');
    expect(preview?.content).not.toBe(WRITING_PLAN_TEXT);
    if (!preview) throw new Error('no preview');

    const click = discord.click(ana, discord.club(), preview, 'Regenerate');
    const line = await discord.answered(click, (c) => c.method === 'POST' && isProgress(c));
    expect(line.at - click.at).toBeLessThan(1000);
    expect((line.body as Json).flags).toBe(64);
    const removed = await discord.answered(click, (c) => c.method === 'DELETE');
    // The follow-up line is deleted (not the message the button was on), after the new preview.
    expect(removed.path.split('/').at(-1)).not.toBe('@original');
    const answers = discord.rest.calls.filter((c) => c.path.includes(`/${click.token}`) && c.method === 'POST' && !isProgress(c));
    expect(answers.length).toBeGreaterThan(0);
    expect(removed.at).toBeGreaterThanOrEqual(Math.max(...answers.map((c) => c.at)));
  });

  it('shows no line when the plan comes at once', async () => {
    engineDelayMs = 0;
    const cmd = newPlan(discord.user('ben'));
    await discord.answered(cmd, (c) => c.method === 'PATCH');
    expect(discord.rest.originalOf(cmd.token)?.embeds[0]?.title).toBe('Your plan: marathon race');
    expect(discord.rest.calls.filter((c) => c.path.includes(`/${cmd.token}`) && isProgress(c))).toEqual([]);
  });
});
