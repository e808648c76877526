/**
 * The one MongoDB connection an instance's stores share, through the official driver: the plans,
 * the API keys, the outline cache and the token budgets all live in the database the URI names.
 * The stores used to sit on mongoose models; each now holds its stored shape once, as zod schemas
 * (src/plans/plan-record.ts and friends), and its indexes as one list created here with the driver,
 * so no second declaration of a document can drift from the first.
 */
import { MongoClient, MongoError, ObjectId, type Collection, type Db, type Document, type IndexDescription } from 'mongodb';
import { GoFastError } from '../domain/errors.js';

/** The database a URI names, or undefined when its path is empty (`mongodb://h:27017/`). */
function databaseOf(uri: string): string | undefined {
  const path = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri)?.[1];
  return path === undefined || path === '' ? undefined : decodeURIComponent(path);
}

const DEFAULT_DATABASE = 'gofast';

export class MongoConnection {
  private closed = false;

  constructor(
    private readonly client: MongoClient,
    readonly db: Db,
  ) {}

  collection<T extends Document = Document>(name: string): Collection<T> {
    return this.db.collection<T>(name);
  }

  /** Whether the database answers a ping (the HTTP API's /readyz); false once closed. */
  async ping(): Promise<boolean> {
    if (this.closed) return false;
    const pong = await this.db.command({ ping: 1 }).catch(() => ({ ok: 0 }));
    return pong.ok === 1;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client.close();
  }
}

/**
 * Opens a client of its own (several bot instances in one test process each get one), to the
 * URI's database or `gofast` when it names none.
 */
export async function connectMongo(uri: string): Promise<MongoConnection> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  return new MongoConnection(client, client.db(databaseOf(uri) ?? DEFAULT_DATABASE));
}

/**
 * One collection's secondary indexes, each a `createIndexes` entry with its name spelled out: the
 * names are those mongoose generated, so a database an older release set up is already up to date
 * (createIndexes is a no-op for an identical index, and refuses one of the same name with other
 * options instead of silently keeping a stale one).
 */
export type IndexList = readonly (IndexDescription & { readonly name: string })[];

/** Creates `indexes` on `collection` when missing (idempotent); called once at start-up. */
export async function ensureIndexes<T extends Document>(collection: Collection<T>, indexes: IndexList): Promise<void> {
  if (indexes.length > 0) await collection.createIndexes([...indexes]);
}

/** A stored document's id from its hex form; undefined for a string that cannot be one of ours. */
export function objectIdOf(id: string): ObjectId | undefined {
  return /^[0-9a-f]{24}$/i.test(id) ? ObjectId.createFromHexString(id) : undefined;
}

/**
 * A failure of the driver or the server (database down, timeout, write conflict) as the ports'
 * `STORAGE_FAILED`, with the driver's error as its cause, so the layers above handle one error
 * and never name the driver. Anything else (our own refusals, bugs) passes unchanged.
 */
export function storageFailure(error: unknown, what: string): unknown {
  if (!(error instanceof MongoError)) return error;
  return new GoFastError('STORAGE_FAILED', `${what}: ${error.message}`, { userFacing: false, cause: error });
}
