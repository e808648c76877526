import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import type { Connection } from 'mongoose';
import { startTestMongo } from '../support/mongo.js';
import type { TestMongo } from '../support/mongo.js';

type Lap = { lapIndex: number; distanceMiles: number; paceGoal: string };
type Plan = { athlete: string; slug: string; weeks: Array<{ week: number; days: Array<{ warmup: Lap[] }> }>; version: number };

let mongo: TestMongo;
let conn: Connection;

const lapSchema = new mongoose.Schema<Lap>({ lapIndex: Number, distanceMiles: Number, paceGoal: String }, { _id: false });
const planSchema = new mongoose.Schema<Plan>({
  athlete: { type: String, required: true, index: true },
  slug: { type: String, required: true, unique: true },
  weeks: [{ week: Number, days: [{ warmup: [lapSchema] }] }],
  version: { type: Number, default: 0 },
});

beforeAll(async () => {
  mongo = await startTestMongo();
  conn = await mongoose.createConnection(mongo.uri, { serverSelectionTimeoutMS: 5_000 }).asPromise();
});
afterAll(async () => {
  await conn.close();
  await mongo.close();
});

describe('mongoose', () => {
  it('initialises a model: creates its collection and indexes', async () => {
    const Plan = conn.model('Plan', planSchema);
    await Plan.init();
    const indexes = await Plan.collection.indexes();
    expect(indexes.find((i) => i.name === 'slug_1')).toMatchObject({ key: { slug: 1 }, unique: true });
    expect(indexes.find((i) => i.name === 'athlete_1')).toMatchObject({ key: { athlete: 1 } });
    const collections = await conn.db?.listCollections({ name: Plan.collection.collectionName }).toArray();
    expect(collections).toHaveLength(1);
  });

  it('creates, queries and updates documents', async () => {
    const Plan = conn.model('Plan', planSchema);
    const created = await Plan.create({ athlete: 'ana', slug: 'ana-marathon', weeks: [] });
    expect(created.version).toBe(0);
    await Plan.updateOne(
      { _id: created._id },
      { $push: { weeks: { week: 1, days: [{ warmup: [{ lapIndex: 0, distanceMiles: 1, paceGoal: '9:00' }] }] } }, $inc: { version: 1 } },
    );
    const found = await Plan.findOne({ slug: 'ana-marathon' }).lean();
    expect(found?.version).toBe(1);
    expect(found?.weeks[0]?.days[0]?.warmup[0]).toEqual({ lapIndex: 0, distanceMiles: 1, paceGoal: '9:00' });
    const updated = await Plan.findOneAndUpdate(
      { slug: 'ana-marathon' },
      { $set: { athlete: 'ana b' } },
      { returnDocument: 'after' },
    ).lean();
    expect(updated?.athlete).toBe('ana b');
    expect(await Plan.countDocuments({ athlete: 'ana b' })).toBe(1);
    expect(await Plan.estimatedDocumentCount()).toBeGreaterThanOrEqual(1);
  });

  it('surfaces duplicate keys as MongoServerError 11000', async () => {
    const Plan = conn.model('Plan', planSchema);
    await Plan.init();
    await Plan.create({ athlete: 'bo', slug: 'bo-10k' });
    const error = await Plan.create({ athlete: 'bo', slug: 'bo-10k' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MongoServerError', code: 11000, keyValue: { slug: 'bo-10k' } });
  });

  it('runs transactions through connection.transaction', async () => {
    const Plan = conn.model('Plan', planSchema);
    await Plan.init();
    await conn.transaction(async (session) => {
      await Plan.create([{ athlete: 'cy', slug: 'cy-half' }], { session });
      await Plan.updateOne({ slug: 'cy-half' }, { $inc: { version: 5 } }, { session });
    });
    expect(await Plan.findOne({ slug: 'cy-half' }).lean()).toMatchObject({ version: 5 });

    await expect(
      conn.transaction(async (session) => {
        await Plan.create([{ athlete: 'dee', slug: 'dee-5k' }], { session });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await Plan.findOne({ slug: 'dee-5k' }).lean()).toBeNull();
  });

  it('synchronises indexes', async () => {
    const schema = new mongoose.Schema({ code: { type: String, unique: true } });
    const Model = conn.model('SyncedThing', schema);
    await Model.init();
    await Model.collection.createIndex({ stale: 1 });
    const dropped = await Model.syncIndexes();
    expect(dropped).toContain('stale_1');
    expect((await Model.collection.indexes()).map((i) => i.name).sort()).toEqual(['_id_', 'code_1']);
  });
});
