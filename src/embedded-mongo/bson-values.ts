/**
 * Helpers for documents as the `bson` package decodes them: narrowing `unknown`, copying before a
 * mutation, and canonical strings for equality (ids, unique index keys, distinct values) that follow
 * MongoDB's rules rather than JavaScript's (1, 1.0 and Long(1) are the same key).
 */
import { Binary, BSONRegExp, Decimal128, Long, ObjectId, Timestamp } from 'bson';

export type Doc = Record<string, unknown>;

/** A plain sub-document (not an array, not a BSON value class such as ObjectId). */
export function isDocument(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isOperatorDocument(value: unknown): value is Doc {
  if (!isDocument(value)) return false;
  const first = Object.keys(value)[0];
  return first !== undefined && first.startsWith('$');
}

/**
 * A copy safe to mutate: plain objects and arrays are copied, BSON value classes are shared because
 * nothing here mutates them, dates are copied because Date is mutable.
 */
export function cloneDocument<T>(value: T): T {
  return cloneValue(value) as T;
}

function cloneValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneValue);
  if (value instanceof Date) return new Date(value.getTime());
  if (!isDocument(value)) return value;
  const copy: Doc = {};
  for (const key of Object.keys(value)) copy[key] = cloneValue(value[key]);
  return copy;
}

/** Numeric value of any BSON number, or undefined. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Decimal128) return Number.parseFloat(value.toString());
  return undefined;
}

export function isNumeric(value: unknown): boolean {
  return toNumber(value) !== undefined;
}

/**
 * A string that is equal for two values exactly when MongoDB considers them equal (numbers compare
 * by value across int/long/double/decimal; sub-documents compare field by field, in order).
 */
export function canonicalKey(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  const numeric = toNumber(value);
  if (numeric !== undefined) return `n:${Object.is(numeric, -0) ? 0 : numeric}`;
  if (typeof value === 'string') return `s:${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (value instanceof ObjectId) return `o:${value.toHexString()}`;
  if (value instanceof Date) return `d:${value.getTime()}`;
  if (value instanceof Binary) return `x:${value.sub_type}:${Buffer.from(value.value()).toString('base64')}`;
  if (value instanceof Timestamp) return `t:${value.toString()}`;
  if (value instanceof RegExp) return `r:${value.source}/${value.flags}`;
  if (value instanceof BSONRegExp) return `r:${value.pattern}/${value.options}`;
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  if (isDocument(value)) {
    return `{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${canonicalKey(value[key])}`)
      .join(',')}}`;
  }
  return `?:${String(value)}`;
}

/** Renders a value the way MongoDB's error messages do (`"text"`, `ObjectId('…')`, `{ a: 1 }`). */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof Long) return value.toString();
  if (value instanceof Decimal128) return value.toString();
  if (value instanceof RegExp) return `/${value.source}/${value.flags}`;
  if (Array.isArray(value)) return `[ ${value.map(formatValue).join(', ')} ]`;
  if (isDocument(value)) return formatDocument(value);
  return String(value);
}

export function formatDocument(doc: Doc): string {
  const keys = Object.keys(doc);
  if (keys.length === 0) return '{}';
  return `{ ${keys.map((key) => `${key}: ${formatValue(doc[key])}`).join(', ')} }`;
}

/** The value at a dotted path without descending into arrays (sub-document paths only). */
export function getPath(doc: Doc, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) {
      current = current[Number(part)];
    } else if (isDocument(current)) {
      current = current[part];
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * Every value a dotted path reaches, descending into arrays the way MongoDB does for queries,
 * indexes and sorts (`laps.pace` on an array of laps yields each lap's pace). Missing → [].
 */
export function collectPathValues(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return [value];
  const [head, ...rest] = path;
  if (head === undefined) return [value];
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    if (/^\d+$/.test(head)) {
      const element: unknown = value[Number(head)];
      if (element !== undefined) out.push(...collectPathValues(element, rest));
    }
    for (const element of value) {
      if (isDocument(element)) out.push(...collectPathValues(element, path));
    }
    return out;
  }
  if (!isDocument(value) || !(head in value)) return [];
  return collectPathValues(value[head], rest);
}

/** MongoDB stores `_id` first whatever order the client sent; `makeId` supplies a missing one. */
export function withIdFirst(doc: Doc, makeId: () => unknown): Doc {
  const id = '_id' in doc ? doc._id : makeId();
  const out: Doc = { _id: id };
  for (const key of Object.keys(doc)) {
    if (key !== '_id') out[key] = doc[key];
  }
  return out;
}
