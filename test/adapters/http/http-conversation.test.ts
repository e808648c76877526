/**
 * The conversation over HTTP: a chat command, a view's button and a form, as the key's owner, on
 * 127.0.0.1 — the same answers a chat surface renders, every one checked against the OpenAPI
 * document by the world's client. A command registered in the core needs no route of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DRAFT_FORM_ID } from '../../../src/conversation/action-ids.js';
import { startHttpWorld, type HttpWorld } from './http-world.js';

type JsonView = {
  kind: string;
  summary?: string;
  blocks?: { type: string; text?: string; buttons?: { actionId: string; label: string; planId: string; value: string | null }[] }[];
  formId?: string;
  planId?: string | null;
  errors?: Record<string, string>;
};

const ATHLETE = 'http:club:carla';
const STRANGER = 'http:club:dmitri';
let world: HttpWorld;
let key: string;
let strangerKey: string;

beforeAll(async () => {
  world = await startHttpWorld();
  key = await world.keyFor(ATHLETE);
  strangerKey = await world.keyFor(STRANGER);
});

afterAll(async () => {
  await world.close();
});

async function say(path: 'command' | 'button' | 'form', body: Record<string, unknown>, as = key): Promise<JsonView[]> {
  const answer = await world.request('POST', `/api/training-plan/conversation/${path}`, { key: as, body });
  expect(answer.status).toBe(200);
  return answer.body.views as JsonView[];
}

/** Everything a person would read in the views. */
function read(views: readonly JsonView[]): string {
  return JSON.stringify(views);
}

function button(views: readonly JsonView[], label: string) {
  const found = views
    .flatMap((v) => v.blocks ?? [])
    .flatMap((b) => b.buttons ?? [])
    .find((b) => b.label === label);
  if (!found) throw new Error(`no button "${label}" in ${read(views)}`);
  return found;
}

const SHORTCUT = 'new distance=half race-date=2027-06-20 goal=1:45:00 five-k=23:00 mileage=20 days=tue,thu,sat,sun race="Rome Half"';

describe('the conversation over HTTP', () => {
  it('runs a command as typed in chat, presses the preview’s Confirm, and answers status, as the key’s owner', async () => {
    const help = await say('command', { text: '/plan help' });
    expect(read(help)).toContain('/plan status');

    const preview = await say('command', { text: SHORTCUT, timezone: 'Europe/Rome' });
    expect(read(preview)).toContain('Your plan: Rome Half');
    const confirm = button(preview, 'Confirm');

    // Someone else's key cannot press it: the one sentence, and nothing changes.
    const refused = await say('button', { actionId: confirm.actionId, planId: confirm.planId, value: confirm.value }, strangerKey);
    expect(read(refused)).toContain('That plan belongs to someone else');
    expect((await world.service.plans.getPlan(ATHLETE, confirm.planId)).status).toBe('preview');

    const confirmed = await say('button', { actionId: confirm.actionId, planId: confirm.planId, value: confirm.value });
    expect(read(confirmed)).toContain('Confirmed. Week 1 starts');
    expect((await world.service.plans.getPlan(ATHLETE, confirm.planId)).status).toBe('active');

    expect(read(await say('command', { text: 'status' }))).toContain('Rome Half');
  });

  it('runs the mid-plan commands the chat surfaces have, with no route of their own: pause, then resume', async () => {
    const paused = await say('command', { text: 'pause reason=travel' });
    expect(read(paused)).toMatch(/[Pp]aused/);
    expect(read(await say('command', { text: 'status' }))).toContain('Paused since');
    // Bad input gets its one sentence, and nothing changes.
    expect(read(await say('command', { text: 'pause reason=travel' }))).toMatch(/already paused/i);
    const resumed = await say('command', { text: 'resume' });
    expect(read(resumed)).not.toContain('Sorry, something went wrong');
    expect(read(await say('command', { text: 'status' }))).not.toContain('Paused since');
  });

  it('sends a form: a bad field comes back with its error, the draft kept', async () => {
    const views = await say('form', {
      formId: DRAFT_FORM_ID,
      planId: null,
      values: { distance: '10k', raceDate: '2027-02-21', goal: 'fast', fiveK: '22:30', mileage: '20' },
    });
    const [form] = views;
    expect(form?.kind).toBe('form');
    expect(form?.errors?.goal).toBeDefined();
    expect(form?.planId).toEqual(expect.any(String));
  });

  it('refuses a malformed body and a missing key before the core sees them', async () => {
    const bad = await world.request('POST', '/api/training-plan/conversation/command', { key, body: { text: '' } });
    expect(bad.status).toBe(400);
    const zone = await world.request('POST', '/api/training-plan/conversation/command', {
      key,
      body: { text: 'status', timezone: 'Mars/Olympus' },
    });
    expect(zone.status).toBe(400);
    const anonymous = await world.request('POST', '/api/training-plan/conversation/command', { body: { text: 'status' } });
    expect(anonymous.status).toBe(401);
  });
});
