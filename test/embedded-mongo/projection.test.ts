/**
 * Find projections as MongoDB 4.4+ answers them, `$slice` above all: a projection of only
 * `$slice`s is an exclusion (every other field comes back), with inclusions it is an inclusion
 * (the sliced field alone within its sub-document), and a non-array is returned as it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoServerError } from 'mongodb';
import type { Collection, Document } from 'mongodb';
import { openHarness, uniqueName } from './harness.js';
import type { Harness, TestDoc } from './harness.js';

let h: Harness;
let coll: Collection<TestDoc>;

const DOC = {
  _id: 1,
  a: 1,
  b: 'x',
  arr: [1, 2, 3, 4, 5],
  nested: { list: [1, 2, 3], other: 9 },
  text: 'not an array',
  laps: [
    { splits: [1, 2], n: 1 },
    { splits: [3, 4], n: 2 },
  ],
};

beforeAll(async () => {
  h = await openHarness();
  coll = h.db.collection<TestDoc>(uniqueName('projection'));
  await coll.insertOne({ ...DOC });
});
afterAll(async () => {
  await h.close();
});

async function project(projection: Document): Promise<Document | null> {
  return coll.findOne({ _id: 1 }, { projection });
}

describe('$slice alone is an exclusion projection: every other field is returned', () => {
  it('takes the first n elements', async () => {
    expect(await project({ arr: { $slice: 2 } })).toEqual({ ...DOC, arr: [1, 2] });
  });

  it('takes the last n elements for a negative n', async () => {
    expect(await project({ arr: { $slice: -2 } })).toEqual({ ...DOC, arr: [4, 5] });
  });

  it('returns the whole array when n exceeds its length', async () => {
    expect(await project({ arr: { $slice: 10 } })).toEqual(DOC);
  });

  it('skips then limits with [skip, limit]', async () => {
    expect(await project({ arr: { $slice: [1, 2] } })).toEqual({ ...DOC, arr: [2, 3] });
  });

  it('counts a negative skip from the end', async () => {
    expect(await project({ arr: { $slice: [-3, 2] } })).toEqual({ ...DOC, arr: [3, 4] });
    // A negative skip beyond the length starts at the first element.
    expect(await project({ arr: { $slice: [-30, 2] } })).toEqual({ ...DOC, arr: [1, 2] });
  });

  it('slices a nested path and keeps the rest of its sub-document', async () => {
    expect(await project({ 'nested.list': { $slice: 1 } })).toEqual({ ...DOC, nested: { list: [1], other: 9 } });
  });

  it('slices inside each element of an array of sub-documents', async () => {
    expect(await project({ 'laps.splits': { $slice: -1 } })).toEqual({
      ...DOC,
      laps: [
        { splits: [2], n: 1 },
        { splits: [4], n: 2 },
      ],
    });
  });

  it('leaves a value that is not an array as it is', async () => {
    expect(await project({ text: { $slice: 1 } })).toEqual(DOC);
    expect(await project({ missing: { $slice: 1 } })).toEqual(DOC);
  });

  it('combines with exclusions, _id included', async () => {
    const { a: _a, ...withoutA } = DOC;
    expect(await project({ a: 0, arr: { $slice: 1 } })).toEqual({ ...withoutA, arr: [1] });
    const { _id: _omitted, ...withoutId } = DOC;
    expect(await project({ _id: 0, arr: { $slice: 1 } })).toEqual({ ...withoutId, arr: [1] });
  });

  it('keeps the document field order', async () => {
    const doc = await project({ arr: { $slice: 1 } });
    expect(Object.keys(doc ?? {})).toEqual(Object.keys(DOC));
  });
});

describe('$slice with inclusions is an inclusion projection', () => {
  it('returns only _id, the included fields and the sliced array', async () => {
    expect(await project({ a: 1, arr: { $slice: 1 } })).toEqual({ _id: 1, a: 1, arr: [1] });
  });

  it('returns a nested sliced array without the other fields of its sub-document', async () => {
    expect(await project({ a: 1, 'nested.list': { $slice: 1 } })).toEqual({ _id: 1, a: 1, nested: { list: [1] } });
  });

  it('treats { _id: 1 } as an inclusion', async () => {
    expect(await project({ _id: 1, arr: { $slice: -1 } })).toEqual({ _id: 1, arr: [5] });
  });
});

describe('$slice in findOneAndUpdate fields', () => {
  it('projects the returned document the same way', async () => {
    const other = h.db.collection<TestDoc>(uniqueName('projection'));
    await other.insertOne({ _id: 1, arr: [1, 2, 3], keep: true });
    const after = await other.findOneAndUpdate(
      { _id: 1 },
      { $set: { more: 1 } },
      { projection: { arr: { $slice: -1 } }, returnDocument: 'after' },
    );
    expect(after).toEqual({ _id: 1, arr: [3], keep: true, more: 1 });
  });
});

describe('invalid $slice arguments', () => {
  async function failure(projection: Document): Promise<unknown> {
    return project(projection).then(
      () => undefined,
      (error: unknown) => error,
    );
  }

  it('refuses a non-positive limit and a malformed argument', async () => {
    expect(await failure({ arr: { $slice: [1, 0] } })).toBeInstanceOf(MongoServerError);
    expect(await failure({ arr: { $slice: [1, 2, 3] } })).toBeInstanceOf(MongoServerError);
    expect(await failure({ arr: { $slice: 'two' } })).toBeInstanceOf(MongoServerError);
  });
});
