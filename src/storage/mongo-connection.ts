/**
 * The one MongoDB connection an instance's stores share, through the official driver: the plans,
 * the API keys, the outline cache and the token budgets all live in the database the URI names.
 * The stores used to sit on mongoose models; each now holds its stored shape once, as zod schemas
 * (src/plans/plan-record.ts and friends), and its indexes as one list created here with the driver,
 * so no second declaration of a document can drift from the first.
 */
import {
  MongoClient,
  MongoError,
  MongoNetworkError,
  MongoOperationTimeoutError,
  MongoServerSelectionError,
  ObjectId,
  type Collection,
  type Db,
  type Document,
  type IndexDescription,
} from 'mongodb';
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
 * How long an operation waits for a server it can use, in milliseconds, unless the URI sets
 * `serverSelectionTimeoutMS`. The driver's own default (30 s) turned an outage into requests that
 * hung for the whole wait; well under a second lets the HTTP API answer 503 within 1 s while a
 * healthy server (which answers in milliseconds) is never refused.
 */
const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 500;

/**
 * How long an operation's connection may stay silent, in milliseconds, unless the URI sets
 * `socketTimeoutMS`: a server that accepted the connection and then stopped answering fails the
 * operation instead of holding the request for as long as the socket lives. (Driver 7 dropped the
 * client-side `timeoutMS`; it only warns that the option has no effect.) No operation of ours
 * legitimately waits this long: the slowest, a plan list, takes milliseconds.
 */
const DEFAULT_OPERATION_TIMEOUT_MS = 5_000;

/** Whether the URI's query already sets `option` (case-insensitively, as the driver reads it). */
function uriSets(uri: string, option: string): boolean {
  const query = uri.split('?')[1] ?? '';
  return query.split('&').some((pair) => pair.split('=')[0]?.toLowerCase() === option.toLowerCase());
}

/**
 * Opens a client of its own (several bot instances in one test process each get one), to the
 * URI's database or `gofast` when it names none. The timeouts are the defaults above unless the
 * URI names its own (`?serverSelectionTimeoutMS=2000&socketTimeoutMS=10000`): MONGODB_URI configures them.
 */
export async function connectMongo(uri: string): Promise<MongoConnection> {
  const client = new MongoClient(uri, {
    ...(uriSets(uri, 'serverSelectionTimeoutMS') ? {} : { serverSelectionTimeoutMS: DEFAULT_SERVER_SELECTION_TIMEOUT_MS }),
    ...(uriSets(uri, 'socketTimeoutMS') ? {} : { socketTimeoutMS: DEFAULT_OPERATION_TIMEOUT_MS }),
  });
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
 * Whether the driver failed because it could not reach a server (none selectable, the connection
 * refused or dropped, the deadline passed): an outage that ends by itself, unlike a write conflict
 * or a refused command.
 */
function unreachable(error: MongoError): boolean {
  return error instanceof MongoServerSelectionError || error instanceof MongoNetworkError || error instanceof MongoOperationTimeoutError;
}

/**
 * A failure of the driver or the server as one of the ports' codes, with the driver's error as its
 * cause, so the layers above handle our errors and never name the driver: `STORAGE_UNAVAILABLE`
 * when the database cannot be reached (callers say "try again shortly": HTTP 503 + Retry-After),
 * `STORAGE_FAILED` for any other failure (a write conflict, a refused command). Anything else (our
 * own refusals, bugs) passes unchanged.
 */
export function storageFailure(error: unknown, what: string): unknown {
  if (error instanceof GoFastError) return error;
  if (!(error instanceof MongoError)) {
    // A socket that died under the driver can surface as Node's own stream error, not a
    // MongoError: the database went away all the same.
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code !== undefined && SOCKET_GONE.has(code)) {
      return new GoFastError('STORAGE_UNAVAILABLE', `${what}: ${(error as Error).message}`, { userFacing: false, cause: error });
    }
    return error;
  }
  const code = unreachable(error) ? 'STORAGE_UNAVAILABLE' : 'STORAGE_FAILED';
  return new GoFastError(code, `${what}: ${error.message}`, { userFacing: false, cause: error });
}

const SOCKET_GONE = new Set(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

/**
 * How long one store operation may take before it is answered as an outage. Our operations take
 * milliseconds; this bounds the one that does not come back at all: the driver (7.8, 7.9) can wait
 * forever on a command it wrote in the instant the server's socket died (measured: 1 run in 4 of the
 * outage test), and an HTTP request must get its 503 within a second. Bulk operations (backup,
 * restore, export, import) pass `null` (`guardedBulkStorage`): they are long by nature, and an
 * operator is watching.
 */
const STORE_OPERATION_DEADLINE_MS = 900;

/**
 * Runs one store operation, turning a database failure into the ports' errors (`storageFailure`),
 * and one that passes `deadlineMs` into `STORAGE_UNAVAILABLE`.
 */
export async function guardedStorage<T>(
  what: string,
  run: () => Promise<T>,
  // null, not undefined: an undefined argument would take the default.
  deadlineMs: number | null = STORE_OPERATION_DEADLINE_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const operation = run();
    if (deadlineMs === null) return await operation;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new GoFastError('STORAGE_UNAVAILABLE', `${what}: no answer from the database within ${deadlineMs} ms`, { userFacing: false }),
          ),
        deadlineMs,
      );
    });
    // The abandoned operation settles (or not) on its own; its outcome is no longer anybody's.
    operation.catch(() => undefined);
    return await Promise.race([operation, deadline]);
  } catch (error) {
    throw storageFailure(error, what);
  } finally {
    clearTimeout(timer);
  }
}

/** A bulk operation (backup, restore, export, import): the failures mapped, and no deadline. */
export function guardedBulkStorage<T>(what: string, run: () => Promise<T>): Promise<T> {
  return guardedStorage(what, run, null);
}
