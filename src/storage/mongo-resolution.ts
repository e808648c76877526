/**
 * Where plans live (ARCHITECTURE.md "Storage resolution"), decided once at start-up:
 * 1. `MONGODB_URI`: that server. Production requires it.
 * 2. Otherwise, in development and tests: a real `mongod` run by mongodb-memory-server as a
 *    one-node replica set (so transactions work) with a persistent dbPath under the data dir —
 *    but only when a binary is already on this machine (`MONGOMS_SYSTEM_BINARY` or the download
 *    cache); it never downloads at run time.
 * 3. Where no binary can be had: the embedded MongoDB-compatible server on loopback, with one loud
 *    warning that its data is ephemeral. Never with NODE_ENV=production.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DryMongoBinary, MongoMemoryReplSet } from 'mongodb-memory-server-core';
import type { Logger } from 'pino';
import { GoFastError } from '../domain/errors.js';
import { startEmbeddedMongo } from '../embedded-mongo/index.js';
import { redactUri } from '../domain/redaction.js';

export type MongoSource = 'uri' | 'memory-server' | 'embedded';

export type MongoResolutionOptions = {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly uri: string | undefined;
  readonly systemBinary: string | undefined;
  readonly dataDir: string;
  readonly logger: Logger;
  /** Port for the embedded server (0: any free port). */
  readonly embeddedPort?: number;
};

export type ResolvedMongo = {
  readonly source: MongoSource;
  readonly uri: string;
  /** The URI with any credentials removed, safe to log and show. */
  readonly label: string;
  /** Stops what this process started (nothing for an external server). */
  stop(): Promise<void>;
};

/** A MongoDB URI fit to print: `user:password@` and secret query parameters masked. */
export function redactMongoUri(uri: string): string {
  // The user, the password, and credentials in the query (password=, authMechanismProperties=…).
  return redactUri(uri, '***');
}

/** The path of a mongod already on this machine, or undefined; never downloads. */
async function locateMongod(systemBinary: string | undefined, logger: Logger): Promise<string | undefined> {
  try {
    const options = await DryMongoBinary.generateOptions(systemBinary ? { systemBinary } : {});
    return await DryMongoBinary.locateBinary(options);
  } catch (error) {
    logger.warn({ err: error, systemBinary }, 'MONGOMS_SYSTEM_BINARY does not point at a usable mongod');
    return undefined;
  }
}

async function startMemoryServer(binary: string, dataDir: string): Promise<ResolvedMongo> {
  const dbPath = resolve(dataDir, 'mongod');
  await mkdir(dbPath, { recursive: true });
  const replSet = await MongoMemoryReplSet.create({
    binary: { systemBinary: binary },
    replSet: { count: 1, storageEngine: 'wiredTiger' },
    instanceOpts: [{ dbPath, storageEngine: 'wiredTiger' }],
  });
  const uri = replSet.getUri();
  return {
    source: 'memory-server',
    uri,
    label: `${redactMongoUri(uri)} (mongod ${binary}, data in ${dbPath})`,
    stop: async () => {
      await replSet.stop({ doCleanup: false });
    },
  };
}

export async function resolveMongo(options: MongoResolutionOptions): Promise<ResolvedMongo> {
  const { logger } = options;
  if (options.uri !== undefined) {
    const label = redactMongoUri(options.uri);
    logger.info({ store: 'mongodb', uri: label }, `storage: MongoDB at ${label}`);
    return { source: 'uri', uri: options.uri, label, stop: async () => undefined };
  }
  if (options.nodeEnv === 'production') {
    throw new GoFastError('STORAGE_FAILED', 'MONGODB_URI is required when NODE_ENV=production', { userFacing: false });
  }
  const binary = await locateMongod(options.systemBinary, logger);
  if (binary !== undefined) {
    try {
      const resolved = await startMemoryServer(binary, options.dataDir);
      logger.info({ store: 'memory-server', uri: resolved.label }, `storage: local mongod at ${resolved.label}`);
      return resolved;
    } catch (error) {
      logger.warn({ err: error, binary }, 'the local mongod did not start; using the embedded server instead');
    }
  }
  const server = await startEmbeddedMongo({
    host: '127.0.0.1',
    port: options.embeddedPort ?? 0,
    onWarning: (message) => logger.warn({ store: 'embedded' }, message),
  });
  logger.warn(
    { store: 'embedded', uri: server.uri },
    `storage: EMBEDDED MongoDB-compatible server at ${server.uri} — data is in memory and is lost when the coach stops. ` +
      'Set MONGODB_URI (a local mongod, docker or Atlas) or MONGOMS_SYSTEM_BINARY to keep plans.',
  );
  return { source: 'embedded', uri: server.uri, label: server.uri, stop: () => server.close() };
}
