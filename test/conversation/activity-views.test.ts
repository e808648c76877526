/**
 * What the athlete reads when runs log themselves (issue 21): one line per run in their units,
 * one message for a batch, and an Undo button that takes that run back off its day through the
 * conversation core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCustomId, encodeButtonId } from '../../src/adapters/discord/custom-ids.js';
import { ACTIVITY_UNDO_ACTION, parseUndoButtonValue, undoButtonValue } from '../../src/conversation/action-ids.js';
import { activitiesView } from '../../src/conversation/activity-views.js';
import { createConversation, type Conversation } from '../../src/conversation/conversation.js';
import type { IntentActor } from '../../src/conversation/intents.js';
import { activitySchema, type Activity } from '../../src/domain/activity.js';
import { METRES_PER_MILE } from '../../src/domain/paces.js';
import type { Day } from '../../src/domain/schemas.js';
import { createLogger } from '../../src/log.js';
import type { ActivityOutcome } from '../../src/plans/use-cases/record-activity.js';
import { buttonsOf, pressIntent, textOf } from '../support/intents.js';
import { MARATHON_FIELDS, startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;
let core: Conversation;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  core = createConversation({ plans: s.plans, logger: createLogger('error', { write: () => undefined }), clock: s.clock });
});

afterAll(async () => {
  await s.close();
});

const ZOE: IntentActor = { identity: 'slack:T1:ZOE', timezone: 'Europe/Berlin', origin: { kind: 'dm' } };

function runOn(day: Day, miles: number, secondsPerMile: number, sourceId: string, source: Activity['source'] = 'strava'): Activity {
  const moving = Math.round(miles * secondsPerMile);
  return activitySchema.parse({
    source,
    sourceId,
    sport: 'run',
    startLocal: `${day.date}T07:00:00`,
    startUtc: `${day.date}T06:00:00Z`,
    distanceMetres: miles * METRES_PER_MILE,
    movingSeconds: moving,
    elapsedSeconds: moving,
  });
}

async function zoePlan(units: 'mi' | 'km') {
  const preview = await s.plans.createPreview({
    owner: ZOE.identity,
    fields: { ...MARATHON_FIELDS, ...(units === 'km' ? { units: 'km', mileage: '48' } : {}) },
  });
  return s.plans.confirmPlan(ZOE.identity, preview.id);
}

describe('the message for runs that logged themselves', () => {
  it('reads one line per run, in the athlete’s units, with an Undo for each run logged', async () => {
    const plan = await zoePlan('mi');
    const [tue, wed] = plan.weeks[0]?.days.filter((d) => d.type !== 'rest') ?? [];
    if (!tue || !wed) throw new Error('no runs');
    const outcomes: ActivityOutcome[] = [];
    outcomes.push(await s.plans.recordActivity(ZOE.identity, plan.id, runOn(tue, 5.1, 552, '1001')));
    outcomes.push(await s.plans.recordActivity(ZOE.identity, plan.id, runOn(wed, 1, 552, '1002')));
    outcomes.push(await s.plans.recordActivity(ZOE.identity, plan.id, runOn(tue, 5.1, 552, '1001')));
    outcomes.push(await s.plans.recordActivity(ZOE.identity, plan.id, { ...runOn(wed, 10, 300, '1003'), sport: 'other' }));
    const view = activitiesView(outcomes);
    const lines = view.summary.split('\n');
    expect(lines[0]).toMatch(/^Logged: Tue [a-z -]+ 5\.1 mi @ 9:12\/mi — (on plan|shorter than planned|longer than planned)$/);
    expect(lines[1]).toBe('Logged: Wed easy 1 mi @ 9:12/mi — shorter than planned');
    expect(lines[2]).toMatch(/^Already logged: Tue /);
    expect(lines[3]).toBe('Not logged: Only runs are logged to your plan; that activity is not a run.');
    expect(buttonsOf([view]).map((b) => [b.label, b.value])).toEqual([
      ['Undo Tue', 's:1001'],
      ['Undo Wed', 's:1002'],
    ]);
  });

  it('reads kilometres for a km athlete', async () => {
    const plan = await zoePlan('km');
    const day = plan.weeks[0]?.days.find((d) => d.type !== 'rest');
    if (!day) throw new Error('no runs');
    const view = activitiesView([await s.plans.recordActivity(ZOE.identity, plan.id, runOn(day, 5, 552, 'km-1'))]);
    expect(view.summary).toMatch(/^Logged: Tue [a-z -]+ 8 km @ 5:43\/km — /);
    expect(buttonsOf([view]).map((b) => b.label)).toEqual(['Undo']);
  });

  it('Undo takes the run back off its day; pressed again, there is nothing left to undo', async () => {
    const plan = await zoePlan('mi');
    const day = plan.weeks[0]?.days.find((d) => d.type !== 'rest');
    if (!day) throw new Error('no runs');
    const sha = 'ab'.repeat(32);
    const view = activitiesView([await s.plans.recordActivity(ZOE.identity, plan.id, runOn(day, 5, 552, sha, 'file'))]);
    const [undo] = buttonsOf([view]);
    if (!undo) throw new Error('no Undo');
    expect(undo.actionId).toBe(ACTIVITY_UNDO_ACTION);
    // Discord's custom ids are the tightest: the button must go through and come back whole.
    expect(decodeCustomId(encodeButtonId(undo.actionId, undo.planId, undo.value))).toEqual({
      kind: 'button',
      actionId: ACTIVITY_UNDO_ACTION,
      planId: plan.id,
      value: undo.value,
    });

    const answer = await core.handle(pressIntent(ZOE, undo));
    expect(textOf(answer)).toContain('Undone: Tue');
    expect((await s.plans.getPlan(ZOE.identity, plan.id)).weeks[0]?.execution).toBeNull();

    const again = await core.handle(pressIntent(ZOE, undo));
    expect(textOf(again)).toContain('nothing to undo');
  });

  it('keeps an Undo value short enough for every surface and reads it back', () => {
    expect(undoButtonValue('strava', '12345678901')).toBe('s:12345678901');
    expect(parseUndoButtonValue(undoButtonValue('file', 'f'.repeat(64)))).toEqual({ source: 'file', idPrefix: 'f'.repeat(22) });
    expect(parseUndoButtonValue('x:1')).toBeUndefined();
  });
});
