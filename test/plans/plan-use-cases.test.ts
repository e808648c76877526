/**
 * The plan use cases against a real database (the embedded server here, MongoDB with
 * MONGODB_URI): the seed's flow, idempotency and concurrency enforced by the database, owner
 * checks, and failures that leave nothing half-written.
 */
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, RulesViolatedError } from '../../src/domain/errors.js';
import { validatePlan } from '../../src/domain/validator.js';
import type { PlanEngine } from '../../src/engine/plan-engine.js';
import { createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import { OPERATOR } from '../../src/plans/plan-context.js';
import { NotYourPlanError, PlanCompleteError, PlanNotFoundError, WrongStateError } from '../../src/plans/plan-errors.js';
import type { StoredWeek } from '../../src/plans/plan-record.js';
import type { PlanStore } from '../../src/plans/plan-store.js';
import { createPlanUseCases } from '../../src/plans/plan-use-cases.js';
import { plannedWeeks } from '../../src/plans/plan-weeks.js';
import { MongoPlanStore } from '../../src/storage/mongo-plan-store.js';
import { weekDueAt } from '../../src/plans/plan-schedule.js';
import { ATHLETE, MARATHON_FIELDS, STRANGER, startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;

beforeAll(async () => {
  s = await startTestService();
});

afterAll(async () => {
  await s.close();
});

async function activePlan(owner = ATHLETE) {
  const preview = await s.plans.createPreview({ owner, fields: MARATHON_FIELDS });
  return s.plans.confirmPlan(owner, preview.id);
}

describe('the seed flow: draft → preview → confirm → week by week', () => {
  it('walks a plan from draft to cancelled, keeping every replaced version', async () => {
    const draft = await s.plans.startDraft({ owner: ATHLETE, fields: { ...MARATHON_FIELDS, goal: 'fast' } });
    expect(draft).toMatchObject({ status: 'draft', owner: ATHLETE, revision: 0, weeks: [] });

    await expect(s.plans.previewPlan(ATHLETE, draft.id)).rejects.toThrow(InputError);
    await s.plans.updateDraft(ATHLETE, draft.id, { goal: '3:30:00' });

    const preview = await s.plans.previewPlan(ATHLETE, draft.id);
    expect(preview.status).toBe('preview');
    expect(preview.preview?.week.weekNumber).toBe(1);
    expect(preview.preview?.phases.map((p) => p.name)).toEqual(['base', 'build', 'peak', 'taper']);
    expect(preview.weeks).toEqual([]);

    const again = await s.plans.regeneratePreview(ATHLETE, draft.id);
    expect(again.variant).toBe(preview.variant + 1);
    expect(again.history).toHaveLength(1);
    expect(again.history[0]).toMatchObject({ kind: 'preview', reason: 'regenerated' });

    const active = await s.plans.confirmPlan(ATHLETE, draft.id);
    expect(active.status).toBe('active');
    expect(active.preview).toBeNull();
    expect(active.weeks.map((w) => w.weekNumber)).toEqual([1]);
    expect(active.weeks[0]?.days[0]?.date).toBe('2026-11-30');
    expect(active.phases[0]?.totalMiles).toBe(active.weeks[0]?.miles);
    // Week 2 is due the Sunday before it, 18:00 in the athlete's zone (UTC by default).
    expect(active.nextWeekDueAt?.toISOString()).toBe('2026-12-06T18:00:00.000Z');

    const week2 = await s.plans.generateNextWeek(ATHLETE, draft.id);
    expect(week2.week.weekNumber).toBe(2);
    expect(week2.plan.weeks[1]?.source).toBe('rules');
    // Making week 2 early does not move the posting time: week 2 is still posted on 6 Dec.
    expect(week2.plan.nextWeekDueAt?.toISOString()).toBe('2026-12-06T18:00:00.000Z');

    await s.plans.logExecution(ATHLETE, draft.id, 2, { completedDays: 1, totalMiles: 5, averagePace: '9:40', notes: 'flu' });
    const week3 = await s.plans.generateNextWeek(ATHLETE, draft.id);
    expect(week3.week.miles).toBeLessThanOrEqual(1.1 * 5 + 2 + 1e-9 + 10 /* floor: 2 × 5 days */);
    expect(week3.week.miles).toBeLessThan(week2.week.miles);

    const redone = await s.plans.regenerateWeek(ATHLETE, draft.id, 2);
    expect(redone.plan.weeks.map((w) => w.weekNumber)).toEqual([1, 2]);
    const replaced = redone.plan.history.filter((h) => h.kind === 'week').map((h) => [h.weekNumber, h.reason]);
    expect(replaced).toEqual([
      [2, 'regenerated'],
      [3, 'built on week 2, which was regenerated'],
    ]);

    const ics = await s.plans.exportPlanIcs(ATHLETE, draft.id);
    expect(ics.filename).toBe('gofast-boston-marathon.ics');
    const runDays = redone.plan.weeks.flatMap((w) => w.days).filter((d) => d.type !== 'rest');
    // The weeks made, then the weeks left projected as tentative, then the race (issue 20).
    const made = ics.content.match(/STATUS:CONFIRMED/g)?.length ?? 0;
    expect(made).toBe(runDays.length + 1);
    expect(ics.content.match(/STATUS:TENTATIVE/g)?.length).toBeGreaterThan(runDays.length);
    expect(ics.content).toContain(`DTSTART;VALUE=DATE:${runDays[0]?.date.replaceAll('-', '')}`);
    expect(ics.content).toContain('SUMMARY:Race: Boston Marathon · marathon · 26.2 mi · goal 3:30:00');
    expect(ics.content).toContain('X-WR-TIMEZONE:UTC');

    const cancelled = await s.plans.cancelPlan(ATHLETE, draft.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', nextWeekDueAt: null });
    await expect(s.plans.generateNextWeek(ATHLETE, draft.id)).rejects.toThrow(WrongStateError);
    expect((await s.plans.cancelPlan(ATHLETE, draft.id)).revision).toBe(cancelled.revision);
  });

  it('refuses bad input before storing anything', async () => {
    const owner = 'console:local:careful';
    await expect(s.plans.createPreview({ owner, fields: { ...MARATHON_FIELDS, mileage: '3' } })).rejects.toThrow(
      /build to 5 miles a week first/,
    );
    expect(await s.plans.listPlans({ owner })).toEqual([]);
    await expect(s.plans.startDraft({ owner: 'nobody', fields: {} })).rejects.toThrow(/platform:workspace:user/);
  });

  it('lists an owner’s plans newest first and finds the current one', async () => {
    const owner = 'discord:G1:U9';
    const first = await activePlan(owner);
    const second = await s.plans.startDraft({ owner, fields: MARATHON_FIELDS });
    const listed = await s.plans.listPlans({ owner });
    expect(listed.map((p) => p.id)).toEqual([second.id, first.id]);
    expect((await s.plans.currentPlan(owner))?.id).toBe(first.id);
    expect(await s.plans.listPlans({ owner, statuses: ['draft'] })).toHaveLength(1);
  });

  it('lists a page at a time by creation, keeps the status filter, and refuses a bad cursor or limit', async () => {
    const owner = 'discord:G1:UPAGE';
    const drafts = [];
    for (let n = 0; n < 4; n += 1) drafts.push(await s.plans.startDraft({ owner, fields: MARATHON_FIELDS }));
    const active = await activePlan(owner);
    const newestFirst = [active, ...drafts.reverse()].map((p) => p.id);
    // An update of an older plan does not move it to the front, as it would in the unpaged listing.
    await s.plans.updateDraft(owner, newestFirst[3] ?? '', { raceName: 'Moved?' });
    const first = await s.plans.listPlanPage({ owner }, { limit: 3 });
    expect(first.plans.map((p) => p.id)).toEqual(newestFirst.slice(0, 3));
    expect(first.nextAfter).toBe(newestFirst[2]);
    const second = await s.plans.listPlanPage({ owner }, { limit: 3, after: first.nextAfter ?? '' });
    expect(second).toEqual({ plans: expect.any(Array), nextAfter: null });
    expect(second.plans.map((p) => p.id)).toEqual(newestFirst.slice(3));
    const drafted = await s.plans.listPlanPage({ owner, statuses: ['draft'] }, { limit: 10 });
    expect(drafted.plans.map((p) => p.id)).toEqual(newestFirst.slice(1));
    expect(drafted.nextAfter).toBeNull();
    await expect(s.plans.listPlanPage({ owner }, { limit: 0 })).rejects.toThrow(InputError);
    await expect(s.plans.listPlanPage({ owner }, { limit: 2, after: 'not-an-id' })).rejects.toThrow(/no plan with id not-an-id/);
  });

  it('completes the plan after race day and then has no week left', async () => {
    const plan = await activePlan('console:local:racer');
    for (let n = 2; n <= 20; n += 1) await s.plans.generateNextWeek(OPERATOR, plan.id);
    await expect(s.plans.generateNextWeek(OPERATOR, plan.id)).rejects.toThrow(PlanCompleteError);
    await expect(s.plans.generateNextWeek(OPERATOR, plan.id)).rejects.toThrow('plan complete: all 20 weeks exist');
    s.clock.set('2027-04-18T20:00:00Z');
    expect((await s.plans.completeIfFinished(OPERATOR, plan.id)).status).toBe('active');
    s.clock.set('2027-04-19T08:00:00Z');
    expect((await s.plans.completeIfFinished(OPERATOR, plan.id)).status).toBe('completed');
    s.clock.set('2026-11-25T12:00:00Z');
  });
});

describe('every stored plan keeps the rules', () => {
  it('passes the validator once all its weeks exist, with the athlete’s logs', async () => {
    const plan = await activePlan('console:local:validator');
    for (let n = 2; n <= 20; n += 1) {
      const previous = n - 1;
      const log = previous % 5 === 0 ? { completedDays: 1, totalMiles: 4 } : previous % 7 === 0 ? null : undefined;
      if (log !== null) {
        const current = await s.plans.getPlan(OPERATOR, plan.id);
        const week = current.weeks[previous - 1];
        const runs = week?.days.filter((d) => d.type !== 'rest').length ?? 0;
        await s.plans.logExecution(OPERATOR, plan.id, previous, log ?? { completedDays: runs, totalMiles: week?.miles ?? 0 });
      }
      await s.plans.generateNextWeek(OPERATOR, plan.id);
    }
    const stored = await s.plans.getPlan(OPERATOR, plan.id);
    expect(stored.weeks).toHaveLength(20);
    if (!stored.inputs) throw new Error('no inputs');
    expect(validatePlan({ inputs: stored.inputs, phases: stored.phases, weeks: plannedWeeks(stored.weeks) })).toEqual([]);
  });
});

describe('idempotency and concurrency, enforced by the database', () => {
  it('10 concurrent confirms from several instances: one active plan with one Week 1', async () => {
    const preview = await s.plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
    const instances = await Promise.all([s.instance(), s.instance(), s.instance()]);
    const all = [s.plans, ...instances.map((i) => i.plans)];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => all[i % all.length]?.confirmPlan(ATHLETE, preview.id)));
    for (const r of results) expect(r?.status).toBe('active');
    const stored = await s.plans.getPlan(ATHLETE, preview.id);
    expect(stored.weeks.map((w) => w.weekNumber)).toEqual([1]);
    // One write happened: the preview's revision plus one.
    expect(stored.revision).toBe(preview.revision + 1);
    await Promise.all(instances.map((i) => i.close()));
  });

  it('8 concurrent next-weeks: consecutive weeks 2–9, no duplicate, no gap', async () => {
    const plan = await activePlan();
    const instances = await Promise.all([s.instance(), s.instance(), s.instance(), s.instance()]);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => instances[i % instances.length]?.plans.generateNextWeek(ATHLETE, plan.id)),
    );
    expect(results.map((r) => r?.week.weekNumber).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const stored = await s.plans.getPlan(ATHLETE, plan.id);
    expect(stored.weeks.map((w) => w.weekNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await Promise.all(instances.map((i) => i.close()));
  });

  it('two instances ensuring the same week append it once', async () => {
    const plan = await activePlan();
    const other = await s.instance();
    const [a, b] = await Promise.all([s.plans.ensureWeek(OPERATOR, plan.id, 4), other.plans.ensureWeek(OPERATOR, plan.id, 4)]);
    expect(a.week).toEqual(b.week);
    expect((await s.plans.getPlan(OPERATOR, plan.id)).weeks.map((w) => w.weekNumber)).toEqual([1, 2, 3, 4]);
    await other.close();
  });

  it('refuses a stale write and retries it on the fresh plan', async () => {
    const plan = await activePlan();
    // A store that lets another writer log week 1 between this writer's read and its write, once.
    let interfered = false;
    const racing: PlanStore = {
      insert: (p, now) => s.store.insert(p, now),
      findById: (id) => s.store.findById(id),
      list: (f) => s.store.list(f),
      claimDue: (now, owner, until) => s.store.claimDue(now, owner, until),
      dueCandidates: (now, what, limit, platform) => s.store.dueCandidates(now, what, limit, platform),
      apply: (id, guard, change, now) => s.store.apply(id, guard, change, now),
      update: async (id, guard, change, now) => {
        if (!interfered) {
          interfered = true;
          await s.plans.logExecution(ATHLETE, id, 1, { completedDays: 1, totalMiles: 3 });
        }
        return s.store.update(id, guard, change, now);
      },
    };
    const plans = createPlanUseCases({ store: racing, engine: createRulesEngine(), clock: s.clock });
    const result = await plans.generateNextWeek(ATHLETE, plan.id);
    // The week was made again from the fresh plan: it adapts to the log written in between.
    expect(result.plan.weeks[0]?.execution).toEqual({ completedDays: 1, totalMiles: 3, averagePace: null });
    expect(result.week.miles).toBeLessThanOrEqual(Math.max(1.1 * 3 + 2, 10) + 1e-9);
  });
});

describe('failures leave nothing half-written', () => {
  it('a crash between generating a week and saving it leaves the plan as it was', async () => {
    const plan = await activePlan();
    const crashing: PlanStore = {
      insert: (p, now) => s.store.insert(p, now),
      findById: (id) => s.store.findById(id),
      list: (f) => s.store.list(f),
      claimDue: (now, owner, until) => s.store.claimDue(now, owner, until),
      dueCandidates: (now, what, limit, platform) => s.store.dueCandidates(now, what, limit, platform),
      apply: async () => {
        throw new Error('process killed after generation, before the write');
      },
      update: async () => {
        throw new Error('process killed after generation, before the write');
      },
    };
    const plans = createPlanUseCases({ store: crashing, engine: createRulesEngine(), clock: s.clock });
    await expect(plans.generateNextWeek(ATHLETE, plan.id)).rejects.toThrow('process killed');
    const stored = await s.plans.getPlan(ATHLETE, plan.id);
    expect(stored.weeks).toHaveLength(1);
    expect(stored.revision).toBe(plan.revision);
  });

  it('an engine that breaks the rules never reaches the plan', async () => {
    const plan = await activePlan();
    const rules = createRulesEngine();
    const broken: PlanEngine = {
      name: 'broken',
      outline: (r) => rules.outline(r),
      nextWeek: async (r) => {
        const week = await rules.nextWeek(r);
        return { ...week, days: week.days.map((d) => (d.type === 'long' ? { ...d, type: 'easy' as const } : d)) };
      },
    };
    const plans = createPlanUseCases({ store: s.store, engine: broken, clock: s.clock });
    await expect(plans.generateNextWeek(ATHLETE, plan.id)).rejects.toThrow(RulesViolatedError);
    expect((await s.plans.getPlan(ATHLETE, plan.id)).weeks).toHaveLength(1);
  });
});

describe('only the owner changes a plan', () => {
  it('refuses a stranger on every change and changes nothing', async () => {
    const preview = await s.plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
    await expect(s.plans.confirmPlan(STRANGER, preview.id)).rejects.toThrow(NotYourPlanError);
    await expect(s.plans.regeneratePreview(STRANGER, preview.id)).rejects.toThrow(NotYourPlanError);
    await expect(s.plans.cancelPlan(STRANGER, preview.id)).rejects.toThrow('belongs to someone else');
    expect((await s.plans.getPlan(ATHLETE, preview.id)).revision).toBe(preview.revision);
    await s.plans.confirmPlan(ATHLETE, preview.id);
    await expect(s.plans.generateNextWeek(STRANGER, preview.id)).rejects.toThrow(NotYourPlanError);
    await expect(s.plans.logExecution(STRANGER, preview.id, 1, { completedDays: 1, totalMiles: 3 })).rejects.toThrow(NotYourPlanError);
    await expect(s.plans.exportPlanIcs(STRANGER, preview.id)).rejects.toThrow(NotYourPlanError);
  });

  it('says which plan does not exist and which state is wrong', async () => {
    await expect(s.plans.getPlan(ATHLETE, '64b7f0c2a1b2c3d4e5f60718')).rejects.toThrow(PlanNotFoundError);
    await expect(s.plans.getPlan(ATHLETE, 'not-an-id')).rejects.toThrow('no plan with id not-an-id');
    const draft = await s.plans.startDraft({ owner: ATHLETE, fields: MARATHON_FIELDS });
    await expect(s.plans.confirmPlan(ATHLETE, draft.id)).rejects.toThrow('the plan is draft; only a preview can be confirmed');
    await expect(s.plans.generateNextWeek(ATHLETE, draft.id)).rejects.toThrow(/confirm it first/);
    const active = await activePlan();
    await expect(s.plans.logExecution(ATHLETE, active.id, 5, { completedDays: 1, totalMiles: 3 })).rejects.toThrow(/week 5 does not exist/);
    await expect(s.plans.logExecution(ATHLETE, active.id, 1, { completedDays: 9, totalMiles: 3 })).rejects.toThrow(InputError);
    s.clock.set('2026-12-01T12:00:00Z');
    await expect(s.plans.regenerateWeek(ATHLETE, active.id, 1)).rejects.toThrow('week 1 has already started (2026-11-30)');
    s.clock.set('2026-11-25T12:00:00Z');
  });
});

describe('the athlete’s time zone', () => {
  it('schedules the next week at 18:00 local, across the DST change', async () => {
    const preview = await s.plans.createPreview({
      owner: 'slack:T1:NY',
      fields: { ...MARATHON_FIELDS, startDate: '2027-03-01', raceDate: '2027-06-06' },
      delivery: { timezone: 'America/New_York' },
    });
    const active = await s.plans.confirmPlan('slack:T1:NY', preview.id);
    // Sunday 2027-03-07 18:00 EST (UTC−5).
    expect(active.nextWeekDueAt?.toISOString()).toBe('2027-03-07T23:00:00.000Z');
    // Week 3: Sunday 2027-03-14 18:00 EDT (UTC−4): the clocks changed that morning.
    if (!active.inputs) throw new Error('no inputs');
    expect(weekDueAt(active.inputs, active.delivery, 3).toISOString()).toBe('2027-03-14T22:00:00.000Z');
  });
});

describe('retried platform requests', () => {
  it('make one plan: the same request key returns the first plan, even raced', async () => {
    const owner = 'slack:T1:RETRY';
    const request = { owner, fields: MARATHON_FIELDS, requestKey: `${owner}:V123` };
    const other = await s.instance();
    const [a, b] = await Promise.all([s.plans.createPreview(request), other.plans.createPreview(request)]);
    expect(a.id).toBe(b.id);
    const again = await s.plans.createPreview(request);
    expect(again.id).toBe(a.id);
    expect(await s.plans.listPlans({ owner })).toHaveLength(1);
    // A different request is a different plan.
    await s.plans.createPreview({ ...request, requestKey: `${owner}:V124` });
    expect(await s.plans.listPlans({ owner })).toHaveLength(2);
    await other.close();
  });
});

describe('the seed’s week request', () => {
  it('makes week N only after N − 1, logs the previous week first, and returns an existing week as it is', async () => {
    const plan = await activePlan('http:club:seed');
    await expect(s.plans.requestWeek(OPERATOR, plan.id, 3)).rejects.toThrow('week 3 needs week 2 first (the plan has weeks 1–1)');
    await expect(s.plans.requestWeek(OPERATOR, plan.id, 21)).rejects.toThrow('this plan has 20 weeks; there is no week 21');
    await expect(s.plans.requestWeek(OPERATOR, plan.id, 1, { completedDays: 1, totalMiles: 2 })).rejects.toThrow(
      'week 1 has no previous week to log',
    );
    const week2 = await s.plans.requestWeek(OPERATOR, plan.id, 2, { completedDays: 2, totalMiles: 6 });
    expect(week2.week.weekNumber).toBe(2);
    expect(week2.plan.weeks[0]?.execution).toMatchObject({ completedDays: 2, totalMiles: 6 });
    const again = await s.plans.requestWeek(OPERATOR, plan.id, 2);
    expect(again.week).toEqual(week2.week);
    expect(again.plan.weeks).toHaveLength(2);
  });
});

describe('the plan read cache', () => {
  it('serves a plan read again from memory only while its revision is unchanged, across instances', async () => {
    const plan = await activePlan('console:local:cache');
    const first = await s.store.findById(plan.id);
    const second = await s.store.findById(plan.id);
    expect(second).toBe(first);
    expect(Object.isFrozen(first?.weeks[0]?.days)).toBe(true);
    // Another instance (its own connection and cache) changes the plan: this one sees it at once.
    const other = await s.instance();
    await other.plans.logExecution(ATHLETE === plan.owner ? ATHLETE : plan.owner, plan.id, 1, { completedDays: 1, totalMiles: 3 });
    const third = await s.store.findById(plan.id);
    expect(third).not.toBe(first);
    expect(third?.weeks[0]?.execution).toMatchObject({ completedDays: 1, totalMiles: 3 });
    await other.close();
  });
});

describe('appending a week without reading the plan back', () => {
  it('gives exactly the plan the database now holds', async () => {
    const plan = await activePlan('console:local:append');
    await s.plans.getPlan(OPERATOR, plan.id);
    const { plan: appended } = await s.plans.generateNextWeek(OPERATOR, plan.id);
    // A store with an empty cache reads the document itself.
    const fresh = await new MongoPlanStore(s.connection).findById(plan.id);
    expect(fresh).toEqual(appended);
    expect(appended.revision).toBe(plan.revision + 1);
  });
});

describe('what the store writes', () => {
  const rawPlan = (id: string) => s.connection.collection('plans').findOne({ _id: new ObjectId(id) });

  it('writes a week only in the record’s shape: a refused value changes nothing, unknown keys are dropped', async () => {
    const plan = await activePlan('console:local:writes');
    const week1 = plan.weeks[0];
    if (!week1) throw new Error('an active plan has Week 1');
    const guard = { revision: plan.revision, weekCount: 1 };
    const week2 = { ...week1, weekNumber: 2 };
    const broken = { ...week2, miles: 'twenty' } as unknown as StoredWeek;
    await expect(s.store.apply(plan.id, guard, { pushWeek: broken }, s.clock.now())).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect((await rawPlan(plan.id))?.revision).toBe(plan.revision);

    const withExtra = { ...week2, secret: 'not ours' } as StoredWeek;
    expect(await s.store.apply(plan.id, guard, { pushWeek: withExtra }, s.clock.now())).toBe(true);
    const stored = (await rawPlan(plan.id))?.weeks as Record<string, unknown>[];
    expect(stored).toHaveLength(2);
    expect(stored[1]).not.toHaveProperty('secret');
    expect(stored[1]).toMatchObject({ weekNumber: 2, miles: week1.miles });

    // Appended to a plan held in memory: the plan handed back is what the database holds.
    const held = await s.store.findById(plan.id);
    if (!held) throw new Error('the plan is stored');
    const week3 = { ...week1, weekNumber: 3, secret: 'not ours' } as StoredWeek;
    const appended = await s.store.update(plan.id, { revision: held.revision, weekCount: 2 }, { pushWeek: week3 }, s.clock.now());
    expect(appended?.weeks[2]).not.toHaveProperty('secret');
    expect(appended).toEqual(await new MongoPlanStore(s.connection).findById(plan.id));
  });

  it('stores a log without a pace with averagePace null, as every stored log has it', async () => {
    const plan = await activePlan('console:local:log-shape');
    await s.plans.logExecution(plan.owner, plan.id, 1, { completedDays: 3, totalMiles: 18 });
    const weeks = (await rawPlan(plan.id))?.weeks as { execution: unknown }[];
    expect(weeks[0]?.execution).toEqual({ completedDays: 3, totalMiles: 18, averagePace: null });
  });
});
