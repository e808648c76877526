/**
 * Where plans live (ARCHITECTURE.md "Storage resolution"), decided once at start-up:
 * 1. `MONGODB_URI`: that server. Production requires it.
 * 2. Otherwise, in development and tests: a real `mongod` run by mongodb-memory-server as a
 *    one-node replica set (so transactions work) with a persistent dbPath under the data dir —
 *    but only when a binary is already on this machine (`MONGOMS_SYSTEM_BINARY` or the download
 *    cache); it never downloads at run time.
 * 3. Where no binary can be had: the embedded MongoDB-compatible server, durable, in the data dir
 *    (journal + snapshots, served on a Unix socket there). One process owns a data dir; another
 *    gofast process (the CLI, a console) connects to that owner instead of opening the files,
 *    while a second serving instance fails fast: several instances need MongoDB.
 *    `GOFAST_DATA_DIR=:memory:` keeps the data in memory instead, for tests.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { DryMongoBinary, MongoMemoryReplSet } from 'mongodb-memory-server-core';
import type { Logger } from 'pino';
import { GoFastError } from '../domain/errors.js';
import { DataDirLockedError, socketUri, startEmbeddedMongo } from '../embedded-mongo/index.js';
import type { DataDirOwner } from '../embedded-mongo/index.js';
import { redactUri } from '../domain/redaction.js';
import { IN_MEMORY_DATA_DIR } from './in-memory-data-dir.js';

export type MongoSource = 'uri' | 'memory-server' | 'embedded';

/**
 * Who opens the store. A serving process (chat or the HTTP API) must own the data dir; a console
 * or a CLI command may share the owner's.
 */
export type StoreRole = 'serve' | 'console' | 'cli';

const ROLE_NAMES: Record<StoreRole, string> = {
  serve: 'the coach serving chat or the API',
  console: 'the console coach',
  cli: 'a gofast command',
};

/** How long to wait for a CLI command that holds the data dir, or for an owner still starting. */
const OWNER_WAIT_MS = 10_000;

export type MongoResolutionOptions = {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly uri: string | undefined;
  readonly systemBinary: string | undefined;
  readonly dataDir: string;
  readonly logger: Logger;
  /** Port for the in-memory embedded server (0: any free port). */
  readonly embeddedPort?: number;
  /** Default `cli`. */
  readonly role?: StoreRole;
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
  const inMemory = options.dataDir === IN_MEMORY_DATA_DIR;
  if (options.nodeEnv === 'production' && inMemory) {
    throw new GoFastError(
      'STORAGE_FAILED',
      `GOFAST_DATA_DIR=${IN_MEMORY_DATA_DIR} keeps plans in memory; production needs a data directory or MONGODB_URI`,
      {
        userFacing: false,
      },
    );
  }
  if (!inMemory) {
    const binary = await locateMongod(options.systemBinary, logger);
    if (binary !== undefined) {
      try {
        const resolved = await startMemoryServer(binary, options.dataDir);
        logger.info({ store: 'memory-server', uri: resolved.label }, `storage: local mongod at ${resolved.label}`);
        return resolved;
      } catch (error) {
        logger.warn({ err: error, binary }, 'the local mongod did not start; using the embedded store instead');
      }
    }
    return openDataDir(resolve(options.dataDir), options.role ?? 'cli', logger);
  }
  return startInMemory(options, logger);
}

/** The embedded server in memory, on a loopback port: tests and `GOFAST_DATA_DIR=:memory:`. */
async function startInMemory(options: MongoResolutionOptions, logger: Logger): Promise<ResolvedMongo> {
  const server = await startEmbeddedMongo({
    host: '127.0.0.1',
    port: options.embeddedPort ?? 0,
    onWarning: (message) => logger.warn({ store: 'embedded' }, message),
  });
  logger.warn(
    { store: 'embedded', uri: server.uri },
    `storage: EMBEDDED MongoDB-compatible server at ${server.uri}, IN MEMORY (GOFAST_DATA_DIR=${IN_MEMORY_DATA_DIR}) — plans are lost when the coach stops.`,
  );
  return { source: 'embedded', uri: server.uri, label: `in-memory embedded server at ${server.uri}`, stop: () => server.close() };
}

function describeOwner(owner: DataDirOwner): string {
  const role = owner.role in ROLE_NAMES ? ROLE_NAMES[owner.role as StoreRole] : owner.role;
  return `process ${owner.pid} (${role}, since ${owner.startedAt})`;
}

/** Whether the owner's socket answers a ping within a second. */
async function answers(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1_000 });
  try {
    await client.connect();
    const pong = await client.db('admin').command({ ping: 1 });
    return pong.ok === 1;
  } catch {
    // Refused, missing socket or timeout: the owner is not (yet) serving; the caller decides.
    return false;
  } finally {
    await client.close();
  }
}

/**
 * Becomes the owner of the data dir (the durable embedded store), or, when another process owns
 * it, connects to that owner (a console, a CLI command) or fails fast (a second serving instance).
 */
async function openDataDir(dir: string, role: StoreRole, logger: Logger): Promise<ResolvedMongo> {
  const deadline = Date.now() + OWNER_WAIT_MS;
  for (;;) {
    let owner: DataDirOwner;
    try {
      const server = await startEmbeddedMongo({
        dataDir: dir,
        ownerRole: role,
        onWarning: (message) => logger.warn({ store: 'embedded' }, message),
      });
      const label = `embedded store in ${dir}`;
      logger.info(
        { store: 'embedded', dataDir: dir, socket: server.socketPath, loaded: server.loaded },
        `storage: ${label} (journal and snapshots, served on ${server.socketPath ?? ''})`,
      );
      return { source: 'embedded', uri: server.uri, label, stop: () => server.close() };
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      owner = error.owner;
    }
    if (role === 'serve') {
      // A CLI command holds the files only for its few seconds; another server holds them for good.
      if (owner.role === 'cli' && Date.now() < deadline) {
        await sleep(200);
        continue;
      }
      throw new GoFastError(
        'STORAGE_FAILED',
        `${dir} is in use by ${describeOwner(owner)}. A data directory serves one instance; to run several, point them all at one MongoDB with MONGODB_URI.`,
        { userFacing: false },
      );
    }
    const uri = socketUri(owner.socket);
    if (await answers(uri)) {
      const label = `embedded store in ${dir}, served by ${describeOwner(owner)}`;
      logger.info({ store: 'embedded', dataDir: dir, owner: owner.pid }, `storage: ${label}`);
      return { source: 'embedded', uri, label, stop: async () => undefined };
    }
    if (Date.now() >= deadline) {
      throw new GoFastError(
        'STORAGE_FAILED',
        `${dir} is owned by ${describeOwner(owner)}, which does not answer on ${owner.socket}; if no gofast process is running, delete ${join(dir, 'owner.lock')}.`,
        { userFacing: false },
      );
    }
    await sleep(200);
  }
}
