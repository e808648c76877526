/**
 * Starts the TCP listener and wires the pieces together: one storage engine, cursor registry and
 * transaction table shared by every connection, and a dispatcher per server.
 */
import { chmod, mkdir, unlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { AddressInfo } from 'node:net';
import { ObjectId } from 'bson';
import { ClientConnection } from './client-connection.js';
import type { ServerIdentity } from './commands/command-context.js';
import { CommandDispatcher } from './commands/dispatcher.js';
import { CursorRegistry } from './cursor-registry.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import type { DataDirLock } from './data-dir-lock.js';
import { DurableStore } from './durable-store.js';
import type { LoadReport } from './durable-store.js';
import { LogicalClock } from './logical-clock.js';
import { SessionTransactions } from './session-transactions.js';
import { MAX_BSON_OBJECT_SIZE, StorageEngine } from './storage-engine.js';

/** MongoDB's maxMessageSizeBytes. */
const DEFAULT_MAX_MESSAGE_BYTES = 48_000_000;
/**
 * Stored documents take several times their BSON size as JavaScript objects, so the default
 * ceiling is a quarter of the heap limit: writes are refused well before the heap gives out.
 */
const DEFAULT_MAX_DATA_BYTES_SHARE_OF_HEAP = 4;
const MAX_WRITE_BATCH_SIZE = 100_000;
const REPLICA_SET_NAME = 'embedded';

export type EmbeddedMongoOptions = {
  /** Interface to listen on; default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Receives protocol problems and unexpected failures; the server never prints. */
  readonly onWarning?: (message: string) => void;
  /** Largest accepted wire message; default 48 000 000 bytes like MongoDB. */
  readonly maxMessageBytes?: number;
  /**
   * Ceiling on the stored data (sum of document BSON sizes) above which writes adding data fail
   * with ExceededMemoryLimit (146) while reads and deletes keep working; default a quarter of the
   * heap limit.
   */
  readonly maxDataBytes?: number;
  /**
   * Keeps the data in this directory (journal + snapshots) instead of in memory only, and serves
   * it on a Unix socket in the directory (mode 0600), not on TCP. The directory is locked: a
   * second server on it fails with DataDirLockedError naming the owner.
   */
  readonly dataDir?: string;
  /** What this process is, written in the lock for others to read ("the bot", "gofast plans"). */
  readonly ownerRole?: string;
  /** Durable store: compact when the journal passes this many bytes (default 64 MiB). */
  readonly compactAtBytes?: number;
  /** Durable store: compact on this schedule when anything was written (default 10 minutes). */
  readonly compactEveryMs?: number;
};

export type EmbeddedMongo = {
  /** Connection string for the driver, e.g. mongodb://127.0.0.1:41234/ or a percent-encoded socket path. */
  readonly uri: string;
  readonly host: string;
  /** The TCP port, or 0 when serving on a Unix socket. */
  readonly port: number;
  /** The Unix socket of a durable server. */
  readonly socketPath: string | undefined;
  /** What the durable store found on disk at start (undefined in memory). */
  readonly loaded: LoadReport | undefined;
  /** Durable store: writes a snapshot now and drops the journal it replaces. */
  compact(): Promise<void>;
  /** Stops listening and drops every connection; in memory the data is discarded, on disk it stays. */
  close(): Promise<void>;
};

/** The socket a durable server listens on, inside its data directory. */
const SOCKET_FILE = 'store.sock';

/** The driver's connection string for a Unix socket (the path percent-encoded, ending in .sock). */
export function socketUri(socketPath: string): string {
  // directConnection: the server presents itself as a replica-set primary; a socket path is not
  // a member address the driver could discover, so it talks to this server only.
  return `mongodb://${encodeURIComponent(socketPath)}/?directConnection=true`;
}

/** Linux's limit on a socket path (sun_path is 108 bytes with the terminating zero). */
const MAX_SOCKET_PATH_BYTES = 107;

export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = options.host ?? '127.0.0.1';
  const warn = options.onWarning ?? (() => undefined);
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes < 1024) {
    throw new RangeError(`maxMessageBytes must be an integer of at least 1024, got ${maxMessageBytes}`);
  }

  const maxDataBytes = options.maxDataBytes ?? Math.floor(getHeapStatistics().heap_size_limit / DEFAULT_MAX_DATA_BYTES_SHARE_OF_HEAP);
  if (!(maxDataBytes > 0)) throw new RangeError(`maxDataBytes must be a positive number, got ${maxDataBytes}`);

  const engine = new StorageEngine({ maxBsonObjectSize: MAX_BSON_OBJECT_SIZE, maxDataBytes });
  let lock: DataDirLock | undefined;
  let durable: DurableStore | undefined;
  let socketPath: string | undefined;
  // Filled in once listening; a journal failure before then fails the start instead.
  const serving: { stop?: () => void } = {};
  if (options.dataDir !== undefined) {
    const dir = resolve(options.dataDir);
    socketPath = join(dir, SOCKET_FILE);
    if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
      throw new RangeError(
        `the data directory ${dir} is too deep for its socket (${socketPath} is over ${MAX_SOCKET_PATH_BYTES} bytes); use a shorter path`,
      );
    }
    await mkdir(dir, { recursive: true, mode: 0o700 });
    lock = await acquireDataDirLock(dir, {
      pid: process.pid,
      socket: socketPath,
      role: options.ownerRole ?? 'embedded-mongo',
      startedAt: new Date().toISOString(),
    });
    try {
      durable = await DurableStore.open({
        dir,
        engine,
        warn,
        onFatal: (error) => {
          warn(`embedded-mongo: the journal in ${dir} cannot be written (${error.message}); the server stops so nothing unsaved is served`);
          // Every command is refused from now on (the dispatcher checks); the short wait lets the
          // writes that were waiting get their error replies before the connections close.
          setTimeout(() => serving.stop?.(), 250);
        },
        ...(options.compactAtBytes === undefined ? {} : { compactAtBytes: options.compactAtBytes }),
        ...(options.compactEveryMs === undefined ? {} : { compactEveryMs: options.compactEveryMs }),
      });
    } catch (error) {
      await lock.release();
      throw error;
    }
  }
  const cursors = new CursorRegistry();
  const sessions = new SessionTransactions(engine);
  const clock = new LogicalClock();
  const identity: ServerIdentity = {
    setName: REPLICA_SET_NAME,
    processId: new ObjectId(),
    electionId: new ObjectId('7fffffff0000000000000001'),
    startedAt: new Date(),
    maxMessageBytes,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
  };
  const dispatcher = new CommandDispatcher({
    engine,
    cursors,
    sessions,
    clock,
    server: identity,
    warn,
    ...(durable === undefined ? {} : { durability: durable }),
  });

  const connections = new Set<ClientConnection>();
  let nextConnectionId = 1;
  let nextRequestId = 1;
  const services = {
    dispatcher,
    processId: identity.processId,
    maxMessageBytes,
    nextRequestId: () => {
      nextRequestId = nextRequestId >= 0x7fffffff ? 1 : nextRequestId + 1;
      return nextRequestId;
    },
    warn,
    ...(socketPath === undefined ? {} : { socketPath }),
    onClose: (connection: ClientConnection) => {
      connections.delete(connection);
      cursors.connectionClosed(connection.info.id);
    },
  };

  const server = createServer((socket) => {
    const connection = new ClientConnection(socket, nextConnectionId, services);
    nextConnectionId += 1;
    connections.add(connection);
  });
  server.on('error', (error) => warn(`embedded-mongo: server error: ${error.message}`));

  try {
    if (socketPath !== undefined) {
      // We hold the lock, so a socket file left here is a dead owner's.
      await unlink(socketPath).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    await new Promise<void>((done, reject) => {
      const onError = (error: Error) => reject(error);
      server.once('error', onError);
      const listening = () => {
        server.off('error', onError);
        done();
      };
      if (socketPath !== undefined) server.listen(socketPath, listening);
      else server.listen(options.port ?? 0, host, listening);
    });
    // Only this user may connect; the directory is 0700 as well.
    if (socketPath !== undefined) await chmod(socketPath, 0o600);
  } catch (error) {
    cursors.close();
    server.close();
    await durable?.close();
    await lock?.release();
    throw error;
  }
  const port = socketPath === undefined ? (server.address() as AddressInfo).port : 0;
  const uriHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        for (const connection of [...connections]) connection.destroy();
        sessions.abortAll();
        cursors.close();
      });
      await durable?.close();
      if (socketPath !== undefined) await unlink(socketPath).catch(() => undefined);
      await lock?.release();
    })();
    return closing;
  };
  serving.stop = () => void close();
  return {
    uri: socketPath === undefined ? `mongodb://${uriHost}:${port}/` : socketUri(socketPath),
    host: socketPath === undefined ? host : 'localhost',
    port,
    socketPath,
    loaded: durable?.loaded,
    compact: () => durable?.compact() ?? Promise.resolve(),
    close,
  };
}
