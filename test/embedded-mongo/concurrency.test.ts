import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoClient } from 'mongodb';
import { openHarness, uniqueName } from './harness.js';
import type { Harness, TestDoc } from './harness.js';

const CLIENTS = 20;
let h: Harness;
let clients: MongoClient[];

beforeAll(async () => {
  h = await openHarness();
  clients = await Promise.all(Array.from({ length: CLIENTS }, () => h.connect()));
});
afterAll(async () => {
  await h.close();
});

describe('many concurrent clients', () => {
  it('lets exactly one of 20 clients win a findOneAndUpdate claim', async () => {
    const name = uniqueName('claims');
    await h.db.collection<TestDoc>(name).insertOne({ _id: 'job', claimedBy: null });
    const results = await Promise.all(
      clients.map((client, i) =>
        client
          .db(h.db.databaseName)
          .collection<TestDoc>(name)
          .findOneAndUpdate({ _id: 'job', claimedBy: null }, { $set: { claimedBy: `worker-${i}` } }, { returnDocument: 'after' }),
      ),
    );
    const winners = results.filter((doc) => doc !== null);
    expect(winners).toHaveLength(1);
    const stored = await h.db.collection<TestDoc>(name).findOne({ _id: 'job' });
    expect(stored?.claimedBy).toBe(winners[0]?.claimedBy);
  });

  it('hands each of many jobs to exactly one client', async () => {
    const name = uniqueName('queue');
    await h.db.collection<TestDoc>(name).insertMany(Array.from({ length: 30 }, (_, i) => ({ job: i, owner: null })));
    const claimed = await Promise.all(
      clients.flatMap((client, i) =>
        [0, 1].map(() =>
          client
            .db(h.db.databaseName)
            .collection<TestDoc>(name)
            .findOneAndUpdate({ owner: null }, { $set: { owner: i } }, { sort: { job: 1 }, returnDocument: 'after' }),
        ),
      ),
    );
    const jobs = claimed.filter((doc) => doc !== null).map((doc) => doc.job as number);
    expect(jobs).toHaveLength(30);
    expect(new Set(jobs).size).toBe(30);
  });

  it('loses no increments from concurrent $inc', async () => {
    const name = uniqueName('counter');
    await h.db.collection<TestDoc>(name).insertOne({ _id: 'c', n: 0 });
    await Promise.all(
      clients.flatMap((client) =>
        Array.from({ length: 10 }, () =>
          client
            .db(h.db.databaseName)
            .collection<TestDoc>(name)
            .updateOne({ _id: 'c' }, { $inc: { n: 1 } }),
        ),
      ),
    );
    expect(await h.db.collection<TestDoc>(name).findOne({ _id: 'c' })).toEqual({ _id: 'c', n: CLIENTS * 10 });
  });

  it('rejects all but one concurrent insert of the same unique key', async () => {
    const name = uniqueName('race');
    await h.db.collection<TestDoc>(name).createIndex({ email: 1 }, { unique: true });
    const outcomes = await Promise.allSettled(
      clients.map((client) => client.db(h.db.databaseName).collection<TestDoc>(name).insertOne({ email: 'same@example.com' })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected.every((o) => (o.reason as { code?: number }).code === 11000)).toBe(true);
  });
});
