/**
 * The conversation core driven by intents, end to end against the real store and engine: what a
 * user of any surface sees, view by view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY_DONE_ACTION,
  DAY_SKIPPED_ACTION,
  DRAFT_FORM_ID,
  LOG_FORM_ID,
  PLAN_CANCEL_ACTION,
  PLAN_CONFIRM_ACTION,
  PLAN_EDIT_DRAFT_ACTION,
  PLAN_KEEP_GOAL_ACTION,
  PLAN_REGENERATE_ACTION,
  PLAN_TRAIN_PREDICTED_ACTION,
  SETTINGS_FORM_ID,
  WEEK_LOG_ACTION,
} from '../../src/conversation/action-ids.js';
import { parseCommandText } from '../../src/conversation/command-parser.js';
import { createConversation, type Conversation } from '../../src/conversation/conversation.js';
import type { Intent, IntentActor } from '../../src/conversation/intents.js';
import type { FormView, MessageView, View, ViewButton } from '../../src/conversation/views.js';
import { createLogger } from '../../src/log.js';
import { startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;
let core: Conversation;
const errors: string[] = [];

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  const logger = createLogger('error', { write: (line: string) => errors.push(line) });
  core = createConversation({ plans: s.plans, logger, clock: s.clock });
});

afterAll(async () => {
  await s.close();
});

const ANA: IntentActor = { identity: 'slack:T1:ANA', timezone: 'Europe/Berlin', origin: { kind: 'dm' } };
const BEN: IntentActor = { identity: 'slack:T1:BEN', timezone: 'America/New_York', origin: { kind: 'channel', channelId: 'C1' } };

const command = (actor: IntentActor, text: string): Intent => ({ kind: 'command', actor, command: parseCommandText(text) });

function only<T extends View['kind']>(views: View[], kind: T): Extract<View, { kind: T }> {
  expect(views.map((v) => v.kind)).toContain(kind);
  return views.find((v) => v.kind === kind) as Extract<View, { kind: T }>;
}

function buttons(view: View): ViewButton[] {
  if (view.kind !== 'message') return [];
  return view.blocks.flatMap((b) =>
    b.type === 'buttons' ? [...b.buttons] : b.type === 'week' ? b.rows.flatMap((r) => [...r.buttons]) : [],
  );
}

function text(view: View): string {
  return JSON.stringify(view);
}

function press(actor: IntentActor, button: ViewButton | undefined): Intent {
  if (!button) throw new Error('no such button');
  return { kind: 'button', actor, actionId: button.actionId, planId: button.planId, value: button.value };
}

const FORM_VALUES = {
  raceName: 'Berlin Marathon',
  distance: 'marathon',
  raceDate: '2027-04-18',
  goal: '3:30:00',
  fiveK: '22:30',
  mileage: 'twenty',
  days: '2,3,4,6,7',
  startDate: '2026-11-30',
  units: 'km',
  delivery: 'dm',
};

describe('the whole flow, as a user of any surface sees it', () => {
  it('new → form errors → preview → regenerate → confirm → week 2 → log → week 3 adapts → export → cancel', async () => {
    const form = only(await core.handle(command(ANA, '/plan')), 'form');
    expect(form.formId).toBe(DRAFT_FORM_ID);
    // Units first: every later number is asked in them.
    expect(form.fields.map((f) => f.id)).toEqual([
      'units',
      'raceName',
      'distance',
      'raceDate',
      'goal',
      'fiveK',
      'mileage',
      'recentLong',
      'days',
      'longDay',
      'startDate',
      'delivery',
    ]);

    const withErrors = only(
      await core.handle({ kind: 'form', actor: ANA, formId: DRAFT_FORM_ID, planId: null, values: FORM_VALUES }),
      'form',
    );
    expect(Object.keys(withErrors.errors)).toEqual(['mileage']);
    expect(withErrors.errors.mileage).toMatch(/not a number/);
    expect(withErrors.values.raceName).toBe('Berlin Marathon');
    // What was entered is kept: the draft is saved and the form carries its id.
    expect(withErrors.planId).not.toBeNull();
    expect((await s.plans.getPlan(ANA.identity, withErrors.planId ?? '')).draft.raceName).toBe('Berlin Marathon');

    const preview = only(
      await core.handle({ kind: 'form', actor: ANA, formId: DRAFT_FORM_ID, planId: withErrors.planId, values: { mileage: '30' } }),
      'message',
    );
    expect(buttons(preview)[0]?.planId).toBe(withErrors.planId);
    expect(text(preview)).toContain('Your plan: Berlin Marathon');
    expect(text(preview)).toContain(' km');
    expect(buttons(preview).map((b) => b.label)).toEqual(['Confirm', 'Regenerate', 'Cancel', 'Edit']);

    const regenerated = await core.handle(
      press(
        ANA,
        buttons(preview).find((b) => b.actionId === PLAN_REGENERATE_ACTION),
      ),
    );
    expect(regenerated).toHaveLength(2);
    const [replaced, fresh] = regenerated as [MessageView, MessageView];
    expect(replaced.replacesSource).toBe(true);
    expect(replaced.blocks.at(-1)).toEqual({ type: 'outcome', text: 'Replaced by a new version below.' });
    expect(buttons(replaced)).toEqual([]);

    const confirmed = await core.handle(
      press(
        ANA,
        buttons(fresh).find((b) => b.actionId === PLAN_CONFIRM_ACTION),
      ),
    );
    const [outcome, week1] = confirmed as [MessageView, MessageView];
    expect(outcome.blocks.at(-1)).toEqual({
      type: 'outcome',
      text: 'Confirmed. Week 1 starts 30 Nov 2026. Week 2 arrives 6 Dec 2026, 18:00 Europe/Berlin.',
    });
    expect(text(week1)).toContain('Week 1 of 20');
    expect(buttons(week1).some((b) => b.actionId === DAY_DONE_ACTION)).toBe(true);

    // Pressed again (a double click): the plan stays as it is and says so.
    const again = await core.handle(
      press(
        ANA,
        buttons(fresh).find((b) => b.actionId === PLAN_CONFIRM_ACTION),
      ),
    );
    expect(again).toHaveLength(1);
    expect((again[0] as MessageView).blocks.at(-1)).toEqual({ type: 'outcome', text: 'Already confirmed.' });

    s.clock.set('2026-12-07T09:00:00Z');
    const week2 = only(await core.handle(command(ANA, '/plan week')), 'message');
    expect(text(week2)).toContain('Week 2 of 20');
    const done = buttons(week2).filter((b) => b.actionId === DAY_DONE_ACTION);
    const skipped = buttons(week2).filter((b) => b.actionId === DAY_SKIPPED_ACTION);
    const marked = only(await core.handle(press(ANA, done[0])), 'message');
    expect(marked.replacesSource).toBe(true);
    await core.handle(press(ANA, skipped[1]));
    await core.handle(press(ANA, skipped[2]));
    const status = only(await core.handle(command(ANA, '/plan status')), 'message');
    expect(text(status)).toContain('Weeks logged');

    const logForm = only(
      await core.handle(
        press(
          ANA,
          buttons(week2).find((b) => b.actionId === WEEK_LOG_ACTION),
        ),
      ),
      'form',
    );
    expect(logForm).toMatchObject({ formId: LOG_FORM_ID, values: { week: '2' } });
    const badLog = only(
      await core.handle({
        kind: 'form',
        actor: ANA,
        formId: LOG_FORM_ID,
        planId: logForm.planId,
        values: { week: '2', completedDays: '1', miles: 'lots' },
      }),
      'form',
    );
    // The plan is in km: the log form asks in km and stores miles.
    expect(logForm.fields.find((f) => f.id === 'miles')?.label).toBe('Kilometres run');
    expect(badLog.errors).toEqual({ miles: 'use a number of kilometres, 0–480' });
    const logged = only(
      await core.handle({
        kind: 'form',
        actor: ANA,
        formId: LOG_FORM_ID,
        planId: logForm.planId,
        values: { week: '2', completedDays: '1', miles: '4' },
      }),
      'message',
    );
    expect(text(logged)).toContain('Logged week 2: 1 run days, 4 km');
    expect((await s.plans.currentPlan(ANA.identity))?.weeks[1]?.execution).toMatchObject({ completedDays: 1, totalMiles: 2.49 });

    s.clock.set('2026-12-14T09:00:00Z');
    await core.handle(command(ANA, '/plan week'));
    const plan = await s.plans.currentPlan(ANA.identity);
    expect(plan?.weeks).toHaveLength(3);
    expect(plan?.weeks[2]?.miles).toBeLessThanOrEqual(Math.max(1.1 * 2.49 + 2, 10) + 1e-9);

    const file = only(await core.handle(command(ANA, '/plan export')), 'file');
    expect(file.filename).toBe('gofast-berlin-marathon.ics');
    expect(file.content).toContain('BEGIN:VCALENDAR');

    const cancelled = only(await core.handle(command(ANA, '/plan cancel')), 'message');
    expect(text(cancelled)).toContain('Plan cancelled (Berlin Marathon)');
    expect(text(only(await core.handle(command(ANA, '/plan status')), 'message'))).toContain('You have no plan yet');
    s.clock.set('2026-11-25T12:00:00Z');
  });

  it('the one-line shortcut previews at once, and its errors re-open the form pre-filled', async () => {
    const bad = only(
      await core.handle(
        command(BEN, '/plan new distance=half race-date=2027-03-14 goal=1:45:00 five-k=22:00 mileage=3 race="Lisbon Half"'),
      ),
      'form',
    );
    expect(bad.values).toMatchObject({ distance: 'half', raceName: 'Lisbon Half', mileage: '3' });
    expect(bad.errors.mileage).toMatch(/build to 5 miles a week first/);
    const good = only(
      await core.handle(
        command(
          BEN,
          '/plan new distance=half race-date=2027-03-14 goal=1:45:00 five-k=22:00 mileage=20 race="Lisbon Half" start=2026-11-30',
        ),
      ),
      'message',
    );
    expect(text(good)).toContain('Lisbon Half');
    expect(text(only(await core.handle(command(BEN, '/plan new colour=red')), 'message'))).toContain(`I don't know \\"colour\\"`);
  });
});

describe('forms in steps (platforms with small modals)', () => {
  it('keeps step 1 in a saved draft, re-opens it by button, and previews when step 2 completes it', async () => {
    const owner: IntentActor = { identity: 'discord:G1:STEP', timezone: 'UTC', origin: { kind: 'dm' } };
    const step1 = { raceName: 'Riga Half', distance: 'half', raceDate: '2027-03-14', goal: '1:50:00', fiveK: '24:00' };
    const partial = only(await core.handle({ kind: 'form', actor: owner, formId: DRAFT_FORM_ID, planId: null, values: step1 }), 'form');
    expect(partial.errors).toEqual({ mileage: expect.stringMatching(/^missing/) });
    const reopened = only(
      await core.handle({ kind: 'button', actor: owner, actionId: PLAN_EDIT_DRAFT_ACTION, planId: partial.planId ?? '', value: null }),
      'form',
    );
    expect(reopened.values).toMatchObject(step1);
    const done = only(
      await core.handle({
        kind: 'form',
        actor: owner,
        formId: DRAFT_FORM_ID,
        planId: partial.planId,
        values: { mileage: '22', days: '2,4,6,7', startDate: '2026-11-30' },
      }),
      'message',
    );
    expect(text(done)).toContain('Your plan: Riga Half');
    expect(await s.plans.listPlans({ owner: owner.identity })).toHaveLength(1);
  });
});

describe('a goal far ahead of the 5K (C-goal)', () => {
  const DEE: IntentActor = { identity: 'slack:T1:DEE', timezone: 'UTC', origin: { kind: 'dm' } };
  const FAST =
    '/plan new distance=marathon race-date=2027-04-18 goal=3:05:00 five-k=22:30 mileage=30 days=2,3,4,6,7 start=2026-11-30 race="Dee Marathon"';

  it('asks to keep the goal or train for the predicted time before it can be confirmed', async () => {
    const preview = only(await core.handle(command(DEE, FAST)), 'message');
    expect(buttons(preview).map((b) => b.label)).toEqual(['Keep my goal', 'Train for 3:34:42', 'Regenerate', 'Cancel', 'Edit']);
    expect(text(preview)).toContain('Goal 3:05:00 · predicted 3:34:42 (VDOT 43.4)');
    expect(text(preview)).toContain('Your goal 3:05:00 is 13.8% faster than the 3:34:42 your 5K predicts');
    expect(text(preview)).toContain('Choose below: keep your goal of 3:05:00');
    const keep = buttons(preview).find((b) => b.actionId === PLAN_KEEP_GOAL_ACTION);
    const train = buttons(preview).find((b) => b.actionId === PLAN_TRAIN_PREDICTED_ACTION);
    const planId = train?.planId ?? '';

    // Only the owner chooses.
    const refused = only(await core.handle(press(BEN, train)), 'message');
    expect(refused.ephemeral).toBe(true);
    expect(text(refused)).toContain('That plan belongs to someone else');
    expect((await s.plans.getPlan(DEE.identity, planId)).draft.goal).toBe('3:05:00');

    // Keeping the goal swaps the choice for Confirm, in the same message, and changes nothing stored.
    const kept = await core.handle(press(DEE, keep));
    expect(kept).toHaveLength(1);
    const [keptView] = kept as [MessageView];
    expect(keptView.replacesSource).toBe(true);
    expect(buttons(keptView).map((b) => b.label)).toEqual(['Confirm', 'Regenerate', 'Cancel', 'Edit']);
    expect(text(keptView)).toContain('You kept your goal of 3:05:00. Race-pace runs use 7:56/mi');
    expect((await s.plans.getPlan(DEE.identity, planId)).draft.goal).toBe('3:05:00');

    // Training for the predicted time makes it the goal and previews again.
    const trained = await core.handle(press(DEE, train));
    expect(trained).toHaveLength(2);
    const [old, fresh] = trained as [MessageView, MessageView];
    expect(old.replacesSource).toBe(true);
    expect(old.blocks.at(-1)).toEqual({ type: 'outcome', text: 'Training for 3:34:42 instead: the new preview is below.' });
    expect(text(fresh)).toContain('Goal 3:34:42 · predicted 3:34:42 (VDOT 43.4)');
    expect(buttons(fresh).map((b) => b.label)).toEqual(['Confirm', 'Regenerate', 'Cancel', 'Edit']);
    const plan = await s.plans.getPlan(DEE.identity, planId);
    expect(plan).toMatchObject({ status: 'preview', draft: { goal: '3:34:42' }, inputs: { goalTimeSeconds: 12_882 } });
    expect(plan.history.map((h) => h.reason)).toContain('draft edited');

    // The old buttons, pressed again, say the choice is made.
    const stale = only(await core.handle(press(DEE, keep)), 'message');
    expect(stale.ephemeral).toBe(true);
    expect(text(stale)).toContain('That choice is made: your goal is 3:34:42 now.');

    await core.handle(
      press(
        DEE,
        buttons(fresh).find((b) => b.actionId === PLAN_CONFIRM_ACTION),
      ),
    );
    expect((await s.plans.getPlan(DEE.identity, planId)).status).toBe('active');
    const closed = only(await core.handle(press(DEE, train)), 'message');
    expect(text(closed)).toContain('That choice is closed: your plan is active.');
    await core.handle(command(DEE, '/plan cancel'));
  });
});

describe('owners, states and mistakes', () => {
  it('refuses a stranger’s click politely and changes nothing', async () => {
    const preview = only(
      await core.handle(command(ANA, '/plan new distance=10k race-date=2027-02-21 goal=48:00 five-k=22:30 mileage=20 start=2026-11-30')),
      'message',
    );
    const confirm = buttons(preview).find((b) => b.actionId === PLAN_CONFIRM_ACTION);
    const refused = only(await core.handle(press(BEN, confirm)), 'message');
    expect(refused.ephemeral).toBe(true);
    expect(text(refused)).toContain('That plan belongs to someone else');
    expect((await s.plans.getPlan(ANA.identity, confirm?.planId ?? '')).status).toBe('preview');
    const cancel = await core.handle(
      press(
        ANA,
        buttons(preview).find((b) => b.actionId === PLAN_CANCEL_ACTION),
      ),
    );
    expect((cancel[0] as MessageView).blocks.at(-1)).toMatchObject({ type: 'outcome', text: expect.stringContaining('Cancelled') });
  });

  it('answers unknown input with help, and state mistakes with one clear line', async () => {
    const help = only(await core.handle(command(ANA, '/plan dance')), 'message');
    expect(text(help)).toContain(`I don't know \\"/plan dance\\"`);
    expect(text(help)).toContain('/plan status');
    const noPlan = only(await core.handle(command({ ...ANA, identity: 'slack:T1:NEW' }, '/plan week')), 'message');
    expect(text(noPlan)).toContain('You have no plan yet. Start one with /plan.');
    expect(text(only(await core.handle(command(ANA, '/plan week x')), 'message'))).toBeDefined();
  });

  it('saves settings and moves the next due time', async () => {
    const owner: IntentActor = { identity: 'discord:G1:CAT', timezone: null, origin: { kind: 'dm' } };
    const preview = only(
      await core.handle(command(owner, '/plan new distance=5k race-date=2027-01-30 goal=24:00 five-k=25:00 mileage=15 start=2026-11-30')),
      'message',
    );
    await core.handle(
      press(
        owner,
        buttons(preview).find((b) => b.actionId === PLAN_CONFIRM_ACTION),
      ),
    );
    const form = only(await core.handle(command(owner, '/plan settings')), 'form') as FormView;
    expect(form.values).toMatchObject({ timezone: 'UTC', postingDay: '7', postingHour: '18' });
    const bad = only(
      await core.handle({ kind: 'form', actor: owner, formId: SETTINGS_FORM_ID, planId: form.planId, values: { timezone: 'Mars/Base' } }),
      'form',
    );
    expect(bad.errors.timezone).toMatch(/not a time zone/);
    const saved = only(
      await core.handle({
        kind: 'form',
        actor: owner,
        formId: SETTINGS_FORM_ID,
        planId: form.planId,
        values: { timezone: 'Europe/Berlin', postingDay: '6', postingHour: '9' },
      }),
      'message',
    );
    expect(text(saved)).toContain('posted on Saturdays at 09:00 Europe/Berlin');
    const plan = await s.plans.currentPlan(owner.identity);
    // Saturday 2026-12-05 09:00 in Berlin (UTC+1).
    expect(plan?.nextWeekDueAt?.toISOString()).toBe('2026-12-05T08:00:00.000Z');
  });

  it('logs an internal failure once, with context, and shows an apology with a reference', async () => {
    const failing = createConversation({
      plans: {
        ...s.plans,
        currentPlan: async () => {
          throw new Error('database on fire');
        },
      },
      logger: createLogger('error', { write: (line: string) => errors.push(line) }),
      clock: s.clock,
    });
    const views = await failing.handle(command(ANA, '/plan status'));
    const apology = text(views[0] as View);
    const ref = /ref ([0-9a-f]{8})/.exec(apology)?.[1];
    expect(ref).toBeDefined();
    const logged = errors.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.ref === ref);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ msg: 'intent failed', intent: 'command', command: 'status', user: ANA.identity });
    expect(apology).not.toContain('database on fire');
  });
});
