/**
 * `ClubStore` over MongoDB: one document per club in `clubs`, the record schema
 * (src/plans/club-record.ts) as the stored shape, every document read back checked by it.
 *
 * One active club per channel rests on the database, not on a read before the write: a unique
 * index on (platform, channelId) over active clubs only, so a closed club leaves its channel free
 * and two `/plan club new` racing in one channel store one club (the other insert gets a duplicate
 * key, 11000, and the caller says the channel has a club). Changes are guarded on the revision as
 * the plans' are (mongo-plan-store.ts).
 */
import { ObjectId, type Collection, type Document, type Filter } from 'mongodb';
import { GoFastError } from '../domain/errors.js';
import { clubRecordSchema, type ClubRecord, type NewClubRecord } from '../plans/club-record.js';
import type { ClubChange, ClubFilter, ClubGuard, ClubStore } from '../plans/club-store.js';
import { ensureIndexes, guardedStorage, objectIdOf, type IndexList, type MongoConnection } from './mongo-connection.js';

const DUPLICATE_KEY = 11000;

const CLUB_INDEXES: IndexList = [
  // One active club per channel; closed clubs do not count.
  {
    key: { platform: 1, channelId: 1 },
    name: 'platform_1_channelId_1_active',
    unique: true,
    partialFilterExpression: { status: 'active' },
  },
  // A member's clubs (joining, leaving, listing).
  { key: { 'members.identity': 1 }, name: 'members.identity_1' },
];

function toRecord(doc: Document | null): ClubRecord | undefined {
  if (doc === null) return undefined;
  const { _id, ...rest } = doc;
  const parsed = clubRecordSchema.safeParse({ ...rest, id: String(_id) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GoFastError(
      'STORAGE_FAILED',
      `club ${String(_id)} in the database does not match the club schema (${issue?.path.join('.')}: ${issue?.message})`,
      { userFacing: false },
    );
  }
  return parsed.data;
}

export class MongoClubStore implements ClubStore {
  private readonly clubs: Collection<Document>;

  constructor(connection: MongoConnection) {
    this.clubs = connection.collection('clubs');
  }

  /** Creates the collection's indexes (idempotent); call once at start-up. */
  init(): Promise<void> {
    return guardedStorage('creating the club indexes', () => ensureIndexes(this.clubs, CLUB_INDEXES));
  }

  async insert(club: NewClubRecord, now: Date): Promise<ClubRecord | undefined> {
    const _id = new ObjectId();
    const parsed = clubRecordSchema.safeParse({ ...club, id: _id.toHexString(), revision: 0, createdAt: now, updatedAt: now });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new GoFastError('STORAGE_FAILED', `refusing to store the new club: ${issue?.path.join('.')}: ${issue?.message}`, {
        userFacing: false,
      });
    }
    const { id, ...doc } = parsed.data;
    return guardedStorage('storing a new club', async () => {
      try {
        await this.clubs.insertOne({ _id, ...doc });
      } catch (error) {
        if ((error as { code?: unknown }).code === DUPLICATE_KEY) return undefined;
        throw error;
      }
      return { id, ...doc };
    });
  }

  findById(id: string): Promise<ClubRecord | undefined> {
    return guardedStorage('reading a club', async () => {
      const clubId = objectIdOf(id);
      return clubId === undefined ? undefined : toRecord(await this.clubs.findOne({ _id: clubId }));
    });
  }

  activeInChannel(platform: string, channelId: string): Promise<ClubRecord | undefined> {
    return guardedStorage('reading a channel’s club', async () =>
      toRecord(await this.clubs.findOne({ platform, channelId, status: 'active' })),
    );
  }

  list(filter: ClubFilter): Promise<ClubRecord[]> {
    return guardedStorage('listing clubs', async () => {
      const query: Filter<Document> = {};
      if (filter.statuses !== undefined) query.status = { $in: [...filter.statuses] };
      if (filter.platform !== undefined) query.platform = filter.platform;
      if (filter.channelId !== undefined) query.channelId = filter.channelId;
      if (filter.member !== undefined) query['members.identity'] = filter.member;
      const docs = await this.clubs.find(query).sort({ _id: -1 }).toArray();
      return docs.flatMap((doc) => toRecord(doc) ?? []);
    });
  }

  update(id: string, guard: ClubGuard, change: ClubChange, now: Date): Promise<ClubRecord | undefined> {
    return guardedStorage('updating a club', async () => {
      const clubId = objectIdOf(id);
      if (clubId === undefined) return undefined;
      const filter: Filter<Document> = { _id: clubId, revision: guard.revision };
      if (guard.statuses !== undefined) filter.status = { $in: [...guard.statuses] };
      const updated = await this.clubs.findOneAndUpdate(
        filter,
        { $set: { ...change, updatedAt: now }, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      );
      return toRecord(updated);
    });
  }
}
