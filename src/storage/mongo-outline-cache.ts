/**
 * `OutlineCache` (src/engine/ports) over MongoDB: one document per key in `outline_cache`, with a
 * TTL index on `expiresAt` so the server drops expired outlines. Reads also check `expiresAt`:
 * TTL deletion runs about once a minute on a real server and not at all on the embedded one, and
 * an expired outline must never be served. What is read back is checked by the zod outline schema.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { PlanOutline } from '../domain/schemas.js';
import { planOutlineSchema } from '../domain/schemas.js';
import type { OutlineCache } from '../engine/ports/outline-cache.js';

type OutlineCacheDocument = { _id: string; outline: unknown; createdAt: Date; expiresAt: Date };

const outlineCacheSchema = new Schema<OutlineCacheDocument>(
  {
    _id: { type: String, required: true },
    outline: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'outline_cache', versionKey: false, minimize: false },
);
outlineCacheSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

function outlineCacheModel(connection: Connection): Model<OutlineCacheDocument> {
  return (
    (connection.models.OutlineCache as Model<OutlineCacheDocument> | undefined) ??
    connection.model<OutlineCacheDocument>('OutlineCache', outlineCacheSchema)
  );
}

export class MongoOutlineCache implements OutlineCache {
  private readonly model: Model<OutlineCacheDocument>;

  /** `now` is the clock expiry is measured with (tests pass a fake one). */
  constructor(
    connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.model = outlineCacheModel(connection);
  }

  /** Creates the TTL index (idempotent); call once at start-up. */
  async init(): Promise<void> {
    await this.model.init();
  }

  async get(key: string): Promise<PlanOutline | undefined> {
    const doc = await this.model
      .findOne({ _id: key, expiresAt: { $gt: this.now() } })
      .lean<OutlineCacheDocument>()
      .exec();
    if (!doc) return undefined;
    const parsed = planOutlineSchema.safeParse(doc.outline);
    // A document of another shape (an older release) is a miss, not an error: it is made again.
    return parsed.success ? parsed.data : undefined;
  }

  async put(key: string, outline: PlanOutline, ttlMs: number): Promise<void> {
    const now = this.now();
    await this.model
      .replaceOne(
        { _id: key },
        { _id: key, outline, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) },
        { upsert: true },
      )
      .exec();
  }
}
