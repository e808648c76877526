/**
 * The preview's Regenerate and Edit, and the daily reminder's buttons, through the core as every
 * surface reaches it: Regenerate gives another take until there are none (then one sentence, and
 * the preview stays); Edit opens the draft form with the plan's values, and sending it previews the
 * edited inputs on the same plan; Done on a reminder marks that day and answers with the reminder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY_DONE_ACTION,
  DAY_SKIPPED_ACTION,
  DRAFT_FORM_ID,
  PLAN_CONFIRM_ACTION,
  PLAN_EDIT_DRAFT_ACTION,
  PLAN_REGENERATE_ACTION,
} from '../../src/conversation/action-ids.js';
import { buttonOpensForm } from '../../src/conversation/button-actions.js';
import { createConversation, type Conversation } from '../../src/conversation/conversation.js';
import type { IntentActor } from '../../src/conversation/intents.js';
import { reminderView } from '../../src/conversation/plan-views.js';
import type { FormView, MessageView, View, ViewButton } from '../../src/conversation/views.js';
import { parsePlanInputs } from '../../src/domain/plan-inputs.js';
import { validatePlan } from '../../src/domain/validator.js';
import { previewTakes } from '../../src/engine/rules/rules-engine.js';
import { createLogger } from '../../src/log.js';
import { startTestService, type TestService } from '../support/plan-service.js';
import { buttonsOf as buttons, commandIntent as command, pressIntent as press } from '../support/intents.js';

let s: TestService;
let core: Conversation;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  core = createConversation({ plans: s.plans, logger: createLogger('silent'), clock: s.clock });
});

afterAll(async () => {
  await s.close();
});

const actorOf = (user: string): IntentActor => ({ identity: `slack:T1:${user}`, timezone: 'Europe/Berlin', origin: { kind: 'dm' } });
const button = (views: View[], actionId: string): ViewButton => {
  const found = buttons(views).find((b) => b.actionId === actionId);
  expect(found, `${actionId} in ${JSON.stringify(views)}`).toBeDefined();
  return found as ViewButton;
};
const texts = (views: View[]): string =>
  views
    .flatMap((v) => (v.kind === 'message' ? v.blocks.flatMap((b) => (b.type === 'text' || b.type === 'outcome' ? [b.text] : [])) : []))
    .join('\n');
/** Week 1 as the preview shows it, row by row. */
const week1 = (view: View | undefined): string =>
  JSON.stringify(view?.kind === 'message' ? view.blocks.filter((b) => b.type === 'week' || b.type === 'text') : view);

// A half marathon on four days: a handful of takes (the quality day, the strides day, hills or fartlek).
const SHORTCUT =
  '/plan new distance=half race-date=2027-03-21 start=2026-11-30 goal=1:45:00 five-k=23:00 mileage=20 days=2,4,6,7 race="Rome Half"';

describe('Regenerate', () => {
  it('gives another valid take each time until there are none, then says so and keeps the preview', async () => {
    const ana = actorOf('TAKES');
    let views = await core.handle(command(ana, SHORTCUT));
    const planId = button(views, PLAN_CONFIRM_ACTION).planId;
    const first = await s.plans.getPlan(ana.identity, planId);
    if (!first.inputs) throw new Error('a preview has inputs');
    const count = previewTakes(first.inputs).length;
    expect(count).toBeGreaterThanOrEqual(3);

    const seen = [week1(views[0])];
    for (let take = 1; take < count; take += 1) {
      views = await core.handle(press(ana, button(views, PLAN_REGENERATE_ACTION)));
      expect(texts(views)).toContain('Replaced by a new version below.');
      const fresh = views[1];
      // Every take differs from every one before it, and holds PLAN-RULES.
      expect(seen).not.toContain(week1(fresh));
      seen.push(week1(fresh));
      const plan = await s.plans.getPlan(ana.identity, planId);
      expect(plan.variant).toBe(take);
      if (!plan.inputs || !plan.preview) throw new Error('a preview');
      expect(validatePlan({ inputs: plan.inputs, phases: plan.preview.phases, weeks: [plan.preview.week] })).toEqual([]);
      views = [fresh as View];
    }

    const before = await s.plans.getPlan(ana.identity, planId);
    const out = await core.handle(press(ana, button(views, PLAN_REGENERATE_ACTION)));
    expect(out).toHaveLength(1);
    expect(texts(out)).toBe("That's every take I have for these inputs; Edit changes them.");
    expect((out[0] as MessageView).ephemeral).toBe(true);
    // The command says the same, and nothing changed.
    expect(texts(await core.handle(command(ana, '/plan regenerate')))).toBe(
      "That's every take I have for these inputs; Edit changes them.",
    );
    const after = await s.plans.getPlan(ana.identity, planId);
    expect(after).toMatchObject({ revision: before.revision, variant: count - 1, status: 'preview' });
    expect(after.preview).toEqual(before.preview);
  });
});

describe('Edit on a preview', () => {
  it('opens the draft form with the plan’s values; sending it previews the edited inputs on the same plan', async () => {
    const ben = actorOf('EDIT');
    const preview = await core.handle(command(ben, SHORTCUT));
    const planId = button(preview, PLAN_CONFIRM_ACTION).planId;
    // A take past the first, so the edit's fresh start shows.
    await core.handle(press(ben, button(preview, PLAN_REGENERATE_ACTION)));

    const edit = button(preview, PLAN_EDIT_DRAFT_ACTION);
    expect(edit.label).toBe('Edit');
    // Slack and Discord open a modal for it, as for the draft's own Continue / Fix.
    expect(buttonOpensForm(edit.actionId)).toBe(true);
    const [form] = (await core.handle(press(ben, edit))) as [FormView];
    expect(form).toMatchObject({ kind: 'form', formId: DRAFT_FORM_ID, planId, errors: {} });
    expect(form.values).toMatchObject({ distance: 'half', raceDate: '2027-03-21', goal: '1:45:00', mileage: '20', days: '2,4,6,7' });
    // Opening the form changes nothing: the preview stands until the form is sent.
    expect((await s.plans.getPlan(ben.identity, planId)).status).toBe('preview');

    const sent = await core.handle({ kind: 'form', actor: ben, formId: DRAFT_FORM_ID, planId, values: { ...form.values, mileage: '25' } });
    expect(sent).toHaveLength(1);
    expect(button(sent, PLAN_CONFIRM_ACTION).planId).toBe(planId);
    const edited = await s.plans.getPlan(ben.identity, planId);
    expect(edited).toMatchObject({ status: 'preview', variant: 0 });
    expect(edited.inputs?.weeklyMileage).toBe(25);
    // The edited inputs' first take; the old preview is kept in history.
    const inputs = parsePlanInputs(edited.draft, '2026-11-25').inputs;
    expect(edited.preview?.week).toEqual(previewTakes(inputs)[0]?.week);
    expect(edited.history.map((h) => h.reason)).toEqual(['regenerated', 'draft edited']);
    // One plan, not a second one.
    expect((await s.plans.listPlans({ owner: ben.identity })).map((p) => p.id)).toEqual([planId]);
  });

  it('on a confirmed plan says so instead of opening a form', async () => {
    const cy = actorOf('EDIT-LATE');
    const preview = await core.handle(command(cy, SHORTCUT));
    await core.handle(press(cy, button(preview, PLAN_CONFIRM_ACTION)));
    const late = await core.handle(press(cy, button(preview, PLAN_EDIT_DRAFT_ACTION)));
    expect(texts(late)).toContain('That plan is active now; /plan status shows it.');
  });
});

describe('the daily reminder’s buttons', () => {
  it('mark that day, as the week’s buttons do, and answer with the reminder marked', async () => {
    const dee = actorOf('REMIND');
    const preview = await core.handle(command(dee, SHORTCUT));
    const planId = button(preview, PLAN_CONFIRM_ACTION).planId;
    await core.handle(press(dee, button(preview, PLAN_CONFIRM_ACTION)));
    const plan = await s.plans.getPlan(dee.identity, planId);
    const run = plan.weeks[0]?.days.find((d) => d.type !== 'rest');
    if (!run) throw new Error('week 1 has a run');
    const reminder = reminderView(plan, run.date);
    const done = await core.handle(press(dee, button([reminder], DAY_DONE_ACTION)));
    expect(done).toHaveLength(1);
    expect((done[0] as MessageView).replacesSource).toBe(true);
    expect(texts(done)).toContain('Marked done.');
    expect(texts(done)).toMatch(/^Today, \w{3} \d{1,2} \w{3}: /);
    const marked = await s.plans.getPlan(dee.identity, planId);
    expect(marked.weeks[0]?.execution?.days).toEqual([{ dayNumber: run.dayNumber, status: 'done' }]);
    // Skipped afterwards changes the mark; the week view shows the same mark.
    await core.handle(press(dee, button(done, DAY_SKIPPED_ACTION)));
    const skipped = await s.plans.getPlan(dee.identity, planId);
    expect(skipped.weeks[0]?.execution?.days).toEqual([{ dayNumber: run.dayNumber, status: 'skipped' }]);
  });
});
