/**
 * Helpers for documents as the `bson` package decodes them: narrowing `unknown`, copying before a
 * mutation, and canonical strings for equality (ids, unique index keys, distinct values) that follow
 * MongoDB's rules rather than JavaScript's (1, 1.0 and Long(1) are the same key).
 */
import { Binary, BSONRegExp, BSONSymbol, DBRef, Decimal128, Double, Int32, Long, ObjectId, Timestamp, deserialize } from 'bson';
import { encodesAsInt32, exactInteger, holdsTypedNumbers, numericToDouble } from './bson-numbers.js';

export type Doc = Record<string, unknown>;

/**
 * Decodes one BSON document the way every document enters the server (from the wire or from the
 * journal on disk), so a document replayed at start-up holds exactly the values it held when it
 * was written.
 *
 * Numbers keep their BSON type (see bson-numbers.ts): int64 stays a `Long` at any value, and a
 * double stays a `Double` where a plain number would encode back as int32. Everything else is a
 * JavaScript number, which is what mingo computes with. `promoteValues: false` boxes every
 * number, so the boxes that carry no information (int32, non-integral doubles) are opened here.
 */
export function decodeBson(bytes: Uint8Array): Doc {
  // Without such numbers the plain decode gives the same values, and faster.
  if (!holdsTypedNumbers(bytes)) return deserialize(bytes);
  const doc = deserialize(bytes, { promoteValues: false });
  unboxInPlace(doc);
  return doc;
}

function unboxed(value: unknown): unknown {
  if (value instanceof Int32) return value.value;
  if (value instanceof Double) return encodesAsInt32(value.value) ? value : value.value;
  // Symbols were decoded as strings before numbers were kept; they still are.
  if (value instanceof BSONSymbol) return value.value;
  if (value instanceof DBRef) {
    value.oid = unboxed(value.oid) as ObjectId;
    unboxInPlace(value.fields);
    return value;
  }
  if (Array.isArray(value) || isDocument(value)) unboxInPlace(value);
  return value;
}

/** Unboxes in place: the freshly decoded document belongs to nobody else yet. */
function unboxInPlace(container: Doc | unknown[]): void {
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i += 1) container[i] = unboxed(container[i]);
    return;
  }
  for (const key of Object.keys(container)) container[key] = unboxed(container[key]);
}

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

/**
 * Numeric value of any BSON number (int, long, double, decimal), or undefined. Rounded beyond
 * 2^53: comparisons and keys that must be exact use bson-numbers.ts instead.
 */
export function toNumber(value: unknown): number | undefined {
  return numericToDouble(value);
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
  // Integers by their exact value, so Long(2^53 + 1) and Long(2^53) stay distinct keys while
  // 1, 1.0 and Long(1) share one (BigInt(-0) is 0n, so -0 and 0 do too).
  if (numeric !== undefined) return `n:${exactInteger(value)?.toString() ?? String(numeric)}`;
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
  // mongod prints a double with its fractional part even when it is zero.
  if (value instanceof Double) return Number.isInteger(value.value) ? value.value.toFixed(1) : String(value.value);
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
