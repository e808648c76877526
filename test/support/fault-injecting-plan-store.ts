/**
 * A `PlanStore` that fails on demand, for the outage tests of use cases and adapters. It wraps a
 * real store (the test service's `MongoPlanStore`, usually) and passes every call through, except
 * that `failNext(method, times, fault)` makes the next `times` calls of that method reject.
 *
 * A fault is the very error `MongoPlanStore` rejects with when the database fails — a
 * `STORAGE_UNAVAILABLE` (down, timed out) or `STORAGE_FAILED` (write conflict) GoFastError with the
 * driver's error as its cause, made by the store's own
 * `storageFailure` — so code that copes here copes with a real outage. By default the failing call
 * never reaches the store, as a request the database never received; `{ applied: true }` lets it
 * land first and then fails it, as a timeout whose write the server had already made.
 *
 *   const store = new FaultInjectingPlanStore(s.store);
 *   store.failNext('update', 1, 'database-down');
 */
import { MongoNetworkError, MongoNetworkTimeoutError, MongoServerError } from 'mongodb';
import { GoFastError } from '../../src/domain/errors.js';
import type { NewPlanRecord, PlanRecord } from '../../src/plans/plan-record.js';
import type { DueWork, PlanChange, PlanFilter, PlanGuard, PlanPage, PlanStore } from '../../src/plans/plan-store.js';
import { storageFailure } from '../../src/storage/mongo-connection.js';
import { PLAN_STORE_OPERATIONS } from '../../src/storage/mongo-plan-store.js';

export type StorageFault = 'database-down' | 'write-conflict' | 'timeout';
export type PlanStoreMethod = keyof PlanStore;

/**
 * The driver's error for each fault, as the driver raises it. Its constructors are marked internal
 * (no semver promise); a driver upgrade that changes them breaks only this helper, loudly.
 */
function driverError(fault: StorageFault): Error {
  switch (fault) {
    case 'database-down':
      return new MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017');
    case 'write-conflict':
      return new MongoServerError({
        message:
          'WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.',
        code: 112,
        codeName: 'WriteConflict',
      });
    case 'timeout':
      return new MongoNetworkTimeoutError('connection 7 to 127.0.0.1:27017 timed out');
  }
}

/** The error `MongoPlanStore.<method>` rejects with when the database fails this way. */
export function storageFault(fault: StorageFault, method: PlanStoreMethod = 'update'): GoFastError {
  const failure = storageFailure(driverError(fault), PLAN_STORE_OPERATIONS[method]);
  if (!(failure instanceof GoFastError)) throw new Error(`storageFailure no longer maps a ${fault} to a GoFastError`);
  return failure;
}

type Pending = { readonly fault: StorageFault | Error; readonly applied: boolean };

export class FaultInjectingPlanStore implements PlanStore {
  private readonly pending = new Map<PlanStoreMethod, Pending[]>();
  private readonly counts = new Map<PlanStoreMethod, number>();
  /** Faults thrown so far, over all methods. */
  injected = 0;

  constructor(private readonly inner: PlanStore) {}

  /**
   * Fails the next `times` calls of `method` with `fault` (a storage fault, or any error, to stand
   * for something else breaking). Queued after faults already pending for that method.
   */
  failNext(method: PlanStoreMethod, times: number, fault: StorageFault | Error, options: { readonly applied?: boolean } = {}): this {
    const queue = this.pending.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push({ fault, applied: options.applied ?? false });
    this.pending.set(method, queue);
    return this;
  }

  /** Calls of `method` so far, failed ones included: how a test sees that a caller retried. */
  callsOf(method: PlanStoreMethod): number {
    return this.counts.get(method) ?? 0;
  }

  /** Faults still waiting to be thrown, over all methods (0 once the outage is over). */
  get pendingFaults(): number {
    return [...this.pending.values()].reduce((sum, queue) => sum + queue.length, 0);
  }

  private async call<T>(method: PlanStoreMethod, run: () => Promise<T>): Promise<T> {
    this.counts.set(method, this.callsOf(method) + 1);
    const next = this.pending.get(method)?.shift();
    if (next === undefined) return run();
    this.injected += 1;
    if (next.applied) await run();
    throw typeof next.fault === 'string' ? storageFault(next.fault, method) : next.fault;
  }

  insert(plan: NewPlanRecord, now: Date): Promise<PlanRecord> {
    return this.call('insert', () => this.inner.insert(plan, now));
  }

  findById(id: string): Promise<PlanRecord | undefined> {
    return this.call('findById', () => this.inner.findById(id));
  }

  list(filter: PlanFilter, page?: PlanPage): Promise<PlanRecord[]> {
    return this.call('list', () => this.inner.list(filter, page));
  }

  update(id: string, guard: PlanGuard, change: PlanChange, now: Date): Promise<PlanRecord | undefined> {
    return this.call('update', () => this.inner.update(id, guard, change, now));
  }

  apply(id: string, guard: PlanGuard, change: PlanChange, now: Date): Promise<boolean> {
    return this.call('apply', () => this.inner.apply(id, guard, change, now));
  }

  claimDue(now: Date, leaseOwner: string, leaseUntil: Date, what?: DueWork, planId?: string): Promise<PlanRecord | undefined> {
    return this.call('claimDue', () => this.inner.claimDue(now, leaseOwner, leaseUntil, what, planId));
  }

  dueCandidates(now: Date, what: DueWork, limit: number, platform?: string): Promise<string[]> {
    return this.call('dueCandidates', () => this.inner.dueCandidates(now, what, limit, platform));
  }
}
