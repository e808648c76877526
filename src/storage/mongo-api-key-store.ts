/**
 * `ApiKeyStore` over MongoDB through the driver, on the connection it is given (the plans' own, so
 * one database holds both). The stored shape is the zod record schema's (src/plans/api-key-store.ts)
 * with the id as `_id`: a new key is written as that schema outputs it and every document read back
 * is checked by it. A database failure rejects as the plan store's does (`storageFailure`). Keys are found by their hash through a unique index.
 */
import { ObjectId, type Collection, type Document } from 'mongodb';
import { GoFastError } from '../domain/errors.js';
import { apiKeyRecordSchema, type ApiKeyRecord, type ApiKeyStore, type NewApiKeyRecord } from '../plans/api-key-store.js';
import { ensureIndexes, guardedStorage, objectIdOf, type IndexList, type MongoConnection } from './mongo-connection.js';

const API_KEY_INDEXES: IndexList = [
  // Authentication looks a key up by its hash; two keys never share one.
  { key: { hash: 1 }, name: 'hash_1', unique: true },
  // `gofast apikey revoke PREFIX` and listings.
  { key: { prefix: 1 }, name: 'prefix_1' },
  { key: { owner: 1, createdAt: -1 }, name: 'owner_1_createdAt_-1' },
];

/** A new key as stored: the record but its id, which is the document's `_id`. */
const newKeyToStore = apiKeyRecordSchema.omit({ id: true });

function toRecord(doc: Document | null): ApiKeyRecord | undefined {
  if (doc === null) return undefined;
  const { _id, ...rest } = doc;
  const parsed = apiKeyRecordSchema.safeParse({ ...rest, id: String(_id) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GoFastError(
      'STORAGE_FAILED',
      `API key ${String(_id)} in the database does not match the key schema (${issue?.path.join('.')}: ${issue?.message})`,
      { userFacing: false },
    );
  }
  return parsed.data;
}

export class MongoApiKeyStore implements ApiKeyStore {
  private readonly keys: Collection<Document>;

  constructor(connection: MongoConnection) {
    this.keys = connection.collection('api_keys');
  }

  /** Creates the collection's indexes (idempotent); call once at start-up. */
  async init(): Promise<void> {
    await ensureIndexes(this.keys, API_KEY_INDEXES);
  }

  async insert(record: NewApiKeyRecord): Promise<ApiKeyRecord> {
    const parsed = newKeyToStore.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new GoFastError('STORAGE_FAILED', `refusing to store an API key: ${issue?.path.join('.')}: ${issue?.message}`, {
        userFacing: false,
      });
    }
    const _id = new ObjectId();
    await guardedStorage('storing an API key', () => this.keys.insertOne({ _id, ...parsed.data }));
    return { id: _id.toHexString(), ...parsed.data };
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    // Every authenticated request passes here first: an outage must surface as STORAGE_UNAVAILABLE.
    return toRecord(await guardedStorage('reading an API key', () => this.keys.findOne({ hash })));
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRecord[]> {
    const docs = await guardedStorage('finding API keys', () => this.keys.find({ prefix }).toArray());
    return docs.flatMap((doc) => toRecord(doc) ?? []);
  }

  async revoke(id: string, at: Date): Promise<ApiKeyRecord | undefined> {
    const keyId = objectIdOf(id);
    if (keyId === undefined) return undefined;
    // Guarded on `revokedAt: null` so the first revocation time is the one kept.
    return guardedStorage('revoking an API key', async () => {
      await this.keys.updateOne({ _id: keyId, revokedAt: null }, { $set: { revokedAt: at } });
      return toRecord(await this.keys.findOne({ _id: keyId }));
    });
  }

  async list(filter: { readonly owner?: string }): Promise<ApiKeyRecord[]> {
    const query = filter.owner === undefined ? {} : { owner: filter.owner };
    const docs = await guardedStorage('listing API keys', () => this.keys.find(query).sort({ createdAt: -1, _id: -1 }).toArray());
    return docs.flatMap((doc) => toRecord(doc) ?? []);
  }
}
