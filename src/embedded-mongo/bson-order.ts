/**
 * MongoDB's comparison order across BSON types (null < numbers < strings < objects < arrays <
 * binary < ObjectId < booleans < dates < timestamps < regexes), used for `sort`. mingo's own
 * comparator orders mixed types differently, so sorting is done here.
 */
import { Binary, BSONRegExp, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { badValue } from './errors.js';
import { compareNumbers } from './bson-numbers.js';
import { collectPathValues, isDocument, toNumber } from './bson-values.js';
import type { Doc } from './bson-values.js';

const EMPTY_ARRAY = Symbol('empty array');

export function typeRank(value: unknown): number {
  if (value instanceof MinKey) return 0;
  if (value === EMPTY_ARRAY) return 1;
  if (value === undefined || value === null) return 2;
  if (toNumber(value) !== undefined) return 3;
  if (typeof value === 'string') return 4;
  if (Array.isArray(value)) return 6;
  if (isDocument(value)) return 5;
  if (value instanceof Binary) return 7;
  if (value instanceof ObjectId) return 8;
  if (typeof value === 'boolean') return 9;
  if (value instanceof Date) return 10;
  if (value instanceof Timestamp) return 11;
  if (value instanceof RegExp || value instanceof BSONRegExp) return 12;
  if (value instanceof MaxKey) return 13;
  return 5;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return sign(diff);
  }
  return sign(a.length - b.length);
}

/** Total order over BSON values, as MongoDB compares them. */
export function compareBson(a: unknown, b: unknown): number {
  const rankDiff = typeRank(a) - typeRank(b);
  if (rankDiff !== 0) return sign(rankDiff);
  switch (typeRank(a)) {
    case 3:
      // int, long, double and decimal compare by value, exactly beyond 2^53.
      return compareNumbers(a, b);
    case 4:
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 5:
      return compareDocuments(a as Doc, b as Doc);
    case 6: {
      const left = a as unknown[];
      const right = b as unknown[];
      for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
        const c = compareBson(left[i], right[i]);
        if (c !== 0) return c;
      }
      return sign(left.length - right.length);
    }
    case 7: {
      const left = a as Binary;
      const right = b as Binary;
      if (left.length() !== right.length()) return sign(left.length() - right.length());
      if (left.sub_type !== right.sub_type) return sign(left.sub_type - right.sub_type);
      return compareBytes(left.value(), right.value());
    }
    case 8:
      return compareBytes((a as ObjectId).id, (b as ObjectId).id);
    case 9:
      return sign(Number(a) - Number(b));
    case 10:
      return sign((a as Date).getTime() - (b as Date).getTime());
    case 11:
      return (a as Timestamp).compare(b as Timestamp);
    case 12:
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
    default:
      return 0;
  }
}

function compareDocuments(a: Doc, b: Doc): number {
  const left = Object.keys(a);
  const right = Object.keys(b);
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const lk = left[i] as string;
    const rk = right[i] as string;
    const byType = typeRank(a[lk]) - typeRank(b[rk]);
    if (byType !== 0) return sign(byType);
    if (lk !== rk) return lk < rk ? -1 : 1;
    const byValue = compareBson(a[lk], b[rk]);
    if (byValue !== 0) return byValue;
  }
  return sign(left.length - right.length);
}

/**
 * The value a document sorts by on one path: with arrays, the smallest element ascending and the
 * largest descending, as MongoDB does.
 */
function sortKey(doc: Doc, path: string, direction: 1 | -1): unknown {
  const reached = collectPathValues(doc, path.split('.'));
  const values: unknown[] = [];
  for (const value of reached) {
    if (Array.isArray(value)) {
      if (value.length === 0) values.push(EMPTY_ARRAY);
      else values.push(...value);
    } else {
      values.push(value);
    }
  }
  if (values.length === 0) return null;
  let best = values[0];
  for (const value of values.slice(1)) {
    const c = compareBson(value, best);
    if ((direction === 1 && c < 0) || (direction === -1 && c > 0)) best = value;
  }
  return best;
}

export type SortSpec = ReadonlyArray<readonly [path: string, direction: 1 | -1]>;

/** Validates a `sort` document into an ordered list of (path, direction). */
export function parseSort(sort: unknown): SortSpec {
  if (sort === undefined || sort === null) return [];
  if (!isDocument(sort)) throw badValue('sort must be an object');
  const spec: Array<readonly [string, 1 | -1]> = [];
  for (const [path, raw] of Object.entries(sort)) {
    if (isDocument(raw) && '$meta' in raw) continue;
    const n = toNumber(raw);
    if (n !== 1 && n !== -1) {
      throw badValue(`$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    }
    spec.push([path, n]);
  }
  return spec;
}

/** A sorted copy of `docs` (stable, so equal keys keep natural order). */
export function sortDocuments<T extends Doc>(docs: readonly T[], spec: SortSpec): T[] {
  if (spec.length === 0) return [...docs];
  const keyed = docs.map((doc) => ({ doc, keys: spec.map(([path, dir]) => sortKey(doc, path, dir)) }));
  keyed.sort((x, y) => {
    for (let i = 0; i < spec.length; i += 1) {
      const dir = spec[i]?.[1] ?? 1;
      const c = compareBson(x.keys[i], y.keys[i]);
      if (c !== 0) return c * dir;
    }
    return 0;
  });
  return keyed.map((entry) => entry.doc);
}
