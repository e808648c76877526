/**
 * `/plan move`, `/plan cross` and `/plan settings long-day=…` through the real core: a refusal is
 * one sentence with the nearest legal move as a button that does it; a change to a posted week
 * edits its message where the platform can (here a recording stand-in for the posters) and is
 * otherwise told as the week again, with what changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DAY_MOVE_TO_ACTION } from '../../src/conversation/action-ids.js';
import { createConversation, type Conversation } from '../../src/conversation/conversation.js';
import type { IntentActor } from '../../src/conversation/intents.js';
import type { ViewButton } from '../../src/conversation/views.js';
import type { WeekMessages } from '../../src/conversation/week-messages.js';
import { validatePlan } from '../../src/domain/validator.js';
import { createLogger } from '../../src/log.js';
import { MARATHON_FIELDS, startTestService, type TestService } from '../support/plan-service.js';
import { buttonsOf as buttons, commandIntent as command, pressIntent as press, textOf as text } from '../support/intents.js';

let s: TestService;
let core: Conversation;
/** Week messages "edited": plan id and week, in order. */
const edited: string[] = [];
/** Plans whose weeks count as posted where the platform can edit. */
const editable = new Set<string>();

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  const weekMessages: WeekMessages = {
    edit: async (plan, weekNumber) => {
      if (!editable.has(plan.id)) return false;
      edited.push(`${plan.id}:${weekNumber}`);
      return true;
    },
  };
  core = createConversation({ plans: s.plans, logger: createLogger('silent'), clock: s.clock, weekMessages });
});

afterAll(async () => {
  await s.close();
});

const actorOf = (user: string): IntentActor => ({ identity: `slack:T1:${user}`, timezone: 'UTC', origin: { kind: 'dm' } });

async function planInWeekTwo(actor: IntentActor) {
  s.clock.set('2026-11-25T12:00:00Z');
  const preview = await s.plans.createPreview({ owner: actor.identity, fields: { ...MARATHON_FIELDS, longDay: 'sat' } });
  await s.plans.confirmPlan(actor.identity, preview.id);
  s.clock.set('2026-12-07T09:00:00Z');
  return (await s.plans.ensureWeek(actor.identity, preview.id, 2)).plan;
}

async function expectValid(planId: string, owner: string): Promise<void> {
  const plan = await s.plans.getPlan(owner, planId);
  if (!plan.inputs) throw new Error('no inputs');
  expect(validatePlan({ inputs: plan.inputs, phases: plan.phases, weeks: plan.weeks })).toEqual([]);
}

describe('/plan move', () => {
  it('refuses two key days together in one sentence, offering the nearest legal day as a button that does it', async () => {
    const ana = actorOf('MOVE1');
    const plan = await planInWeekTwo(ana);
    const refused = await core.handle(command(ana, '/plan move sat wed'));
    expect(refused).toHaveLength(1);
    expect(text(refused)).toContain("Saturday 2026-12-12's run cannot go to Wednesday 2026-12-09: it would put two key days");
    const [offer] = buttons(refused);
    expect(offer).toMatchObject({ actionId: DAY_MOVE_TO_ACTION, label: 'Move it to Thursday' });
    expect((await s.plans.getPlan(ana.identity, plan.id)).revision).toBe(plan.revision);

    // Week 2 was shown only as a reply: the change comes back as the week with what changed.
    const moved = await core.handle(press(ana, offer as ViewButton));
    expect(text(moved)).toContain("Moved Saturday's long run to Thursday");
    expect(text(moved)).toContain('Week 2 of');
    expect(text(moved)).toContain('Moved from Saturday.');
    const after = await s.plans.getPlan(ana.identity, plan.id);
    expect(after.weeks[1]?.days.find((d) => d.dayNumber === 4)?.type).toBe('long');
    await expectValid(plan.id, ana.identity);
  });

  it("edits the posted week's message where the platform can, and says so", async () => {
    const ana = actorOf('MOVE2');
    const plan = await planInWeekTwo(ana);
    editable.add(plan.id);
    const answer = await core.handle(command(ana, '/plan move saturday sunday'));
    expect(edited).toContain(`${plan.id}:2`);
    expect(text(answer)).toContain("Moved Saturday's long run to Sunday; its recovery run goes to Saturday. Week 2's message is updated.");
    await expectValid(plan.id, ana.identity);
  });

  it('says which day it needs, and what is not a day', async () => {
    const ana = actorOf('MOVE3');
    await planInWeekTwo(ana);
    expect(text(await core.handle(command(ana, '/plan move')))).toContain('Which run? /plan move sat sun');
    expect(text(await core.handle(command(ana, '/plan move funday')))).toContain('\\"funday\\" is not a day');
  });
});

describe('/plan cross and /plan settings long-day', () => {
  it('cross-trains a day and sets the long-run day of the weeks to come', async () => {
    const ana = actorOf('CROSS1');
    const plan = await planInWeekTwo(ana);
    const crossed = await core.handle(command(ana, '/plan cross thu bike'));
    expect(text(crossed)).toMatch(/Thursday is now \d+ min of bike at easy effort, counted as running minute for minute/);
    expect(text(crossed)).toMatch(/\d+ min bike at easy effort \(counts as [\d.]+ mi\)/);
    const saved = await core.handle(command(ana, '/plan settings long-day=sun'));
    expect(text(saved)).toContain('long runs of the weeks to come on Sundays');
    const refused = await core.handle(command(ana, '/plan settings long-day=mon'));
    expect(text(refused)).toContain('Monday is not one of your run days');
    await expectValid(plan.id, ana.identity);
  });
});
