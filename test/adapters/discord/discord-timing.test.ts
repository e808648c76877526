/**
 * Discord's 3-second rule with a slow engine: the real core behind a wrapper that takes 2 s for
 * every intent that does not open a modal. The deferral must reach Discord within 1 s of the
 * dispatch, the answer follows by editing it. A form that comes too late for a modal (the deadline
 * is shortened here) turns into a deferral and a button that opens it, never a failed interaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as delay } from 'node:timers/promises';

import { startDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { expectsForm } from '../../../src/adapters/discord/interaction-handler.js';
import { createConversation } from '../../../src/conversation/conversation.js';
import type { Intent } from '../../../src/conversation/intents.js';
import type { View } from '../../../src/conversation/views.js';
import { createLogger } from '../../../src/log.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { OPTION_TYPES } from '../../fakes/discord/interaction-payloads.js';
import { MARATHON_FIELDS, startTestService, type TestService } from '../../support/plan-service.js';

type Json = Record<string, unknown>;

let s: TestService;
let discord: FakeDiscord;
let adapter: DiscordAdapter;
/** Extra delay for intents that open a modal (0 unless a test asks). */
let formDelayMs = 0;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  discord = await FakeDiscord.start();
  const logger = createLogger('silent');
  const core = createConversation({ plans: s.plans, logger, clock: s.clock });
  const slow = {
    async handle(intent: Intent): Promise<View[]> {
      await delay(expectsForm(intent) ? formDelayMs : 2000);
      return core.handle(intent);
    },
  };
  adapter = await startDiscordAdapter({
    conversation: slow,
    logger,
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    modalDeadlineMs: 300,
  });
});

afterAll(async () => {
  await adapter?.stop();
  await discord?.close();
  await s?.close();
});

describe('with an engine that takes 2 s', () => {
  it('defers within 1 s, then edits the deferral with the preview', async () => {
    const ana = discord.user('ana');
    const cmd = discord.command(ana, discord.club(), 'new', [
      { name: 'distance', type: OPTION_TYPES.string, value: MARATHON_FIELDS.distance },
      { name: 'race-date', type: OPTION_TYPES.string, value: MARATHON_FIELDS.raceDate },
      { name: 'goal', type: OPTION_TYPES.string, value: MARATHON_FIELDS.goal },
      { name: 'five-k', type: OPTION_TYPES.string, value: MARATHON_FIELDS.fiveK },
      { name: 'mileage', type: OPTION_TYPES.number, value: Number(MARATHON_FIELDS.mileage) },
      { name: 'days', type: OPTION_TYPES.string, value: MARATHON_FIELDS.days },
      { name: 'start', type: OPTION_TYPES.string, value: MARATHON_FIELDS.startDate },
    ]);
    const deferral = await discord.callbackOf(cmd);
    expect((deferral.body as Json).type).toBe(5);
    expect(deferral.status).toBe(204);
    expect(deferral.at - cmd.at).toBeLessThan(1000);
    const edit = await discord.answered(cmd);
    expect(edit.at - cmd.at).toBeGreaterThanOrEqual(1900);
    const preview = discord.rest.originalOf(cmd.token);
    expect(preview?.embeds[0]?.title).toBe('Your plan: marathon race');
    if (!preview) throw new Error('no preview');

    // A button is deferred as an update of its message, as fast.
    const click = discord.click(ana, discord.club(), preview, 'Regenerate');
    const update = await discord.callbackOf(click);
    expect(update.body).toEqual({ type: 6 });
    expect(update.at - click.at).toBeLessThan(1000);
    await discord.answered(click, (c) => c.method === 'POST');
    expect(preview.embeds.at(-1)?.footer).toEqual({ text: 'Replaced by a new version below.' });
  });

  it('opens a modal at once when the form needs no slow work', async () => {
    const cai = discord.user('cai');
    const click = discord.command(cai, discord.club(), 'new');
    const modal = await discord.modalFor(click);
    expect(modal.call.at - click.at).toBeLessThan(1000);
  });

  it('answers a form that comes too late for a modal with a button that opens it', async () => {
    formDelayMs = 600;
    try {
      const ben = discord.user('ben');
      const cmd = discord.command(ben, discord.club(), 'new');
      const deferral = await discord.callbackOf(cmd);
      expect(deferral.body).toEqual({ type: 5, data: { flags: 64 } });
      expect(deferral.at - cmd.at).toBeLessThan(1000);
      await discord.answered(cmd);
      const reply = discord.rest.originalOf(cmd.token);
      expect(reply?.content).toContain('press the button to open the form');
      // The button opens the draft form as the "Start a plan" button does.
      const button = (reply?.components[0]?.components as Json[] | undefined)?.[0];
      expect(button?.custom_id).toBe('b|n|new|');
      formDelayMs = 0;
      if (!reply) throw new Error('no reply');
      const again = discord.click(ben, discord.club(), reply, 'Open the form');
      expect((await discord.modalFor(again)).title).toBe('New training plan (1/3)');
    } finally {
      formDelayMs = 0;
    }
  });
});
