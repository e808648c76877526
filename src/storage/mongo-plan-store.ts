/**
 * `PlanStore` over MongoDB, through the official driver. The stored shape has one source: the zod
 * record schema (src/plans/plan-record.ts). A new plan is that schema's output with the id as
 * `_id`; every change is written as its field's schema has it; every document read back is checked
 * by it.
 *
 * The design card (ARCHITECTURE.md) named mongoose; no store uses it any more (docs/design/
 * storage.md; only the embedded server's conformance tests still drive it). Its plan schema was a
 * second copy of the shape that reads and updates had already bypassed — its update casting built
 * a subdocument per lap of an appended week, about a millisecond per week, a quarter of an HTTP
 * week request (measured) — so it kept only inserts and the indexes: now `insert` and
 * `PLAN_INDEXES`. Documents mongoose wrote read and update unchanged (test/storage/fixtures).
 *
 * Each guarded change is a single update whose filter carries the guard (revision, status, number
 * of weeks), so it is atomic on the document and needs no multi-document transaction. A failure of
 * the database rejects with `STORAGE_FAILED`, or `STORAGE_UNAVAILABLE` when it cannot be reached
 * (see `storageFailure`).
 */
import { ObjectId, type Collection, type Document, type Filter, type UpdateFilter } from 'mongodb';
import { z } from 'zod';
import { GoFastError } from '../domain/errors.js';
import { weekExecutionSchema } from '../domain/schemas.js';
import { historyEntrySchema, planRecordSchema, storedWeekSchema, type NewPlanRecord, type PlanRecord } from '../plans/plan-record.js';
import type { DueWork, PlanChange, PlanFieldChanges, PlanFilter, PlanGuard, PlanPage, PlanStore } from '../plans/plan-store.js';
import { ensureIndexes, guardedStorage, objectIdOf, type IndexList, type MongoConnection } from './mongo-connection.js';

/** Writes leave out undefined fields (an absent optional), as mongoose did, instead of storing null. */
const WRITE_OPTIONS = { ignoreUndefined: true } as const;

/** The plans' secondary indexes, each with the query it serves. */
const PLAN_INDEXES: IndexList = [
  // An owner's plans by status, newest first (/plan status, the App Home, listing).
  { key: { owner: 1, status: 1, updatedAt: -1 }, name: 'owner_1_status_1_updatedAt_-1' },
  // One plan per platform request: a retried slash command or modal submission finds the first.
  { key: { requestKey: 1 }, name: 'requestKey_1', unique: true, partialFilterExpression: { requestKey: { $type: 'string' } } },
  // Due plans for the scheduler: active plans whose next week's time has come.
  { key: { status: 1, nextWeekDueAt: 1 }, name: 'status_1_nextWeekDueAt_1' },
  // Due daily reminders.
  {
    key: { status: 1, nextReminderAt: 1 },
    name: 'status_1_nextReminderAt_1',
    partialFilterExpression: { nextReminderAt: { $type: 'date' } },
  },
  // Athletes' pauses with an `until` date, which the scheduler resumes when it comes.
  {
    key: { status: 1, 'pause.resumeAt': 1 },
    name: 'status_1_pause.resumeAt_1',
    partialFilterExpression: { 'pause.resumeAt': { $type: 'date' } },
  },
];

/**
 * What each operation was doing, named in the STORAGE_FAILED it rejects with when the database
 * fails (the fault-injecting store of the tests names them the same way).
 */
export const PLAN_STORE_OPERATIONS = {
  insert: 'storing a new plan',
  findById: 'reading a plan',
  list: 'listing plans',
  update: 'updating a plan',
  apply: 'updating a plan',
  claimDue: 'claiming a due plan',
  dueCandidates: 'finding due plans',
} as const satisfies Record<keyof PlanStore, string>;

function toRecord(doc: Record<string, unknown> | null): PlanRecord | undefined {
  if (doc === null) return undefined;
  const { _id, ...rest } = doc;
  const parsed = planRecordSchema.safeParse({ ...rest, id: String(_id) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GoFastError(
      'STORAGE_FAILED',
      `plan ${String(_id)} in the database does not match the plan schema (${issue?.path.join('.')}: ${issue?.message})`,
      { userFacing: false },
    );
  }
  return parsed.data;
}

/** The time field each kind of due work is found by (each has its index above). */
const DUE_FIELDS: Record<DueWork, string> = {
  week: 'nextWeekDueAt',
  'solo-week': 'nextWeekDueAt',
  reminder: 'nextReminderAt',
  resume: 'pause.resumeAt',
};

const DAY_MS = 86_400_000;

/** Active, unpaused plans whose `what` time has come and whose lease is free or expired. */
function dueFilter(what: DueWork, now: Date): Filter<Document> {
  const field = DUE_FIELDS[what];
  return {
    // A club member's plan only once its race day is over everywhere (the day before today in
    // UTC is behind every zone's today), so its own schedule completes it.
    ...(what === 'solo-week'
      ? { $and: [{ $or: [{ clubId: null }, { 'inputs.raceDate': { $lt: new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10) } }] }] }
      : {}),
    status: 'active',
    'delivery.paused': false,
    // An athlete's pause clears the due times; this only keeps a post that raced the pause (its
    // lease released after it) from being taken while the plan is paused.
    ...(what === 'resume' ? {} : { 'pause.sinceDate': { $exists: false } }),
    [field]: { $ne: null, $lte: now },
    $or: [{ lease: null }, { 'lease.until': { $lte: now } }],
  };
}

function filterOf(planId: ObjectId, guard: PlanGuard): Filter<Document> {
  const filter: Filter<Document> = { _id: planId };
  if (guard.revision !== undefined) filter.revision = guard.revision;
  if (guard.statuses !== undefined) filter.status = { $in: guard.statuses };
  if (guard.weekCount !== undefined) filter.weeks = { $size: guard.weekCount };
  if (guard.leaseOwner !== undefined) filter['lease.owner'] = guard.leaseOwner;
  if (guard.unpostedWeek !== undefined) filter[`weeks.${guard.unpostedWeek - 1}.postedAt`] = null;
  if (guard.leaseFreeAt !== undefined) filter.$or = [{ lease: null }, { 'lease.until': { $lte: guard.leaseFreeAt } }];
  return filter;
}

/** `value` as its schema has it (unknown keys dropped); a value the schema refuses is not written. */
function stored<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new GoFastError('STORAGE_FAILED', `refusing to store ${what}: ${issue?.path.join('.')}: ${issue?.message}`, { userFacing: false });
}

const FIELD_SCHEMAS = planRecordSchema.shape;

/**
 * A log as stored: `averagePace` null when none was given, never absent, so every stored log has
 * one shape (the one mongoose's schema default gave every log, and documents it wrote still hold).
 */
const executionToStore = weekExecutionSchema.extend({ averagePace: weekExecutionSchema.shape.averagePace.unwrap().default(null) });
const weekToStore = storedWeekSchema.extend({ execution: executionToStore.nullable() });
const weeksToStore = z.array(weekToStore);
const historyEntryToStore = historyEntrySchema.extend({ week: weekToStore.nullable() });
/** A new plan as stored: the record but its id, which is the document's `_id`. */
const newPlanToStore = planRecordSchema.omit({ id: true }).extend({ weeks: weeksToStore, history: z.array(historyEntryToStore) });

function isPlanField(key: string): key is keyof PlanFieldChanges & keyof typeof FIELD_SCHEMAS {
  return Object.hasOwn(FIELD_SCHEMAS, key) && key !== 'id' && key !== 'revision';
}

/** A change with every value as its schema has it: what the database will hold. */
function checkedChange(change: PlanChange): PlanChange {
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(change.set ?? {})) {
    if (!isPlanField(key)) throw new GoFastError('STORAGE_FAILED', `refusing to store unknown plan field ${key}`, { userFacing: false });
    const schema: z.ZodType = FIELD_SCHEMAS[key];
    set[key] = stored(schema, value, key);
  }
  const { weeks, execution, pushWeek, pushHistory, history } = change;
  return {
    // Each value came from its own field's schema just above.
    set: set as PlanFieldChanges,
    ...(weeks === undefined ? {} : { weeks: stored(weeksToStore, weeks, 'weeks') }),
    ...(execution === undefined
      ? {}
      : {
          execution: {
            weekNumber: execution.weekNumber,
            execution:
              execution.execution === null ? null : stored(executionToStore, execution.execution, `week ${execution.weekNumber} log`),
          },
        }),
    ...(change.posted === undefined ? {} : { posted: change.posted }),
    ...(pushWeek === undefined ? {} : { pushWeek: stored(weekToStore, pushWeek, `week ${pushWeek.weekNumber}`) }),
    ...(pushHistory === undefined ? {} : { pushHistory: pushHistory.map((entry) => stored(historyEntryToStore, entry, 'history entry')) }),
    ...(history === undefined ? {} : { history: history.map((entry) => stored(historyEntryToStore, entry, 'history entry')) }),
  };
}

/** The update document of a checked change. */
function updateOf(change: PlanChange, now: Date): UpdateFilter<Document> {
  const set: Record<string, unknown> = { ...change.set, updatedAt: now };
  const push: Document = {};
  if (change.weeks !== undefined) set.weeks = change.weeks;
  if (change.history !== undefined) set.history = change.history;
  if (change.execution !== undefined) set[`weeks.${change.execution.weekNumber - 1}.execution`] = change.execution.execution;
  if (change.posted !== undefined) {
    const at = `weeks.${change.posted.weekNumber - 1}`;
    set[`${at}.postedAt`] = change.posted.at;
    set[`${at}.messageRef`] = change.posted.messageRef;
  }
  if (change.pushWeek !== undefined) push.weeks = change.pushWeek;
  if (change.pushHistory !== undefined && change.pushHistory.length > 0) push.history = { $each: change.pushHistory };
  const update: UpdateFilter<Document> = { $inc: { revision: 1 }, $set: set };
  if (Object.keys(push).length > 0) update.$push = push;
  return update;
}

/** Freezes a record all the way down: a cached plan is shared, so nobody may change it in place. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Plans read recently, by id, with the revision they were read at. Every write bumps the revision,
 * so a plan whose revision in the database still matches is exactly the cached one: a read then
 * costs a tiny revision lookup instead of the whole document (a 20-week plan is ~50 KB).
 */
class PlanReadCache {
  private readonly entries = new Map<string, PlanRecord>();
  constructor(private readonly capacity: number) {}

  get(id: string, revision: number): PlanRecord | undefined {
    const hit = this.entries.get(id);
    if (!hit || hit.revision !== revision) return undefined;
    // Refresh its place: least recently used leaves first.
    this.entries.delete(id);
    this.entries.set(id, hit);
    return hit;
  }

  /** The cached plan at whatever revision it was read. */
  peek(id: string): PlanRecord | undefined {
    return this.entries.get(id);
  }

  put(record: PlanRecord): PlanRecord {
    const frozen = deepFreeze(record);
    this.entries.delete(record.id);
    this.entries.set(record.id, frozen);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return frozen;
  }
}

export class MongoPlanStore implements PlanStore {
  /** Reads and writes, checked by zod both ways. */
  private readonly plans: Collection<Document>;
  private readonly cache: PlanReadCache;

  constructor(connection: MongoConnection, options: { readCacheSize?: number } = {}) {
    this.plans = connection.collection('plans');
    this.cache = new PlanReadCache(options.readCacheSize ?? 200);
  }

  /** Creates the collection's indexes (idempotent); call once at start-up. */
  init(): Promise<void> {
    return guardedStorage('creating the plan indexes', () => ensureIndexes(this.plans, PLAN_INDEXES));
  }

  async insert(plan: NewPlanRecord, now: Date): Promise<PlanRecord> {
    const doc = stored(newPlanToStore, { ...plan, revision: 0, createdAt: now, updatedAt: now }, 'the new plan');
    const _id = new ObjectId();
    return guardedStorage(PLAN_STORE_OPERATIONS.insert, async () => {
      try {
        await this.plans.insertOne({ _id, ...doc }, WRITE_OPTIONS);
      } catch (error) {
        const duplicate = (error as { code?: unknown }).code === 11000 && plan.requestKey !== null;
        if (!duplicate) throw error;
        // A retried request: the plan the first delivery made is the answer.
        const first = toRecord(await this.plans.findOne({ requestKey: plan.requestKey }));
        if (first) return first;
        throw error;
      }
      // What was stored is exactly `doc`, already checked by the record's schema.
      return { id: _id.toHexString(), ...doc };
    });
  }

  findById(id: string): Promise<PlanRecord | undefined> {
    return guardedStorage(PLAN_STORE_OPERATIONS.findById, async () => {
      const planId = objectIdOf(id);
      if (planId === undefined) return undefined;
      const current = await this.plans.findOne({ _id: planId }, { projection: { revision: 1 } });
      if (current === null) return undefined;
      const cached = typeof current.revision === 'number' ? this.cache.get(id, current.revision) : undefined;
      if (cached) return cached;
      const record = toRecord(await this.plans.findOne({ _id: planId }));
      return record ? this.cache.put(record) : undefined;
    });
  }

  list(filter: PlanFilter, page?: PlanPage): Promise<PlanRecord[]> {
    return guardedStorage(PLAN_STORE_OPERATIONS.list, async () => {
      const query: Record<string, unknown> = {};
      if (filter.owner !== undefined) query.owner = filter.owner;
      if (filter.statuses !== undefined) query.status = { $in: filter.statuses };
      if (page === undefined) {
        const docs = await this.plans.find(query).sort({ updatedAt: -1, _id: -1 }).toArray();
        return docs.flatMap((doc) => toRecord(doc) ?? []);
      }
      if (page.after !== undefined) {
        const after = objectIdOf(page.after);
        // No plan has an id that is not an ObjectId, so nothing comes after one.
        if (after === undefined) return [];
        query._id = { $lt: after };
      }
      const docs = await this.plans.find(query).sort({ _id: -1 }).limit(page.limit).toArray();
      return docs.flatMap((doc) => toRecord(doc) ?? []);
    });
  }

  dueCandidates(now: Date, what: DueWork, limit: number, platform?: string): Promise<string[]> {
    return guardedStorage(PLAN_STORE_OPERATIONS.dueCandidates, async () => {
      const field = DUE_FIELDS[what];
      const docs = await this.plans
        .find({ ...dueFilter(what, now), ...(platform === undefined ? {} : { 'delivery.platform': platform }) }, { projection: { _id: 1 } })
        .sort({ [field]: 1 })
        .limit(limit)
        .toArray();
      return docs.map((d) => String(d._id));
    });
  }

  claimDue(now: Date, leaseOwner: string, leaseUntil: Date, what: DueWork = 'week', planId?: string): Promise<PlanRecord | undefined> {
    return guardedStorage(PLAN_STORE_OPERATIONS.claimDue, async () => {
      const field = DUE_FIELDS[what];
      const onlyId = planId === undefined ? undefined : objectIdOf(planId);
      if (planId !== undefined && onlyId === undefined) return undefined;
      const doc = await this.plans.findOneAndUpdate(
        { ...(onlyId === undefined ? {} : { _id: onlyId }), ...dueFilter(what, now) },
        { $set: { lease: { owner: leaseOwner, until: leaseUntil } }, $inc: { revision: 1 } },
        { sort: { [field]: 1 }, returnDocument: 'after' },
      );
      return toRecord(doc);
    });
  }

  /**
   * Appending a week to a plan we hold at the guarded revision: when the guard matches, the
   * database held exactly that plan, so the result is that plan plus the week — no need to read
   * 50 KB back. Only this change (a new week and the phase totals) takes the shortcut; anything
   * else is read back from the database.
   */
  private appendWithoutReadBack(
    planId: ObjectId,
    guard: PlanGuard,
    change: PlanChange,
    now: Date,
  ): Promise<PlanRecord | undefined> | undefined {
    const known = this.cache.peek(planId.toHexString());
    const setKeys = Object.keys(change.set ?? {});
    const onlyAppend =
      change.weeks === undefined &&
      change.execution === undefined &&
      change.posted === undefined &&
      (change.pushHistory ?? []).length === 0 &&
      change.history === undefined &&
      setKeys.every((key) => key === 'phases');
    const week = change.pushWeek;
    if (!known || !onlyAppend || week === undefined || guard.revision === undefined || known.revision !== guard.revision) return undefined;
    return this.write(planId, guard, change, now).then((written) =>
      written
        ? this.cache.put({
            ...known,
            phases: change.set?.phases ?? known.phases,
            weeks: [...known.weeks, week],
            revision: known.revision + 1,
            updatedAt: now,
          })
        : undefined,
    );
  }

  /** Writes a checked change under its guard; whether the guard held. */
  private async write(planId: ObjectId, guard: PlanGuard, change: PlanChange, now: Date): Promise<boolean> {
    const result = await this.plans.updateOne(filterOf(planId, guard), updateOf(change, now), WRITE_OPTIONS);
    return result.matchedCount === 1;
  }

  apply(id: string, guard: PlanGuard, change: PlanChange, now: Date): Promise<boolean> {
    return guardedStorage(PLAN_STORE_OPERATIONS.apply, async () => {
      const planId = objectIdOf(id);
      if (planId === undefined) return false;
      return this.write(planId, guard, checkedChange(change), now);
    });
  }

  update(id: string, guard: PlanGuard, change: PlanChange, now: Date): Promise<PlanRecord | undefined> {
    return guardedStorage(PLAN_STORE_OPERATIONS.update, async () => {
      const planId = objectIdOf(id);
      if (planId === undefined) return undefined;
      const checked = checkedChange(change);
      const appended = this.appendWithoutReadBack(planId, guard, checked, now);
      if (appended) return appended;
      const doc = await this.plans.findOneAndUpdate(filterOf(planId, guard), updateOf(checked, now), {
        ...WRITE_OPTIONS,
        returnDocument: 'after',
      });
      const record = toRecord(doc);
      return record ? this.cache.put(record) : undefined;
    });
  }
}
