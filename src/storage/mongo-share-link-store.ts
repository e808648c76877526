/**
 * `ShareLinkStore` over MongoDB through the driver, on the plans' connection: collection
 * `share_links`, the zod record schema's shape (src/plans/share-link-store.ts) with the id as
 * `_id` (links stored before club pages have no `kind`: they read as plans'). Links are found by their token's hash through a unique index; a database failure rejects
 * as the plan store's does, so a page request during an outage answers 503, never a false 404.
 */
import { ObjectId, type Collection, type Document } from 'mongodb';
import { GoFastError } from '../domain/errors.js';
import {
  newShareLinkSchema,
  shareLinkRecordSchema,
  type NewShareLinkRecord,
  type ShareLinkRecord,
  type ShareLinkStore,
} from '../plans/share-link-store.js';
import { ensureIndexes, guardedStorage, type IndexList, type MongoConnection } from './mongo-connection.js';

const SHARE_LINK_INDEXES: IndexList = [
  // Every page request looks its token up by hash; two links never share one.
  { key: { hash: 1 }, name: 'hash_1', unique: true },
  // Sharing again and `share off` retire a plan's live link.
  { key: { planId: 1, revokedAt: 1 }, name: 'planId_1_revokedAt_1' },
  // …and `/plan club page [off]` a club's.
  { key: { clubId: 1, revokedAt: 1 }, name: 'clubId_1_revokedAt_1' },
];

function toRecord(doc: Document | null): ShareLinkRecord | undefined {
  if (doc === null) return undefined;
  const { _id, ...rest } = doc;
  const parsed = shareLinkRecordSchema.safeParse({ ...rest, id: String(_id) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GoFastError(
      'STORAGE_FAILED',
      `share link ${String(_id)} in the database does not match the link schema (${issue?.path.join('.')}: ${issue?.message})`,
      { userFacing: false },
    );
  }
  return parsed.data;
}

export class MongoShareLinkStore implements ShareLinkStore {
  private readonly links: Collection<Document>;

  constructor(connection: MongoConnection) {
    this.links = connection.collection('share_links');
  }

  /** Creates the collection's indexes (idempotent); call once at start-up. */
  async init(): Promise<void> {
    await ensureIndexes(this.links, SHARE_LINK_INDEXES);
  }

  async insert(record: NewShareLinkRecord): Promise<ShareLinkRecord> {
    const parsed = newShareLinkSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new GoFastError('STORAGE_FAILED', `refusing to store a share link: ${issue?.path.join('.')}: ${issue?.message}`, {
        userFacing: false,
      });
    }
    const _id = new ObjectId();
    await guardedStorage('storing a share link', () => this.links.insertOne({ _id, ...parsed.data }));
    return { id: _id.toHexString(), ...parsed.data };
  }

  async findByHash(hash: string): Promise<ShareLinkRecord | undefined> {
    return toRecord(await guardedStorage('reading a share link', () => this.links.findOne({ hash })));
  }

  async revokeForPlan(planId: string, at: Date): Promise<number> {
    const result = await guardedStorage('revoking a share link', () =>
      this.links.updateMany({ planId, revokedAt: null }, { $set: { revokedAt: at } }),
    );
    return result.modifiedCount;
  }

  async revokeForClub(clubId: string, at: Date): Promise<number> {
    const result = await guardedStorage('revoking a club page link', () =>
      this.links.updateMany({ kind: 'club', clubId, revokedAt: null }, { $set: { revokedAt: at } }),
    );
    return result.modifiedCount;
  }
}
