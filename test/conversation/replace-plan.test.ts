/**
 * `/plan new` while a plan is active asks first: Keep changes nothing, Replace goes on with the new
 * plan, and the old one is cancelled only when the new one is confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_CONFIRM_ACTION, PLAN_KEEP_ACTION, PLAN_REPLACE_ACTION } from '../../src/conversation/action-ids.js';
import { createConversation, type Conversation } from '../../src/conversation/conversation.js';
import type { IntentActor } from '../../src/conversation/intents.js';
import type { View, ViewButton } from '../../src/conversation/views.js';
import { createLogger } from '../../src/log.js';
import { MARATHON_FIELDS, startTestService, type TestService } from '../support/plan-service.js';
import { buttonsOf as buttons, commandIntent as command, pressIntent as press, textOf as text } from '../support/intents.js';

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
  expect(found, `${actionId} in ${text(views)}`).toBeDefined();
  return found as ViewButton;
};

const SHORTCUT = '/plan new distance=half race-date=2027-03-21 goal=1:45:00 five-k=23:00 mileage=20 days=2,4,6,7 race="Rome Half"';

async function activePlan(actor: IntentActor) {
  const preview = await s.plans.createPreview({ owner: actor.identity, fields: MARATHON_FIELDS });
  return s.plans.confirmPlan(actor.identity, preview.id);
}

const active = async (actor: IntentActor) => s.plans.listPlans({ owner: actor.identity, statuses: ['active'] });

describe('/plan new while a plan is active', () => {
  it('asks Replace / Keep, and Keep changes nothing', async () => {
    const ana = actorOf('KEEP');
    const old = await activePlan(ana);
    const asked = await core.handle(command(ana, SHORTCUT));
    expect(text(asked)).toContain('You already have an active plan: Boston Marathon on 18 Apr 2027. Replace it?');
    expect(buttons(asked).map((b) => b.label)).toEqual(['Replace', 'Keep']);
    const kept = await core.handle(press(ana, button(asked, PLAN_KEEP_ACTION)));
    expect(text(kept)).toContain('Kept Boston Marathon on 18 Apr 2027; nothing changed.');
    expect((await active(ana)).map((p) => p.id)).toEqual([old.id]);
    // The draft saved with the question is gone; status still shows the old plan.
    expect(await s.plans.listPlans({ owner: ana.identity, statuses: ['draft', 'preview'] })).toEqual([]);
    expect(text(await core.handle(command(ana, '/plan status')))).toContain('Plan status · Boston Marathon');
  });

  it('Replace with the shortcut previews; confirm cancels the old plan and status shows the new one', async () => {
    const ben = actorOf('REPLACE');
    const old = await activePlan(ben);
    const asked = await core.handle(command(ben, SHORTCUT));
    const preview = await core.handle(press(ben, button(asked, PLAN_REPLACE_ACTION)));
    expect(text(preview)).toContain('Confirming this plan replaces your active plan');
    // Until the confirm the old plan is active and is what status shows.
    expect((await active(ben)).map((p) => p.id)).toEqual([old.id]);
    const confirmed = await core.handle(press(ben, button(preview, PLAN_CONFIRM_ACTION)));
    expect(text(confirmed)).toContain('Your previous plan is cancelled.');
    const now = await active(ben);
    expect(now).toHaveLength(1);
    expect(now[0]?.inputs?.raceName).toBe('Rome Half');
    expect((await s.plans.getPlan(ben.identity, old.id)).status).toBe('cancelled');
    expect(text(await core.handle(command(ben, '/plan status')))).toContain('Plan status · Rome Half');
  });

  it('Replace on a blank /plan new opens the form of a draft that replaces the plan; abandoning it keeps the plan', async () => {
    const cleo = actorOf('BLANK');
    const old = await activePlan(cleo);
    const asked = await core.handle(command(cleo, '/plan new'));
    const replace = button(asked, PLAN_REPLACE_ACTION);
    const [form] = await core.handle(press(cleo, replace));
    expect(form).toMatchObject({ kind: 'form', planId: replace.planId, errors: {} });
    expect((await s.plans.getPlan(cleo.identity, replace.planId)).replacesPlanId).toBe(old.id);
    // Abandoned (never submitted): the old plan stays active and is what status shows.
    expect((await active(cleo)).map((p) => p.id)).toEqual([old.id]);
    expect((await s.plans.currentPlan(cleo.identity))?.id).toBe(old.id);
  });

  it('refuses Confirm on an older preview that did not ask to replace the active plan', async () => {
    const dan = actorOf('STALE');
    const stale = await s.plans.createPreview({ owner: dan.identity, fields: MARATHON_FIELDS });
    const old = await activePlan(dan);
    const views = await core.handle({ kind: 'button', actor: dan, actionId: PLAN_CONFIRM_ACTION, planId: stale.id, value: null });
    expect(text(views)).toContain(
      'You already have an active plan: Boston Marathon on 18 Apr 2027. To replace it, start again with /plan new.',
    );
    expect((await active(dan)).map((p) => p.id)).toEqual([old.id]);
  });

  it('does not ask without an active plan: a preview or draft is simply left beside the new one', async () => {
    const eve = actorOf('NOACTIVE');
    await s.plans.createPreview({ owner: eve.identity, fields: MARATHON_FIELDS });
    const views = await core.handle(command(eve, '/plan new'));
    expect(views[0]?.kind).toBe('form');
  });
});
