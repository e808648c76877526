/**
 * `StravaEventInbox` (src/plans/strava/strava-event-inbox.ts) over MongoDB: one document per
 * webhook event in `strava_events`, `_id` = the event's key, so a retried delivery is a duplicate
 * key (one write, nothing changed) and idempotence needs no lookup first.
 *
 * Claiming is built from single-document atomic steps, so two instances never hold one event:
 * 1. `findOneAndUpdate` takes the oldest due event (pending, `notBefore <= now`, no live lease);
 * 2. the same athlete's other due events are picked (up to the limit) and taken with one
 *    `updateMany` whose filter repeats the due-and-unheld condition, so an event another instance
 *    took in between is skipped (`updateMany` cannot limit, hence the ids first);
 * 3. what this holder now holds under this lease is read back: that is the batch.
 * Every write after the claim (complete, retry) is guarded on the holder, so an instance whose
 * lease ran out and whose events were claimed again cannot overwrite the new holder's work. A
 * holder claims one batch at a time (its claims are told apart by holder and lease end).
 *
 * `updates` is stored as a list of `{ field, value }` pairs rather than an object: its keys come
 * from the request body, and a key with a dot or a dollar is no field name to write.
 */
import type { Collection, Document, Filter } from 'mongodb';
import { GoFastError } from '../domain/errors.js';
import { stravaEventRecordSchema, type StravaEventInbox, type StravaEventRecord } from '../plans/strava/strava-event-inbox.js';
import { ensureIndexes, guardedStorage, type IndexList, type MongoConnection } from './mongo-connection.js';

const DUPLICATE_KEY = 11000;

/** The record schema's bound on `outcome`; a longer error message is cut to it, not refused. */
const OUTCOME_MAX = 500;

export const STRAVA_EVENTS_COLLECTION = 'strava_events';

type StoredEvent = Omit<StravaEventRecord, 'key' | 'updates'> & {
  _id: string;
  updates: { field: string; value: string }[];
};

const STRAVA_EVENT_INDEXES: IndexList = [
  // Step 1 of a claim: the oldest due event of anyone.
  { key: { status: 1, notBefore: 1 }, name: 'status_1_notBefore_1' },
  // Step 2: that athlete's other due events.
  { key: { athleteId: 1, status: 1, notBefore: 1 }, name: 'athleteId_1_status_1_notBefore_1' },
  // purgeDone: done events received before a date.
  { key: { status: 1, receivedAt: 1 }, name: 'status_1_receivedAt_1' },
];

/** Oldest first: the order events are claimed, batched and told in. */
const OLDEST_FIRST = { notBefore: 1, receivedAt: 1, _id: 1 } as const;

function clip(outcome: string): string {
  return outcome.length <= OUTCOME_MAX ? outcome : `${outcome.slice(0, OUTCOME_MAX - 1)}…`;
}

/** Pending, due at `now`, and held by nobody (or by someone whose lease has run out). */
function dueAndUnheld(now: Date): Filter<StoredEvent> {
  return { status: 'pending', notBefore: { $lte: now }, $or: [{ holder: null }, { leaseUntil: { $lte: now } }] };
}

function toRecord(doc: Document): StravaEventRecord {
  const { _id, updates, ...rest } = doc;
  const pairs = Array.isArray(updates) ? (updates as unknown[]) : undefined;
  const parsed = stravaEventRecordSchema.safeParse({
    ...rest,
    key: _id,
    updates:
      pairs === undefined
        ? updates
        : Object.fromEntries(
            pairs.map((pair) => {
              const { field, value } = (pair ?? {}) as { field?: unknown; value?: unknown };
              return [String(field), value];
            }),
          ),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GoFastError(
      'STORAGE_FAILED',
      `Strava event ${String(_id)} in the database does not match its schema (${issue?.path.join('.')}: ${issue?.message})`,
      { userFacing: false },
    );
  }
  return parsed.data;
}

type Waiting = {
  readonly doc: StoredEvent;
  readonly resolve: (outcome: 'received' | 'duplicate') => void;
  readonly reject: (error: unknown) => void;
};

/** The most events one write stores (a burst beyond it is a few writes). */
const MAX_EVENTS_PER_WRITE = 500;

/**
 * The positions of an unordered insertMany's documents refused as duplicate keys, when that is
 * its only kind of failure; null for any other error.
 */
function duplicateIndexes(error: unknown): Set<number> | null {
  const { code, writeErrors } = error as { code?: unknown; writeErrors?: unknown };
  const list: unknown[] = Array.isArray(writeErrors) ? writeErrors : writeErrors === undefined ? [] : [writeErrors];
  if (list.length === 0) return code === DUPLICATE_KEY ? new Set([0]) : null;
  const indexes = new Set<number>();
  for (const entry of list) {
    const { code: entryCode, index } = entry as { code?: unknown; index?: unknown };
    if (entryCode !== DUPLICATE_KEY || typeof index !== 'number') return null;
    indexes.add(index);
  }
  return indexes;
}

export class MongoStravaEventInbox implements StravaEventInbox {
  private readonly events: Collection<StoredEvent>;
  private readonly waiting: Waiting[] = [];
  private writing = false;

  constructor(connection: MongoConnection) {
    this.events = connection.collection<StoredEvent>(STRAVA_EVENTS_COLLECTION);
  }

  /** Creates the collection's indexes (idempotent); call once at start-up. */
  init(): Promise<void> {
    return guardedStorage('creating the Strava event indexes', () => ensureIndexes(this.events, STRAVA_EVENT_INDEXES));
  }

  async receive(record: StravaEventRecord): Promise<'received' | 'duplicate'> {
    const parsed = stravaEventRecordSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new GoFastError('STORAGE_FAILED', `refusing to store a Strava event: ${issue?.path.join('.')}: ${issue?.message}`, {
        userFacing: false,
      });
    }
    const { key, updates, ...rest } = parsed.data;
    const doc: StoredEvent = { _id: key, ...rest, updates: Object.entries(updates).map(([field, value]) => ({ field, value })) };
    return new Promise((resolve, reject) => {
      this.waiting.push({ doc, resolve, reject });
      if (!this.writing) void this.writeWaiting();
    });
  }

  /**
   * Group commit: the events that arrived while the previous write was in flight go in one
   * unordered `insertMany`, each answered on its own (a duplicate key is that event's
   * `duplicate`). A burst of 200 webhook calls is then a few writes, not 200 one after another.
   */
  private async writeWaiting(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_EVENTS_PER_WRITE);
        try {
          const duplicates = await guardedStorage('storing Strava events', async () => {
            try {
              await this.events.insertMany(
                batch.map((b) => b.doc),
                { ordered: false },
              );
              return new Set<number>();
            } catch (error) {
              // Strava delivered it again (or another instance stored it first): it is there once already.
              const indexes = duplicateIndexes(error);
              if (indexes === null) throw error;
              return indexes;
            }
          });
          batch.forEach((b, i) => b.resolve(duplicates.has(i) ? 'duplicate' : 'received'));
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  async claimBatch(holder: string, now: Date, leaseMs: number, limit: number): Promise<StravaEventRecord[]> {
    if (holder === '' || !Number.isFinite(leaseMs) || leaseMs <= 0 || !Number.isInteger(limit) || limit < 1) {
      throw new GoFastError(
        'INVALID_INPUT',
        `a claim needs a holder, a positive lease and a limit of at least 1 (got ${leaseMs} ms, ${limit})`,
        {
          userFacing: false,
        },
      );
    }
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const take = { $set: { holder, leaseUntil }, $inc: { attempts: 1 } };
    return guardedStorage('claiming Strava events', async () => {
      const first = await this.events.findOneAndUpdate(dueAndUnheld(now), take, { sort: OLDEST_FIRST, returnDocument: 'after' });
      if (first === null) return [];
      if (limit === 1) return [toRecord(first)];
      const others = await this.events
        .find({ ...dueAndUnheld(now), athleteId: first.athleteId, _id: { $ne: first._id } }, { projection: { _id: 1 } })
        .sort(OLDEST_FIRST)
        .limit(limit - 1)
        .toArray();
      const ids = others.map((doc) => doc._id);
      if (ids.length > 0) await this.events.updateMany({ ...dueAndUnheld(now), _id: { $in: ids } }, take);
      const held = await this.events
        .find({ _id: { $in: [first._id, ...ids] }, holder, leaseUntil })
        .sort(OLDEST_FIRST)
        .toArray();
      return held.map(toRecord);
    });
  }

  async complete(holder: string, outcomes: readonly { readonly key: string; readonly outcome: string }[]): Promise<void> {
    if (outcomes.length === 0) return;
    await guardedStorage('completing Strava events', () =>
      this.events.bulkWrite(
        outcomes.map(({ key, outcome }) => ({
          updateOne: {
            filter: { _id: key, holder },
            update: { $set: { status: 'done', outcome: clip(outcome), holder: null, leaseUntil: null } },
          },
        })),
        { ordered: false },
      ),
    );
  }

  async retryLater(holder: string, key: string, notBefore: Date, outcome: string): Promise<void> {
    await guardedStorage('putting a Strava event back', () =>
      this.events.updateOne(
        { _id: key, holder, status: 'pending' },
        { $set: { notBefore, outcome: clip(outcome), holder: null, leaseUntil: null } },
      ),
    );
  }

  async purgeDone(before: Date): Promise<number> {
    const result = await guardedStorage('purging done Strava events', () =>
      this.events.deleteMany({ status: 'done', receivedAt: { $lt: before } }),
    );
    return result.deletedCount;
  }
}
