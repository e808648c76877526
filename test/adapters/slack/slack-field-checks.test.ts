/**
 * Each field of a Slack modal is checked as it is entered (inputs with `dispatch_action`), against
 * the fake Slack over HTTP: the app answers with `views.update` of the same modal, every value kept,
 * the error of a filled field under it and none for fields not reached yet; choosing km re-labels
 * the fields in km; choosing "This channel" where the bot cannot post says how to fix it. Volumes
 * are text inputs, so "32 km" goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DRAFT_FORM_ID } from '../../../src/conversation/action-ids.js';
import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import { fieldAction, slashCommand, viewSubmission } from '../../fakes/slack/payloads.js';
import { MARATHON_FIELDS } from '../../support/sample-inputs.js';
import { ATHLETE, CLUB_CHANNEL, identityOf, startSlackWorld, type SlackWorld } from './slack-world.js';

type Json = Record<string, unknown>;

const PRIVATE_CHANNEL = { id: 'G0SECRET', name: 'privategroup' } as const;

const viewOf = (call: RecordedCall): Json => call.args.view as Json;
const blocksOf = (view: Json): Json[] => view.blocks as Json[];
const input = (view: Json, id: string): Json => {
  const found = blocksOf(view).find((b) => b.type === 'input' && b.block_id === id);
  if (!found) throw new Error(`no input ${id}`);
  return found;
};
/** The context line right under an input: where a field's error is shown. */
const errorUnder = (view: Json, id: string): string | undefined => {
  const blocks = blocksOf(view);
  const next = blocks[blocks.findIndex((b) => b.block_id === id) + 1];
  return next?.type === 'context' ? JSON.stringify(next.elements) : undefined;
};
const label = (view: Json, id: string) => (input(view, id).label as Json).text;
const element = (view: Json, id: string) => input(view, id).element as Json;

describe('Slack modal fields checked as they are entered', () => {
  let world: SlackWorld;
  let draft: Json;
  const viewId = 'V0FIELDS';

  const open = async (channel: { id: string; name: string }, text = 'new') => {
    const since = world.api.mark();
    await world.transport.command(
      slashCommand(ATHLETE, {
        text,
        channelId: channel.id,
        channelName: channel.name,
        responseUrl: world.api.responseUrl(`open-${channel.id}`),
      }),
    );
    return viewOf(await world.api.waitForCall('views.open', { since }));
  };
  const enter = async (view: Json, id: string, fieldId: string, answers: Record<string, string>) => {
    const since = world.api.mark();
    const ack = await world.transport.interaction(fieldAction(ATHLETE, view, id, fieldId, answers));
    expect(ack).toEqual({ status: 200, body: null });
    const update = await world.api.waitForCall('views.update', { since });
    expect(update.args.view_id).toBe(id);
    return viewOf(update);
  };

  beforeAll(async () => {
    world = await startSlackWorld('http');
    world.api.addChannel({ id: PRIVATE_CHANNEL.id, name: 'secret-runs', isPrivate: true });
    draft = await open(CLUB_CHANNEL);
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('makes every single-value input send its value when entered; checkboxes wait for the submission', () => {
    expect(draft.callback_id).toBe(DRAFT_FORM_ID);
    for (const id of [
      'raceName',
      'distance',
      'raceDate',
      'goal',
      'fiveK',
      'mileage',
      'recentLong',
      'longDay',
      'startDate',
      'units',
      'delivery',
    ]) {
      expect(input(draft, id).dispatch_action, id).toBe(true);
    }
    expect(element(draft, 'goal')).toMatchObject({ dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] } });
    expect(input(draft, 'days').dispatch_action).toBeUndefined();
    // Volumes are text, so "32 km" can be typed.
    expect(element(draft, 'mileage').type).toBe('plain_text_input');
  });

  it("shows a wrong goal's error under it at once, keeps every value, and leaves unreached fields alone", async () => {
    const updated = await enter(draft, viewId, 'goal', { raceName: 'Boston Marathon', goal: 'fast' });
    expect(errorUnder(updated, 'goal')).toContain('\\"fast\\" is not a time');
    expect(element(updated, 'goal').initial_value).toBe('fast');
    expect(element(updated, 'raceName').initial_value).toBe('Boston Marathon');
    // Distance and race date are required but not filled yet: no error for them.
    expect(errorUnder(updated, 'distance')).toBeUndefined();
    expect(errorUnder(updated, 'raceDate')).toBeUndefined();
    expect(updated).toMatchObject({ callback_id: DRAFT_FORM_ID, type: 'modal' });
    expect(JSON.parse(String(updated.private_metadata))).toMatchObject({ planId: null, channelId: CLUB_CHANNEL.id });
    // Fixed: the error goes.
    const fixed = await enter(updated, viewId, 'goal', { raceName: 'Boston Marathon', goal: MARATHON_FIELDS.goal });
    expect(errorUnder(fixed, 'goal')).toBeUndefined();
  });

  it('re-labels the fields in km when km is chosen, keeping what was typed', async () => {
    expect(label(draft, 'mileage')).toBe('Miles per week now');
    const updated = await enter(draft, viewId, 'units', { units: 'km', mileage: '40' });
    expect(label(updated, 'mileage')).toBe('Kilometres per week now');
    expect(label(updated, 'recentLong')).toBe('Longest run in the last 4 weeks (km)');
    expect(element(updated, 'mileage').initial_value).toBe('40');
    expect(element(updated, 'units').initial_option).toMatchObject({ value: 'km' });
    expect(JSON.parse(String(updated.private_metadata))).toMatchObject({ units: 'km' });
    draft = updated;
  });

  it('takes "32 km" as the weekly volume on submission', async () => {
    const ack = await world.transport.interaction(
      viewSubmission(ATHLETE, draft, viewId, {
        units: 'km',
        distance: MARATHON_FIELDS.distance,
        raceDate: MARATHON_FIELDS.raceDate,
        startDate: MARATHON_FIELDS.startDate,
        goal: MARATHON_FIELDS.goal,
        fiveK: MARATHON_FIELDS.fiveK,
        mileage: '32 km',
        delivery: 'dm',
      }),
    );
    expect(ack).toEqual({ status: 200, body: null });
    await world.api.waitForCall('chat.postMessage');
    const [plan] = await world.service.store.list({ owner: identityOf(ATHLETE) });
    expect(plan?.inputs?.units).toBe('km');
  });

  it('says, under the choice, how to let the bot post in a private channel it is not in', async () => {
    const modal = await open(PRIVATE_CHANNEL);
    const updated = await enter(modal, 'V0PRIVATE', 'delivery', { delivery: 'channel' });
    expect(errorUnder(updated, 'delivery')).toContain(
      "I can't post in this channel: it is a private channel I am not in — invite me with /invite @GoFast Coach, or choose a direct message.",
    );
    expect(element(updated, 'delivery').initial_option).toMatchObject({ value: 'channel' });
    // A direct message is fine: the line goes.
    const dm = await enter(updated, 'V0PRIVATE', 'delivery', { delivery: 'dm' });
    expect(errorUnder(dm, 'delivery')).toBeUndefined();
  });
  // Last: it confirms the plan, after which /plan new asks to replace it instead of opening the form.
  it('checks the log and settings modals the same way: "lots" of km is refused, "6pm" is an hour', async () => {
    const [plan] = await world.service.store.list({ owner: identityOf(ATHLETE) });
    await world.service.plans.confirmPlan(identityOf(ATHLETE), plan?.id ?? '');

    const log = await open(CLUB_CHANNEL, 'log');
    expect(label(log, 'miles')).toBe('Kilometres run');
    const wrong = await enter(log, 'V0LOGCHECK', 'miles', { completedDays: '3', miles: 'lots' });
    expect(errorUnder(wrong, 'miles')).toContain('use a number of kilometres');
    expect(element(wrong, 'completedDays').initial_value).toBe('3');
    const right = await enter(wrong, 'V0LOGCHECK', 'miles', { completedDays: '3', miles: '32 km' });
    expect(errorUnder(right, 'miles')).toBeUndefined();
    const inMiles = await enter(right, 'V0LOGCHECK', 'miles', { completedDays: '3', miles: '20 mi' });
    expect(errorUnder(inMiles, 'miles')).toBeUndefined();

    const settings = await open(CLUB_CHANNEL, 'settings');
    expect(element(settings, 'postingHour').type).toBe('plain_text_input');
    const late = await enter(settings, 'V0SETTINGSCHECK', 'postingHour', { postingHour: '25' });
    expect(errorUnder(late, 'postingHour')).toBeDefined();
    const evening = await enter(late, 'V0SETTINGSCHECK', 'postingHour', { postingHour: '6pm' });
    expect(errorUnder(evening, 'postingHour')).toBeUndefined();
    expect(element(evening, 'postingHour').initial_value).toBe('6pm');
  });
});
