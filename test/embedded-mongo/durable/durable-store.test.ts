/**
 * The durable embedded store through the official driver: what was acknowledged is there after a
 * restart (documents, indexes, transactions, catalog changes), a torn last record is dropped and
 * the store keeps working, damage elsewhere is refused with the file named, compaction keeps
 * everything while writes go on, and one process owns a data dir.
 */
import { appendFile, mkdtemp, open as openFile, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BSON, Decimal128, Double, Int32, Long, MongoClient } from 'mongodb';
import type { Document } from 'mongodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataDirDamagedError, DataDirLockedError, startEmbeddedMongo } from '../../../src/embedded-mongo/index.js';
import type { EmbeddedMongo } from '../../../src/embedded-mongo/index.js';

const dirs: string[] = [];
const open: { server: EmbeddedMongo; client: MongoClient }[] = [];

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gofast-durable-'));
  dirs.push(dir);
  return dir;
}

async function start(dir: string, warnings: string[] = []): Promise<{ server: EmbeddedMongo; client: MongoClient }> {
  const server = await startEmbeddedMongo({ dataDir: dir, onWarning: (message) => warnings.push(message) });
  const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 2_000 });
  await client.connect();
  const pair = { server, client };
  open.push(pair);
  return pair;
}

async function stop(pair: { server: EmbeddedMongo; client: MongoClient }): Promise<void> {
  await pair.client.close();
  await pair.server.close();
  open.splice(open.indexOf(pair), 1);
}

afterEach(async () => {
  for (const pair of open.splice(0)) {
    await pair.client.close();
    await pair.server.close();
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const strip = (docs: Document[]) => docs.map(({ _id, ...rest }) => ({ _id: String(_id), ...rest }));

describe('durable embedded store', () => {
  it('keeps every acknowledged write across a restart: documents, indexes, options, transactions and drops', async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const db = first.client.db('gofast');
    await db.createCollection('capped_like', { validator: { a: { $exists: true } } });
    const plans = db.collection<Document>('plans');
    await plans.createIndex({ owner: 1 }, { unique: true, name: 'owner_unique' });
    await plans.insertMany([
      { _id: 'a', owner: 'slack:T1:U1', weeks: [], big: Long.fromString('9007199254740993') },
      { _id: 'b', owner: 'slack:T1:U2', weeks: [] },
      { _id: 'c', owner: 'slack:T1:U3', weeks: [] },
    ] as Document[]);
    await plans.updateOne({ _id: 'a' } as Document, { $push: { weeks: { weekNumber: 1, miles: 30 } } } as Document);
    await plans.deleteOne({ _id: 'c' } as Document);
    const session = first.client.startSession();
    await session.withTransaction(async () => {
      await plans.insertOne({ _id: 'd', owner: 'slack:T1:U4' } as Document, { session });
      await plans.updateOne({ _id: 'b' } as Document, { $set: { status: 'active' } }, { session });
    });
    await session.endSession();
    await db.collection('scratch').insertOne({ gone: true });
    await db.collection('scratch').drop();
    await first.client.db('other').collection('x').insertOne({ x: 1 });
    await first.client.db('other').dropDatabase();
    const before = await plans.find().sort({ _id: 1 }).toArray();
    await stop(first);

    const second = await start(dir);
    const db2 = second.client.db('gofast');
    const after = await db2.collection('plans').find({}, { promoteLongs: false }).sort({ _id: 1 }).toArray();
    const withoutBig = (docs: Document[]) =>
      strip(docs.map((doc) => Object.fromEntries(Object.entries(doc).filter(([key]) => key !== 'big'))));
    expect(withoutBig(after)).toEqual(withoutBig(before));
    expect(String(after[0]?.big)).toBe('9007199254740993');
    expect((await db2.listCollections().toArray()).map((c) => c.name).sort()).toEqual(['capped_like', 'plans']);
    const [described] = await db2.listCollections({ name: 'capped_like' }, { nameOnly: false }).toArray();
    expect(described !== undefined && 'options' in described ? described.options : undefined).toEqual({
      validator: { a: { $exists: true } },
    });
    expect((await second.client.db().admin().listDatabases()).databases.map((d) => d.name)).not.toContain('other');
    // The unique index came back and is enforced.
    await expect(db2.collection('plans').insertOne({ owner: 'slack:T1:U1' })).rejects.toMatchObject({ code: 11000 });
    expect(second.server.loaded).toMatchObject({ journalRecords: expect.any(Number), droppedTailBytes: 0 });
  });

  it('opens a journal whose last record is torn, drops that record only, and appends cleanly after it', async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const notes = first.client.db('gofast').collection('notes');
    for (let i = 0; i < 5; i += 1) await notes.insertOne({ _id: i, text: `note ${i}` } as Document);
    await stop(first);
    const journal = join(dir, (await readdir(dir)).find((name) => name.startsWith('journal-')) ?? '');
    const intact = (await stat(journal)).size;
    // Half of a record: a header announcing 500 bytes and 100 of them, as a crash mid-write leaves it.
    const torn = Buffer.alloc(108, 7);
    torn.writeUInt32LE(500, 0);
    await appendFile(journal, torn);

    const warnings: string[] = [];
    const second = await start(dir, warnings);
    expect(second.server.loaded?.droppedTailBytes).toBe(108);
    expect(warnings.join('\n')).toMatch(/dropped a torn record \(108 bytes\)/);
    expect((await stat(journal)).size).toBeGreaterThanOrEqual(intact);
    const notes2 = second.client.db('gofast').collection('notes');
    expect(await notes2.countDocuments()).toBe(5);
    await notes2.insertOne({ _id: 5, text: 'after the crash' } as Document);
    await stop(second);

    const third = await start(dir);
    expect(await third.client.db('gofast').collection('notes').countDocuments()).toBe(6);
  });

  it('refuses, naming the file, a journal damaged before records that were acknowledged later', async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const notes = first.client.db('gofast').collection('notes');
    for (let i = 0; i < 3; i += 1) await notes.insertOne({ _id: i, text: 'x'.repeat(200) } as Document);
    await stop(first);
    const name = (await readdir(dir)).find((n) => n.startsWith('journal-')) ?? '';
    const journal = join(dir, name);
    // A later generation holds acknowledged writes, so damage in this one cannot be a torn tail.
    await writeFile(
      join(
        dir,
        name.replace(/\d{6}/, (gen) => String(Number(gen) + 1).padStart(6, '0')),
      ),
      Buffer.alloc(0),
    );
    const bytes = await readFile(journal);
    bytes[20] = (bytes[20] ?? 0) ^ 0xff;
    await writeFile(journal, bytes);
    const failure = startEmbeddedMongo({ dataDir: dir });
    await expect(failure).rejects.toBeInstanceOf(DataDirDamagedError);
    await expect(failure).rejects.toThrow(new RegExp(`${name} is damaged at byte 0`));
    // The refused start left the directory to the next attempt (the lock is released).
    expect(await readdir(dir)).not.toContain('owner.lock');
  });

  it('compacts into a snapshot while writes go on, and loses none of them', async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const plans = first.client.db('gofast').collection('plans');
    const week = { days: Array.from({ length: 7 }, (_, i) => ({ day: i, laps: [{ miles: 1, pace: '8:00' }], notes: 'n'.repeat(100) })) };
    await plans.insertMany(Array.from({ length: 200 }, (_, i) => ({ _id: i, weeks: [week] }) as Document));
    const writes = Array.from({ length: 100 }, (_, i) => plans.updateOne({ _id: i } as Document, { $push: { weeks: week } } as Document));
    const compaction = first.server.compact();
    const inserts = Array.from({ length: 50 }, (_, i) => plans.insertOne({ _id: 1000 + i, weeks: [] } as Document));
    await Promise.all([...writes, compaction, ...inserts]);
    const files = await readdir(dir);
    expect(files.filter((f) => f.startsWith('snapshot-'))).toHaveLength(1);
    expect(files.filter((f) => f.startsWith('journal-'))).toEqual([
      files
        .find((f) => f.startsWith('snapshot-'))
        ?.replace('snapshot-', 'journal-')
        .replace('.bson', '.log'),
    ]);
    await stop(first);

    const second = await start(dir);
    const plans2 = second.client.db('gofast').collection('plans');
    expect(await plans2.countDocuments()).toBe(250);
    expect(await plans2.countDocuments({ weeks: { $size: 2 } })).toBe(100);
    expect(second.server.loaded?.snapshotDocuments).toBeGreaterThan(0);
  });

  it('ignores a snapshot draft a crash left behind and keeps the journals it would have replaced', async () => {
    const dir = await dataDir();
    const first = await start(dir);
    await first.client.db('gofast').collection('notes').insertOne({ kept: true });
    await stop(first);
    await writeFile(join(dir, 'snapshot-000002.bson.draft'), Buffer.from('half a snapshot'));
    const second = await start(dir);
    expect(await second.client.db('gofast').collection('notes').countDocuments({ kept: true })).toBe(1);
    // The start-up compaction (the journal had records) then writes its own snapshot in full.
    await second.server.compact();
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.draft'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('snapshot-'))).toHaveLength(1);
  });

  it('lets one process own a data dir: a second server is refused with the owner named; a dead owner’s lock is taken over', async () => {
    const dir = await dataDir();
    const first = await start(dir);
    await expect(startEmbeddedMongo({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(startEmbeddedMongo({ dataDir: dir })).rejects.toThrow(`in use by process ${process.pid}`);
    const socket = first.server.socketPath ?? '';
    expect((await stat(socket)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    await stop(first);

    // A lock left by a process that no longer exists (kill -9): the next start takes it over.
    await writeFile(
      join(dir, 'owner.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12_345, socket, role: 'serve', startedAt: '2026-01-01T00:00:00Z' }),
    );
    const second = await start(dir);
    expect(await second.client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('stops serving when the journal cannot be synced, and answers the waiting write with an error instead of an ack', async () => {
    const dir = await dataDir();
    const warnings: string[] = [];
    const first = await start(dir, warnings);
    const notes = first.client.db('gofast').collection('notes');
    await notes.insertOne({ before: true });
    // The disk fails under the next sync (EIO), as a dying disk or a full one would.
    const probe = await openFile(join(dir, 'probe'), 'w');
    const fileHandle = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    const failing = vi
      .spyOn(fileHandle, 'datasync')
      .mockRejectedValue(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    try {
      await expect(notes.insertOne({ during: true })).rejects.toThrow(/could not be made durable: EIO/);
    } finally {
      failing.mockRestore();
    }
    expect(warnings.join('\n')).toMatch(/cannot be written \(EIO: i\/o error, fdatasync\); the server stops/);
    // Nothing more is served from memory that the disk may not hold.
    await expect(notes.countDocuments({}, { maxTimeMS: 1000 })).rejects.toThrow();
    await first.client.close(true);
    await first.server.close();
    open.splice(open.indexOf(first), 1);

    // The restart has what reached the disk: the acknowledged write, whole.
    const second = await start(dir);
    expect(await second.client.db('gofast').collection('notes').countDocuments({ before: true })).toBe(1);
  });

  it('journals exactly the document it stores, wherever the client put _id and whatever its numbers', async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const things = first.client.db('gofast').collection<Document>('things');
    const nested = {
      laps: [
        { miles: 0.25, pace: '7:41' },
        { miles: new Double(1), n: new Int32(3) },
      ],
      big: Long.fromString('9007199254740993'),
    };
    await things.insertOne({ a: 1, weeks: Array.from({ length: 60 }, () => nested), _id: 'id-last' } as Document);
    await things.insertOne({
      _id: 'id-first',
      x: new Decimal128('1.5'),
      y: new Double(2),
      when: new Date('2026-12-06T00:00:00Z'),
    } as Document);
    await things.insertOne({ noId: true, weeks: [nested] });
    await things.insertMany([{ _id: 'many-1', v: 1 } as Document, { v: 2, _id: 'many-2' } as Document]);
    const raw = { promoteValues: false, promoteLongs: false } as const;
    const before = await things.find({}, raw).toArray();
    await stop(first);

    const second = await start(dir);
    const after = await second.client.db('gofast').collection<Document>('things').find({}, raw).toArray();
    // Byte for byte: key order (_id first), every BSON type as stored.
    expect(after.map((doc) => Buffer.from(BSON.serialize(doc)).toString('hex'))).toEqual(
      before.map((doc) => Buffer.from(BSON.serialize(doc)).toString('hex')),
    );
    expect(Object.keys(after[0] ?? {})[0]).toBe('_id');
  });
});
