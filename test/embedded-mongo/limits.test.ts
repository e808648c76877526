/**
 * MongoDB's size limits through the driver: the 16 MiB document limit on insert and update (the
 * stored document stays readable), what the driver itself refuses before anything reaches the
 * server, and the embedded server's own memory ceiling (maxDataBytes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BSON, MongoClient, MongoInvalidArgumentError, MongoServerError } from 'mongodb';
import { startEmbeddedMongo } from '../../src/embedded-mongo/index.js';
import { againstRealServer, looseUpdate, openHarness, uniqueName } from './harness.js';
import type { Harness, TestDoc } from './harness.js';

const MIB = 1024 * 1024;
/** MongoDB's maxBsonObjectSize. */
const MAX_BSON = 16 * MIB;

let h: Harness;

beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

/** The rejection's server error, so its code and message can be checked. */
async function serverError(run: () => Promise<unknown>): Promise<MongoServerError> {
  const error: unknown = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

/** What a call rejected with (undefined when it resolved). */
async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => undefined,
    (e: unknown) => e,
  );
}

// These run first, with bson's default 17 MiB serialization buffer: the size users have.
describe('what the driver refuses before sending', () => {
  it('fails a document too large for its serialization buffer with a RangeError, and sends nothing', async () => {
    const coll = h.db.collection<TestDoc>(uniqueName('limits'));
    const error = await rejection(() => coll.insertOne({ _id: 'huge', blob: 'x'.repeat(17 * MIB) }));
    expect(error).toBeInstanceOf(RangeError);
    expect(error).not.toBeInstanceOf(MongoServerError);
    expect(await coll.countDocuments()).toBe(0);
  });

  it('refuses a document over maxBsonObjectSize in insertMany and bulkWrite (MongoInvalidArgumentError)', async () => {
    const coll = h.db.collection<TestDoc>(uniqueName('limits'));
    const over = () => ({ _id: 'over', blob: 'x'.repeat(MAX_BSON) });
    const many = await rejection(() => coll.insertMany([{ _id: 'small' }, over()]));
    expect(many).toBeInstanceOf(MongoInvalidArgumentError);
    expect((many as Error).message).toContain(`Document is larger than the maximum size ${MAX_BSON}`);
    const bulk = await rejection(() => coll.bulkWrite([{ insertOne: { document: over() } }]));
    expect(bulk).toBeInstanceOf(MongoInvalidArgumentError);
    // The whole batch is refused client-side: not even the small document is inserted.
    expect(await coll.countDocuments()).toBe(0);
  });

  it('sends insertOne of a document just over 16 MiB, which the server refuses, storing nothing', async () => {
    const coll = h.db.collection<TestDoc>(uniqueName('limits'));
    const error = await rejection(() => coll.insertOne({ _id: 'just-over', blob: 'x'.repeat(MAX_BSON) }));
    expect(error).toBeInstanceOf(MongoServerError);
    // mongod up to 7.0 answers BadValue (2) for a document under 16 MiB + 16 KiB (its internal
    // limit) and 10334 above it; newer servers answer 10334 for both. The message is the same.
    expect([2, 10334]).toContain((error as MongoServerError).code);
    expect((error as MongoServerError).message).toContain('object to insert too large');
    expect(await coll.countDocuments()).toBe(0);
  });
});

describe('16 MiB document limit', () => {
  beforeAll(() => {
    // bson serializes into one shared buffer (17 MiB unless enlarged, and never shrunk) and throws
    // a RangeError of its own for anything larger, so a 17 MiB document would never reach the
    // server; a larger buffer lets the server's check be tested. Each test file runs in its own
    // process, so no other suite sees it.
    BSON.setInternalBufferSize(32 * MIB);
  });

  it('advertises maxBsonObjectSize of 16 MiB in the handshake', async () => {
    const hello = await h.db.admin().command({ hello: 1 });
    expect(hello.maxBsonObjectSize).toBe(16 * MIB);
  });

  it('refuses a 17 MiB insert with BSONObjectTooLarge (10334)', async () => {
    const coll = h.db.collection<TestDoc>(uniqueName('limits'));
    const error = await serverError(() => coll.insertOne({ _id: 'big', blob: 'x'.repeat(17 * MIB) }));
    expect(error.code).toBe(10334);
    expect(await coll.countDocuments()).toBe(0);
  });

  it('round-trips a 15 MiB document', async () => {
    const coll = h.db.collection<TestDoc>(uniqueName('limits'));
    const blob = 'y'.repeat(15 * MIB);
    await coll.insertOne({ _id: 'fifteen', blob });
    const found = await coll.findOne({ _id: 'fifteen' });
    expect(found?.blob).toBe(blob);
  });

  it('refuses a $push past 16 MiB with 17419 and keeps the old document readable and unchanged', async () => {
    const coll = h.db.collection<TestDoc>(uniqueName('limits'));
    const chunk = 'z'.repeat(5 * MIB);
    await coll.insertOne({ _id: 'growing', items: [chunk, chunk, chunk], version: 1 });
    const error = await serverError(() =>
      coll.updateOne({ _id: 'growing' }, looseUpdate({ $push: { items: chunk }, $inc: { version: 1 } })),
    );
    expect(error.code).toBe(17419);
    expect(error.message).toContain(`Resulting document after update is larger than ${MAX_BSON}`);
    await expectUnchanged(coll, 'growing', { items: [chunk, chunk, chunk], version: 1 });
  });

  it('refuses a $set past 16 MiB with 17419; the document stays readable, unchanged and updatable', async () => {
    const coll = h.db.collection<TestDoc>(uniqueName('limits'));
    const half = 'h'.repeat(9 * MIB);
    await coll.insertOne({ _id: 'doc', a: half, n: 1 });
    const error = await serverError(() => coll.updateOne({ _id: 'doc' }, { $set: { b: half }, $inc: { n: 1 } }));
    expect(error.code).toBe(17419);
    await expectUnchanged(coll, 'doc', { a: half, n: 1 });
    // A write that fits still succeeds on the same document afterwards.
    await coll.updateOne({ _id: 'doc' }, { $set: { b: 'small' } });
    expect((await coll.findOne({ _id: 'doc' }, { projection: { a: 0 } })) ?? {}).toEqual({ _id: 'doc', n: 1, b: 'small' });
  });

  it('refuses a replacement or findOneAndUpdate past 16 MiB with 17419 and keeps the document', async () => {
    const coll = h.db.collection<TestDoc>(uniqueName('limits'));
    const big = 'r'.repeat(10 * MIB);
    await coll.insertOne({ _id: 'doc', a: big });
    // Just over 16 MiB: a statement past 16 MiB + 16 KiB would fail mongod's wire check (10334) first.
    const replaced = await serverError(() => coll.replaceOne({ _id: 'doc' }, { a: big, b: 'q'.repeat(6 * MIB + 1024) }));
    expect(replaced.code).toBe(17419);
    const modified = await serverError(() => coll.findOneAndUpdate({ _id: 'doc' }, { $set: { b: 'q'.repeat(7 * MIB) } }));
    expect(modified.code).toBe(17419);
    await expectUnchanged(coll, 'doc', { a: big });
  });
});

/** The stored document is still readable and holds exactly `fields` besides its _id. */
async function expectUnchanged(coll: ReturnType<Harness['db']['collection']>, id: string, fields: Record<string, unknown>): Promise<void> {
  const found = await coll.findOne({ _id: id as never });
  expect(found).not.toBeNull();
  const { _id, ...rest } = found ?? {};
  expect(_id).toBe(id);
  // Compared by keys and sizes first, so a failure does not print megabytes of text.
  expect(Object.keys(rest)).toEqual(Object.keys(fields));
  expect(BSON.calculateObjectSize(rest)).toBe(BSON.calculateObjectSize(fields));
  expect(rest).toStrictEqual(fields);
}

describe.skipIf(againstRealServer)('memory ceiling (maxDataBytes)', () => {
  it('refuses writes past the ceiling with a readable message, keeps reads working and frees room on delete', async () => {
    const server = await startEmbeddedMongo({ maxDataBytes: 64 * 1024 });
    const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 5_000 });
    try {
      await client.connect();
      const coll = client.db('limits').collection<TestDoc>('docs');
      const blob = 'm'.repeat(10 * 1024);
      for (let i = 0; i < 6; i += 1) await coll.insertOne({ _id: i, blob });

      const error = await serverError(() => coll.insertOne({ _id: 6, blob }));
      expect(error.code).toBe(146);
      expect(error.codeName).toBe('ExceededMemoryLimit');
      expect(error.message).toContain('maxDataBytes');
      // Growing an existing document is a write that adds data too.
      const grow = await serverError(() => coll.updateOne({ _id: 0 }, { $set: { more: blob } }));
      expect(grow.code).toBe(146);

      expect(await coll.countDocuments()).toBe(6);
      expect((await coll.findOne({ _id: 0 }))?.blob).toBe(blob);

      await coll.deleteMany({ _id: { $in: [0, 1] } });
      await coll.insertOne({ _id: 6, blob });
      expect(await coll.countDocuments()).toBe(5);

      // A transaction's uncommitted writes count too: with room for one more document, its second fails.
      const session = client.startSession();
      try {
        session.startTransaction();
        await coll.insertOne({ _id: 7, blob }, { session });
        const inTxn = await serverError(() => coll.insertOne({ _id: 8, blob }, { session }));
        expect(inTxn.code).toBe(146);
        await session.abortTransaction();
      } finally {
        await session.endSession();
      }
      expect(await coll.countDocuments()).toBe(5);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('rejects a ceiling that is not a positive number', async () => {
    await expect(startEmbeddedMongo({ maxDataBytes: 0 })).rejects.toThrow(RangeError);
  });
});
