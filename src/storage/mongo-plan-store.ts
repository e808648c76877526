/**
 * `PlanStore` over MongoDB through mongoose. Each guarded change is a single `findOneAndUpdate`
 * whose filter carries the guard (revision, status, number of weeks), so it is atomic on the
 * document and needs no multi-document transaction. Every document read back is checked by the
 * zod record schema.
 */
import mongoose, { type Connection, type Model } from 'mongoose';
import { GoFastError } from '../domain/errors.js';
import { planRecordSchema, type NewPlanRecord, type PlanRecord } from '../plans/plan-record.js';
import type { DueWork, PlanChange, PlanFilter, PlanGuard, PlanStore } from '../plans/plan-store.js';
import { planModel, type PlanDocument } from './plan-model.js';

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

/** Active, unpaused plans whose `field` time has come and whose lease is free or expired. */
function dueFilter(field: string, now: Date): Record<string, unknown> {
  return {
    status: 'active',
    'delivery.paused': false,
    [field]: { $ne: null, $lte: now },
    $or: [{ lease: null }, { 'lease.until': { $lte: now } }],
  };
}

function filterOf(id: string, guard: PlanGuard): Record<string, unknown> {
  const filter: Record<string, unknown> = { _id: id };
  if (guard.revision !== undefined) filter.revision = guard.revision;
  if (guard.statuses !== undefined) filter.status = { $in: guard.statuses };
  if (guard.weekCount !== undefined) filter.weeks = { $size: guard.weekCount };
  if (guard.leaseOwner !== undefined) filter['lease.owner'] = guard.leaseOwner;
  if (guard.unpostedWeek !== undefined) filter[`weeks.${guard.unpostedWeek - 1}.postedAt`] = null;
  return filter;
}

function updateOf(change: PlanChange): Record<string, unknown> {
  const set: Record<string, unknown> = { ...change.set };
  const push: Record<string, unknown> = {};
  if (change.weeks !== undefined) set.weeks = change.weeks;
  if (change.execution !== undefined) set[`weeks.${change.execution.weekNumber - 1}.execution`] = change.execution.execution;
  if (change.posted !== undefined) {
    const at = `weeks.${change.posted.weekNumber - 1}`;
    set[`${at}.postedAt`] = change.posted.at;
    set[`${at}.messageRef`] = change.posted.messageRef;
  }
  if (change.pushWeek !== undefined) push.weeks = change.pushWeek;
  if (change.pushHistory !== undefined && change.pushHistory.length > 0) push.history = { $each: change.pushHistory };
  const update: Record<string, unknown> = { $inc: { revision: 1 } };
  if (Object.keys(set).length > 0) update.$set = set;
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
  private readonly model: Model<PlanDocument>;
  private readonly cache: PlanReadCache;

  constructor(connection: Connection, options: { readCacheSize?: number } = {}) {
    this.model = planModel(connection);
    this.cache = new PlanReadCache(options.readCacheSize ?? 200);
  }

  /** Creates the collection's indexes (idempotent); call once at start-up. */
  async init(): Promise<void> {
    await this.model.init();
  }

  async insert(plan: NewPlanRecord, now: Date): Promise<PlanRecord> {
    let created;
    try {
      [created] = await this.model.create([{ ...plan, revision: 0, createdAt: now, updatedAt: now }], { timestamps: false });
    } catch (error) {
      const duplicate = (error as { code?: unknown }).code === 11000 && plan.requestKey !== null;
      if (!duplicate) throw error;
      // A retried request: the plan the first delivery made is the answer.
      const first = toRecord(await this.model.findOne({ requestKey: plan.requestKey }).lean<Record<string, unknown>>().exec());
      if (first) return first;
      throw error;
    }
    const record = toRecord(created ? (created.toObject() as Record<string, unknown>) : null);
    if (!record) throw new GoFastError('STORAGE_FAILED', 'the new plan was not stored', { userFacing: false });
    return record;
  }

  async findById(id: string): Promise<PlanRecord | undefined> {
    if (!mongoose.isValidObjectId(id)) return undefined;
    const current = await this.model.findById(id, { revision: 1 }).lean<{ revision?: unknown }>().exec();
    if (current === null) return undefined;
    const cached = typeof current.revision === 'number' ? this.cache.get(id, current.revision) : undefined;
    if (cached) return cached;
    const record = toRecord(await this.model.findById(id).lean<Record<string, unknown>>().exec());
    return record ? this.cache.put(record) : undefined;
  }

  async list(filter: PlanFilter): Promise<PlanRecord[]> {
    const query: Record<string, unknown> = {};
    if (filter.owner !== undefined) query.owner = filter.owner;
    if (filter.statuses !== undefined) query.status = { $in: filter.statuses };
    const docs = await this.model.find(query).sort({ updatedAt: -1, _id: -1 }).lean<Record<string, unknown>[]>().exec();
    return docs.flatMap((doc) => toRecord(doc) ?? []);
  }

  async dueCandidates(now: Date, what: DueWork, limit: number, platform?: string): Promise<string[]> {
    const field = what === 'week' ? 'nextWeekDueAt' : 'nextReminderAt';
    const docs = await this.model
      .find({ ...dueFilter(field, now), ...(platform === undefined ? {} : { 'delivery.platform': platform }) }, { _id: 1 })
      .sort({ [field]: 1 })
      .limit(limit)
      .lean<{ _id: unknown }[]>()
      .exec();
    return docs.map((d) => String(d._id));
  }

  async claimDue(now: Date, leaseOwner: string, leaseUntil: Date, what: DueWork = 'week', planId?: string): Promise<PlanRecord | undefined> {
    const field = what === 'week' ? 'nextWeekDueAt' : 'nextReminderAt';
    if (planId !== undefined && !mongoose.isValidObjectId(planId)) return undefined;
    const doc = await this.model
      .findOneAndUpdate(
        { ...(planId === undefined ? {} : { _id: planId }), ...dueFilter(field, now) },
        { $set: { lease: { owner: leaseOwner, until: leaseUntil } }, $inc: { revision: 1 } },
        { sort: { [field]: 1 }, returnDocument: 'after', timestamps: false },
      )
      .lean<Record<string, unknown>>()
      .exec();
    return toRecord(doc);
  }

  /**
   * Appending a week to a plan we hold at the guarded revision: when the guard matches, the
   * database held exactly that plan, so the result is that plan plus the week — no need to read
   * 50 KB back. Only this change (a new week and the phase totals) takes the shortcut; anything
   * else is read back from the database.
   */
  private appendWithoutReadBack(id: string, guard: PlanGuard, change: PlanChange, now: Date): Promise<PlanRecord | undefined> | undefined {
    const known = this.cache.peek(id);
    const setKeys = Object.keys(change.set ?? {});
    const onlyAppend =
      change.pushWeek !== undefined &&
      change.weeks === undefined &&
      change.execution === undefined &&
      change.posted === undefined &&
      (change.pushHistory ?? []).length === 0 &&
      setKeys.every((key) => key === 'phases');
    if (!known || !onlyAppend || guard.revision === undefined || known.revision !== guard.revision || change.pushWeek === undefined) {
      return undefined;
    }
    const week = change.pushWeek;
    return this.apply(id, guard, change, now).then((written) =>
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

  async apply(id: string, guard: PlanGuard, change: PlanChange, now: Date): Promise<boolean> {
    if (!mongoose.isValidObjectId(id)) return false;
    const update = updateOf(change);
    update.$set = { ...(update.$set as Record<string, unknown> | undefined), updatedAt: now };
    const result = await this.model.updateOne(filterOf(id, guard), update, { timestamps: false }).exec();
    return result.matchedCount === 1;
  }

  async update(id: string, guard: PlanGuard, change: PlanChange, now: Date): Promise<PlanRecord | undefined> {
    if (!mongoose.isValidObjectId(id)) return undefined;
    const appended = this.appendWithoutReadBack(id, guard, change, now);
    if (appended) return appended;
    const update = updateOf(change);
    update.$set = { ...(update.$set as Record<string, unknown> | undefined), updatedAt: now };
    const doc = await this.model
      .findOneAndUpdate(filterOf(id, guard), update, { returnDocument: 'after', timestamps: false })
      .lean<Record<string, unknown>>()
      .exec();
    const record = toRecord(doc);
    return record ? this.cache.put(record) : undefined;
  }
}

/** The database a URI names, or undefined when its path is empty (`mongodb://h:27017/`). */
export function databaseOf(uri: string): string | undefined {
  const path = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri)?.[1];
  return path === undefined || path === '' ? undefined : decodeURIComponent(path);
}

export const DEFAULT_DATABASE = 'gofast';

/**
 * Opens a mongoose connection of its own (several bot instances in one test process each get
 * one), to the URI's database or `gofast` when it names none.
 */
export async function connectMongo(uri: string): Promise<Connection> {
  const dbName = databaseOf(uri) ?? DEFAULT_DATABASE;
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000, dbName });
  await connection.asPromise();
  return connection;
}
