/**
 * `ApiKeyStore` over MongoDB through mongoose, on a connection it is given (the plans' own, so one
 * database holds both). Keys are found by their hash through a unique index; every document read
 * back is checked by the zod record schema.
 */
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { GoFastError } from '../domain/errors.js';
import { apiKeyRecordSchema, type ApiKeyRecord, type ApiKeyStore, type NewApiKeyRecord } from '../plans/api-key-store.js';

type ApiKeyDocument = Omit<ApiKeyRecord, 'id'>;

const apiKeySchema = new Schema<ApiKeyDocument>(
  {
    hash: { type: String, required: true },
    prefix: { type: String, required: true },
    owner: { type: String, required: true },
    label: { type: String, default: null },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { strict: 'throw', versionKey: false, collection: 'api_keys' },
);

// Authentication looks a key up by its hash; two keys never share one.
apiKeySchema.index({ hash: 1 }, { unique: true });
// `gofast apikey revoke PREFIX` and listings.
apiKeySchema.index({ prefix: 1 });
apiKeySchema.index({ owner: 1, createdAt: -1 });

const MODEL_NAME = 'ApiKey';

function apiKeyModel(connection: Connection): Model<ApiKeyDocument> {
  // One model per connection: several instances in one process each have their own.
  return (connection.models[MODEL_NAME] as Model<ApiKeyDocument> | undefined) ?? connection.model<ApiKeyDocument>(MODEL_NAME, apiKeySchema);
}

function toRecord(doc: Record<string, unknown> | null): ApiKeyRecord | undefined {
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
  private readonly model: Model<ApiKeyDocument>;

  constructor(connection: Connection) {
    this.model = apiKeyModel(connection);
  }

  /** Creates the collection's indexes (idempotent); call once at start-up. */
  async init(): Promise<void> {
    await this.model.init();
  }

  async insert(record: NewApiKeyRecord): Promise<ApiKeyRecord> {
    const [created] = await this.model.create([record]);
    const stored = toRecord(created ? (created.toObject() as Record<string, unknown>) : null);
    if (!stored) throw new GoFastError('STORAGE_FAILED', 'the new API key was not stored', { userFacing: false });
    return stored;
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    return toRecord(await this.model.findOne({ hash }).lean<Record<string, unknown>>().exec());
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRecord[]> {
    const docs = await this.model.find({ prefix }).lean<Record<string, unknown>[]>().exec();
    return docs.flatMap((doc) => toRecord(doc) ?? []);
  }

  async revoke(id: string, at: Date): Promise<ApiKeyRecord | undefined> {
    if (!mongoose.isValidObjectId(id)) return undefined;
    // Guarded on `revokedAt: null` so the first revocation time is the one kept.
    await this.model.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } }).exec();
    return toRecord(await this.model.findById(id).lean<Record<string, unknown>>().exec());
  }

  async list(filter: { readonly owner?: string }): Promise<ApiKeyRecord[]> {
    const query = filter.owner === undefined ? {} : { owner: filter.owner };
    const docs = await this.model.find(query).sort({ createdAt: -1, _id: -1 }).lean<Record<string, unknown>[]>().exec();
    return docs.flatMap((doc) => toRecord(doc) ?? []);
  }
}
