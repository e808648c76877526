/**
 * `OutlineCache` (src/engine/ports) over MongoDB: one document per key in `outline_cache`, with a
 * TTL index on `expiresAt` so the server drops expired outlines. Reads also check `expiresAt`:
 * TTL deletion runs about once a minute on a real server and not at all on the embedded one, and
 * an expired outline must never be served. What is read back is checked by the zod outline schema.
 */
import type { Collection } from 'mongodb';
import type { PlanOutline } from '../domain/schemas.js';
import { planOutlineSchema } from '../domain/schemas.js';
import type { OutlineCache } from '../engine/ports/outline-cache.js';
import { ensureIndexes, type IndexList, type MongoConnection } from './mongo-connection.js';

/** `outline` is whatever shape the release that wrote it had; reads check it against today's. */
type OutlineCacheDocument = { _id: string; outline: unknown; createdAt: Date; expiresAt: Date };

const OUTLINE_CACHE_INDEXES: IndexList = [
  // The server deletes an outline once `expiresAt` has passed.
  { key: { expiresAt: 1 }, name: 'expiresAt_1', expireAfterSeconds: 0 },
];

export class MongoOutlineCache implements OutlineCache {
  private readonly outlines: Collection<OutlineCacheDocument>;

  /** `now` is the clock expiry is measured with (tests pass a fake one). */
  constructor(
    connection: MongoConnection,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.outlines = connection.collection<OutlineCacheDocument>('outline_cache');
  }

  /** Creates the TTL index (idempotent); call once at start-up. */
  async init(): Promise<void> {
    await ensureIndexes(this.outlines, OUTLINE_CACHE_INDEXES);
  }

  async get(key: string): Promise<PlanOutline | undefined> {
    const doc = await this.outlines.findOne({ _id: key, expiresAt: { $gt: this.now() } });
    if (!doc) return undefined;
    const parsed = planOutlineSchema.safeParse(doc.outline);
    // A document of another shape (an older release) is a miss, not an error: it is made again.
    return parsed.success ? parsed.data : undefined;
  }

  async put(key: string, outline: PlanOutline, ttlMs: number): Promise<void> {
    const now = this.now();
    // Undefined fields left out, as mongoose did: stored as null they would fail the read's check.
    await this.outlines.replaceOne(
      { _id: key },
      { outline, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) },
      { upsert: true, ignoreUndefined: true },
    );
  }
}
