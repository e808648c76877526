/** Storage resolution: an external URI first, then a local mongod, then the embedded store (durable in the data dir, or in memory for tests). */
import { Writable } from 'node:stream';
import { MongoClient } from 'mongodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { IN_MEMORY_DATA_DIR } from '../../src/storage/in-memory-data-dir.js';
import { redactMongoUri, resolveMongo, type StoreRole } from '../../src/storage/mongo-resolution.js';

function capturingLogger(): { logger: ReturnType<typeof createLogger>; lines: () => { level: number; msg: string }[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', sink), lines: () => chunks.map((c) => JSON.parse(c)) };
}

describe('storage resolution', () => {
  it('uses MONGODB_URI as given and logs it without credentials', async () => {
    const { logger, lines } = capturingLogger();
    const resolved = await resolveMongo({
      nodeEnv: 'production',
      uri: 'mongodb+srv://coach:hunter2@cluster0.example.net/gofast',
      systemBinary: undefined,
      dataDir: '.data',
      logger,
    });
    expect(resolved.source).toBe('uri');
    expect(resolved.label).toBe('mongodb+srv://***@cluster0.example.net/gofast');
    expect(JSON.stringify(lines())).not.toContain('hunter2');
    await resolved.stop();
  });

  it('refuses an in-memory store in production, with one sentence', async () => {
    const { logger } = capturingLogger();
    await expect(
      resolveMongo({ nodeEnv: 'production', uri: undefined, systemBinary: undefined, dataDir: IN_MEMORY_DATA_DIR, logger }),
    ).rejects.toThrow('GOFAST_DATA_DIR=:memory: keeps plans in memory; production needs a data directory or MONGODB_URI');
  });

  it('keeps the in-memory server for tests (GOFAST_DATA_DIR=:memory:), and says loudly that its data is lost', async () => {
    const { logger, lines } = capturingLogger();
    const resolved = await resolveMongo({
      nodeEnv: 'development',
      uri: undefined,
      systemBinary: undefined,
      dataDir: IN_MEMORY_DATA_DIR,
      logger,
    });
    try {
      expect(resolved.source).toBe('embedded');
      expect(resolved.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
      const warnings = lines()
        .filter((l) => l.level === 40)
        .map((l) => l.msg);
      expect(warnings.some((m) => /IN MEMORY .* plans are lost when the coach stops/.test(m))).toBe(true);
    } finally {
      await resolved.stop();
    }
  });

  describe('the durable embedded store in the data dir', () => {
    let dir: string;
    const stops: (() => Promise<void>)[] = [];
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'gofast-resolution-'));
    });
    afterEach(async () => {
      for (const stop of stops.splice(0).reverse()) await stop();
      await rm(dir, { recursive: true, force: true });
    });
    const open = async (role: StoreRole, nodeEnv: 'development' | 'production' = 'development') => {
      const resolved = await resolveMongo({
        nodeEnv,
        uri: undefined,
        systemBinary: '/nonexistent/mongod',
        dataDir: dir,
        role,
        logger: capturingLogger().logger,
      });
      stops.push(() => resolved.stop());
      return resolved;
    };

    it('is the default without MONGODB_URI, production included (one instance), served on a socket in the data dir', async () => {
      const owner = await open('serve', 'production');
      expect(owner.source).toBe('embedded');
      expect(owner.label).toBe(`embedded store in ${dir}`);
      expect(owner.uri).toBe(`mongodb://${encodeURIComponent(join(dir, 'store.sock'))}/?directConnection=true`);
      const client = await MongoClient.connect(owner.uri);
      await client.db('resolution').collection('plans').insertOne({ ok: true });
      await client.close();
    });

    it('lets another gofast process (a CLI command, a console) use the owner’s store instead of opening the files', async () => {
      const owner = await open('serve');
      const writer = await MongoClient.connect(owner.uri);
      await writer.db('resolution').collection('plans').insertOne({ from: 'owner' });
      const cli = await open('cli');
      expect(cli.label).toBe(
        `embedded store in ${dir}, served by process ${process.pid} (the coach serving chat or the API, since ${cli.label.split('since ')[1]}`,
      );
      const reader = await MongoClient.connect(cli.uri);
      expect(await reader.db('resolution').collection('plans').countDocuments({ from: 'owner' })).toBe(1);
      await reader.close();
      await writer.close();
    });

    it('fails fast with one clear sentence when a second serving instance opens the same data dir', async () => {
      await open('serve');
      await expect(open('serve')).rejects.toThrow(
        new RegExp(
          `^${dir} is in use by process ${process.pid} \\(the coach serving chat or the API, since [^)]+\\)\\. A data directory serves one instance; to run several, point them all at one MongoDB with MONGODB_URI\\.$`,
        ),
      );
    });

    it('waits for a CLI command that holds the data dir, then serves', async () => {
      const cli = await open('cli');
      setTimeout(() => void cli.stop(), 300);
      const server = await open('serve');
      expect(server.label).toBe(`embedded store in ${dir}`);
    });
  });

  it('redacts user and password from any MongoDB URI', () => {
    expect(redactMongoUri('mongodb://u:p@h:27017/db?replicaSet=rs0')).toBe('mongodb://***@h:27017/db?replicaSet=rs0');
    expect(redactMongoUri('mongodb://h:27017/')).toBe('mongodb://h:27017/');
  });
});
