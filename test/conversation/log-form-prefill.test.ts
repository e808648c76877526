/**
 * The log form comes pre-filled from what the plan knows: `/plan log` opens the week being marked
 * (else last week), with the run days marked Done and their distance in the plan's units; the
 * console then asks only what is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LOG_FORM_ID } from '../../src/conversation/action-ids.js';
import { createConversation, type Conversation } from '../../src/conversation/conversation.js';
import type { IntentActor } from '../../src/conversation/intents.js';
import type { FormView, View } from '../../src/conversation/views.js';
import { createLogger } from '../../src/log.js';
import { consoleTranscript } from '../support/console-transcript.js';
import { MARATHON_FIELDS, startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;
let core: Conversation;

beforeAll(async () => {
  // Wednesday of week 1 of a plan that starts Monday 2026-11-30.
  s = await startTestService({ now: '2026-12-02T12:00:00Z' });
  core = createConversation({ plans: s.plans, logger: createLogger('silent'), clock: s.clock });
});

afterAll(async () => {
  await s.close();
});

async function activePlan(actor: IntentActor, units: 'mi' | 'km') {
  s.clock.set('2026-11-25T12:00:00Z');
  const preview = await s.plans.createPreview({ owner: actor.identity, fields: { ...MARATHON_FIELDS, units } });
  const plan = await s.plans.confirmPlan(actor.identity, preview.id);
  s.clock.set('2026-12-02T12:00:00Z');
  return plan;
}

function formOf(views: readonly View[]): FormView {
  const form = views.find((v): v is FormView => v.kind === 'form');
  if (!form) throw new Error(`no form in ${JSON.stringify(views)}`);
  return form;
}

const command = (actor: IntentActor, raw: string, positional: string[] = []) =>
  core.handle({ kind: 'command', actor, command: { name: 'log', args: {}, positional, raw } });

describe('the log form, pre-filled', () => {
  it('opens the week being marked with its Done days and their distance in km; the console asks only the rest', async () => {
    const actor: IntentActor = { identity: 'console:local:marker', timezone: 'Europe/Berlin', origin: { kind: 'dm' } };
    const plan = await activePlan(actor, 'km');
    // Week 1 runs Tue, Wed, Thu, Sat, Sun: Tuesday done, Wednesday skipped.
    await s.plans.markDay(actor.identity, plan.id, 1, 2, 'done');
    await s.plans.markDay(actor.identity, plan.id, 1, 3, 'skipped');
    const marked = await s.plans.getPlan(actor.identity, plan.id);
    const tuesday = marked.weeks[0]?.execution?.totalMiles ?? 0;
    const km = String(Number((tuesday / 0.621371).toFixed(1)));

    const form = formOf(await command(actor, '/plan log'));
    expect(form).toMatchObject({ formId: LOG_FORM_ID, title: 'Log week 1', values: { week: '1', completedDays: '1', miles: km } });
    expect(form.fields.find((f) => f.id === 'miles')?.label).toBe('Kilometres run');

    // In the console: the week and the marked days are kept, and only the pace and notes are asked.
    const printed = await consoleTranscript({
      handle: (intent) => core.handle(intent),
      actor,
      clock: s.clock,
      lines: ['/plan log', '5:20', 'legs fresh', '/plan week 1'],
    });
    expect(printed).toContain(`Week: 1 (kept)\nRun days completed: 1 (kept)\nKilometres run: ${km} (kept)\nAverage pace`);
    expect(printed).not.toMatch(/^Week \(required/m);
    expect(printed).toContain(`Logged week 1: 1 run days, ${km} km.`);
    const logged = (await s.plans.getPlan(actor.identity, plan.id)).weeks[0]?.execution;
    expect(logged).toMatchObject({ completedDays: 1, averagePace: expect.stringMatching(/^8:3\d$/), notes: 'legs fresh' });
  });

  it('without marks this week, opens last week with only the week filled; /plan log N opens week N', async () => {
    const actor: IntentActor = { identity: 'console:local:unmarked', timezone: 'Europe/Berlin', origin: { kind: 'dm' } };
    const plan = await activePlan(actor, 'mi');
    const form = formOf(await command(actor, '/plan log'));
    // Week 1 is the plan's first: "last week" is clamped to it.
    expect(form.values).toEqual({ week: '1' });
    await s.plans.markDay(actor.identity, plan.id, 1, 4, 'done');
    expect(formOf(await command(actor, '/plan log 1', ['1'])).values).toMatchObject({ week: '1', completedDays: '1' });
  });

  it('takes a distance with its unit: "20 mi" on a km form is stored as 20 miles, "32 km" as 32 km', async () => {
    const actor: IntentActor = { identity: 'console:local:units', timezone: 'Europe/Berlin', origin: { kind: 'dm' } };
    const plan = await activePlan(actor, 'km');
    const send = (miles: string) =>
      core.handle({ kind: 'form', actor, formId: LOG_FORM_ID, planId: plan.id, values: { week: '1', completedDays: '3', miles } });
    expect((await send('20 mi')).map((v) => (v.kind === 'message' ? v.summary : v.kind)).join(' ')).toContain('Logged week 1');
    expect((await s.plans.getPlan(actor.identity, plan.id)).weeks[0]?.execution?.totalMiles).toBe(20);
    await send('32 km');
    expect((await s.plans.getPlan(actor.identity, plan.id)).weeks[0]?.execution?.totalMiles).toBeCloseTo(19.88, 2);
    const refused = await send('32 parsecs');
    expect(JSON.stringify(refused)).toContain('use a number of kilometres');
    expect((await s.plans.getPlan(actor.identity, plan.id)).weeks[0]?.execution?.totalMiles).toBeCloseTo(19.88, 2);
  });
});
