import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoServerError } from 'mongodb';
import type { Collection, MongoClient } from 'mongodb';
import { looseUpdate, openHarness, uniqueName } from './harness.js';
import type { Harness, TestDoc } from './harness.js';

let h: Harness;
let other: MongoClient;
beforeAll(async () => {
  h = await openHarness();
  other = await h.connect();
});
afterAll(async () => {
  await h.close();
});

/** The same collection seen through a second, independent client. */
function fromOtherClient(coll: Collection<TestDoc>): Collection<TestDoc> {
  return other.db(h.db.databaseName).collection<TestDoc>(coll.collectionName);
}

async function newCollection(prefix: string): Promise<Collection<TestDoc>> {
  const name = uniqueName(prefix);
  // Created up front: MongoDB before 4.4 could not create collections inside a transaction.
  await h.db.createCollection(name);
  return h.db.collection<TestDoc>(name);
}

describe('transactions', () => {
  it('keeps writes invisible to other clients until commit', async () => {
    const coll = await newCollection('commit');
    await coll.insertOne({ _id: 'existing', n: 0 });
    const session = h.client.startSession();
    try {
      session.startTransaction();
      await coll.insertOne({ _id: 'new', n: 1 }, { session });
      await coll.updateOne({ _id: 'existing' }, { $set: { n: 5 } }, { session });

      const outside = fromOtherClient(coll);
      expect(await outside.findOne({ _id: 'new' })).toBeNull();
      expect(await outside.findOne({ _id: 'existing' })).toEqual({ _id: 'existing', n: 0 });
      // The transaction sees its own writes.
      expect(await coll.countDocuments({}, { session })).toBe(2);
      expect(await coll.findOne({ _id: 'existing' }, { session })).toEqual({ _id: 'existing', n: 5 });

      await session.commitTransaction();
      expect(await outside.findOne({ _id: 'new' })).toEqual({ _id: 'new', n: 1 });
      expect(await outside.findOne({ _id: 'existing' })).toEqual({ _id: 'existing', n: 5 });
    } finally {
      await session.endSession();
    }
  });

  it('never publishes the writes of an aborted transaction', async () => {
    const coll = await newCollection('abort');
    await coll.insertOne({ _id: 1, n: 0 });
    const session = h.client.startSession();
    try {
      session.startTransaction();
      await coll.insertOne({ _id: 2 }, { session });
      await coll.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session });
      await coll.deleteOne({ _id: 1 }, { session });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await fromOtherClient(coll).find().toArray()).toEqual([{ _id: 1, n: 0 }]);
  });

  it('reads a stable snapshot inside the transaction', async () => {
    const coll = await newCollection('snapshot');
    await coll.insertOne({ _id: 1, v: 'before' });
    const session = h.client.startSession();
    try {
      session.startTransaction();
      expect(await coll.findOne({ _id: 1 }, { session })).toEqual({ _id: 1, v: 'before' });
      await fromOtherClient(coll).updateOne({ _id: 1 }, { $set: { v: 'after' } });
      await fromOtherClient(coll).insertOne({ _id: 2 });
      expect(await coll.findOne({ _id: 1 }, { session })).toEqual({ _id: 1, v: 'before' });
      expect(await coll.countDocuments({}, { session })).toBe(1);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
  });

  it('keeps the snapshot intact when other clients update nested fields and arrays', async () => {
    const coll = await newCollection('nested');
    const original = { _id: 1, plan: { name: 'base', weeks: [{ n: 1, days: [{ miles: 3 }] }] }, tags: ['a'] };
    await coll.insertOne(original);
    const session = h.client.startSession();
    try {
      session.startTransaction();
      expect(await coll.findOne({ _id: 1 }, { session })).toEqual(original);
      const outside = fromOtherClient(coll);
      await outside.updateOne({ _id: 1 }, looseUpdate({ $set: { 'plan.name': 'changed' }, $push: { tags: 'b' } }));
      await outside.updateOne({ _id: 1 }, looseUpdate({ $push: { 'plan.weeks.0.days': { miles: 5 } }, $inc: { 'plan.weeks.0.n': 1 } }));
      await outside.updateOne({ _id: 1 }, looseUpdate({ $set: { 'plan.weeks.$[].done': true } }));
      expect(await coll.findOne({ _id: 1 }, { session })).toEqual(original);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await coll.findOne({ _id: 1 })).toEqual({
      _id: 1,
      plan: { name: 'changed', weeks: [{ n: 2, days: [{ miles: 3 }, { miles: 5 }], done: true }] },
      tags: ['a', 'b'],
    });
  });

  it('fails a conflicting write with WriteConflict (112) labelled TransientTransactionError', async () => {
    const coll = await newCollection('conflict');
    await coll.insertOne({ _id: 1, n: 0 });
    const first = h.client.startSession();
    const second = other.startSession();
    try {
      first.startTransaction();
      await coll.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: first });
      second.startTransaction();
      const error = await fromOtherClient(coll)
        .updateOne({ _id: 1 }, { $inc: { n: 10 } }, { session: second })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MongoServerError);
      expect(error).toMatchObject({ code: 112, codeName: 'WriteConflict' });
      expect((error as MongoServerError).hasErrorLabel('TransientTransactionError')).toBe(true);
      await second.abortTransaction();
      await first.commitTransaction();
    } finally {
      await first.endSession();
      await second.endSession();
    }
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, n: 1 });
  });

  it('lets withTransaction retry after a write conflict', async () => {
    const coll = await newCollection('retry');
    await coll.insertOne({ _id: 1, n: 0 });
    const holder = other.startSession();
    const session = h.client.startSession();
    let attempts = 0;
    try {
      await session.withTransaction(async () => {
        attempts += 1;
        if (attempts === 1) {
          // Another transaction takes the document first, so this attempt conflicts.
          holder.startTransaction();
          await fromOtherClient(coll).updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: holder });
        }
        try {
          await coll.updateOne({ _id: 1 }, { $inc: { n: 10 } }, { session });
        } finally {
          if (holder.inTransaction()) await holder.commitTransaction();
        }
      });
    } finally {
      await session.endSession();
      await holder.endSession();
    }
    expect(attempts).toBe(2);
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, n: 11 });
  });

  it('makes a write outside any transaction wait for the transaction holding the document', async () => {
    const coll = await newCollection('wait');
    await coll.insertOne({ _id: 1, n: 0 });
    const session = h.client.startSession();
    try {
      session.startTransaction();
      await coll.updateOne({ _id: 1 }, { $set: { n: 1 } }, { session });
      const outside = fromOtherClient(coll).updateOne({ _id: 1 }, { $inc: { n: 100 } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await session.commitTransaction();
      await outside;
    } finally {
      await session.endSession();
    }
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, n: 101 });
  });

  it('reports NoSuchTransaction (251) when committing a transaction the server aborted', async () => {
    const coll = await newCollection('aborted');
    await coll.createIndex({ k: 1 }, { unique: true });
    await coll.insertOne({ k: 1 });
    const session = h.client.startSession();
    try {
      session.startTransaction();
      await coll.insertOne({ k: 2 }, { session });
      // A failed statement aborts the whole transaction on the server.
      await expect(coll.insertOne({ k: 1 }, { session })).rejects.toMatchObject({ code: 11000 });
      const error = await session.commitTransaction().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 251, codeName: 'NoSuchTransaction' });
    } finally {
      await session.endSession();
    }
    expect(await coll.countDocuments({ k: 2 })).toBe(0);
  });

  it('enforces unique indexes inside a transaction', async () => {
    const coll = await newCollection('txunique');
    await coll.createIndex({ email: 1 }, { unique: true });
    const session = h.client.startSession();
    try {
      await expect(
        session.withTransaction(async () => {
          await coll.insertOne({ email: 'a' }, { session });
          await coll.insertOne({ email: 'a' }, { session });
        }),
      ).rejects.toMatchObject({ code: 11000 });
    } finally {
      await session.endSession();
    }
    expect(await coll.countDocuments()).toBe(0);
  });

  it('commits several collections atomically through withTransaction', async () => {
    const plans = await newCollection('plans');
    const audit = await newCollection('audit');
    const session = h.client.startSession();
    try {
      await session.withTransaction(async () => {
        const { insertedId } = await plans.insertOne({ weeks: [] }, { session });
        await plans.updateOne({ _id: insertedId }, looseUpdate({ $push: { weeks: { n: 1 } } }), { session });
        await audit.insertOne({ plan: insertedId, action: 'created' }, { session });
      });
    } finally {
      await session.endSession();
    }
    expect(await fromOtherClient(plans).countDocuments({ 'weeks.n': 1 })).toBe(1);
    expect(await fromOtherClient(audit).countDocuments({ action: 'created' })).toBe(1);
  });
});
