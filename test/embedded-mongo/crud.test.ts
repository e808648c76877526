import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoServerError, ObjectId } from 'mongodb';
import type { CommandStartedEvent, CommandSucceededEvent, MongoClient } from 'mongodb';
import { looseUpdate, openHarness, uniqueName } from './harness.js';
import type { Harness, TestDoc } from './harness.js';

let h: Harness;
let monitored: MongoClient;
const started: CommandStartedEvent[] = [];
const succeeded: CommandSucceededEvent[] = [];

beforeAll(async () => {
  h = await openHarness();
  monitored = await h.connect({ monitorCommands: true });
  monitored.on('commandStarted', (event) => started.push(event));
  monitored.on('commandSucceeded', (event) => succeeded.push(event));
});
afterAll(async () => {
  await h.close();
});

function collection(prefix: string) {
  return h.db.collection<TestDoc>(uniqueName(prefix));
}

describe('insert and find', () => {
  it('assigns an ObjectId _id and stores it first', async () => {
    const coll = collection('ins');
    const { insertedId } = await coll.insertOne({ name: 'easy run', _idless: true });
    expect(insertedId).toBeInstanceOf(ObjectId);
    const doc = await coll.findOne({ _id: insertedId });
    expect(Object.keys(doc ?? {})[0]).toBe('_id');
    expect(doc).toMatchObject({ name: 'easy run' });
  });

  it('keeps a client-supplied _id of any scalar type', async () => {
    const coll = collection('ids');
    await coll.insertMany([{ _id: 'str' }, { _id: 7 }, { _id: new Date(0) }]);
    expect(await coll.findOne({ _id: 'str' })).toEqual({ _id: 'str' });
    expect(await coll.findOne({ _id: 7 })).toEqual({ _id: 7 });
    expect(await coll.countDocuments()).toBe(3);
  });

  it('filters, projects, sorts, skips and limits', async () => {
    const coll = collection('find');
    await coll.insertMany([5, 3, 9, 1, 7].map((miles, i) => ({ _id: i, miles, kind: miles > 4 ? 'long' : 'short', secret: 'x' })));
    const docs = await coll
      .find({ kind: 'long' }, { projection: { secret: 0 } })
      .sort({ miles: -1 })
      .skip(1)
      .limit(1)
      .toArray();
    expect(docs).toEqual([{ _id: 4, miles: 7, kind: 'long' }]);
    const included = await coll
      .find({ miles: { $lt: 4 } }, { projection: { miles: 1, _id: 0 } })
      .sort({ miles: 1 })
      .toArray();
    expect(included).toEqual([{ miles: 1 }, { miles: 3 }]);
  });

  it('supports query operators: $in, $or, $exists, $regex, $elemMatch, dotted paths', async () => {
    const coll = collection('ops');
    await coll.insertMany([
      { _id: 1, tags: ['tempo', 'hills'], pace: { goal: '7:30' }, laps: [{ miles: 1 }, { miles: 2 }] },
      { _id: 2, tags: ['easy'], pace: { goal: '9:00' }, laps: [{ miles: 3 }] },
      { _id: 3, note: 'rest day' },
    ]);
    const ids = async (filter: object) => (await coll.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ tags: { $in: ['easy', 'hills'] } })).toEqual([1, 2]);
    expect(await ids({ $or: [{ 'pace.goal': '9:00' }, { note: { $exists: true } }] })).toEqual([2, 3]);
    expect(await ids({ note: { $regex: '^REST', $options: 'i' } })).toEqual([3]);
    expect(await ids({ laps: { $elemMatch: { miles: { $gte: 2 } } } })).toEqual([1, 2]);
    expect(await ids({ 'laps.miles': 1 })).toEqual([1]);
    expect(await ids({ tags: 'tempo' })).toEqual([1]);
  });

  it('projects array slices and the first matching element', async () => {
    const coll = collection('projarr');
    await coll.insertOne({
      _id: 1,
      laps: [
        { i: 0, fast: false },
        { i: 1, fast: true },
        { i: 2, fast: true },
      ],
    });
    expect(await coll.findOne({ _id: 1 }, { projection: { laps: { $slice: 2 } } })).toEqual({
      _id: 1,
      laps: [
        { i: 0, fast: false },
        { i: 1, fast: true },
      ],
    });
    expect(await coll.findOne({ _id: 1 }, { projection: { laps: { $elemMatch: { fast: true } } } })).toEqual({
      _id: 1,
      laps: [{ i: 1, fast: true }],
    });
    expect(await coll.findOne({ 'laps.fast': true }, { projection: { 'laps.$': 1 } })).toEqual({ _id: 1, laps: [{ i: 1, fast: true }] });
  });

  it('sorts by a dotted path and by several keys', async () => {
    const coll = collection('sortdots');
    await coll.insertMany([
      { _id: 1, p: { w: 2 }, d: 1 },
      { _id: 2, p: { w: 1 }, d: 1 },
      { _id: 3, p: { w: 1 }, d: 2 },
    ]);
    expect((await coll.find().sort({ 'p.w': 1, d: -1 }).toArray()).map((d) => d._id)).toEqual([3, 2, 1]);
  });

  it('sorts mixed types in BSON order (null < numbers < strings)', async () => {
    const coll = collection('mixed');
    await coll.insertMany([
      { _id: 1, v: 'b' },
      { _id: 2, v: 10 },
      { _id: 3, v: null },
      { _id: 4, v: 2 },
      { _id: 5, v: 'a' },
    ]);
    const order = (await coll.find().sort({ v: 1 }).toArray()).map((d) => d._id);
    expect(order).toEqual([3, 4, 2, 5, 1]);
  });

  it('returns large results in batches through getMore', async () => {
    const name = uniqueName('batches');
    await h.db.collection(name).insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const before = started.filter((e) => e.commandName === 'getMore').length;
    const docs = await monitored.db(h.mongo.dbName).collection(name).find().batchSize(40).toArray();
    expect(docs).toHaveLength(250);
    expect(new Set(docs.map((d) => d.i)).size).toBe(250);
    const getMores = started.filter((e) => e.commandName === 'getMore').length - before;
    expect(getMores).toBeGreaterThanOrEqual(6);
  });

  it('kills a cursor closed before it is exhausted', async () => {
    const name = uniqueName('kill');
    await h.db.collection(name).insertMany(Array.from({ length: 20 }, (_, i) => ({ i })));
    const cursor = monitored.db(h.mongo.dbName).collection(name).find().batchSize(2);
    await cursor.next();
    const id = cursor.id;
    await cursor.close();
    const reply = succeeded.filter((e) => e.commandName === 'killCursors').at(-1)?.reply as { cursorsKilled?: unknown[] };
    expect(reply.cursorsKilled?.map(String)).toContain(String(id));
    const error = await h.db.command({ getMore: id, collection: name }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 43 });
  });

  it('answers getMore for an unknown cursor with CursorNotFound (43)', async () => {
    const { Long } = await import('mongodb');
    const error = await h.db.command({ getMore: Long.fromNumber(123456789), collection: 'none' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('finds nothing in a collection that does not exist', async () => {
    expect(await collection('missing').find({}).toArray()).toEqual([]);
  });
});

describe('update', () => {
  it('applies update operators', async () => {
    const coll = collection('upd');
    await coll.insertOne({ _id: 1, n: 1, name: 'a', tags: ['x'], old: true, low: 5, high: 5, m: 3 });
    const result = await coll.updateOne(
      { _id: 1 },
      looseUpdate({
        $inc: { n: 2 },
        $set: { 'nested.deep': 'yes' },
        $unset: { old: '' },
        $push: { tags: 'y' },
        $min: { low: 1 },
        $max: { high: 9 },
        $mul: { m: 2 },
        $rename: { name: 'title' },
      }),
    );
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await coll.findOne({ _id: 1 })).toEqual({
      _id: 1,
      n: 3,
      tags: ['x', 'y'],
      low: 1,
      high: 9,
      m: 6,
      nested: { deep: 'yes' },
      title: 'a',
    });
  });

  it('supports $addToSet with $each, $pull and $currentDate', async () => {
    const coll = collection('arr');
    await coll.insertOne({ _id: 1, tags: ['a', 'b'] });
    await coll.updateOne({ _id: 1 }, { $addToSet: { tags: { $each: ['b', 'c'] } }, $currentDate: { touched: true } });
    await coll.updateOne({ _id: 1 }, looseUpdate({ $pull: { tags: 'a' } }));
    const doc = await coll.findOne({ _id: 1 });
    expect(doc?.tags).toEqual(['b', 'c']);
    expect(doc?.touched).toBeInstanceOf(Date);
  });

  it('reports modifiedCount 0 when nothing changes', async () => {
    const coll = collection('noop');
    await coll.insertOne({ _id: 1, a: 1 });
    expect(await coll.updateOne({ _id: 1 }, { $set: { a: 1 } })).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    expect(await coll.updateOne({ _id: 2 }, { $set: { a: 1 } })).toMatchObject({ matchedCount: 0, modifiedCount: 0 });
  });

  it('updates array elements with the positional $ operator and arrayFilters', async () => {
    const coll = collection('positional');
    await coll.insertOne({
      _id: 1,
      days: [
        {
          day: 1,
          done: false,
          laps: [
            { lapIndex: 0, pace: 8 },
            { lapIndex: 1, pace: 9 },
          ],
        },
        { day: 2, done: false, laps: [{ lapIndex: 0, pace: 8 }] },
      ],
    });
    await coll.updateOne({ _id: 1, 'days.day': 2 }, { $set: { 'days.$.done': true } });
    await coll.updateOne(
      { _id: 1 },
      { $set: { 'days.$[d].laps.$[l].pace': 7 } },
      { arrayFilters: [{ 'd.day': 1 }, { 'l.pace': { $gt: 8 } }] },
    );
    const doc = (await coll.findOne({ _id: 1 })) as unknown as { days: Array<{ done: boolean; laps: Array<{ pace: number }> }> };
    expect(doc.days[1]?.done).toBe(true);
    expect(doc.days[0]?.done).toBe(false);
    expect(doc.days[0]?.laps.map((l) => l.pace)).toEqual([8, 7]);
  });

  it('upserts with $setOnInsert and the filter equality fields', async () => {
    const coll = collection('upsert');
    const first = await coll.updateOne(
      { athlete: 'ana', week: 3, miles: { $gt: 0 } },
      { $set: { status: 'planned' }, $setOnInsert: { createdBy: 'coach' } },
      { upsert: true },
    );
    expect(first).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
    expect(first.upsertedId).toBeInstanceOf(ObjectId);
    const doc = await coll.findOne({ _id: first.upsertedId as ObjectId });
    expect(doc).toEqual({ _id: first.upsertedId, athlete: 'ana', week: 3, status: 'planned', createdBy: 'coach' });

    const second = await coll.updateOne(
      { athlete: 'ana', week: 3 },
      { $set: { status: 'done' }, $setOnInsert: { createdBy: 'someone else' } },
      { upsert: true },
    );
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
    expect(await coll.findOne({ athlete: 'ana' })).toMatchObject({ status: 'done', createdBy: 'coach' });
  });

  it('upserts with the _id from the filter', async () => {
    const coll = collection('upsertid');
    const result = await coll.updateOne({ _id: 'plan-1' }, { $inc: { version: 1 } }, { upsert: true });
    expect(result.upsertedId).toBe('plan-1');
    expect(await coll.findOne({ _id: 'plan-1' })).toEqual({ _id: 'plan-1', version: 1 });
  });

  it('replaces a whole document but keeps its _id', async () => {
    const coll = collection('replace');
    await coll.insertOne({ _id: 1, a: 1, b: 2 });
    expect(await coll.replaceOne({ _id: 1 }, { c: 3 })).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, c: 3 });
    const upserted = await coll.replaceOne({ _id: 2 }, { d: 4 }, { upsert: true });
    expect(upserted.upsertedId).toBe(2);
    expect(await coll.findOne({ _id: 2 })).toEqual({ _id: 2, d: 4 });
  });

  it('updates every match with updateMany and only the first with updateOne', async () => {
    const coll = collection('multi');
    await coll.insertMany([{ g: 1 }, { g: 1 }, { g: 1 }, { g: 2 }]);
    expect(await coll.updateMany({ g: 1 }, { $set: { seen: true } })).toMatchObject({ matchedCount: 3, modifiedCount: 3 });
    expect(await coll.updateOne({ g: 1 }, { $set: { first: true } })).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await coll.countDocuments({ seen: true })).toBe(3);
    expect(await coll.countDocuments({ first: true })).toBe(1);
  });

  it('supports pipeline-style updates', async () => {
    const coll = collection('pipeline');
    await coll.insertOne({ _id: 1, miles: 3, minutes: 24 });
    await coll.updateOne({ _id: 1 }, [{ $set: { pace: { $divide: ['$minutes', '$miles'] } } }]);
    expect(await coll.findOne({ _id: 1 })).toMatchObject({ pace: 8 });
  });

  it('rejects $inc on a non-numeric field with TypeMismatch (14)', async () => {
    const coll = collection('badinc');
    await coll.insertOne({ _id: 1, name: 'x' });
    const error = await coll.updateOne({ _id: 1 }, { $inc: { name: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 14 });
  });

  it('rejects conflicting paths with ConflictingUpdateOperators (40)', async () => {
    const coll = collection('conflict');
    await coll.insertOne({ _id: 1, a: 1 });
    const error = await coll.updateOne({ _id: 1 }, { $set: { a: 2 }, $inc: { a: 1 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 40 });
  });

  it('rejects an unknown update operator with FailedToParse (9)', async () => {
    const coll = collection('unknownop');
    await coll.insertOne({ _id: 1 });
    const error = await coll.updateOne({ _id: 1 }, { $frobnicate: { a: 1 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 9 });
  });

  it('refuses to create a field inside a scalar or an array with PathNotViable (28)', async () => {
    const coll = collection('notviable');
    await coll.insertOne({ _id: 1, pace: 8, laps: [{ miles: 1 }] });
    await expect(coll.updateOne({ _id: 1 }, { $set: { 'pace.goal': 7 } })).rejects.toMatchObject({ code: 28 });
    await expect(coll.updateOne({ _id: 1 }, { $set: { 'laps.miles': 2 } })).rejects.toMatchObject({ code: 28 });
    await expect(coll.updateOne({ _id: 1 }, { $set: { 'laps.0.miles': 2 } })).resolves.toMatchObject({ modifiedCount: 1 });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, pace: 8, laps: [{ miles: 2 }] });
  });

  it('supports $pop and $pullAll, and $push with $each, $sort and $slice', async () => {
    const coll = collection('arrayops');
    await coll.insertOne({ _id: 1, a: [1, 2, 3], b: [1, 2, 1, 3], c: [{ p: 3 }, { p: 1 }] });
    await coll.updateOne(
      { _id: 1 },
      looseUpdate({ $pop: { a: -1 }, $pullAll: { b: [1, 3] }, $push: { c: { $each: [{ p: 2 }, { p: 0 }], $sort: { p: 1 }, $slice: 3 } } }),
    );
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, a: [2, 3], b: [2], c: [{ p: 0 }, { p: 1 }, { p: 2 }] });
  });

  it('refuses to change _id with ImmutableField (66)', async () => {
    const coll = collection('immutable');
    await coll.insertOne({ _id: 1 });
    const error = await coll.updateOne({ _id: 1 }, { $set: { _id: 2 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 66 });
    const replaced = await coll.replaceOne({ _id: 1 }, { _id: 3, a: 1 }).catch((e: unknown) => e);
    expect(replaced).toMatchObject({ code: 66 });
  });
});

describe('delete', () => {
  it('deletes one or many', async () => {
    const coll = collection('del');
    await coll.insertMany([{ g: 1 }, { g: 1 }, { g: 1 }, { g: 2 }]);
    expect(await coll.deleteOne({ g: 1 })).toMatchObject({ deletedCount: 1 });
    expect(await coll.deleteMany({ g: 1 })).toMatchObject({ deletedCount: 2 });
    expect(await coll.deleteMany({ g: 3 })).toMatchObject({ deletedCount: 0 });
    expect(await coll.countDocuments()).toBe(1);
  });
});

describe('findAndModify', () => {
  it('returns the document before or after the update', async () => {
    const coll = collection('fam');
    await coll.insertOne({ _id: 1, n: 1 });
    expect(await coll.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } })).toEqual({ _id: 1, n: 1 });
    expect(await coll.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } }, { returnDocument: 'after' })).toEqual({ _id: 1, n: 3 });
    expect(await coll.findOneAndUpdate({ _id: 9 }, { $inc: { n: 1 } })).toBeNull();
  });

  it('picks the first document in sort order and applies a projection', async () => {
    const coll = collection('famsort');
    await coll.insertMany([
      { p: 2, claimed: false },
      { p: 1, claimed: false },
      { p: 3, claimed: false },
    ]);
    const doc = await coll.findOneAndUpdate(
      { claimed: false },
      { $set: { claimed: true } },
      { sort: { p: 1 }, returnDocument: 'after', projection: { _id: 0, p: 1, claimed: 1 } },
    );
    expect(doc).toEqual({ p: 1, claimed: true });
  });

  it('upserts and reports lastErrorObject', async () => {
    const coll = collection('famupsert');
    const result = await coll.findOneAndUpdate(
      { key: 'k' },
      { $set: { v: 1 } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(result.value).toMatchObject({ key: 'k', v: 1 });
    expect(result.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(result.lastErrorObject?.upserted).toBeInstanceOf(ObjectId);
    const again = await coll.findOneAndUpdate({ key: 'k' }, { $set: { v: 2 } }, { includeResultMetadata: true });
    expect(again.lastErrorObject).toMatchObject({ n: 1, updatedExisting: true });
    expect(again.value).toMatchObject({ v: 1 });
  });

  it('deletes and replaces', async () => {
    const coll = collection('famdel');
    await coll.insertMany([
      { _id: 1, a: 1 },
      { _id: 2, a: 2 },
    ]);
    expect(await coll.findOneAndDelete({ _id: 1 })).toEqual({ _id: 1, a: 1 });
    expect(await coll.findOneAndReplace({ _id: 2 }, { b: 2 }, { returnDocument: 'after' })).toEqual({ _id: 2, b: 2 });
    expect(await coll.countDocuments()).toBe(1);
  });
});

describe('count, distinct and aggregate', () => {
  it('counts with countDocuments and estimatedDocumentCount', async () => {
    const coll = collection('count');
    await coll.insertMany(Array.from({ length: 10 }, (_, i) => ({ i, even: i % 2 === 0 })));
    expect(await coll.countDocuments()).toBe(10);
    expect(await coll.countDocuments({ even: true })).toBe(5);
    expect(await coll.countDocuments({}, { skip: 2, limit: 5 })).toBe(5);
    expect(await coll.estimatedDocumentCount()).toBe(10);
    expect(await collection('nothing').countDocuments()).toBe(0);
  });

  it('returns distinct values, unwinding arrays', async () => {
    const coll = collection('distinct');
    await coll.insertMany([
      { t: ['a', 'b'], k: 1 },
      { t: 'b', k: 1 },
      { t: 'c', k: 2 },
    ]);
    expect((await coll.distinct('t')).sort()).toEqual(['a', 'b', 'c']);
    expect((await coll.distinct('t', { k: 1 })).sort()).toEqual(['a', 'b']);
  });

  it('runs aggregation pipelines', async () => {
    const coll = collection('agg');
    await coll.insertMany([
      { athlete: 'a', miles: 3 },
      { athlete: 'a', miles: 5 },
      { athlete: 'b', miles: 10 },
    ]);
    const totals = await coll
      .aggregate([{ $match: { miles: { $gt: 2 } } }, { $group: { _id: '$athlete', total: { $sum: '$miles' } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(totals).toEqual([
      { _id: 'a', total: 8 },
      { _id: 'b', total: 10 },
    ]);
  });

  it('joins another collection with $lookup', async () => {
    const athletes = collection('athletes');
    const runs = h.db.collection(uniqueName('runs'));
    await athletes.insertMany([{ _id: 'a', name: 'Ana' }]);
    await runs.insertMany([
      { athlete: 'a', miles: 3 },
      { athlete: 'a', miles: 4 },
    ]);
    const joined = await athletes
      .aggregate([
        { $lookup: { from: runs.collectionName, localField: '_id', foreignField: 'athlete', as: 'runs' } },
        { $project: { name: 1, count: { $size: '$runs' } } },
      ])
      .toArray();
    expect(joined).toEqual([{ _id: 'a', name: 'Ana', count: 2 }]);
  });

  it('returns aggregate results in batches', async () => {
    const coll = collection('aggbatch');
    await coll.insertMany(Array.from({ length: 120 }, (_, i) => ({ i })));
    const docs = await coll.aggregate([{ $sort: { i: -1 } }], { batchSize: 25 }).toArray();
    expect(docs).toHaveLength(120);
    expect(docs[0]).toMatchObject({ i: 119 });
  });
});
