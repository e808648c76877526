/**
 * The backup file format (src/storage/store-archive.ts) read by hand, record by record, and its
 * reader's refusals: every way a file can be cut short or damaged is refused before anything changes.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { BSON, Binary, Decimal128, Long, MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoFastError } from '../../src/domain/errors.js';
import { restoreBackup, verifyBackup, writeBackup } from '../../src/storage/store-archive.js';
import { startTestMongo, withDatabase, type TestMongo } from '../support/mongo.js';

let mongo: TestMongo;
let client: MongoClient;
let db: Db;
let dir: string;

beforeAll(async () => {
  mongo = await startTestMongo();
  client = new MongoClient(mongo.uri);
  await client.connect();
  db = client.db();
  dir = await mkdtemp(join(tmpdir(), 'gofast-archive-'));
  await db.collection('api_keys').createIndex({ hash: 1 }, { unique: true, name: 'hash_unique' });
  await db.collection('api_keys').insertOne({ hash: 'abc', owner: 'slack:T1:U1', createdAt: new Date(Date.UTC(2026, 0, 2)) });
  // About 2.4 MB of plans, so they span several document records of about 1 MiB each.
  await db.collection('plans').insertMany(
    Array.from({ length: 300 }, (_, i) => ({
      _id: new ObjectId(i.toString(16).padStart(24, '0')),
      n: i,
      big: Long.fromString('9007199254740993'),
      price: Decimal128.fromString('12.345'),
      blob: new Binary(Buffer.alloc(8000, i % 256)),
    })),
  );
});

afterAll(async () => {
  await client.close();
  await mongo.close();
});

type Framed = { length: number; crc: number; payload: Buffer };

/** The records of a backup file, read by the framing alone: length, crc32, BSON payload. */
function framedRecords(bytes: Buffer): Framed[] {
  const out: Framed[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const length = bytes.readUInt32LE(offset);
    const crc = bytes.readUInt32LE(offset + 4);
    const payload = bytes.subarray(offset + 8, offset + 8 + length);
    out.push({ length, crc, payload });
    offset += 8 + length;
  }
  expect(offset).toBe(bytes.length);
  return out;
}

function framed(doc: Document): Buffer {
  const payload = BSON.serialize(doc);
  const head = Buffer.alloc(8);
  head.writeUInt32LE(payload.length, 0);
  head.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([head, payload]);
}

async function refusal(run: () => Promise<unknown>): Promise<GoFastError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GoFastError);
  const refused = error as GoFastError;
  expect(refused.userFacing).toBe(true);
  return refused;
}

describe('a backup file', () => {
  it('is a header, each collection with its document batches, and an end record, every record checksummed', async () => {
    const file = join(dir, 'layout.gofast');
    const summary = await writeBackup(db, file, new Date(Date.UTC(2026, 10, 25, 9)));
    expect(summary).toMatchObject({ collections: 2, documents: 301 });
    const bytes = await readFile(file);
    expect(summary.bytes).toBe(bytes.length);
    expect(await readdir(dir)).not.toContain('layout.gofast.tmp');

    const records = framedRecords(bytes);
    for (const record of records) {
      expect(record.payload.length).toBe(record.length);
      expect(crc32(record.payload)).toBe(record.crc);
    }
    const docs = records.map((r) => BSON.deserialize(r.payload, { fieldsAsRaw: { docs: true } }));
    expect(docs[0]).toEqual({ gofastBackup: 1, createdAt: new Date(Date.UTC(2026, 10, 25, 9)), database: mongo.dbName });
    expect(docs.at(-1)).toEqual({ end: true, collections: 2, documents: 301 });

    const apiKeys = docs[1];
    expect(apiKeys).toMatchObject({ collection: 'api_keys', options: {} });
    expect((apiKeys?.indexes as Document[]).map((i) => i.name)).toEqual(['_id_', 'hash_unique']);
    expect(docs[2]).toMatchObject({ collection: 'api_keys' });
    expect(docs[3]).toMatchObject({ collection: 'plans' });

    const planBatches = docs.filter((d) => d.collection === 'plans' && 'docs' in d);
    expect(planBatches.length).toBeGreaterThanOrEqual(2);
    expect(planBatches.reduce((n, d) => n + (d.docs as Buffer[]).length, 0)).toBe(300);
    // Each batch stops at about 1 MiB: once it reaches it, with the document that crossed it.
    for (const batch of planBatches.slice(0, -1)) {
      const size = (batch.docs as Buffer[]).reduce((n, d) => n + d.length, 0);
      expect(size).toBeGreaterThanOrEqual(1024 * 1024);
      expect(size).toBeLessThan(1024 * 1024 + 9000);
    }
    // The documents are the server's own bytes.
    const stored = await db.collection('plans').find({}, { raw: true }).toArray();
    const inFile = planBatches.flatMap((d) => d.docs as Buffer[]);
    expect(inFile.map((b) => b.toString('hex'))).toEqual(stored.map((b) => Buffer.from(b as unknown as Uint8Array).toString('hex')));
  });

  it('that fails half way leaves the previous backup under its name and no temporary file', async () => {
    const file = join(dir, 'kept.gofast');
    await writeBackup(db, file, new Date());
    const previous = await readFile(file);
    // Nothing listens on port 1: the header is written, then listing the collections fails.
    const gone = new MongoClient('mongodb://127.0.0.1:1/gone?serverSelectionTimeoutMS=100');
    try {
      const error = await writeBackup(gone.db(), file, new Date()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    } finally {
      await gone.close();
    }
    // Compared as bytes: a deep equality over 2 MB of Buffer takes seconds.
    expect((await readFile(file)).equals(previous)).toBe(true);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('is verified whole: its database, date, collections and document count', async () => {
    const file = join(dir, 'verified.gofast');
    await writeBackup(db, file, new Date(Date.UTC(2026, 10, 25, 9)));
    const verified = await verifyBackup(file);
    expect(verified).toMatchObject({ database: mongo.dbName, collections: ['api_keys', 'plans'], documents: 301 });
  });

  it('is refused when it is empty, not a backup, cut at a record boundary, or continues after its end', async () => {
    const file = join(dir, 'whole.gofast');
    await writeBackup(db, file, new Date());
    const bytes = await readFile(file);
    const records = framedRecords(bytes);
    const withoutEnd = bytes.subarray(0, bytes.length - 8 - (records.at(-1)?.length ?? 0));

    const cases: [string, Buffer, RegExp][] = [
      ['empty', Buffer.alloc(0), /it is empty/],
      ['text', Buffer.from('plans,owner\n1,slack:T1:U1\n'), /not a usable backup|not a gofast backup/],
      ['no-end', withoutEnd, /no end record/],
      ['after-end', Buffer.concat([bytes, framed({ end: true, collections: 0, documents: 0 })]), /continues after its end record/],
      ['no-header', framed({ collection: 'plans', options: {}, indexes: [] }), /does not start with a backup header/],
      ['version', framed({ gofastBackup: 2, createdAt: new Date(), database: 'x' }), /version 2 backup/],
      [
        'counts',
        Buffer.concat([withoutEnd, framed({ end: true, collections: 2, documents: 3 })]),
        /counts 3 documents in 2 collections, not the 301 in 2/,
      ],
      [
        'shape',
        Buffer.concat([
          framed({ gofastBackup: 1, createdAt: new Date(), database: 'x' }),
          framed({ collection: 'plans', docs: ['not a document'] }),
        ]),
        /is not a backup record/,
      ],
    ];
    for (const [name, content, message] of cases) {
      const path = join(dir, `${name}.gofast`);
      await writeFile(path, content);
      const error = await refusal(() => verifyBackup(path));
      expect(error.message, name).toMatch(message);
    }
  });

  it('that was damaged after it was verified is refused before the database changes', async () => {
    const file = join(dir, 'changed.gofast');
    await writeBackup(db, file, new Date());
    const verified = await verifyBackup(file);
    await writeFile(file, (await readFile(file)).subarray(0, 100));
    const target = client.db(`${mongo.dbName}_changed`);
    await refusal(() => restoreBackup(target, verified, { replace: false }));
    expect(await target.listCollections().toArray()).toEqual([]);
  });

  it('is restored into another database with the same documents, byte for byte, and indexes', async () => {
    const file = join(dir, 'copy.gofast');
    await writeBackup(db, file, new Date());
    const copyClient = new MongoClient(withDatabase(mongo.uri, `${mongo.dbName}_copy`));
    await copyClient.connect();
    try {
      const copy = copyClient.db();
      expect(await restoreBackup(copy, await verifyBackup(file), { replace: false })).toEqual({ collections: 2, documents: 301 });
      for (const name of ['plans', 'api_keys']) {
        const before = await db.collection(name).find({}, { raw: true }).toArray();
        const after = await copy.collection(name).find({}, { raw: true }).toArray();
        expect(after.map((b) => Buffer.from(b as unknown as Uint8Array).toString('hex'))).toEqual(
          before.map((b) => Buffer.from(b as unknown as Uint8Array).toString('hex')),
        );
      }
      const indexes = await copy.collection('api_keys').listIndexes().toArray();
      expect(indexes.find((i) => i.name === 'hash_unique')).toMatchObject({ key: { hash: 1 }, unique: true });
    } finally {
      await copyClient.db().dropDatabase();
      await copyClient.close();
    }
  });
});
