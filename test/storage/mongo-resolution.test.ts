/** Storage resolution: an external URI first, then a local mongod, then the embedded server. */
import { Writable } from 'node:stream';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { redactMongoUri, resolveMongo } from '../../src/storage/mongo-resolution.js';

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

  it('refuses to run production without MONGODB_URI', async () => {
    const { logger } = capturingLogger();
    await expect(
      resolveMongo({ nodeEnv: 'production', uri: undefined, systemBinary: undefined, dataDir: '.data', logger }),
    ).rejects.toThrow(/MONGODB_URI is required/);
  });

  it('falls back to the embedded server when no mongod can be had, and says loudly that data is ephemeral', async () => {
    const { logger, lines } = capturingLogger();
    const resolved = await resolveMongo({
      nodeEnv: 'development',
      uri: undefined,
      // A binary that does not exist: located nowhere, never downloaded.
      systemBinary: '/nonexistent/mongod',
      dataDir: '.data',
      logger,
    });
    try {
      expect(resolved.source).toBe('embedded');
      expect(resolved.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
      const warnings = lines()
        .filter((l) => l.level === 40)
        .map((l) => l.msg);
      expect(warnings.some((m) => /EMBEDDED .* data is in memory and is lost/.test(m))).toBe(true);
      const client = await MongoClient.connect(resolved.uri);
      await client.db('resolution').collection('plans').insertOne({ ok: true });
      expect(await client.db('resolution').collection('plans').countDocuments()).toBe(1);
      await client.close();
    } finally {
      await resolved.stop();
    }
  });

  it('redacts user and password from any MongoDB URI', () => {
    expect(redactMongoUri('mongodb://u:p@h:27017/db?replicaSet=rs0')).toBe('mongodb://***@h:27017/db?replicaSet=rs0');
    expect(redactMongoUri('mongodb://h:27017/')).toBe('mongodb://h:27017/');
  });
});
