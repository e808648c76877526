/**
 * The plan inputs as the chat surfaces take them (issue 14 §3): the recent long run and the
 * long-run day in the form and the one-line shortcut, past starts refused in the athlete's zone,
 * and a late start moved to Monday with the preview saying so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_FORM_ID } from '../../src/conversation/action-ids.js';
import { parseCommandText, shortcutField } from '../../src/conversation/command-parser.js';
import { createConversation, type Conversation } from '../../src/conversation/conversation.js';
import { DRAFT_FIELDS, rawDraft, validateDraft } from '../../src/conversation/forms/draft-fields.js';
import type { Intent, IntentActor } from '../../src/conversation/intents.js';
import type { View } from '../../src/conversation/views.js';
import { createLogger } from '../../src/log.js';
import { startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;
let core: Conversation;

beforeAll(async () => {
  // Wednesday 2026-11-25, 12:00 UTC: already Thursday 26 Nov in Auckland.
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  core = createConversation({ plans: s.plans, logger: createLogger('error', { write: () => undefined }), clock: s.clock });
});

afterAll(async () => {
  await s.close();
});

const command = (actor: IntentActor, text: string): Intent => ({ kind: 'command', actor, command: parseCommandText(text) });

function only<T extends View['kind']>(views: View[], kind: T): Extract<View, { kind: T }> {
  expect(views.map((v) => v.kind)).toContain(kind);
  return views.find((v) => v.kind === kind) as Extract<View, { kind: T }>;
}

const VALUES = {
  distance: 'half',
  raceDate: '2027-03-14',
  goal: '1:45:00',
  fiveK: '22:00',
  mileage: '20',
  days: 'tue,thu,sat,sun',
  startDate: '2026-11-30',
};

describe('the draft form', () => {
  it('has the two optional long-run fields, and passes them to the inputs', () => {
    const recentLong = DRAFT_FIELDS.find((f) => f.id === 'recentLong');
    const longDay = DRAFT_FIELDS.find((f) => f.id === 'longDay');
    expect(recentLong).toMatchObject({ label: 'Longest run in the last 4 weeks (miles)', kind: 'number', required: false });
    expect(longDay).toMatchObject({ label: 'Long-run day', kind: 'select', required: false });
    expect(longDay?.options.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(rawDraft({ ...VALUES, recentLong: ' 9 ', longDay: '7', delivery: 'dm' })).toMatchObject({ recentLong: '9', longDay: '7' });
    expect(rawDraft({ ...VALUES, delivery: 'dm' })).not.toHaveProperty('delivery');
  });

  it('puts each bad new field next to itself, one sentence each', () => {
    expect(validateDraft({ ...VALUES, recentLong: '40' }, '2026-11-25')).toEqual({
      recentLong: 'a longest run of 40 miles is out of range: use the longest run of your last 4 weeks, a number of miles from 1 to 30',
    });
    expect(validateDraft({ ...VALUES, longDay: '1' }, '2026-11-25')).toEqual({
      longDay: 'your long-run day, Monday, is not one of your run days: add it to your days or choose another',
    });
    expect(validateDraft({ ...VALUES, recentLong: '9', longDay: '7' }, '2026-11-25')).toEqual({});
  });

  it('refuses a start before today in the athlete’s zone', () => {
    expect(validateDraft({ ...VALUES, startDate: '2026-11-24' }, '2026-11-25')).toEqual({
      startDate: '2026-11-24 has already passed (today is 2026-11-25 where you are): choose today or a later start date',
    });
    expect(validateDraft({ ...VALUES, startDate: '2026-11-25' }, '2026-11-25')).toEqual({});
  });
});

describe('the one-line shortcut', () => {
  it('maps recent-long= and long-day= (and their spellings) to the draft fields, own keys only', () => {
    expect(parseCommandText('/plan new recent-long=9 long-day=sun').args).toEqual({ 'recent-long': '9', 'long-day': 'sun' });
    for (const key of ['recent-long', 'recent_long', 'recentlong']) expect(shortcutField(key)).toBe('recentLong');
    for (const key of ['long-day', 'long_day', 'longday']) expect(shortcutField(key)).toBe('longDay');
    expect(shortcutField('constructor')).toBeUndefined();
  });

  it('previews with the long-run inputs, day names and all', async () => {
    const ana: IntentActor = { identity: 'slack:T1:SHORTCUT', timezone: 'UTC', origin: { kind: 'dm' } };
    const line =
      '/plan new distance=half race-date=2027-03-14 goal=1:45:00 five-k=22:00 mileage=20 days="tue thu sat sun" recent-long=9 long-day=Sunday start=2026-11-30 race="Lisbon Half"';
    only(await core.handle(command(ana, line)), 'message');
    const plan = await s.plans.currentPlan(ana.identity);
    expect(plan?.status).toBe('preview');
    expect(plan?.draft).toMatchObject({ recentLong: '9', longDay: 'Sunday', days: 'tue thu sat sun' });
    expect(plan?.inputs).toMatchObject({ preferredDays: [2, 4, 6, 7], recentLongRunMiles: 9, longRunDay: 7 });
  });

  it('re-opens the form with one message on a bad long-run day, keeping what was typed', async () => {
    const ben: IntentActor = { identity: 'slack:T1:BADDAY', timezone: 'UTC', origin: { kind: 'dm' } };
    const line =
      '/plan new distance=half race-date=2027-03-14 goal=1:45:00 five-k=22:00 mileage=20 days=2,4,6,7 long-day=funday start=2026-11-30';
    const form = only(await core.handle(command(ben, line)), 'form');
    expect(form.formId).toBe(DRAFT_FORM_ID);
    expect(form.values).toMatchObject({ longDay: 'funday', days: '2,4,6,7' });
    expect(Object.keys(form.errors)).toEqual(['longDay']);
    expect(form.errors.longDay).toMatch(/^"funday" is not a day: /);
  });

  it('refuses a start that is already past where the athlete is', async () => {
    const kiri: IntentActor = { identity: 'slack:T1:KIRI', timezone: 'Pacific/Auckland', origin: { kind: 'dm' } };
    const line = '/plan new distance=half race-date=2027-03-14 goal=1:45:00 five-k=22:00 mileage=20 start=2026-11-25';
    const form = only(await core.handle(command(kiri, line)), 'form');
    expect(form.errors).toEqual({
      startDate: '2026-11-25 has already passed (today is 2026-11-26 where you are): choose today or a later start date',
    });
  });
});

describe('a late start', () => {
  it('moves to the Monday after, and the preview says so', async () => {
    const cleo: IntentActor = { identity: 'slack:T1:CLEO', timezone: 'UTC', origin: { kind: 'dm' } };
    const line = '/plan new distance=half race-date=2027-03-14 goal=1:45:00 five-k=22:00 mileage=20 days=2,4,6,7 start=2026-11-27';
    const preview = only(await core.handle(command(cleo, line)), 'message');
    expect(JSON.stringify(preview)).toContain('Your plan starts Monday 30 Nov: a Friday–Sunday start moves to the Monday after.');
    const plan = await s.plans.currentPlan(cleo.identity);
    expect(plan?.inputs?.startDate).toBe('2026-11-30');
    expect(plan?.preview?.week.days[0]?.date).toBe('2026-11-30');
    // The draft keeps what was typed; the plan is the canonical start.
    expect(plan?.draft.startDate).toBe('2026-11-27');
  });
});
