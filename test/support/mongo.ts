/**
 * A MongoDB for tests, resolved as the app resolves its storage (src/storage/mongo-resolution.ts):
 * the real server named by MONGODB_URI when set, else the embedded server — in memory on a random
 * loopback port, or, with `durable` (or GOFAST_TEST_STORE=durable, which the conformance suite's
 * second run sets), the durable store in a throw-away data dir. Either way the returned URI names
 * a database unique to this call, so suites running in parallel (or against one shared real
 * server) never see each other's data; `client.db()` without a name uses it.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/log.js';
import { IN_MEMORY_DATA_DIR } from '../../src/storage/in-memory-data-dir.js';
import { resolveMongo } from '../../src/storage/mongo-resolution.js';

export type TestMongo = {
  /** Connection string whose path is this call's database. */
  readonly uri: string;
  readonly dbName: string;
  /** True when running against a real mongod (MONGODB_URI or a local binary). */
  readonly external: boolean;
  close(): Promise<void>;
};

let calls = 0;

/** A database name no other call (in this or another process) will produce. */
function uniqueDatabaseName(prefix = 'test'): string {
  calls += 1;
  return `${prefix}_${process.pid}_${calls}_${randomBytes(4).toString('hex')}`;
}

/** Replaces the database path of a mongodb:// or mongodb+srv:// URI, keeping its options. */
export function withDatabase(uri: string, dbName: string): string {
  const schemeEnd = uri.indexOf('://') + 3;
  const queryStart = uri.indexOf('?', schemeEnd);
  const base = queryStart === -1 ? uri : uri.slice(0, queryStart);
  const query = queryStart === -1 ? '' : uri.slice(queryStart);
  const slash = base.indexOf('/', schemeEnd);
  const hosts = slash === -1 ? base : base.slice(0, slash);
  return `${hosts}/${dbName}${query}`;
}

/** Whether tests run the embedded server's durable store (journal on disk) instead of memory. */
const durableTestStore = process.env.GOFAST_TEST_STORE === 'durable';

export async function startTestMongo(options: { readonly durable?: boolean } = {}): Promise<TestMongo> {
  const dbName = uniqueDatabaseName();
  const durable = options.durable ?? durableTestStore;
  const dataDir = durable ? await mkdtemp(join(tmpdir(), 'gofast-test-mongo-')) : IN_MEMORY_DATA_DIR;
  const resolved = await resolveMongo({
    nodeEnv: 'test',
    uri: process.env.MONGODB_URI || undefined,
    systemBinary: undefined,
    dataDir,
    logger: createLogger('silent'),
  });
  const uri = withDatabase(resolved.uri, dbName);
  if (resolved.source === 'embedded') {
    return {
      uri,
      dbName,
      external: false,
      close: async () => {
        await resolved.stop();
        if (durable) await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  return {
    uri,
    dbName,
    external: true,
    close: async () => {
      const client = new MongoClient(uri);
      try {
        await client.db(dbName).dropDatabase();
      } finally {
        await client.close();
        await resolved.stop();
      }
    },
  };
}
