/**
 * The stores over the driver against the documents and indexes mongoose made before them
 * (fixtures/mongoose-written-documents.json, captured from the last release that used it): a new
 * document has exactly the BSON of the old one (int32, double, date, null and absent alike), an old
 * document reads and updates unchanged, and the indexes keep their names and options so a database
 * set up by an older release starts as it is.
 */
import { readFileSync } from 'node:fs';
import { BSON, MongoClient, MongoError, ObjectId, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRecordSchema, type NewPlanRecord, type PlanRecord } from '../../src/plans/plan-record.js';
import { apiKeyRecordSchema } from '../../src/plans/api-key-store.js';
import { planOutlineSchema } from '../../src/domain/schemas.js';
import { MongoApiKeyStore } from '../../src/storage/mongo-api-key-store.js';
import { MongoConnection, connectMongo } from '../../src/storage/mongo-connection.js';
import { MongoOutlineCache } from '../../src/storage/mongo-outline-cache.js';
import { MongoPlanStore } from '../../src/storage/mongo-plan-store.js';
import { MongoTokenBudget } from '../../src/storage/mongo-token-budget.js';
import { storageFault } from '../support/fault-injecting-plan-store.js';
import { startTestMongo, withDatabase, type TestMongo } from '../support/mongo.js';

type Fixture = {
  readonly plans: readonly { readonly name: string; readonly now: Document; readonly stored: Document }[];
  readonly apiKeys: readonly Document[];
  readonly outlines: readonly { readonly ttlMs: number; readonly stored: Document }[];
  readonly tokenBudgets: readonly Document[];
};

const fixture = JSON.parse(readFileSync(new URL('./fixtures/mongoose-written-documents.json', import.meta.url), 'utf8')) as Fixture;

/** A fixture document as the driver gets it, each number keeping its BSON type (Int32, Double). */
const exact = (doc: Document): Document => BSON.EJSON.deserialize(doc, { relaxed: false }) as Document;
/** A fixture document as the application holds it: plain numbers and dates. */
const plain = (doc: Document): Document => BSON.EJSON.deserialize(doc, { relaxed: true }) as Document;
/** A stored document as canonical Extended JSON, so int32 and double compare as different. */
const canonical = (doc: Document | null): Document => BSON.EJSON.serialize(doc, { relaxed: false }) as Document;

function withoutId(doc: Document): Document {
  const { _id, ...rest } = doc;
  return rest;
}

function planRecordOf(stored: Document): PlanRecord {
  const { _id, ...rest } = plain(stored);
  return planRecordSchema.parse({ ...rest, id: String(_id) });
}

function newPlanOf(stored: Document): NewPlanRecord {
  const { id: _id, revision: _revision, createdAt: _createdAt, updatedAt: _updatedAt, ...plan } = planRecordOf(stored);
  return plan;
}

let mongo: TestMongo;
let connection: MongoConnection;

beforeAll(async () => {
  mongo = await startTestMongo();
  connection = await connectMongo(mongo.uri);
});

afterAll(async () => {
  await connection.close();
  await mongo.close();
});

/** Each collection's indexes as the server lists them: name, key and the options that matter. */
async function indexesOf(name: string): Promise<Document[]> {
  const listed = await connection.collection(name).listIndexes().toArray();
  return listed
    .map(({ name: indexName, key, unique, partialFilterExpression, expireAfterSeconds }: Document) => ({
      name: indexName as string,
      key: key as Document,
      ...(unique === undefined ? {} : { unique }),
      ...(partialFilterExpression === undefined ? {} : { partialFilterExpression }),
      ...(expireAfterSeconds === undefined ? {} : { expireAfterSeconds }),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** What mongoose created (its createIndexes commands, captured with the documents). */
const MONGOOSE_INDEXES: Record<string, Document[]> = {
  plans: [
    { name: 'owner_1_status_1_updatedAt_-1', key: { owner: 1, status: 1, updatedAt: -1 } },
    { name: 'requestKey_1', key: { requestKey: 1 }, unique: true, partialFilterExpression: { requestKey: { $type: 'string' } } },
    {
      name: 'status_1_nextReminderAt_1',
      key: { status: 1, nextReminderAt: 1 },
      partialFilterExpression: { nextReminderAt: { $type: 'date' } },
    },
    { name: 'status_1_nextWeekDueAt_1', key: { status: 1, nextWeekDueAt: 1 } },
  ],
  api_keys: [
    { name: 'hash_1', key: { hash: 1 }, unique: true },
    { name: 'owner_1_createdAt_-1', key: { owner: 1, createdAt: -1 } },
    { name: 'prefix_1', key: { prefix: 1 } },
  ],
  outline_cache: [{ name: 'expiresAt_1', key: { expiresAt: 1 }, expireAfterSeconds: 0 }],
};

/** Indexes added since the mongoose release, by collection: an older database gains them at start. */
const ADDED_INDEXES: Record<string, Document[]> = {
  // Athletes' pauses the scheduler resumes (issue 18).
  plans: [
    {
      name: 'status_1_pause.resumeAt_1',
      key: { status: 1, 'pause.resumeAt': 1 },
      partialFilterExpression: { 'pause.resumeAt': { $type: 'date' } },
    },
  ],
};

async function initAll(on: MongoConnection): Promise<void> {
  await new MongoPlanStore(on).init();
  await new MongoApiKeyStore(on).init();
  await new MongoOutlineCache(on).init();
  await new MongoTokenBudget(on).init();
}

describe('indexes', () => {
  it('are those the mongoose models declared, by name, key and options, and those added since', async () => {
    await initAll(connection);
    for (const [collection, indexes] of Object.entries(MONGOOSE_INDEXES)) {
      const all = [...indexes, ...(ADDED_INDEXES[collection] ?? [])].sort((a, b) => String(a.name).localeCompare(String(b.name)));
      expect(await indexesOf(collection), collection).toEqual([{ name: '_id_', key: { _id: 1 } }, ...all]);
    }
  });

  it('start unchanged on a database an older release set up, and again on every start', async () => {
    const older = await connectMongo(withDatabase(mongo.uri, `${mongo.dbName}_older`));
    try {
      for (const [collection, indexes] of Object.entries(MONGOOSE_INDEXES)) {
        // One createIndexes per index, as mongoose sent them.
        for (const index of indexes) await older.db.command({ createIndexes: collection, indexes: [index] });
      }
      await initAll(older);
      await initAll(older);
      // The mongoose release's four and `_id`, and the one index added since.
      expect(await older.collection('plans').listIndexes().toArray()).toHaveLength(5 + (ADDED_INDEXES.plans?.length ?? 0));
    } finally {
      await older.db.dropDatabase();
      await older.close();
    }
  });
});

describe('plans', () => {
  const store = () => new MongoPlanStore(connection);
  const plans = () => connection.collection('plans');

  it.each(fixture.plans.map((p) => [p.name, p] as const))(
    'stores a new %s plan exactly as mongoose did',
    async (_name, { now, stored }) => {
      const input = newPlanOf(stored);
      // Mongoose filled a log's missing pace with null; the driver store must do the same.
      const firstLog = input.weeks[0]?.execution;
      if (firstLog && firstLog.averagePace === null) delete firstLog.averagePace;
      const record = await store().insert(input, plain({ now }).now as Date);
      try {
        const written = await plans().findOne({ _id: new ObjectId(record.id) }, { promoteValues: false });
        expect(canonical(withoutId(written ?? {}))).toEqual(withoutId(stored));
        expect(record).toEqual({ ...planRecordOf(stored), id: record.id });
      } finally {
        await plans().deleteOne({ _id: new ObjectId(record.id) });
      }
    },
  );

  it('reads, lists and updates the documents mongoose wrote', async () => {
    await plans().insertMany(fixture.plans.map((p) => exact(p.stored)));
    try {
      for (const { stored } of fixture.plans) {
        expect(await store().findById(String(plain(stored)._id))).toEqual(planRecordOf(stored));
      }
      const active = planRecordOf(fixture.plans.find((p) => p.name === 'active')?.stored ?? {});
      expect((await store().list({ owner: active.owner })).map((p) => p.status).sort()).toEqual(['active', 'draft', 'draft']);
      const logged = await store().update(
        active.id,
        { revision: active.revision },
        { execution: { weekNumber: 3, execution: { completedDays: 2, totalMiles: 12 } } },
        new Date('2026-12-20T10:00:00Z'),
      );
      expect(logged?.weeks[2]?.execution).toEqual({ completedDays: 2, totalMiles: 12, averagePace: null });
      expect(logged?.weeks.slice(0, 2)).toEqual(active.weeks.slice(0, 2));
    } finally {
      await plans().deleteMany({});
    }
  });

  it('keeps one plan per request key', async () => {
    await store().init();
    const input = { ...newPlanOf(fixture.plans[0]?.stored ?? {}), requestKey: 'view-twice' };
    const first = await store().insert(input, new Date('2026-11-25T12:00:00Z'));
    const second = await store().insert({ ...input, draft: { raceName: 'Another' } }, new Date('2026-11-25T12:01:00Z'));
    expect(second).toEqual(first);
    expect(await plans().countDocuments({ requestKey: 'view-twice' })).toBe(1);
    await plans().deleteMany({});
  });

  it('rejects with STORAGE_UNAVAILABLE, the driver’s error as cause, when the database is gone — as the test fault does', async () => {
    // Nothing listens on port 1: every operation fails server selection, as when the database is down.
    const client = new MongoClient('mongodb://127.0.0.1:1/gone', { serverSelectionTimeoutMS: 200 });
    const gone = new MongoConnection(client, client.db('gone'));
    const goneStore = new MongoPlanStore(gone);
    const error: unknown = await goneStore.findById(new ObjectId().toHexString()).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ name: 'GoFastError', code: 'STORAGE_UNAVAILABLE', userFacing: false });
    expect((error as Error).cause).toBeInstanceOf(MongoError);
    expect((error as Error).message).toMatch(/^reading a plan: /);
    await gone.close();
    const fault = storageFault('database-down', 'findById');
    expect({ name: fault.name, code: fault.code, userFacing: fault.userFacing }).toEqual({
      name: 'GoFastError',
      code: 'STORAGE_UNAVAILABLE',
      userFacing: false,
    });
    expect(fault.cause).toBeInstanceOf(MongoError);
    expect(fault.message).toMatch(/^reading a plan: /);
  });

  it('refuses a new plan its schema refuses, storing nothing', async () => {
    const input = { ...newPlanOf(fixture.plans[0]?.stored ?? {}), status: 'paused' } as unknown as NewPlanRecord;
    await expect(store().insert(input, new Date())).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(await plans().countDocuments({})).toBe(0);
  });
});

describe('API keys, outlines and token budgets', () => {
  it('stores a new API key exactly as mongoose did, and reads the old ones', async () => {
    const keys = new MongoApiKeyStore(connection);
    const collection = connection.collection('api_keys');
    for (const stored of fixture.apiKeys) {
      const { _id, ...fields } = plain(stored);
      const record = await keys.insert(apiKeyRecordSchema.omit({ id: true }).parse(fields));
      expect(canonical(withoutId((await collection.findOne({ _id: new ObjectId(record.id) }, { promoteValues: false })) ?? {}))).toEqual(
        withoutId(stored),
      );
      await collection.deleteOne({ _id: new ObjectId(record.id) });
    }
    await collection.insertMany(fixture.apiKeys.map(exact));
    const [first] = fixture.apiKeys;
    const old = await keys.findByHash(String(plain(first ?? {}).hash));
    expect(old?.id).toBe(String(plain(first ?? {})._id));
    const revoked = await keys.revoke(old?.id ?? '', new Date('2026-12-01T00:00:00Z'));
    expect(revoked?.revokedAt).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(await keys.revoke('not-an-id', new Date())).toBeUndefined();
  });

  it('stores an outline exactly as mongoose did, and reads the old one until it expires', async () => {
    const collection = connection.collection<{ _id: string }>('outline_cache');
    for (const { ttlMs, stored } of fixture.outlines) {
      const { _id, outline, createdAt } = plain(stored);
      const cache = new MongoOutlineCache(connection, () => createdAt as Date);
      await cache.put(String(_id), planOutlineSchema.parse(outline), ttlMs);
      expect(canonical(await collection.findOne({ _id: String(_id) }, { promoteValues: false }))).toEqual(stored);
      await collection.deleteOne({ _id: String(_id) });

      await connection.collection('outline_cache').insertOne(exact(stored));
      expect(await cache.get(String(_id))).toEqual(planOutlineSchema.parse(outline));
      const later = new MongoOutlineCache(connection, () => new Date((createdAt as Date).getTime() + ttlMs + 1));
      expect(await later.get(String(_id))).toBeUndefined();
    }
  });

  it('counts tokens in the document shape mongoose wrote', async () => {
    const budget = new MongoTokenBudget(connection);
    const collection = connection.collection<{ _id: string }>('token_budgets');
    for (const stored of fixture.tokenBudgets) {
      const { workspace, month, tokens } = plain(stored);
      await budget.add(String(workspace), String(month), Number(tokens));
      const written = canonical(await collection.findOne({ _id: `${String(workspace)}|${String(month)}` }, { promoteValues: false }));
      // `updatedAt` is the time of the write itself.
      expect({ ...written, updatedAt: 'a date' }).toEqual({ ...stored, updatedAt: 'a date' });
      expect(written.updatedAt).toHaveProperty('$date');
      expect(await budget.spent(String(workspace), String(month))).toBe(Number(tokens));
    }
  });
});
