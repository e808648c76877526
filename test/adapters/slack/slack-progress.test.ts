/**
 * A slow plan on Slack (issue 17, item 6): when the engine takes longer than the progress delay
 * (a model writing the plan), "Writing your plan…" is posted in the DM within a second, the preview
 * follows, and the progress line is then deleted, so the DM keeps only the answer. A fast engine
 * posts no progress line at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { WORKING_TEXT, WRITING_PLAN_TEXT } from '../../../src/conversation/progress.js';
import type { PlanEngine } from '../../../src/engine/plan-engine.js';
import { createRulesEngine } from '../../../src/engine/rules/rules-engine.js';
import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import { slashCommand, type SlackPerson } from '../../fakes/slack/payloads.js';
import { startTestService } from '../../support/plan-service.js';
import { ATHLETE, STRANGER, dmOf, startSlackWorld, type SlackWorld } from './slack-world.js';

const NEW_PLAN = 'new distance=half race-date=2027-03-21 goal=1:45:00 five-k=23:00 mileage=20 days=2,4,6,7 race="Rome Half"';

/** The rules engine, made to take `engineDelayMs` over each preview (as a model would). */
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

let world: SlackWorld;

beforeAll(async () => {
  world = await startSlackWorld('socket', { service: await startTestService({ engine: slowRules }) });
});

afterAll(async () => {
  await world.stop();
  await world.service.close();
});

const textOf = (call: RecordedCall): string => String(call.args.text ?? '');
const isProgress = (call: RecordedCall): boolean =>
  call.method === 'chat.postMessage' && (textOf(call) === WRITING_PLAN_TEXT || textOf(call) === WORKING_TEXT);
const isPreview = (call: RecordedCall): boolean =>
  call.method === 'chat.postMessage' && JSON.stringify(call.args.blocks).includes('Confirm');

async function newPlan(person: SlackPerson): Promise<{ since: number; sentAt: number }> {
  const since = world.api.mark();
  const sentAt = Date.now();
  await world.transport.command(
    slashCommand(person, {
      text: NEW_PLAN,
      channelId: dmOf(person),
      channelName: 'directmessage',
      responseUrl: world.api.responseUrl(`${person.userId}-progress`),
    }),
  );
  return { since, sentAt };
}

describe('Slack: the progress line of a slow plan', () => {
  it('posts "Writing your plan…" in the DM within 1 s, then the preview, then deletes the line', async () => {
    engineDelayMs = 1500;
    const { since, sentAt } = await newPlan(ATHLETE);
    const progress = await world.api.waitForCall('chat.postMessage', { since, where: isProgress, timeoutMs: 5_000 });
    expect(textOf(progress)).toBe(WRITING_PLAN_TEXT);
    expect(progress.args.channel).toBe(dmOf(ATHLETE));
    expect(progress.at - sentAt).toBeLessThan(1000);

    const preview = await world.api.waitForCall('chat.postMessage', { since, where: isPreview, timeoutMs: 5_000 });
    expect(preview.args.channel).toBe(dmOf(ATHLETE));
    expect(preview.at).toBeGreaterThan(progress.at);
    const ts = String((progress.response as Record<string, unknown>).ts);
    const deleted = await world.api.waitForCall('chat.delete', { since, timeoutMs: 5_000 });
    expect(deleted.args).toMatchObject({ channel: dmOf(ATHLETE), ts });
    expect(deleted.at).toBeGreaterThanOrEqual(preview.at);
    // What the DM shows now: the preview, not the progress line.
    const shown = [...world.api.messages.values()].filter((m) => m.channel === dmOf(ATHLETE)).map((m) => m.text);
    expect(shown).not.toContain(WRITING_PLAN_TEXT);
  });

  it('posts no progress line when the plan comes at once', async () => {
    engineDelayMs = 0;
    const { since } = await newPlan(STRANGER);
    await world.api.waitForCall('chat.postMessage', { since, where: isPreview, timeoutMs: 5_000 });
    const calls = world.api.calls.slice(since);
    expect(calls.filter(isProgress)).toEqual([]);
    expect(calls.filter((c) => c.method === 'chat.delete')).toEqual([]);
  });
});
