/**
 * `ClubWeekStore` over MongoDB: one document per club and week in `club_weeks`, the record schema
 * (src/plans/club-week-record.ts) as the stored shape, every document read back checked by it.
 *
 * A claim is two steps, each atomic: an upsert that creates the week's document if no one has
 * (the unique index on (clubId, weekOf) turns a racing second upsert into a duplicate key, which
 * simply means the document is there), then a guarded take of its lease. Every later write is
 * guarded on the lease's owner, so an instance whose lease ran out mid fan-out cannot record a
 * parent or finish a post that another instance now holds.
 */
import type { Collection, Document } from 'mongodb';
import { GoFastError } from '../domain/errors.js';
import { clubWeekRecordSchema, type ClubWeekOutcome, type ClubWeekRecord } from '../plans/club-week-record.js';
import type { ClubWeekClaim, ClubWeekStore } from '../plans/club-week-store.js';
import { ensureIndexes, guardedStorage, objectIdOf, type IndexList, type MongoConnection } from './mongo-connection.js';

const DUPLICATE_KEY = 11000;

const CLUB_WEEK_INDEXES: IndexList = [{ key: { clubId: 1, weekOf: 1 }, name: 'clubId_1_weekOf_1', unique: true }];

function toRecord(doc: Document | null): ClubWeekRecord | undefined {
  if (doc === null) return undefined;
  const { _id, ...rest } = doc;
  const parsed = clubWeekRecordSchema.safeParse({ ...rest, id: String(_id) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GoFastError(
      'STORAGE_FAILED',
      `club week ${String(_id)} in the database does not match its schema (${issue?.path.join('.')}: ${issue?.message})`,
      { userFacing: false },
    );
  }
  return parsed.data;
}

export class MongoClubWeekStore implements ClubWeekStore {
  private readonly weeks: Collection<Document>;

  constructor(connection: MongoConnection) {
    this.weeks = connection.collection('club_weeks');
  }

  /** Creates the collection's index (idempotent); call once at start-up. */
  init(): Promise<void> {
    return guardedStorage('creating the club week indexes', () => ensureIndexes(this.weeks, CLUB_WEEK_INDEXES));
  }

  claim(claim: ClubWeekClaim, now: Date): Promise<ClubWeekRecord | undefined> {
    return guardedStorage('claiming a club’s weekly post', async () => {
      const key = { clubId: claim.clubId, weekOf: claim.weekOf };
      try {
        await this.weeks.updateOne(
          key,
          {
            $setOnInsert: {
              ...key,
              platform: claim.platform,
              parentRef: null,
              threadRef: null,
              status: 'posting',
              lease: null,
              outcome: null,
              createdAt: now,
              updatedAt: now,
            },
          },
          { upsert: true },
        );
      } catch (error) {
        // Another instance created it between our look and our insert: it is there, which is all we need.
        if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      }
      const taken = await this.weeks.findOneAndUpdate(
        { ...key, status: 'posting', $or: [{ lease: null }, { 'lease.until': { $lte: now } }] },
        { $set: { lease: { owner: claim.owner, until: claim.until }, updatedAt: now } },
        { returnDocument: 'after' },
      );
      return toRecord(taken);
    });
  }

  recordParent(id: string, owner: string, refs: { parentRef: string; threadRef: string | null }, now: Date): Promise<boolean> {
    return this.guarded(id, 'recording a club’s weekly post', { 'lease.owner': owner, status: 'posting' }, { ...refs, updatedAt: now });
  }

  renew(id: string, owner: string, until: Date, now: Date): Promise<boolean> {
    return this.guarded(
      id,
      'renewing a club post’s lease',
      { 'lease.owner': owner, status: 'posting' },
      { lease: { owner, until }, updatedAt: now },
    );
  }

  async release(id: string, owner: string, now: Date): Promise<void> {
    await this.guarded(id, 'releasing a club post’s lease', { 'lease.owner': owner }, { lease: null, updatedAt: now });
  }

  finish(id: string, owner: string, outcome: ClubWeekOutcome, now: Date): Promise<boolean> {
    return this.guarded(
      id,
      'finishing a club’s weekly post',
      { 'lease.owner': owner, status: 'posting' },
      { status: 'done', lease: null, outcome, updatedAt: now },
    );
  }

  listForClub(clubId: string, limit: number): Promise<ClubWeekRecord[]> {
    return guardedStorage('listing a club’s weekly posts', async () => {
      const docs = await this.weeks.find({ clubId }).sort({ weekOf: -1 }).limit(limit).toArray();
      return docs.flatMap((doc) => toRecord(doc) ?? []);
    });
  }

  private guarded(id: string, what: string, guard: Document, set: Document): Promise<boolean> {
    return guardedStorage(what, async () => {
      const weekId = objectIdOf(id);
      if (weekId === undefined) return false;
      const result = await this.weeks.updateOne({ _id: weekId, ...guard }, { $set: set });
      return result.matchedCount === 1;
    });
  }
}
