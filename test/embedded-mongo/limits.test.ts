/**
 * MongoDB's size limits through the driver: the 16 MiB document limit on insert and update (the
 * stored document stays readable), and the embedded server's own memory ceiling (maxDataBytes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BSON, MongoClient, MongoServerError } from 'mongodb';
import { startEmbeddedMongo } from '../../src/embedded-mongo/index.js';
import { againstRealServer, looseUpdate, openHarness, uniqueName } from './harness.js';
import type { Harness, TestDoc } from './harness.js';

const MIB = 1024 * 1024;

let h: Harness;

beforeAll(async () => {
  // The driver serializes into bson's shared 17 MiB buffer and throws a RangeError of its own for
  // anything larger, so a 17 MiB document would never reach the server; a larger buffer lets the
  // server's check be tested (vitest runs each file in its own process, so no other suite sees it).
  BSON.setInternalBufferSize(32 * MIB);
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

describe('16 MiB document limit', () => {
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

  it('refuses a $push past 16 MiB with 17419 and keeps the old document readable', async () => {
    const coll = h.db.collection<TestDoc>(uniqueName('limits'));
    const chunk = 'z'.repeat(5 * MIB);
    await coll.insertOne({ _id: 'growing', items: [chunk, chunk, chunk] });
    const error = await serverError(() => coll.updateOne({ _id: 'growing' }, looseUpdate({ $push: { items: chunk } })));
    expect(error.code).toBe(17419);
    const found = await coll.findOne({ _id: 'growing' });
    expect(found?.items).toHaveLength(3);
  });
});

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
