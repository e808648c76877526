import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { openHarness, uniqueName } from './harness.js';
import type { Harness, TestDoc } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

function collection(prefix: string) {
  return h.db.collection<TestDoc>(uniqueName(prefix));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('index management', () => {
  it('creates, lists and drops indexes', async () => {
    const coll = collection('idx');
    expect(await coll.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    expect(await coll.createIndex({ athlete: 1, week: -1 }, { name: 'by_week' })).toBe('by_week');
    const indexes = await coll.indexes();
    expect(indexes.map((i) => i.name)).toEqual(['_id_', 'email_1', 'by_week']);
    expect(indexes.find((i) => i.name === 'email_1')).toMatchObject({ key: { email: 1 }, unique: true });
    expect(indexes.find((i) => i.name === 'by_week')).toMatchObject({ key: { athlete: 1, week: -1 } });
    await coll.dropIndex('by_week');
    expect((await coll.indexes()).map((i) => i.name)).toEqual(['_id_', 'email_1']);
    await coll.dropIndexes();
    expect((await coll.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('treats re-creating an identical index as a no-op', async () => {
    const coll = collection('same');
    await coll.createIndex({ a: 1 }, { unique: true });
    await expect(coll.createIndex({ a: 1 }, { unique: true })).resolves.toBe('a_1');
    expect(await coll.indexes()).toHaveLength(2);
  });

  it('rejects a different key under an existing name with IndexKeySpecsConflict (86)', async () => {
    const coll = collection('keyconflict');
    await coll.createIndex({ a: 1 }, { name: 'mine' });
    const error = await coll.createIndex({ b: 1 }, { name: 'mine' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 86 });
  });

  it('rejects the same key under another name with IndexOptionsConflict (85)', async () => {
    const coll = collection('optconflict');
    await coll.createIndex({ a: 1 }, { name: 'first' });
    const error = await coll.createIndex({ a: 1 }, { name: 'second' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 85 });
  });

  it('reports dropping a missing index with IndexNotFound (27)', async () => {
    const coll = collection('noindex');
    await coll.insertOne({});
    const error = await coll.dropIndex('nope_1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 27 });
  });

  it('reports listIndexes on a missing collection with NamespaceNotFound (26)', async () => {
    const error = await collection('ghost')
      .indexes()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 26 });
  });
});

describe('unique indexes', () => {
  it('rejects a duplicate insert with E11000 and keyPattern/keyValue', async () => {
    const coll = collection('users');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ email: 'ana@example.com' });
    const error = await coll.insertOne({ email: 'ana@example.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    const e = error as MongoServerError;
    expect(e.code).toBe(11000);
    expect(e.message).toMatch(
      new RegExp(
        `^E11000 duplicate key error collection: ${escape(`${h.db.databaseName}.${coll.collectionName}`)} index: email_1 dup key: \\{ email: "ana@example\\.com" \\}$`,
      ),
    );
    expect(e.keyPattern).toEqual({ email: 1 });
    expect(e.keyValue).toEqual({ email: 'ana@example.com' });
  });

  it('rejects a duplicate _id', async () => {
    const coll = collection('dupid');
    await coll.insertOne({ _id: 'x' });
    const error = await coll.insertOne({ _id: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000, keyValue: { _id: 'x' } });
    expect((error as Error).message).toContain('index: _id_ dup key: { _id: "x" }');
  });

  it('stops an ordered batch at the first duplicate and reports writeErrors', async () => {
    const coll = collection('ordered');
    await coll.createIndex({ k: 1 }, { unique: true });
    const error = await coll.insertMany([{ k: 1 }, { k: 2 }, { k: 1 }, { k: 3 }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulk = error as MongoBulkWriteError;
    expect(bulk.code).toBe(11000);
    expect(bulk.insertedCount).toBe(2);
    expect(bulk.writeErrors).toHaveLength(1);
    const [first] = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    expect(first?.index).toBe(2);
    expect(first?.code).toBe(11000);
    expect(await coll.countDocuments()).toBe(2);
  });

  it('continues an unordered batch past duplicates', async () => {
    const coll = collection('unordered');
    await coll.createIndex({ k: 1 }, { unique: true });
    const error = await coll.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }, { k: 2 }, { k: 3 }], { ordered: false }).catch((e: unknown) => e);
    const bulk = error as MongoBulkWriteError;
    expect(bulk.insertedCount).toBe(3);
    const writeErrors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    expect(writeErrors.map((w) => w.index)).toEqual([1, 3]);
    expect(await coll.countDocuments()).toBe(3);
  });

  it('enforces uniqueness on update, upsert and findOneAndUpdate', async () => {
    const coll = collection('updunique');
    await coll.createIndex({ slug: 1 }, { unique: true });
    await coll.insertMany([{ slug: 'a' }, { slug: 'b' }]);
    await expect(coll.updateOne({ slug: 'b' }, { $set: { slug: 'a' } })).rejects.toMatchObject({ code: 11000 });
    await expect(coll.updateOne({ slug: 'zzz' }, { $set: { slug: 'a' } }, { upsert: true })).rejects.toMatchObject({ code: 11000 });
    const error = await coll.findOneAndUpdate({ slug: 'b' }, { $set: { slug: 'a' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 11000, keyValue: { slug: 'a' } });
    // Updating a document to the key it already holds is not a conflict.
    await expect(coll.updateOne({ slug: 'a' }, { $set: { slug: 'a', touched: true } })).resolves.toMatchObject({ matchedCount: 1 });
    expect(
      (
        await coll
          .find({}, { projection: { _id: 0, slug: 1 } })
          .sort({ slug: 1 })
          .toArray()
      ).map((d) => d.slug),
    ).toEqual(['a', 'b']);
  });

  it('enforces compound unique keys on the combination', async () => {
    const coll = collection('compound');
    await coll.createIndex({ athlete: 1, week: 1 }, { unique: true });
    await coll.insertMany([
      { athlete: 'a', week: 1 },
      { athlete: 'a', week: 2 },
      { athlete: 'b', week: 1 },
    ]);
    const error = await coll.insertOne({ athlete: 'a', week: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000, keyPattern: { athlete: 1, week: 1 }, keyValue: { athlete: 'a', week: 2 } });
  });

  it('indexes a missing field as null unless the index is sparse', async () => {
    const plain = collection('nullkey');
    await plain.createIndex({ nick: 1 }, { unique: true });
    await plain.insertOne({ name: 'x' });
    await expect(plain.insertOne({ name: 'y' })).rejects.toMatchObject({ code: 11000, keyValue: { nick: null } });

    const sparse = collection('sparse');
    await sparse.createIndex({ nick: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ name: 'x' }, { name: 'y' }, { nick: 'n' }]);
    await expect(sparse.insertOne({ nick: 'n' })).rejects.toMatchObject({ code: 11000 });
  });

  it('honours partialFilterExpression', async () => {
    const coll = collection('partial');
    await coll.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await coll.insertMany([
      { email: 'e', active: false },
      { email: 'e', active: false },
      { email: 'e', active: true },
    ]);
    await expect(coll.insertOne({ email: 'e', active: true })).rejects.toMatchObject({ code: 11000 });
  });

  it('treats each array element as a key (multikey)', async () => {
    const coll = collection('multikey');
    await coll.createIndex({ tags: 1 }, { unique: true });
    await coll.insertOne({ tags: ['a', 'b'] });
    await expect(coll.insertOne({ tags: ['c', 'b'] })).rejects.toMatchObject({ code: 11000, keyValue: { tags: 'b' } });
    await expect(coll.insertOne({ tags: ['c', 'c'] })).resolves.toBeTruthy();
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const coll = collection('builddup');
    await coll.insertMany([{ k: 1 }, { k: 1 }]);
    await expect(coll.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    expect((await coll.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('frees a key when its document is deleted', async () => {
    const coll = collection('freed');
    await coll.createIndex({ k: 1 }, { unique: true });
    await coll.insertOne({ k: 1 });
    await coll.deleteOne({ k: 1 });
    await expect(coll.insertOne({ k: 1 })).resolves.toBeTruthy();
  });
});
