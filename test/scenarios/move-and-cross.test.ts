/**
 * Issue 18, "Not today" and cross-training, over the real core and the embedded store: moving
 * Saturday's long run to Sunday; refusing a move that puts two key days together (and offering the
 * nearest legal day); cross-training a day and logging it; bad input; concurrent presses and a
 * stranger's press. Every scenario ends with every stored week passing PLAN-RULES v2 and the logs
 * kept.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createConversation } from '../../src/conversation/conversation.js';
import { reminderView } from '../../src/conversation/plan-views.js';
import { validatePlan } from '../../src/domain/validator.js';
import { createLogger } from '../../src/log.js';
import { ChangeRefusedError } from '../../src/plans/plan-errors.js';
import type { PlanRecord } from '../../src/plans/plan-record.js';
import { weekVersion } from '../../src/plans/use-cases/week-change.js';
import { ATHLETE, MARATHON_FIELDS, STRANGER, startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;
let owner = 0;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
});
afterAll(async () => {
  await s.close();
});

/** A confirmed plan (long runs on Saturday) with week 2 made, on Monday 7 December of week 2. */
async function planInWeekTwo(who = `${ATHLETE}${(owner += 1)}`): Promise<PlanRecord> {
  s.clock.set('2026-11-25T12:00:00Z');
  const preview = await s.plans.createPreview({ owner: who, fields: { ...MARATHON_FIELDS, longDay: 'sat' } });
  const plan = await s.plans.confirmPlan(who, preview.id);
  await s.plans.markDay(who, plan.id, 1, 2, 'done');
  s.clock.set('2026-12-07T09:00:00Z');
  return (await s.plans.ensureWeek(who, plan.id, 2)).plan;
}

function dayOf(plan: PlanRecord, weekNumber: number, dayNumber: number) {
  const day = plan.weeks[weekNumber - 1]?.days.find((d) => d.dayNumber === dayNumber);
  if (!day) throw new Error(`no day ${dayNumber} in week ${weekNumber}`);
  return day;
}

async function expectValidAndLogsKept(planId: string, who: string): Promise<PlanRecord> {
  const stored = await s.plans.getPlan(who, planId);
  if (!stored.inputs) throw new Error('no inputs');
  expect(validatePlan({ inputs: stored.inputs, phases: stored.phases, weeks: stored.weeks })).toEqual([]);
  // Week 1's Done on Tuesday is still there.
  expect(stored.weeks[0]?.execution?.days).toEqual([{ dayNumber: 2, status: 'done' }]);
  return stored;
}

describe('moving a day', () => {
  let plan: PlanRecord;
  let who: string;
  beforeEach(async () => {
    plan = await planInWeekTwo();
    who = plan.owner;
  });

  it("moves Saturday's long run to Sunday, and Sunday's run to Saturday", async () => {
    const before = plan.weeks[1];
    expect(dayOf(plan, 2, 6).type).toBe('long');
    const sunday = dayOf(plan, 2, 7);
    const moved = await s.plans.moveDay(who, plan.id, { from: 'Saturday', to: 'sun' });
    expect(moved).toMatchObject({ weekNumber: 2, from: 6, to: 7 });
    const long = dayOf(moved.plan, 2, 7);
    expect(long).toMatchObject({ type: 'long', date: '2026-12-13', dayOfWeek: 'Sunday', movedFrom: 6 });
    expect(dayOf(moved.plan, 2, 6)).toMatchObject({ type: sunday.type, date: '2026-12-12', movedFrom: 7 });
    expect(moved.plan.weeks[1]?.miles).toBe(before?.miles);
    await expectValidAndLogsKept(plan.id, who);
  });

  it('refuses a move that puts two key days together, and names the nearest day that works', async () => {
    // Tuesday holds the week's quality session: the long run on Wednesday would follow it.
    expect(['intervals', 'tempo']).toContain(dayOf(plan, 2, 2).type);
    const refused = await s.plans.moveDay(who, plan.id, { from: 'sat', to: 'wed' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChangeRefusedError);
    const error = refused as ChangeRefusedError;
    expect(error.message).toMatch(/two key days .* back to back/);
    expect(error.nearest).toBeDefined();
    expect(error.message).toContain(`nearest day that works is ${dayOf(plan, 2, error.nearest?.to ?? 0).dayOfWeek}`);
    const unchanged = await s.plans.getPlan(who, plan.id);
    expect(unchanged.revision).toBe(plan.revision);
    // The offered move is legal.
    const offered = await s.plans.moveDay(who, plan.id, { from: 'sat', to: String(error.nearest?.to) });
    expect(dayOf(offered.plan, 2, error.nearest?.to ?? 0).type).toBe('long');
    await expectValidAndLogsKept(plan.id, who);
  });

  it('"not today" moves a run to the first later day that takes it', async () => {
    const moved = await s.plans.moveDay(who, plan.id, { from: 'tue' });
    expect(moved.from).toBe(2);
    expect(moved.to).toBeGreaterThan(2);
    expect(dayOf(moved.plan, 2, moved.to).session).toBe(dayOf(plan, 2, 2).session);
    await expectValidAndLogsKept(plan.id, who);
  });

  it('answers bad input with one sentence and changes nothing', async () => {
    s.clock.set('2026-12-09T09:00:00Z'); // Wednesday of week 2
    const cases: [string, string | undefined, RegExp][] = [
      ['tue', 'thu', /is past; only today and later days change/],
      ['fri', 'thu', /is a rest day: name the run you want to move/],
      ['sat', 'someday', /is not a day/],
      ['2026-12-20', 'sat', /is not in week 2/],
      ['sat', 'sat', /already on/],
    ];
    for (const [from, to, message] of cases) {
      const error = await s.plans.moveDay(who, plan.id, to === undefined ? { from } : { from, to }).catch((e: unknown) => e);
      expect(error, `${from} → ${to}`).toBeInstanceOf(ChangeRefusedError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toMatch(/\.\s+\S+.*\./);
    }
    expect((await s.plans.getPlan(who, plan.id)).revision).toBe(plan.revision);
  });

  it('makes one change for two presses of the same button at once, and refuses a stranger', async () => {
    const version = weekVersion(plan.weeks[1] as NonNullable<PlanRecord['weeks'][number]>);
    const other = await s.instance();
    try {
      const presses = await Promise.allSettled([
        s.plans.moveDay(who, plan.id, { weekNumber: 2, from: '6', to: '7', version }),
        other.plans.moveDay(who, plan.id, { weekNumber: 2, from: '6', to: '7', version }),
      ]);
      expect(presses.filter((p) => p.status === 'fulfilled')).toHaveLength(1);
      const rejected = presses.find((p) => p.status === 'rejected');
      expect(String(rejected?.status === 'rejected' ? rejected.reason : '')).toMatch(/has changed since that message/);
    } finally {
      await other.close();
    }
    const after = await s.plans.getPlan(who, plan.id);
    expect(dayOf(after, 2, 7).type).toBe('long');
    expect(after.revision).toBe(plan.revision + 1);
    await expect(s.plans.moveDay(STRANGER, plan.id, { from: 'sun', to: 'sat' })).rejects.toThrow(/belongs to someone else/);
    await expectValidAndLogsKept(plan.id, who);
  });
});

describe('"not today" on the day’s reminder', () => {
  it('moves today’s run from the reminder, answered in place of the reminder; a second press changes nothing', async () => {
    const plan = await planInWeekTwo();
    const who = plan.owner;
    const core = createConversation({ plans: s.plans, logger: createLogger('silent'), clock: s.clock });
    // Tuesday 8 December, week 2: the reminder of the day's run.
    s.clock.set('2026-12-08T06:00:00Z');
    const reminder = reminderView(plan, '2026-12-08');
    const buttons = reminder.blocks.flatMap((b) => (b.type === 'buttons' ? [...b.buttons] : []));
    expect(buttons.map((b) => b.label)).toEqual(['Done', 'Skipped', 'Not today']);
    const notToday = buttons[2]!;
    const press = () =>
      core.handle({
        kind: 'button',
        actor: { identity: who, timezone: 'UTC', origin: { kind: 'dm' } },
        actionId: notToday.actionId,
        planId: plan.id,
        value: notToday.value,
      });

    const [answer] = await press();
    if (answer?.kind !== 'message') throw new Error('no message');
    // The sentence takes the reminder's place: the reminder no longer offers today's run.
    expect(answer.replacesSource).toBe(true);
    expect(answer.summary).toMatch(/^Moved Tuesday's .* to \w+day/);
    const after = await s.plans.getPlan(who, plan.id);
    // Tuesday's session went to the first later day that takes it (a swap: that day's run comes to Tuesday).
    expect(dayOf(after, 2, 2).session).not.toBe(dayOf(plan, 2, 2).session);
    expect(after.weeks[1]?.days.some((d) => d.dayNumber > 2 && d.session === dayOf(plan, 2, 2).session && d.movedFrom === 2)).toBe(true);
    expect(after.revision).toBe(plan.revision + 1);

    // The same button again: the week changed since, so nothing changes.
    await press();
    expect((await s.plans.getPlan(who, plan.id)).revision).toBe(after.revision);
    await expectValidAndLogsKept(plan.id, who);
    // A marked day's reminder offers no move.
    await s.plans.markDay(who, plan.id, 2, 3, 'done');
    const marked = reminderView(await s.plans.getPlan(who, plan.id), '2026-12-09');
    expect(JSON.stringify(marked)).not.toContain('Not today');
  });
});

describe('race week', () => {
  it('refuses moving the rest day before the race onto race day, and changes nothing', async () => {
    const who = `${ATHLETE}race`;
    s.clock.set('2026-11-25T12:00:00Z');
    const fields = { ...MARATHON_FIELDS, distance: '5k', raceDate: '2026-12-27', goal: '21:30', mileage: '20' };
    const preview = await s.plans.createPreview({ owner: who, fields });
    await s.plans.confirmPlan(who, preview.id);
    for (const [n, monday] of [
      [2, '2026-12-07'],
      [3, '2026-12-14'],
      [4, '2026-12-21'],
    ] as const) {
      s.clock.set(`${monday}T09:00:00Z`);
      await s.plans.ensureWeek(who, preview.id, n);
    }
    s.clock.set('2026-12-26T09:00:00Z');
    const before = await s.plans.getPlan(who, preview.id);
    expect(dayOf(before, 4, 6).type).toBe('rest');
    expect(dayOf(before, 4, 7).type).toBe('race');
    await expect(s.plans.moveDay(who, preview.id, { from: 'sat', to: 'sun' })).rejects.toThrow(
      /^Sunday 2026-12-27 is race day: nothing moves onto it, and the race stays where it is$/,
    );
    await expect(s.plans.moveDay(who, preview.id, { from: 'sun', to: 'sat' })).rejects.toThrow(/is race day/);
    expect((await s.plans.getPlan(who, preview.id)).revision).toBe(before.revision);
  });
});

describe('the long-run day setting', () => {
  it('puts the long run of weeks made after it on the new day, and keeps the weeks made before', async () => {
    const plan = await planInWeekTwo();
    await s.plans.updateSettings(plan.owner, plan.id, { longDay: 7 });
    const { plan: next } = await s.plans.ensureWeek(plan.owner, plan.id, 3);
    expect(next.weeks[2]?.days.find((d) => d.type === 'long')?.dayNumber).toBe(7);
    expect(next.weeks[1]?.days.find((d) => d.type === 'long')?.dayNumber).toBe(6);
    await expectValidAndLogsKept(plan.id, plan.owner);
    await expect(s.plans.updateSettings(plan.owner, plan.id, { longDay: 1 })).rejects.toThrow(/Monday is not one of your run days/);
  });
});

describe('cross-training', () => {
  it('turns a run day into time-equivalent cross-training that counts when logged', async () => {
    const plan = await planInWeekTwo();
    const thursday = dayOf(plan, 2, 4);
    const crossed = await s.plans.crossTrain(plan.owner, plan.id, { day: 'thu', mode: 'bike' });
    const day = dayOf(crossed.plan, 2, 4);
    expect(day).toMatchObject({ type: 'easy', session: 'cross-training', cross: { mode: 'bike' } });
    // An easy run's minutes at easy pace on a bike count minute for minute: the same miles.
    const miles = (d: typeof day) => [...d.warmup, ...d.workout, ...d.cooldown].reduce((sum, l) => sum + l.distanceMiles, 0);
    expect(miles(day)).toBeCloseTo(miles(thursday), 1);
    expect(day.cross?.minutes).toBeGreaterThan(20);
    const logged = await s.plans.markDay(plan.owner, plan.id, 2, 4, 'done');
    expect(logged.weeks[1]?.execution).toMatchObject({ completedDays: 1, totalMiles: miles(day) });
    // "Other" counts three quarters of the minutes; a recovery day stays a recovery day.
    const other = await s.plans.crossTrain(plan.owner, plan.id, { day: 'sun', mode: 'other' });
    const sunday = dayOf(other.plan, 2, 7);
    expect(sunday).toMatchObject({ type: 'recovery', session: 'cross-training' });
    expect(miles(sunday)).toBeLessThan(miles(dayOf(plan, 2, 7)));
    // The base week's strides day is the one run a base week must keep (C4).
    await expect(s.plans.crossTrain(plan.owner, plan.id, { day: 'wed', mode: 'swim' })).rejects.toThrow(/C4.base-strides/);
    await expectValidAndLogsKept(plan.id, plan.owner);
    await expect(s.plans.crossTrain(plan.owner, plan.id, { day: 'fri', mode: 'bike' })).rejects.toThrow(/is a rest day/);
    await expect(s.plans.crossTrain(plan.owner, plan.id, { day: 'sun', mode: 'rowing' })).rejects.toThrow(/not a sport here/);
  });
});
