/**
 * The Discord adapter end to end against the real core (store on the embedded MongoDB, rules
 * engine, fake clock) and a local Discord (fake REST API + fake gateway on loopback): what a runner
 * in a club server sees, from `/plan new` to the exported calendar. Assertions are on what the
 * fake Discord received and now shows, never on the adapter's internals.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { weekView } from '../../../src/conversation/plan-views.js';
import { FakeDiscord, type Dispatched, type StoredMessage } from '../../fakes/discord/fake-discord.js';
import { OPTION_TYPES, type FakeUser } from '../../fakes/discord/interaction-payloads.js';
import type { TestService } from '../../support/plan-service.js';
import { startDiscordWorld, type DiscordWorld } from './discord-world.js';

type Json = Record<string, unknown>;

let s: TestService;
let discord: FakeDiscord;
let adapter: DiscordAdapter;
let world: DiscordWorld | undefined;
const errors: string[] = [];

beforeAll(async () => {
  world = await startDiscordWorld({ now: '2026-11-25T12:00:00Z', logLines: errors });
  ({ service: s, discord, adapter } = world);
});

afterAll(async () => {
  if (process.env.DUMP)
    for (const c of discord.rest.calls)
      console.log(c.method, c.path.replace(/[A-Za-z0-9]{40,}/, 'TOKEN'), c.status, JSON.stringify(c.body)?.slice(0, 400));
  await world?.stop();
});

const EPHEMERAL = 64;

function buttonLabels(message: StoredMessage | undefined): string[] {
  return (message?.components ?? []).flatMap((row) => ((row.components as Json[] | undefined) ?? []).map((b) => String(b.label)));
}

function embedText(message: StoredMessage | undefined): string {
  return JSON.stringify(message?.embeds ?? []);
}

function labelOf(modalComponents: readonly Json[], id: string): Json | undefined {
  return modalComponents.find((c) => (c.component as Json | undefined)?.custom_id === id);
}

/** The message the interaction's answer left for the user (its reply, or the last follow-up). */
async function lastAnswer(interaction: Dispatched): Promise<StoredMessage> {
  await discord.answered(interaction, (c) => c.method !== 'DELETE');
  const followUps = discord.rest.followUpsOf(interaction.token);
  const answer = followUps.at(-1) ?? discord.rest.originalOf(interaction.token);
  if (!answer) throw new Error('no answer');
  return answer;
}

describe('a runner in a club server', () => {
  let ana: FakeUser;
  let ben: FakeUser;
  let identity: string;
  let preview: StoredMessage;

  beforeAll(() => {
    ana = discord.user('ana');
    ben = discord.user('ben');
    identity = `discord:@me:${ana.id}`;
  });

  it('connects with no gateway intents and the token it was given', () => {
    expect(discord.gateway.identifies).toHaveLength(1);
    expect(discord.gateway.identifies[0]).toMatchObject({ token: discord.token, intents: 0 });
    expect(discord.gateway.connections[0]).toContain('v=10&encoding=json');
  });

  it('builds a plan through three short modals, a field error re-opening its step with the input kept', async () => {
    // /plan new without options: the modal is the first answer.
    const start = discord.command(ana, discord.club(), 'new');
    const step1 = await discord.modalFor(start);
    expect(step1.call.at - start.at).toBeLessThan(1000);
    expect(step1.title).toBe('New training plan (1/3)');
    expect(step1.components.map((c) => c.type)).toEqual([18, 18, 18, 18, 18]);

    const sent1 = discord.submit(ana, discord.club(), step1, {
      raceName: 'Berlin Marathon',
      distance: ['marathon'],
      raceDate: '2027-04-18',
      goal: '3:30:00',
    });
    expect(((await discord.callbackOf(sent1)).body as Json).data).toEqual({ flags: EPHEMERAL });
    const saved = await lastAnswer(sent1);
    expect(saved.content).toContain('Step 1 of 3 saved. Continue with step 2.');
    expect(buttonLabels(saved)).toEqual(['Continue']);
    const draft = await s.plans.currentPlan(identity);
    expect(draft?.status).toBe('draft');
    expect(draft?.draft).toMatchObject({ raceName: 'Berlin Marathon', raceDate: '2027-04-18' });

    // Continue opens step 2, pre-filled with the draft's defaults.
    const cont = discord.click(ana, discord.club(), saved, 'Continue');
    const step2 = await discord.modalFor(cont);
    expect(step2.title).toBe('New training plan (2/3)');
    const delivery = labelOf(step2.components, 'delivery')?.component as Json;
    expect((delivery.options as Json[]).find((o) => o.default === true)?.value).toBe('dm');
    const sent2 = discord.submit(ana, discord.club(), step2, { fiveK: '22:30', startDate: '2026-11-30' });
    const saved2 = await lastAnswer(sent2);
    expect(saved2.content).toContain('Step 2 of 3 saved. Continue with step 3 to see your plan.');

    // Step 3, the training week, with the long-run fields.
    const step3 = await discord.modalFor(discord.click(ana, discord.club(), saved2, 'Continue'));
    expect(step3.title).toBe('New training plan (3/3)');
    expect(step3.components.map((c) => (c.component as Json).custom_id)).toEqual(['mileage', 'recentLong', 'days', 'longDay']);

    // A bad mileage: the answer names it and offers to fix step 3.
    const sent3 = discord.submit(ana, discord.club(), step3, {
      mileage: 'lots',
      recentLong: '12',
      days: ['2', '3', '4', '6', '7'],
      longDay: ['7'],
    });
    const problem = await lastAnswer(sent3);
    expect(problem.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(problem.content).toContain('"lots" is not a number');
    expect(buttonLabels(problem)).toEqual(['Fix step 3']);
    // The public "thinking…" placeholder was removed rather than showing the problem to the club.
    expect(discord.rest.originalOf(sent3.token)?.deleted).toBe(true);

    // Fix step 3: every value typed is back, the error under its field.
    const fix = discord.click(ana, discord.club(), problem, 'Fix step 3');
    const again = await discord.modalFor(fix);
    const mileage = labelOf(again.components, 'mileage');
    expect(mileage?.description).toContain('"lots" is not a number');
    expect((mileage?.component as Json).value).toBe('lots');
    expect((labelOf(again.components, 'recentLong')?.component as Json).value).toBe('12');
    const days = (labelOf(again.components, 'days')?.component as Json).options as Json[];
    expect(days.filter((o) => o.default === true).map((o) => o.value)).toEqual(['2', '3', '4', '6', '7']);
    const longDay = (labelOf(again.components, 'longDay')?.component as Json).options as Json[];
    expect(longDay.filter((o) => o.default === true).map((o) => o.value)).toEqual(['7']);

    // Fixed: the preview, public, with its decision buttons.
    const sent4 = discord.submit(ana, discord.club(), again, { mileage: '30' });
    await discord.answered(sent4);
    const shown = discord.rest.originalOf(sent4.token);
    if (!shown) throw new Error('no preview');
    preview = shown;
    expect(preview.flags & EPHEMERAL).toBe(0);
    expect(preview.embeds[0]?.title).toBe('Your plan: Berlin Marathon');
    expect(embedText(preview)).toContain('Goal pace');
    expect(embedText(preview)).toContain('Weekly mileage');
    expect(buttonLabels(preview)).toEqual(['Confirm', 'Regenerate', 'Cancel', 'Edit']);
    expect((await s.plans.currentPlan(identity))?.status).toBe('preview');
  });

  it("refuses a stranger's click privately and changes nothing", async () => {
    const editsBefore = preview.history.length;
    const click = discord.click(ben, discord.club(), preview, 'Confirm');
    expect(((await discord.callbackOf(click)).body as Json).type).toBe(6);
    const refusal = await lastAnswer(click);
    expect(refusal.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refusal.content).toContain('belongs to someone else');
    expect(preview.history.length).toBe(editsBefore);
    expect(buttonLabels(preview)).toEqual(['Confirm', 'Regenerate', 'Cancel', 'Edit']);
    expect((await s.plans.currentPlan(identity))?.status).toBe('preview');
  });

  it('confirms: the preview message loses its buttons to the outcome, week 1 goes where the weeks go (the DM)', async () => {
    const click = discord.click(ana, discord.club(), preview, 'Confirm');
    // The outcome replaces the preview after Week 1 is posted.
    await discord.answered(click, (c) => c.method === 'PATCH');
    expect(buttonLabels(preview)).toEqual([]);
    expect(preview.embeds.at(-1)?.footer).toMatchObject({
      text: expect.stringContaining('Week 1 is in your direct messages, where your weeks go.') as unknown,
    });
    // Not shown to the club: the plan's weeks go by DM, and so does Week 1.
    expect(discord.rest.followUpsOf(click.token)).toEqual([]);
    const [week1] = discord.rest.messagesIn(discord.rest.dmChannelOf(ana.id) ?? '');
    expect(week1?.embeds[0]?.title).toContain('Week 1 of');
    expect(buttonLabels(week1)).toContain('Log week 1');
    expect((await s.plans.currentPlan(identity))?.status).toBe('active');
  });

  let dmWeek: StoredMessage;

  it('delivers a week by DM through the poster, whose buttons act for the same identity', async () => {
    const plan = await s.plans.currentPlan(identity);
    if (!plan) throw new Error('no plan');
    const result = await adapter.poster.post({ owner: identity, target: 'dm', channelId: null }, weekView(plan, 1));
    const dm = discord.rest.dmChannelOf(ana.id);
    expect(dm).toBeDefined();
    expect(discord.rest.callsTo('POST', /^\/users\/@me\/channels$/)[0]?.body).toEqual({ recipient_id: ana.id });
    // The newest: Week 1 of the Confirm came first.
    const message = discord.rest.messagesIn(dm ?? '').at(-1);
    if (!message) throw new Error('no DM');
    dmWeek = message;
    expect(result.messageRef).toBe(`${dm}:${message.id}`);
    expect(message.components.length).toBeLessThanOrEqual(5);
    expect(buttonLabels(message).filter((l) => l.endsWith('· Done')).length).toBeGreaterThan(2);

    // A Done click in the DM (no guild in the interaction) marks the day on that message.
    const done = buttonLabels(message).find((l) => l.endsWith('· Done')) ?? '';
    const click = discord.click(ana, discord.dm(ana), message, done);
    await discord.answered(click, (c) => c.method === 'PATCH');
    expect(embedText(message)).toContain('✓ done');
    const marks = (await s.plans.currentPlan(identity))?.weeks[0]?.execution?.days ?? [];
    expect(marks).toHaveLength(1);
  });

  it('logs the week from the DM: a rejected value comes back for fixing, then the log is saved', async () => {
    const open = discord.click(ana, discord.dm(ana), dmWeek, 'Log week 1');
    const form = await discord.modalFor(open);
    expect(form.title).toBe('Log week 1');
    expect(form.components).toHaveLength(5);

    const bad = discord.submit(ana, discord.dm(ana), form, {
      completedDays: '4',
      miles: 'lots',
      averagePace: '8:10',
      notes: 'Windy on Saturday',
    });
    const problem = await lastAnswer(bad);
    expect(problem.content).toContain('Miles run');
    const reopen = discord.click(ana, discord.dm(ana), problem, 'Fix and send again');
    const again = await discord.modalFor(reopen);
    expect((labelOf(again.components, 'miles')?.component as Json).value).toBe('lots');
    expect((labelOf(again.components, 'notes')?.component as Json).value).toBe('Windy on Saturday');
    expect(labelOf(again.components, 'miles')?.description).toContain('⚠️');

    const good = discord.submit(ana, discord.dm(ana), again, { miles: '24.5' });
    const logged = await lastAnswer(good);
    expect(logged.content).toContain('Logged week 1');
    const week = (await s.plans.currentPlan(identity))?.weeks[0];
    expect(week?.execution).toMatchObject({ completedDays: 4, totalMiles: 24.5, notes: 'Windy on Saturday' });
  });

  it('changes settings in two modal steps: weeks to this channel, a bad time zone fixed without retyping', async () => {
    const open = discord.command(ana, discord.club(), 'settings');
    const form = await discord.modalFor(open);
    expect(form.title).toBe('Plan settings (1/2)');
    expect(form.components.length).toBeLessThanOrEqual(5);
    const bad = discord.submit(ana, discord.club(), form, { delivery: ['channel'], timezone: 'Mars/Olympus' });
    const problem = await lastAnswer(bad);
    expect(problem.content).toContain('"Mars/Olympus" is not a time zone');
    const again = await discord.modalFor(discord.click(ana, discord.club(), problem, 'Fix and send again'));
    const delivery = labelOf(again.components, 'delivery')?.component as Json;
    expect((delivery.options as Json[]).find((o) => o.default === true)?.value).toBe('channel');
    expect((labelOf(again.components, 'timezone')?.component as Json).value).toBe('Mars/Olympus');
    const fixed = discord.submit(ana, discord.club(), again, { timezone: 'Europe/Berlin' });
    await discord.answered(fixed, (c) => c.method === 'POST');
    expect(discord.rest.originalOf(fixed.token)?.content).toContain('Settings saved');
    const plan = await s.plans.currentPlan(identity);
    expect(plan?.delivery).toMatchObject({ target: 'channel', channelId: discord.clubChannelId, timezone: 'Europe/Berlin' });

    // Step 2 (the daily reminder) is offered once step 1 is saved, with the current values.
    const [next] = discord.rest.followUpsOf(fixed.token);
    expect(next?.content).toContain('Step 1 of 2 saved');
    const step2 = await discord.modalFor(discord.click(ana, discord.club(), next as StoredMessage, 'Continue'));
    expect(step2.title).toBe('Plan settings (2/2)');
    const saved = await lastAnswer(discord.submit(ana, discord.club(), step2, { reminder: ['on'], reminderHour: '6' }));
    expect(saved.content).toContain('daily reminder at 06:00');
    expect((await s.plans.currentPlan(identity))?.delivery).toMatchObject({
      dailyReminder: true,
      reminderHour: 6,
      timezone: 'Europe/Berlin',
    });
  });

  it('tells a runner whose deliveries are paused, and still opens the settings form', async () => {
    const plan = await s.plans.currentPlan(identity);
    if (!plan) throw new Error('no plan');
    await s.connection
      .collection('plans')
      .updateOne({ _id: new Types.ObjectId(plan.id) }, { $set: { 'delivery.paused': true, 'delivery.pauseReason': 'dm_closed' } });
    const open = discord.command(ana, discord.club(), 'settings');
    const reply = await discord.callbackOf(open);
    expect(reply.body).toMatchObject({
      type: 4,
      data: { flags: EPHEMERAL, content: expect.stringContaining('Delivery is paused') as unknown },
    });
    await discord.answered(open, (c) => c.method === 'POST');
    const [stand] = discord.rest.followUpsOf(open.token);
    const form = await discord.modalFor(discord.click(ana, discord.club(), stand as StoredMessage, 'Open the form'));
    expect(form.title).toBe('Plan settings (1/2)');
    expect((labelOf(form.components, 'timezone')?.component as Json).value).toBe('Europe/Berlin');
    await s.connection
      .collection('plans')
      .updateOne({ _id: new Types.ObjectId(plan.id) }, { $set: { 'delivery.paused': false, 'delivery.pauseReason': null } });
  });

  it('exports the plan as an .ics attachment', async () => {
    const exp = discord.command(ana, discord.club(), 'export');
    expect(((await discord.callbackOf(exp)).body as Json).data).toEqual({ flags: EPHEMERAL });
    const call = await discord.answered(exp);
    expect(call.files).toHaveLength(1);
    expect(call.files[0]?.name).toMatch(/\.ics$/);
    expect(call.files[0]?.content).toContain('BEGIN:VCALENDAR');
    expect(discord.rest.originalOf(exp.token)?.attachments).toHaveLength(1);
  });
});

describe('the one-line shortcut', () => {
  it('previews at once from /plan new with options, in a DM', async () => {
    const cai = discord.user('cai');
    const place = discord.dm(cai);
    const cmd = discord.command(cai, place, 'new', [
      { name: 'distance', type: OPTION_TYPES.string, value: 'half' },
      { name: 'race-date', type: OPTION_TYPES.string, value: '2027-03-14' },
      { name: 'goal', type: OPTION_TYPES.string, value: '1:45:00' },
      { name: 'five-k', type: OPTION_TYPES.string, value: '23:30' },
      { name: 'mileage', type: OPTION_TYPES.number, value: 20 },
      { name: 'days', type: OPTION_TYPES.string, value: '2,4,6,7' },
      { name: 'start', type: OPTION_TYPES.string, value: '2026-11-30' },
      { name: 'race-name', type: OPTION_TYPES.string, value: 'Spring Half' },
      { name: 'units', type: OPTION_TYPES.string, value: 'km' },
    ]);
    expect(((await discord.callbackOf(cmd)).body as Json).type).toBe(5);
    await discord.answered(cmd);
    const shown = discord.rest.originalOf(cmd.token);
    expect(shown?.embeds[0]?.title).toBe('Your plan: Spring Half');
    expect(embedText(shown)).toContain('/km');
    expect(buttonLabels(shown)).toEqual(['Confirm', 'Regenerate', 'Cancel', 'Edit']);
    expect((await s.plans.currentPlan(`discord:@me:${cai.id}`))?.status).toBe('preview');

    // Edit asks which step to change (a modal holds one), privately; each step opens pre-filled
    // with the plan's values, and sending it previews the edited inputs.
    if (!shown) throw new Error('no preview');
    const asked = discord.click(cai, place, shown, 'Edit');
    await discord.callbackOf(asked);
    const choice = discord.rest.originalOf(asked.token);
    if (!choice) throw new Error('no step choice');
    expect(choice.flags & 64).toBe(64);
    expect(choice.content).toContain('Which part do you want to change?');
    expect(buttonLabels(choice)).toEqual(['Step 1', 'Step 2', 'Step 3']);
    const edit = await discord.modalFor(discord.click(cai, place, choice, 'Step 1'));
    expect(edit.title).toBe('New training plan (1/3)');
    expect(JSON.stringify(edit.components)).toContain('Spring Half');
    const sent = discord.submit(cai, place, edit, { goal: '1:50:00' });
    const edited = await lastAnswer(sent);
    expect(edited.embeds[0]?.title).toBe('Your plan: Spring Half');
    expect(embedText(edited)).toContain('Goal 1:50:00');
    const plan = await s.plans.currentPlan(`discord:@me:${cai.id}`);
    expect(plan).toMatchObject({ status: 'preview', variant: 0 });
    expect(plan?.history.map((h) => h.reason)).toEqual(['draft edited']);

    // The training week is step 3: its modal holds the days, and a change there previews too.
    const again = discord.click(cai, place, edited, 'Edit');
    await discord.callbackOf(again);
    const stepChoice = discord.rest.originalOf(again.token);
    if (!stepChoice) throw new Error('no step choice');
    const third = await discord.modalFor(discord.click(cai, place, stepChoice, 'Step 3'));
    expect(third.title).toBe('New training plan (3/3)');
    const moved = await lastAnswer(discord.submit(cai, place, third, { days: ['2', '4', '6', '7'], longDay: ['6'] }));
    expect(moved.embeds[0]?.title).toBe('Your plan: Spring Half');
    expect((await s.plans.currentPlan(`discord:@me:${cai.id}`))?.inputs?.longRunDay).toBe(6);
  });

  it('answers a stale or forged button privately, and help is private', async () => {
    const dee = discord.user('dee');
    const anchor = discord.rest.addMessage({
      id: '1234567890123456789',
      channelId: discord.clubChannelId,
      guildId: discord.guildId,
      content: 'old',
      embeds: [],
      components: [],
      attachments: [],
      flags: 0,
      interactionToken: null,
    });
    const forged = discord.clickCustomId(dee, discord.club(), anchor, 'b|c|../etc||');
    const reply = await discord.callbackOf(forged);
    expect(reply.body).toMatchObject({
      type: 4,
      data: { flags: EPHEMERAL, content: expect.stringContaining('no longer active') as unknown },
    });

    const help = discord.command(dee, discord.club(), 'help');
    await discord.answered(help);
    expect(discord.rest.originalOf(help.token)?.flags ?? 0).toBe(EPHEMERAL);
    expect(embedText(discord.rest.originalOf(help.token))).toContain('/plan export');
    expect(errors.filter((line) => line.includes('"level":50'))).toEqual([]);
  });

  it('waits out a rate limit on its answer: the edit is retried and lands once', async () => {
    const eve = discord.user('eve');
    discord.rest.rateLimitNext(/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/, 0.2, { method: 'PATCH' });
    const status = discord.command(eve, discord.club(), 'status');
    const edit = await discord.answered(status, (c) => c.status === 200);
    const attempts = discord.rest.callsFor(status.token).filter((c) => c.method === 'PATCH');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(edit.at - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(180);
    expect(discord.rest.originalOf(status.token)?.content).toContain('You have no plan yet');
  });
});
