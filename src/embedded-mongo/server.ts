/**
 * Starts the TCP listener and wires the pieces together: one storage engine, cursor registry and
 * transaction table shared by every connection, and a dispatcher per server.
 */
import { createServer } from 'node:net';
import { getHeapStatistics } from 'node:v8';
import type { AddressInfo } from 'node:net';
import { ObjectId } from 'bson';
import { ClientConnection } from './client-connection.js';
import type { ServerIdentity } from './commands/command-context.js';
import { CommandDispatcher } from './commands/dispatcher.js';
import { CursorRegistry } from './cursor-registry.js';
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
};

export type EmbeddedMongo = {
  /** Connection string for the driver, e.g. mongodb://127.0.0.1:41234/ */
  readonly uri: string;
  readonly host: string;
  readonly port: number;
  /** Stops listening, drops every connection and discards all data. */
  close(): Promise<void>;
};

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
  const dispatcher = new CommandDispatcher({ engine, cursors, sessions, clock, server: identity, warn });

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
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      server.once('error', onError);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', onError);
        resolve();
      });
    });
  } catch (error) {
    cursors.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const uriHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    uri: `mongodb://${uriHost}:${port}/`,
    host,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const connection of [...connections]) connection.destroy();
        sessions.abortAll();
        cursors.close();
      });
      return closing;
    },
  };
}
