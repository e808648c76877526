/**
 * Moving a run in Discord, against the fake Discord and the real core: a posted week keeps Done /
 * Skipped per run day and carries "Move a run" in its Log row (seven run days still fit five
 * rows); Move a run → the run → the day opens two small private choices, and the move edits the
 * posted week message in place (a REST message edit with the week's stored reference). A stranger
 * can open nothing of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { createWeekNotifier } from '../../../src/conversation/week-delivery.js';
import { weekMessagesFromPosters } from '../../../src/conversation/week-messages.js';
import { FakeDiscord, type Dispatched, type StoredMessage } from '../../fakes/discord/fake-discord.js';
import type { FakeUser } from '../../fakes/discord/interaction-payloads.js';
import { MARATHON_FIELDS, type TestService } from '../../support/plan-service.js';
import { startDiscordWorld, type DiscordWorld } from './discord-world.js';

type Json = Record<string, unknown>;

let s: TestService;
let discord: FakeDiscord;
let adapter: DiscordAdapter;
let world: DiscordWorld | undefined;
let ana: FakeUser;
let ben: FakeUser;
let identity: string;
let planId: string;
let week: StoredMessage;
/** The choice of days for Saturday's run, kept for pressing it a second time. */
let days: StoredMessage;
let shown: StoredMessage;

function buttonLabels(message: StoredMessage | undefined): string[] {
  return (message?.components ?? []).flatMap((row) => ((row.components as Json[] | undefined) ?? []).map((b) => String(b.label)));
}

async function lastAnswer(interaction: Dispatched): Promise<StoredMessage> {
  await discord.answered(interaction, (c) => c.method !== 'DELETE');
  const answer = discord.rest.followUpsOf(interaction.token).at(-1) ?? discord.rest.originalOf(interaction.token);
  if (!answer) throw new Error('no answer');
  return answer;
}

beforeAll(async () => {
  world = await startDiscordWorld({
    now: '2026-11-25T12:00:00Z',
    // As main.ts wires it: a change to a posted week edits its message through the running poster.
    core: ({ posters, logger }) => ({ weekMessages: weekMessagesFromPosters(posters, logger) }),
  });
  ({ service: s, discord, adapter } = world);
  ana = discord.user('ana');
  ben = discord.user('ben');
  identity = `discord:@me:${ana.id}`;
  const preview = await s.plans.createPreview({ owner: identity, fields: { ...MARATHON_FIELDS, longDay: 'sat' } });
  planId = preview.id;
  await s.plans.confirmPlan(identity, planId);
  s.clock.set('2026-12-07T09:00:00Z');
  const made = (await s.plans.ensureWeek(identity, planId, 2)).plan;
  // As the scheduler posts a week: through the poster, and the message's reference stored.
  const { messageRef } = await createWeekNotifier([adapter.poster]).deliverWeek(made, 2, null);
  const now = s.clock.now();
  await s.store.update(planId, {}, { posted: { weekNumber: 2, at: now, messageRef } }, now);
  const posted = discord.rest.messagesIn(discord.rest.dmChannelOf(ana.id) ?? '').at(-1);
  if (!posted) throw new Error('week 2 was not posted');
  week = posted;
});

afterAll(async () => {
  await world?.stop();
});

describe('Discord: Move a run on a posted week', () => {
  it('puts Move a run beside Log, within five rows', () => {
    expect(week.components.length).toBeLessThanOrEqual(5);
    const lastRow = week.components.at(-1)?.components as Json[];
    expect(lastRow.map((b) => b.label)).toEqual(['Log week 2', 'Move a run']);
  });

  it("refuses a stranger's press, and changes nothing", async () => {
    const before = await s.plans.getPlan(identity, planId);
    const answer = await lastAnswer(discord.click(ben, discord.dm(ben), week, 'Move a run'));
    expect(answer.content).toContain('belongs to someone else');
    expect((await s.plans.getPlan(identity, planId)).revision).toBe(before.revision);
  });

  it('moves Saturday’s long run to Sunday through two small choices, and edits the posted message in place', async () => {
    const edits = discord.rest.callsTo('PATCH', new RegExp(`/messages/${week.id}$`)).length;
    const runs = await lastAnswer(discord.click(ana, discord.dm(ana), week, 'Move a run'));
    expect(runs.content).toContain('Which run of week 2 moves?');
    expect(runs.flags ?? 0).toBeTruthy();
    days = await lastAnswer(discord.click(ana, discord.dm(ana), runs, 'Sat 12 Dec · Long run'));
    expect(days.content).toContain('Move Sat 12 Dec · Long run to:');
    const labels = buttonLabels(days);
    expect(labels).toContain('To Sun 13 Dec');
    // Wednesday follows Tuesday's quality session: two key days in a row is never offered.
    expect(labels).not.toContain('To Wed 9 Dec');
    // As another device still shows it: the choice before it is replaced by the answer.
    shown = structuredClone(days);
    const done = await lastAnswer(discord.click(ana, discord.dm(ana), days, 'To Sun 13 Dec'));
    expect(done.content).toContain("Moved Saturday's long run to Sunday");
    expect(done.content).toContain("Week 2's message is updated");
    expect(discord.rest.callsTo('PATCH', new RegExp(`/messages/${week.id}$`)).length).toBe(edits + 1);
    expect(JSON.stringify(week.embeds)).toMatch(/Sun 13 Dec · Long run/);
    const plan = await s.plans.getPlan(identity, planId);
    expect(plan.weeks[1]?.days.find((d) => d.dayNumber === 7)?.type).toBe('long');
  });

  it('refuses a second press of the same choice: the week has changed since', async () => {
    const before = await s.plans.getPlan(identity, planId);
    const answer = await lastAnswer(discord.click(ana, discord.dm(ana), shown, 'To Sun 13 Dec'));
    expect(answer.content).toContain('Week 2 has changed since that message');
    expect((await s.plans.getPlan(identity, planId)).revision).toBe(before.revision);
    const plan = await s.plans.getPlan(identity, planId);
    expect(plan.weeks[1]?.days.find((d) => d.dayNumber === 7)?.type).toBe('long');
  });
});
