/**
 * The whole Slack journey against the real core, once over Socket Mode and once over HTTP, asserting
 * on what the fake Slack received: /plan new opens the draft modal → an invalid field comes back
 * inline → a valid submission posts the preview to the DM → a stranger's Confirm is refused
 * ephemerally → the owner's Confirm replaces the buttons and posts week 1 → Done and Log → /plan
 * export through the external upload flow → the App Home.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { APP_TOKEN_METHODS, BOT_TOKEN_METHODS } from '../../../src/adapters/slack/index.js';
import {
  DAY_DONE_ACTION,
  DRAFT_FORM_ID,
  LOG_FORM_ID,
  PLAN_CANCEL_ACTION,
  PLAN_CONFIRM_ACTION,
  PLAN_EDIT_DRAFT_ACTION,
  PLAN_REGENERATE_ACTION,
  WEEK_LOG_ACTION,
} from '../../../src/conversation/action-ids.js';
import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import {
  appHomeOpened,
  blockActions,
  buttonsIn,
  findButton,
  slashCommand,
  viewSubmission,
  type SlackPerson,
} from '../../fakes/slack/payloads.js';
import { MARATHON_FIELDS } from '../../support/sample-inputs.js';
import { ATHLETE, CLUB_CHANNEL, STRANGER, dmOf, identityOf, startSlackWorld, type SlackWorld } from './slack-world.js';

type Json = Record<string, unknown>;

const DRAFT_ANSWERS = {
  raceName: MARATHON_FIELDS.raceName,
  distance: MARATHON_FIELDS.distance,
  raceDate: MARATHON_FIELDS.raceDate,
  startDate: MARATHON_FIELDS.startDate,
  goal: MARATHON_FIELDS.goal,
  fiveK: MARATHON_FIELDS.fiveK,
  mileage: MARATHON_FIELDS.mileage,
  days: MARATHON_FIELDS.days,
  units: 'mi',
  delivery: 'dm',
} as const;

const blocksOf = (call: RecordedCall): Json[] => call.args.blocks as Json[];
const viewOf = (call: RecordedCall): Json => call.args.view as Json;
const inputs = (view: Json): Json[] => (view.blocks as Json[]).filter((b) => b.type === 'input');

describe.each(['socket', 'http'] as const)('Slack over %s: the full flow', (mode) => {
  let world: SlackWorld;
  /** The opened draft modal, as Slack received it, and the id Slack gave it. */
  let draftModal: { view: Json; id: string };
  let preview: RecordedCall;
  let week1: RecordedCall;

  const command = (
    person: SlackPerson,
    text: string,
    channel: { id: string; name: string } = { id: dmOf(person), name: 'directmessage' },
  ) =>
    world.transport.command(
      slashCommand(person, {
        text,
        channelId: channel.id,
        channelName: channel.name,
        responseUrl: world.api.responseUrl(`${person.userId}-${text}`),
      }),
    );
  const press = (person: SlackPerson, on: RecordedCall, actionId: string, label?: string) =>
    world.transport.interaction(
      blockActions(person, findButton(blocksOf(on), actionId, label), {
        kind: 'message',
        channelId: String(on.args.channel),
        channelName: 'directmessage',
        ts: messageTs(on),
      }),
    );
  const messageTs = (call: RecordedCall): string => String((call.response as Json).ts);
  const plansOf = (person: SlackPerson) => world.service.store.list({ owner: identityOf(person) });

  beforeAll(async () => {
    world = await startSlackWorld(mode);
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('acks /plan new at once and opens the draft modal with native inputs before any other work', async () => {
    const since = world.api.mark();
    const ack = await command(ATHLETE, 'new', CLUB_CHANNEL);
    expect(ack).toEqual({ status: 200, body: null });
    const opened = await world.api.waitForCall('views.open', { since });
    // The modal is opened before anything else is asked of Slack (the trigger id lives 3 s).
    expect(world.api.calls.slice(since).findIndex((c) => c.method === 'views.open')).toBe(0);
    const view = viewOf(opened);
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: DRAFT_FORM_ID,
      title: { text: 'New training plan' },
      submit: { text: 'Preview plan' },
    });
    // The draft opens in miles, the default, until the athlete picks km (units come first).
    expect(JSON.parse(String(view.private_metadata))).toEqual({
      planId: null,
      channelId: CLUB_CHANNEL.id,
      units: 'mi',
      channelName: CLUB_CHANNEL.name,
    });
    const elements = Object.fromEntries(inputs(view).map((b) => [b.block_id, (b.element as Json).type]));
    expect(elements).toEqual({
      raceName: 'plain_text_input',
      distance: 'static_select',
      raceDate: 'datepicker',
      goal: 'plain_text_input',
      fiveK: 'plain_text_input',
      // Typed as text, so "32 km" is accepted: the core's forgiving parsers read it.
      mileage: 'plain_text_input',
      recentLong: 'plain_text_input',
      days: 'checkboxes',
      longDay: 'static_select',
      startDate: 'datepicker',
      units: 'radio_buttons',
      delivery: 'radio_buttons',
    });
    const optional = Object.fromEntries(inputs(view).map((b) => [b.block_id, b.optional]));
    expect(optional).toMatchObject({
      raceName: true,
      distance: false,
      raceDate: false,
      goal: false,
      days: true,
      recentLong: true,
      longDay: true,
    });
    const delivery = inputs(view).find((b) => b.block_id === 'delivery')?.element as Json;
    expect((delivery.options as Json[]).map((o) => o.value)).toEqual(['dm', 'channel']);
    expect(delivery.initial_option).toMatchObject({ value: 'dm' });
    draftModal = { view, id: 'V0DRAFT' + mode.toUpperCase() };
  });

  it('puts an invalid field back next to the field and does nothing else', async () => {
    const since = world.api.mark();
    const ack = await world.transport.interaction(
      viewSubmission(ATHLETE, draftModal.view, draftModal.id, { ...DRAFT_ANSWERS, raceDate: '2026-11-01' }),
    );
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      response_action: 'errors',
      errors: { raceDate: expect.stringContaining('must be after the start date') },
    });
    expect(Object.keys((ack.body?.errors as Json) ?? {})).toEqual(['raceDate']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(world.api.callsOf('chat.postMessage', since)).toEqual([]);
    expect(await plansOf(ATHLETE)).toEqual([]);
  });

  it('closes the modal on a valid submission and posts the preview to the DM with Confirm / Regenerate / Cancel / Edit', async () => {
    const since = world.api.mark();
    const ack = await world.transport.interaction(viewSubmission(ATHLETE, draftModal.view, draftModal.id, DRAFT_ANSWERS));
    expect(ack).toEqual({ status: 200, body: null });
    preview = await world.api.waitForCall('chat.postMessage', { since });
    expect(preview.args.channel).toBe(dmOf(ATHLETE));
    expect(world.api.callsOf('conversations.open', since).map((c) => c.args.users)).toEqual([ATHLETE.userId]);
    const blocks = blocksOf(preview);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Your plan: Boston Marathon' } });
    const text = JSON.stringify(blocks);
    for (const piece of ['Week 1', 'Goal pace', 'Easy', 'Weekly mileage', 'weeks']) expect(text).toContain(piece);
    expect(buttonsIn(blocks).map((b) => b.action_id)).toEqual([
      PLAN_CONFIRM_ACTION,
      PLAN_REGENERATE_ACTION,
      PLAN_CANCEL_ACTION,
      PLAN_EDIT_DRAFT_ACTION,
    ]);
    expect(typeof preview.args.text).toBe('string');
    const plans = await plansOf(ATHLETE);
    expect(plans.map((p) => p.status)).toEqual(['preview']);
    expect(plans[0]?.delivery).toMatchObject({ target: 'dm', timezone: 'Europe/Berlin' });
    expect(JSON.parse(String(findButton(blocks, PLAN_CONFIRM_ACTION).value))).toEqual({ planId: plans[0]?.id, value: null });
  });

  it("refuses a stranger's Confirm with an ephemeral reply only they see, and changes nothing", async () => {
    const since = world.api.mark();
    const ack = await press(STRANGER, preview, PLAN_CONFIRM_ACTION);
    expect(ack).toEqual({ status: 200, body: null });
    const refusal = await world.api.waitForCall('chat.postEphemeral', { since });
    expect(refusal.args).toMatchObject({ channel: dmOf(ATHLETE), user: STRANGER.userId });
    expect(JSON.stringify(refusal.args)).toContain('belongs to someone else');
    expect(world.api.callsOf('chat.update', since)).toEqual([]);
    expect(world.api.callsOf('chat.postMessage', since)).toEqual([]);
    expect((await plansOf(ATHLETE)).map((p) => p.status)).toEqual(['preview']);
    expect(await plansOf(STRANGER)).toEqual([]);
  });

  it('opens the draft modal from Edit, pre-filled with the preview’s values, and changes nothing until it is sent', async () => {
    const since = world.api.mark();
    await press(ATHLETE, preview, PLAN_EDIT_DRAFT_ACTION);
    const opened = await world.api.waitForCall('views.open', { since });
    const view = viewOf(opened);
    expect(view.callback_id).toBe(DRAFT_FORM_ID);
    const [plan] = await plansOf(ATHLETE);
    expect(JSON.parse(String(view.private_metadata))).toMatchObject({ planId: plan?.id });
    expect(inputs(view).find((b) => b.block_id === 'raceName')?.element).toMatchObject({ initial_value: 'Boston Marathon' });
    expect(plan?.status).toBe('preview');
  });

  it("replaces the buttons with the outcome on the owner's Confirm and posts week 1", async () => {
    const since = world.api.mark();
    await press(ATHLETE, preview, PLAN_CONFIRM_ACTION);
    const update = await world.api.waitForCall('chat.update', { since });
    expect(update.args).toMatchObject({ channel: dmOf(ATHLETE), ts: messageTs(preview) });
    const updated = blocksOf(update);
    expect(buttonsIn(updated)).toEqual([]);
    expect(JSON.stringify(updated.at(-1))).toContain('Confirmed. Week 1 starts');
    week1 = await world.api.waitForCall('chat.postMessage', { since });
    expect(week1.args.channel).toBe(dmOf(ATHLETE));
    expect(blocksOf(week1)[0]).toMatchObject({ type: 'header', text: { text: expect.stringMatching(/^Week 1 of \d+/) } });
    const labels = buttonsIn(blocksOf(week1)).map((b) => (b.text as Json).text);
    expect(labels).toContain('Done');
    expect(labels).toContain('Skipped');
    expect(labels.at(-2)).toBe('Log week 1');
    // Issue 18: Move a run last, so the buttons people know keep their places.
    expect(labels.at(-1)).toBe('Move a run');
    expect((await plansOf(ATHLETE)).map((p) => p.status)).toEqual(['active']);
  });

  it('marks a day done in place (chat.update of the week)', async () => {
    const since = world.api.mark();
    const done = findButton(blocksOf(week1), DAY_DONE_ACTION);
    const day = JSON.parse(String(done.value)) as { value: string };
    await press(ATHLETE, week1, DAY_DONE_ACTION);
    const update = await world.api.waitForCall('chat.update', { since });
    expect(update.args.ts).toBe(messageTs(week1));
    expect(JSON.stringify(blocksOf(update))).toContain('✅ done');
    const [plan] = await plansOf(ATHLETE);
    const dayNumber = Number(day.value.split(':')[1]);
    expect(plan?.weeks[0]?.execution?.days).toEqual([{ dayNumber, status: 'done' }]);
  });

  it('opens the log modal from the Log button and saves the submitted log', async () => {
    let since = world.api.mark();
    await press(ATHLETE, week1, WEEK_LOG_ACTION);
    const opened = await world.api.waitForCall('views.open', { since });
    const view = viewOf(opened);
    expect(view.callback_id).toBe(LOG_FORM_ID);
    const [plan] = await plansOf(ATHLETE);
    expect(JSON.parse(String(view.private_metadata))).toEqual({ planId: plan?.id, channelId: null, units: 'mi' });
    expect(inputs(view).find((b) => b.block_id === 'week')?.element).toMatchObject({ type: 'plain_text_input', initial_value: '1' });

    since = world.api.mark();
    const bad = await world.transport.interaction(viewSubmission(ATHLETE, view, `V0LOG${mode}`, { completedDays: '4', miles: 'lots' }));
    expect(bad.body).toMatchObject({ response_action: 'errors', errors: { miles: 'use a number of miles, 0–300' } });
    const ack = await world.transport.interaction(
      viewSubmission(ATHLETE, view, `V0LOG${mode}`, { completedDays: '4', miles: '22.5', averagePace: '9:05', notes: 'Legs heavy' }),
    );
    expect(ack).toEqual({ status: 200, body: null });
    const reply = await world.api.waitForCall('chat.postMessage', { since });
    expect(reply.args.channel).toBe(dmOf(ATHLETE));
    expect(JSON.stringify(reply.args.blocks)).toContain('Logged week 1: 4 run days, 22.5 miles');
    const [logged] = await plansOf(ATHLETE);
    expect(logged?.weeks[0]?.execution).toMatchObject({ completedDays: 4, totalMiles: 22.5, averagePace: '9:05', notes: 'Legs heavy' });
  });

  it('uploads /plan export to the DM through the external upload flow', async () => {
    const since = world.api.mark();
    await command(ATHLETE, 'export');
    const completed = await world.api.waitForCall('files.completeUploadExternal', { since });
    const methods = world.api.calls.slice(since).map((c) => c.method);
    expect(methods).not.toContain('files.upload');
    expect(methods.indexOf('files.getUploadURLExternal')).toBeLessThan(methods.indexOf('upload'));
    expect(methods.indexOf('upload')).toBeLessThan(methods.indexOf('files.completeUploadExternal'));
    expect(completed.args).toMatchObject({ channel_id: dmOf(ATHLETE), initial_comment: expect.stringContaining('calendar') });
    const [fileRef] = completed.args.files as Json[];
    const file = world.api.files.get(String(fileRef?.id));
    expect(file?.filename).toMatch(/\.ics$/);
    expect(file?.bytes?.toString('utf8')).toContain('BEGIN:VCALENDAR');
    expect(file?.channel).toBe(dmOf(ATHLETE));
  });

  it('answers other commands ephemerally through the response_url', async () => {
    const since = world.api.mark();
    await command(ATHLETE, 'fly', CLUB_CHANNEL);
    const reply = await world.api.waitForCall('response_url', { since });
    expect(reply.args).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(reply.args.blocks)).toContain('I don\'t know \\"fly\\"');
  });

  it('publishes the App Home with the current plan and this week', async () => {
    const since = world.api.mark();
    const ack = await world.transport.event(appHomeOpened(ATHLETE, dmOf(ATHLETE)));
    expect(ack.status).toBe(200);
    const published = await world.api.waitForCall('views.publish', { since });
    expect(published.args.user_id).toBe(ATHLETE.userId);
    const view = viewOf(published);
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Plan status · Boston Marathon');
    expect(text).toMatch(/Week 1 of \d+/);
    expect(buttonsIn(view.blocks as Json[]).some((b) => b.action_id === WEEK_LOG_ACTION)).toBe(true);
  });

  it('called only the Web API methods it declares (and so the manifest scopes cover)', () => {
    const declared = new Set<string>([...BOT_TOKEN_METHODS, ...APP_TOKEN_METHODS, 'response_url', 'upload']);
    const called = new Set(world.api.calls.map((c) => c.method));
    expect([...called].filter((m) => !declared.has(m))).toEqual([]);
    // The fake grants only the manifest's scopes, and nothing in the flow was refused.
    expect(
      world.api.calls.filter((c) => (c.response as Json).ok === false).map((c) => `${c.method}: ${String((c.response as Json).error)}`),
    ).toEqual([]);
  });
});
