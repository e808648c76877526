/**
 * Scenarios of real life mid-plan, over the real core and the embedded store with a fake clock:
 * a flu, an injury that puts the race out of reach, a trip. Each ends with every stored week
 * passing PLAN-RULES v2 (the validator) and the athlete's logs kept as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysIso } from '../../src/domain/calendar.js';
import { trainingMiles } from '../../src/domain/plan-math.js';
import { validatePlan } from '../../src/domain/validator.js';
import type { PlanRecord } from '../../src/plans/plan-record.js';
import { plannedWeeks } from '../../src/plans/plan-weeks.js';
import { createWeekNotifier } from '../../src/conversation/week-delivery.js';
import { createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import { createLogger } from '../../src/log.js';
import { runDeliveryTick } from '../../src/scheduler/delivery-runner.js';
import { unreachableView } from '../../src/conversation/replan-views.js';
import { FakePoster } from '../support/fake-poster.js';
import { ATHLETE, MARATHON_FIELDS, startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
});

afterAll(async () => {
  await s.close();
});

/** The Monday of week N of the sample plan (week 1 starts Monday 2026-11-30). */
function mondayOf(week: number): string {
  return addDaysIso('2026-11-30', 7 * (week - 1));
}

/** A confirmed sample marathon whose weeks 1..N−1 were made and logged as done, today Monday of week N. */
async function planInWeek(week: number, fields: Record<string, string> = {}): Promise<PlanRecord> {
  s.clock.set('2026-11-25T12:00:00Z');
  const preview = await s.plans.createPreview({ owner: ATHLETE, fields: { ...MARATHON_FIELDS, ...fields } });
  let plan = await s.plans.confirmPlan(ATHLETE, preview.id);
  for (let n = 1; n <= week; n += 1) {
    s.clock.set(`${mondayOf(n)}T08:00:00Z`);
    ({ plan } = await s.plans.ensureWeek(ATHLETE, plan.id, n));
    const done = plan.weeks[n - 2];
    if (n >= 2 && done) {
      const runs = done.days.filter((d) => d.type !== 'rest').length;
      plan = await s.plans.logExecution(ATHLETE, plan.id, n - 1, { completedDays: runs, totalMiles: Number(done.miles.toFixed(1)) });
    }
  }
  return plan;
}

/** The athlete's week before a break: the average of the weeks named (all logged as done). */
function averageOf(plan: PlanRecord, weeks: readonly number[]): number {
  return weeks.reduce((sum, n) => sum + trainingMiles(plan.weeks[n - 1]!), 0) / weeks.length;
}

function expectValidWithLogs(plan: PlanRecord, logged: readonly number[]): void {
  expect(validatePlan({ inputs: plan.inputs!, phases: plan.phases, weeks: plannedWeeks(plan.weeks) })).toEqual([]);
  for (const n of logged) expect(plan.weeks[n - 1]?.execution, `week ${n}'s log`).not.toBeNull();
}

async function finish(plan: PlanRecord): Promise<PlanRecord> {
  const { plan: done } = await s.plans.ensureWeek(ATHLETE, plan.id, plan.totalWeeks!);
  return done;
}

describe('a 10-day flu in week 7 of a marathon plan', () => {
  it('pauses, resumes gently with no quality at first, and keeps every rule and log', async () => {
    const plan = await planInWeek(7);
    const before = averageOf(plan, [4, 5, 6]);
    const paused = await s.plans.pausePlan(ATHLETE, plan.id, { reason: 'sick' });
    expect(paused.pause).toMatchObject({ sinceDate: mondayOf(7), reason: 'sick' });
    expect(paused.nextWeekDueAt).toBeNull();
    expect(paused.nextReminderAt).toBeNull();

    s.clock.set(`${addDaysIso(mondayOf(7), 10)}T08:00:00Z`);
    const outcome = await s.plans.resumePlan(ATHLETE, plan.id);
    expect(outcome.kind).toBe('resumed');
    if (outcome.kind !== 'resumed') return;
    expect(outcome.breakDays).toBe(10);
    expect(outcome.shares).toEqual([0.6, 0.75]);
    const resumed = outcome.plan;
    expect(resumed.pause).toBeNull();
    expect(resumed.weeks).toHaveLength(8);
    expect(resumed.history.at(-1)).toMatchObject({ kind: 'outline', reason: 'resume after 10 days (sick)' });
    const week8 = resumed.weeks[7]!;
    expect(trainingMiles(week8)).toBeLessThanOrEqual(0.6 * before + 0.5);
    expect(week8.days.some((d) => d.type === 'tempo' || d.type === 'intervals')).toBe(false);

    const { plan: with9 } = await s.plans.ensureWeek(ATHLETE, plan.id, 9);
    expect(trainingMiles(with9.weeks[8]!)).toBeLessThanOrEqual(0.75 * before + 0.5);
    expectValidWithLogs(await finish(with9), [1, 2, 3, 4, 5, 6]);
  });
});

describe('a 3-week injury in week 12: the race is out of reach', () => {
  it('says so with numbers, changes nothing, and re-plans to the later date the athlete picks', async () => {
    const plan = await planInWeek(12);
    await s.plans.pausePlan(ATHLETE, plan.id, { reason: 'injured' });
    s.clock.set(`${mondayOf(15)}T08:00:00Z`);
    const outcome = await s.plans.resumePlan(ATHLETE, plan.id);
    expect(outcome.kind).toBe('unreachable');
    if (outcome.kind !== 'unreachable') return;
    expect(outcome.why).toBe(
      'after 21 days off the plan restarts with a base block, and a marathon plan needs at least 10 weeks; 6 are left before the race',
    );
    const view = unreachableView(outcome);
    expect(view.summary).toBe(`Boston Marathon on 18 Apr can no longer be reached safely: ${outcome.why}.`);
    const buttons = view.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.label) : []));
    expect(buttons).toEqual(['Race on 13 Jun 2027 (8 weeks later)', 'Run the 10K on 18 Apr instead', 'Keep paused']);
    const labels = outcome.change?.options.map((o) => o.label) ?? [];
    expect(labels).toEqual(['Race on 13 Jun 2027 (8 weeks later)', 'Run the 10K on 18 Apr instead']);
    // Nothing changed but the choice on offer: still paused, same race, no new week.
    const still = await s.plans.getPlan(ATHLETE, plan.id);
    expect(still.pause).not.toBeNull();
    expect(still.inputs?.raceDate).toBe('2027-04-18');
    expect(still.weeks).toHaveLength(12);
    expect(still.nextWeekDueAt).toBeNull();

    const chosen = await s.plans.applyPendingChange(ATHLETE, plan.id, outcome.change!.id, 0);
    expect(chosen.pause).toBeNull();
    expect(chosen.inputs?.raceDate).toBe('2027-06-13');
    expect(chosen.totalWeeks).toBe(28);
    expect(chosen.weeks).toHaveLength(15);
    expect(chosen.history.at(-1)).toMatchObject({ kind: 'outline', outline: { totalWeeks: 20 } });
    // A second press of the same button finds the change made: one change.
    const again = await s.plans.applyPendingChange(ATHLETE, plan.id, outcome.change!.id, 0);
    expect(again.revision).toBe(chosen.revision);
    expectValidWithLogs(await finish(chosen), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});

describe('travel with no running for 5 days', () => {
  it('resumes by itself on the until day at about 90%, and the scheduler posts that week', async () => {
    const plan = await planInWeek(4);
    const before = averageOf(plan, [1, 2, 3]);
    s.clock.set(`${addDaysIso(mondayOf(4), 2)}T08:00:00Z`);
    const paused = await s.plans.pausePlan(ATHLETE, plan.id, { reason: 'travel', until: mondayOf(5) });
    expect(paused.pause?.resumeAt).not.toBeNull();
    const poster = new FakePoster('slack', () => s.clock.now());
    const ctx = {
      store: s.store,
      engine: createRulesEngine(),
      clock: s.clock,
      notifier: createWeekNotifier([poster]),
      instanceId: 'bot-1',
      leaseMs: 60_000,
    };
    // Sunday evening, when week 5 would have been posted: paused, so nothing goes out.
    s.clock.set(`${addDaysIso(mondayOf(5), -1)}T20:00:00Z`);
    await runDeliveryTick(ctx, createLogger('silent'));
    expect(poster.posts).toHaveLength(0);
    // The until morning: the plan resumes by itself and its week goes out in the same tick.
    s.clock.set(`${mondayOf(5)}T07:00:00Z`);
    await runDeliveryTick(ctx, createLogger('silent'));
    const resumed = await s.plans.getPlan(ATHLETE, plan.id);
    expect(resumed.pause).toBeNull();
    expect(resumed.returnRamp).toMatchObject({ fromWeek: 5, breakDays: 5, reason: 'travel' });
    expect(resumed.weeks[4]?.postedAt).not.toBeNull();
    expect(poster.posts).toHaveLength(1);
    expect(trainingMiles(resumed.weeks[4]!)).toBeLessThanOrEqual(0.9 * before + 0.5);
    expectValidWithLogs(await finish(resumed), [1, 2, 3]);
  });
});
