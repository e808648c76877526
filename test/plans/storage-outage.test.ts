/**
 * The use cases while the database fails for a moment (test/support/fault-injecting-plan-store.ts
 * over the real store): the request fails with STORAGE_UNAVAILABLE (the database cannot be reached)
 * or STORAGE_FAILED (a write conflict), nothing is half-written, and the
 * same request works once the database is back — including a write that landed before its answer
 * was lost.
 */
import { MongoNetworkError, MongoNetworkTimeoutError, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoFastError } from '../../src/domain/errors.js';
import { createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import { createPlanUseCases, type PlanUseCases } from '../../src/plans/plan-use-cases.js';
import { FaultInjectingPlanStore, storageFault } from '../support/fault-injecting-plan-store.js';
import { ATHLETE, MARATHON_FIELDS, startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;
let store: FaultInjectingPlanStore;
let plans: PlanUseCases;

beforeAll(async () => {
  s = await startTestService();
  store = new FaultInjectingPlanStore(s.store);
  plans = createPlanUseCases({ store, engine: createRulesEngine(), clock: s.clock });
});

afterAll(async () => {
  await s.close();
});

/** What the caller of a use case sees when the database failed under it. */
async function failure(pending: Promise<unknown>): Promise<GoFastError> {
  const error: unknown = await pending.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof GoFastError)) throw new Error(`expected a GoFastError, got ${String(error)}`);
  return error;
}

describe('a use case while the database is down', () => {
  it('fails once with STORAGE_UNAVAILABLE, writes nothing, and makes the week on the next try', async () => {
    const preview = await plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
    const active = await plans.confirmPlan(ATHLETE, preview.id);
    const injectedBefore = store.injected;

    store.failNext('update', 1, 'database-down');
    const error = await failure(plans.generateNextWeek(ATHLETE, active.id));
    expect(error).toMatchObject({ code: 'STORAGE_UNAVAILABLE', userFacing: false });
    expect(error.cause).toBeInstanceOf(MongoNetworkError);
    // The write never reached the database: the plan is as it was.
    const untouched = await s.store.findById(active.id);
    expect(untouched?.revision).toBe(active.revision);
    expect(untouched?.weeks).toHaveLength(1);

    const { week, plan } = await plans.generateNextWeek(ATHLETE, active.id);
    expect(week.weekNumber).toBe(2);
    expect(plan.weeks.map((w) => w.weekNumber)).toEqual([1, 2]);
    expect(store.injected - injectedBefore).toBe(1);
    expect(store.pendingFaults).toBe(0);
  });

  it('keeps a preview through a write conflict on Confirm; confirming again activates it', async () => {
    const preview = await plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
    store.failNext('update', 1, 'write-conflict');
    const error = await failure(plans.confirmPlan(ATHLETE, preview.id));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.cause).toBeInstanceOf(MongoServerError);
    expect((await s.store.findById(preview.id))?.status).toBe('preview');

    const active = await plans.confirmPlan(ATHLETE, preview.id);
    expect(active.status).toBe('active');
    expect(active.weeks).toHaveLength(1);
  });

  it('fails a read that times out, and answers the next', async () => {
    const preview = await plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
    store.failNext('findById', 2, 'timeout');
    expect((await failure(plans.getPlan(ATHLETE, preview.id))).cause).toBeInstanceOf(MongoNetworkTimeoutError);
    expect((await failure(plans.getPlan(ATHLETE, preview.id))).code).toBe('STORAGE_UNAVAILABLE');
    expect((await plans.getPlan(ATHLETE, preview.id)).id).toBe(preview.id);
  });

  it('makes one plan of a retried request whose first insert landed but timed out', async () => {
    const owner = 'slack:T1:U-timeout';
    const request = { owner, fields: MARATHON_FIELDS, requestKey: 'view-timeout-1' };
    const insertsBefore = store.callsOf('insert');
    store.failNext('insert', 1, 'timeout', { applied: true });
    expect((await failure(plans.createPreview(request))).code).toBe('STORAGE_UNAVAILABLE');
    // The draft is stored, though its caller never heard so.
    expect((await plans.listPlans({ owner })).map((p) => p.status)).toEqual(['draft']);

    const retried = await plans.createPreview(request);
    expect(retried.status).toBe('preview');
    expect(store.callsOf('insert') - insertsBefore).toBe(2);
    const stored = await plans.listPlans({ owner });
    expect(stored.map((p) => p.id)).toEqual([retried.id]);
  });

  it('lets any other error through as it is', async () => {
    const bug = new TypeError('a bug, not an outage');
    store.failNext('list', 1, bug);
    await expect(plans.listPlans({ owner: ATHLETE })).rejects.toBe(bug);
    expect((await plans.listPlans({ owner: ATHLETE })).length).toBeGreaterThan(0);
  });
});

describe('the faults', () => {
  it('are the store’s own STORAGE_UNAVAILABLE or STORAGE_FAILED, naming what failed and keeping the driver’s error', () => {
    const fault = storageFault('database-down', 'insert');
    expect(fault).toMatchObject({ name: 'GoFastError', code: 'STORAGE_UNAVAILABLE', userFacing: false });
    expect(storageFault('timeout').code).toBe('STORAGE_UNAVAILABLE');
    expect(storageFault('write-conflict').code).toBe('STORAGE_FAILED');
    expect(fault.message).toMatch(/^storing a new plan: connect ECONNREFUSED/);
    expect(storageFault('write-conflict').cause).toMatchObject({ code: 112, codeName: 'WriteConflict' });
  });
});
