/**
 * Numeric BSON types through the driver: int32, int64 and double keep their type on a round trip
 * (int64 exactly, also beyond 2^53), compare by value across types in queries, sorts and unique
 * indexes, and keep or widen their type under $inc/$mul as mongod's arithmetic does.
 *
 * The driver decodes int32, int64 (within 2^53) and double alike as JavaScript numbers by
 * default, so the stored type is observed through `promoteValues: false` (every number boxed:
 * Int32, Long, Double), `promoteLongs: false`, `useBigInt64`, and `$type` queries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Double, Int32, Long, MongoServerError } from 'mongodb';
import type { Collection, Document } from 'mongodb';
import { openHarness, uniqueName } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

/** Documents with string ids, so that boxed reads leave the ids plain. */
type NumDoc = Document & { _id: string };

function collection(prefix: string): Collection<NumDoc> {
  return h.db.collection<NumDoc>(uniqueName(prefix));
}

/** The value of `field` with every number boxed as the BSON type it is stored as. */
async function storedValue(coll: Collection<NumDoc>, id: string, field: string): Promise<unknown> {
  const doc = await coll.findOne({ _id: id }, { promoteValues: false });
  return doc?.[field];
}

async function ids(coll: Collection<NumDoc>, filter: Document): Promise<string[]> {
  return (await coll.find(filter).toArray()).map((doc) => doc._id).sort();
}

const BEYOND_2_53 = '9007199254740993'; // 2^53 + 1: no JavaScript number holds it

describe('round trips', () => {
  it('returns an int64 as a Long when asked (promoteLongs: false), exactly beyond 2^53', async () => {
    const coll = collection('i64');
    await coll.insertMany([
      { _id: 'small', n: Long.fromNumber(5) },
      { _id: 'big', n: Long.fromString(BEYOND_2_53) },
    ]);
    const small = await coll.findOne({ _id: 'small' }, { promoteLongs: false });
    expect(small?.n).toBeInstanceOf(Long);
    expect(String(small?.n)).toBe('5');
    const big = await coll.findOne({ _id: 'big' }, { promoteLongs: false });
    expect(big?.n).toBeInstanceOf(Long);
    expect(String(big?.n)).toBe(BEYOND_2_53);
    // With the driver's defaults a long within 2^53 reads as a number; one beyond stays a Long.
    expect((await coll.findOne({ _id: 'small' }))?.n).toBe(5);
    expect(String((await coll.findOne({ _id: 'big' }))?.n)).toBe(BEYOND_2_53);
  });

  it('returns an int64 as a bigint with useBigInt64', async () => {
    const coll = collection('i64');
    await coll.insertMany([
      { _id: 'small', n: 5n },
      { _id: 'big', n: BigInt(BEYOND_2_53) },
      { _id: 'negative', n: Long.fromString('-9223372036854775808') },
    ]);
    const docs = await coll.find({}, { useBigInt64: true }).sort({ _id: 1 }).toArray();
    expect(docs.map((doc) => doc.n)).toEqual([BigInt(BEYOND_2_53), -9223372036854775808n, 5n]);
  });

  it('keeps int32, int64 and double apart, integral doubles included', async () => {
    const coll = collection('types');
    await coll.insertOne({
      _id: 'a',
      int: 1,
      boxedInt: new Int32(1),
      long: Long.fromNumber(1),
      double: new Double(1),
      fraction: 1.5,
      bigDouble: 2 ** 40,
      nested: { list: [Long.fromNumber(2), new Double(2), 2] },
    });
    const doc = await coll.findOne({ _id: 'a' }, { promoteValues: false });
    expect(doc?.int).toBeInstanceOf(Int32);
    expect(doc?.boxedInt).toBeInstanceOf(Int32);
    expect(doc?.long).toBeInstanceOf(Long);
    expect(doc?.double).toBeInstanceOf(Double);
    expect(doc?.fraction).toBeInstanceOf(Double);
    expect(doc?.bigDouble).toBeInstanceOf(Double);
    const list = (doc?.nested as { list: unknown[] }).list;
    expect(list[0]).toBeInstanceOf(Long);
    expect(list[1]).toBeInstanceOf(Double);
    expect(list[2]).toBeInstanceOf(Int32);
  });
});

describe('$type', () => {
  it('tells int, long and double apart by name and by number, and "number" matches all', async () => {
    const coll = collection('type');
    await coll.insertMany([
      { _id: 'int', x: 1 },
      { _id: 'long', x: Long.fromNumber(1) },
      { _id: 'double', x: new Double(1) },
      { _id: 'fraction', x: 0.5 },
      { _id: 'string', x: '1' },
      { _id: 'array', x: [Long.fromNumber(7), 'seven'] },
    ]);
    expect(await ids(coll, { x: { $type: 'int' } })).toEqual(['int']);
    expect(await ids(coll, { x: { $type: 'long' } })).toEqual(['array', 'long']);
    expect(await ids(coll, { x: { $type: 'double' } })).toEqual(['double', 'fraction']);
    expect(await ids(coll, { x: { $type: 16 } })).toEqual(['int']);
    expect(await ids(coll, { x: { $type: 18 } })).toEqual(['array', 'long']);
    expect(await ids(coll, { x: { $type: 1 } })).toEqual(['double', 'fraction']);
    expect(await ids(coll, { x: { $type: 'number' } })).toEqual(['array', 'double', 'fraction', 'int', 'long']);
    expect(await ids(coll, { x: { $type: ['int', 'string'] } })).toEqual(['array', 'int', 'string']);
  });

  it('reports the stored type in aggregation', async () => {
    const coll = collection('type');
    await coll.insertMany([
      { _id: 'a', x: 1 },
      { _id: 'b', x: Long.fromNumber(1) },
      { _id: 'c', x: new Double(1) },
    ]);
    const types = await coll.aggregate<{ _id: string; t: string }>([{ $sort: { _id: 1 } }, { $project: { t: { $type: '$x' } } }]).toArray();
    expect(types.map((doc) => doc.t)).toEqual(['int', 'long', 'double']);
  });

  it('refuses an unknown type alias', async () => {
    const coll = collection('type');
    await coll.insertOne({ _id: 'a', x: 1 });
    await expect(coll.find({ x: { $type: 'integer' } }).toArray()).rejects.toBeInstanceOf(MongoServerError);
  });
});

describe('queries compare numbers by value across types', () => {
  async function seeded(): Promise<Collection<NumDoc>> {
    const coll = collection('cmp');
    await coll.insertMany([
      { _id: 'int5', x: 5 },
      { _id: 'long5', x: Long.fromNumber(5) },
      { _id: 'double5', x: new Double(5) },
      { _id: 'half', x: 5.5 },
      { _id: 'long7', x: Long.fromNumber(7) },
      { _id: 'list', x: [1, Long.fromNumber(9)] },
      { _id: 'text', x: '5' },
    ]);
    return coll;
  }

  it('matches equality whichever numeric type either side has', async () => {
    const coll = await seeded();
    const fives = ['double5', 'int5', 'long5'];
    expect(await ids(coll, { x: 5 })).toEqual(fives);
    expect(await ids(coll, { x: Long.fromNumber(5) })).toEqual(fives);
    expect(await ids(coll, { x: new Double(5) })).toEqual(fives);
    expect(await ids(coll, { x: Long.fromNumber(9) })).toEqual(['list']);
    expect(await ids(coll, { x: { $ne: 5 } })).toEqual(['half', 'list', 'long7', 'text']);
  });

  it('applies $in, $nin, ranges and counts by numeric value', async () => {
    const coll = await seeded();
    expect(await ids(coll, { x: { $in: [Long.fromNumber(7), 1] } })).toEqual(['list', 'long7']);
    expect(await ids(coll, { x: { $nin: [5, 7, '5'] } })).toEqual(['half', 'list']);
    expect(await ids(coll, { x: { $gt: Long.fromNumber(5) } })).toEqual(['half', 'list', 'long7']);
    // On an array each bound may be met by a different element (9 >= 5, 1 < 6), as in MongoDB.
    expect(await ids(coll, { x: { $gte: 5, $lt: new Double(6) } })).toEqual(['double5', 'half', 'int5', 'list', 'long5']);
    expect(await ids(coll, { x: { $elemMatch: { $gte: 5, $lt: new Double(6) } } })).toEqual([]);
    expect(await coll.countDocuments({ x: { $lte: Long.fromNumber(5) } })).toBe(4);
  });

  it('matches Longs beyond 2^53 exactly', async () => {
    const coll = collection('cmp');
    await coll.insertMany([
      { _id: 'p53', x: Long.fromString('9007199254740992') },
      { _id: 'p53plus1', x: Long.fromString(BEYOND_2_53) },
    ]);
    expect(await ids(coll, { x: Long.fromString(BEYOND_2_53) })).toEqual(['p53plus1']);
    expect(await ids(coll, { x: { $gt: Long.fromString('9007199254740992') } })).toEqual(['p53plus1']);
    expect(await ids(coll, { x: 2 ** 53 })).toEqual(['p53']);
  });

  it('finds a document by a numeric _id of another type', async () => {
    const coll = h.db.collection<Document>(uniqueName('numid'));
    await coll.insertOne({ _id: 1, v: 'one' } as Document);
    expect((await coll.findOne({ _id: Long.fromNumber(1) }))?.v).toBe('one');
    expect((await coll.findOne({ _id: new Double(1) }))?.v).toBe('one');
  });
});

describe('sort', () => {
  it('orders int32, int64 and double by numeric value, exactly beyond 2^53', async () => {
    const coll = collection('sort');
    await coll.insertMany([
      { _id: 'a', x: Long.fromString(BEYOND_2_53) },
      { _id: 'b', x: 2.5 },
      { _id: 'c', x: Long.fromNumber(-3) },
      { _id: 'd', x: 2 },
      { _id: 'e', x: Long.fromString('9007199254740992') },
      { _id: 'f', x: new Double(1) },
      { _id: 'g', x: 'text' },
    ]);
    const ascending = (await coll.find().sort({ x: 1 }).toArray()).map((doc) => doc._id);
    expect(ascending).toEqual(['c', 'f', 'd', 'b', 'e', 'a', 'g']);
    const descending = (await coll.find().sort({ x: -1 }).toArray()).map((doc) => doc._id);
    expect(descending).toEqual(['g', 'a', 'e', 'b', 'd', 'f', 'c']);
    const viaAggregate = await coll.aggregate<NumDoc>([{ $sort: { x: 1 } }]).toArray();
    expect(viaAggregate.map((doc) => doc._id)).toEqual(ascending);
  });
});

describe('update operators keep or widen the numeric type', () => {
  it('keeps an int64 an int64 under $inc, exactly beyond 2^53', async () => {
    const coll = collection('inc');
    await coll.insertMany([
      { _id: 'long', n: Long.fromNumber(5) },
      { _id: 'big', n: Long.fromString(BEYOND_2_53) },
    ]);
    await coll.updateOne({ _id: 'long' }, { $inc: { n: 1 } });
    await coll.updateOne({ _id: 'big' }, { $inc: { n: 1 } });
    const long = await storedValue(coll, 'long', 'n');
    expect(long).toBeInstanceOf(Long);
    expect(String(long)).toBe('6');
    expect(String(await storedValue(coll, 'big', 'n'))).toBe('9007199254740994');
  });

  it('widens as mongod does: int + long is long, int overflow becomes long, anything + double is double', async () => {
    const coll = collection('inc');
    await coll.insertMany([
      { _id: 'intPlusLong', n: 1 },
      { _id: 'intOverflow', n: 2147483647 },
      { _id: 'intPlusDouble', n: 1 },
      { _id: 'doublePlusInt', n: new Double(1) },
      { _id: 'missing' },
    ]);
    await coll.updateOne({ _id: 'intPlusLong' }, { $inc: { n: Long.fromNumber(1) } });
    await coll.updateOne({ _id: 'intOverflow' }, { $inc: { n: 1 } });
    await coll.updateOne({ _id: 'intPlusDouble' }, { $inc: { n: 0.5 } });
    await coll.updateOne({ _id: 'doublePlusInt' }, { $inc: { n: 1 } });
    await coll.updateOne({ _id: 'missing' }, { $inc: { n: Long.fromNumber(3) } });

    const intPlusLong = await storedValue(coll, 'intPlusLong', 'n');
    expect(intPlusLong).toBeInstanceOf(Long);
    expect(String(intPlusLong)).toBe('2');
    const overflow = await storedValue(coll, 'intOverflow', 'n');
    expect(overflow).toBeInstanceOf(Long);
    expect(String(overflow)).toBe('2147483648');
    expect(await storedValue(coll, 'intPlusDouble', 'n')).toEqual(new Double(1.5));
    const doublePlusInt = await storedValue(coll, 'doublePlusInt', 'n');
    expect(doublePlusInt).toBeInstanceOf(Double);
    expect(Number(doublePlusInt)).toBe(2);
    expect(await storedValue(coll, 'missing', 'n')).toBeInstanceOf(Long);
    expect(await ids(coll, { n: { $type: 'double' } })).toEqual(['doublePlusInt', 'intPlusDouble']);
  });

  it('refuses an $inc that overflows int64 with BadValue and leaves the value as it was', async () => {
    const coll = collection('inc');
    await coll.insertOne({ _id: 'max', n: Long.MAX_VALUE });
    const error: unknown = await coll.updateOne({ _id: 'max' }, { $inc: { n: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(2);
    expect((error as MongoServerError).message).toContain('Failed to apply $inc operations to current value');
    expect(String(await storedValue(coll, 'max', 'n'))).toBe(Long.MAX_VALUE.toString());
  });

  it('types $mul, and compares $min/$max by value across types', async () => {
    const coll = collection('mul');
    await coll.insertOne({ _id: 'a', product: Long.fromNumber(3), zero: 1, low: 5, high: Long.fromNumber(5) });
    await coll.updateOne(
      { _id: 'a' },
      { $mul: { product: 2, missing: new Double(4) }, $min: { low: Long.fromNumber(4) }, $max: { high: new Double(5) } },
    );
    const doc = await coll.findOne({ _id: 'a' }, { promoteValues: false });
    expect(doc?.product).toBeInstanceOf(Long);
    expect(String(doc?.product)).toBe('6');
    // $mul on a missing field stores zero of the operand's type.
    expect(doc?.missing).toBeInstanceOf(Double);
    expect(Number(doc?.missing)).toBe(0);
    expect(doc?.low).toBeInstanceOf(Long);
    expect(String(doc?.low)).toBe('4');
    // 5.0 is not greater than Long(5): $max leaves the long in place.
    expect(doc?.high).toBeInstanceOf(Long);
  });

  it('applies typed arithmetic through positional and filtered paths', async () => {
    const coll = collection('positional');
    await coll.insertOne({ _id: 'a', laps: [{ n: Long.fromNumber(1) }, { n: 2 }, { n: 3 }] });
    await coll.updateOne({ _id: 'a', 'laps.n': 2 }, { $inc: { 'laps.$.n': Long.fromNumber(10) } });
    await coll.updateOne({ _id: 'a' }, { $inc: { 'laps.$[big].n': 1 } }, { arrayFilters: [{ 'big.n': { $gte: 3 } }] });
    const laps = (await storedValue(coll, 'a', 'laps')) as Array<{ n: unknown }>;
    expect(laps.map((lap) => [lap.n?.constructor.name, String(lap.n)])).toEqual([
      ['Long', '1'],
      ['Long', '13'],
      ['Int32', '4'],
    ]);
  });
});

describe('unique indexes and distinct treat equal numbers as one value', () => {
  it('refuses 1, 1.0 and Long(1) as duplicates of each other', async () => {
    const coll = collection('uniq');
    await coll.createIndex({ k: 1 }, { unique: true });
    await coll.insertOne({ _id: 'int', k: 1 });
    for (const k of [new Double(1), Long.fromNumber(1)]) {
      const error: unknown = await coll.insertOne({ _id: `dup-${String(k)}-${k.constructor.name}`, k }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MongoServerError);
      expect((error as MongoServerError).code).toBe(11000);
    }
    await coll.insertOne({ _id: 'long2', k: Long.fromNumber(2) });
    expect(await coll.countDocuments()).toBe(2);
  });

  it('refuses an _id equal by value to an existing one', async () => {
    const coll = h.db.collection<Document>(uniqueName('uniqid'));
    await coll.insertOne({ _id: 1 } as Document);
    const error: unknown = await coll.insertOne({ _id: Long.fromNumber(1) } as Document).catch((e: unknown) => e);
    expect((error as MongoServerError).code).toBe(11000);
  });

  it('does not $addToSet a number equal by value to an element already there', async () => {
    const coll = collection('addToSet');
    await coll.insertOne({ _id: 'a', set: [Long.fromNumber(1), 'x'] });
    const same = await coll.updateOne({ _id: 'a' }, { $addToSet: { set: { $each: [1, new Double(1)] } } });
    expect(same.modifiedCount).toBe(0);
    await coll.updateOne({ _id: 'a' }, { $addToSet: { set: { $each: [2, Long.fromNumber(2)] } } });
    const set = (await storedValue(coll, 'a', 'set')) as unknown[];
    expect(set.map(String)).toEqual(['1', 'x', '2']);
    expect(set[0]).toBeInstanceOf(Long);
  });

  it('returns one distinct value for 1, 1.0 and Long(1)', async () => {
    const coll = collection('distinct');
    await coll.insertMany([
      { _id: 'a', k: 1 },
      { _id: 'b', k: new Double(1) },
      { _id: 'c', k: Long.fromNumber(1) },
      { _id: 'd', k: Long.fromNumber(2) },
    ]);
    expect((await coll.distinct('k')).map(Number)).toEqual([1, 2]);
  });
});

describe('aggregation', () => {
  it('groups 1, 1.0 and Long(1) together', async () => {
    const coll = collection('agg');
    await coll.insertMany([
      { _id: 'a', g: 1 },
      { _id: 'b', g: new Double(1) },
      { _id: 'c', g: Long.fromNumber(1) },
      { _id: 'd', g: 2 },
    ]);
    const groups = await coll.aggregate<{ _id: unknown; n: number }>([{ $group: { _id: '$g', n: { $sum: 1 } } }]).toArray();
    expect(groups.map((group) => [Number(group._id), group.n]).sort()).toEqual([
      [1, 3],
      [2, 1],
    ]);
  });

  it('sums Longs into a Long and matches them by value', async () => {
    const coll = collection('agg');
    await coll.insertMany([
      { _id: 'a', g: 1, n: Long.fromString(BEYOND_2_53) },
      { _id: 'b', g: 1, n: Long.fromNumber(1) },
      { _id: 'c', g: 2, n: 2 },
    ]);
    const [sum] = await coll
      .aggregate([{ $match: { n: { $gte: 1 }, g: Long.fromNumber(1) } }, { $group: { _id: '$g', total: { $sum: '$n' } } }], {
        promoteValues: false,
      })
      .toArray();
    expect(sum?.total).toBeInstanceOf(Long);
    expect(String(sum?.total)).toBe('9007199254740994');
  });
});
