/** MongoDB's names for BSON types, as they appear in server error messages and `$type`. */
import { Binary, BSONRegExp, BSONSymbol, Code, DBRef, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { encodesAsInt32 } from './bson-numbers.js';
import { isDocument } from './bson-values.js';

export function bsonTypeName(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  // A plain number is an int32 exactly when it encodes as one; integral doubles are held as Double.
  if (typeof value === 'number') return encodesAsInt32(value) ? 'int' : 'double';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint' || value instanceof Long) return 'long';
  if (value instanceof Double) return 'double';
  if (value instanceof Int32) return 'int';
  if (value instanceof Decimal128) return 'decimal';
  if (value instanceof ObjectId) return 'objectId';
  if (value instanceof Date) return 'date';
  if (value instanceof Binary) return 'binData';
  if (value instanceof Timestamp) return 'timestamp';
  if (value instanceof RegExp || value instanceof BSONRegExp) return 'regex';
  if (value instanceof MinKey) return 'minKey';
  if (value instanceof MaxKey) return 'maxKey';
  if (value instanceof Code) return value.scope ? 'javascriptWithScope' : 'javascript';
  if (value instanceof BSONSymbol) return 'symbol';
  if (value instanceof DBRef) return 'object';
  if (Array.isArray(value)) return 'array';
  if (isDocument(value)) return 'object';
  return 'object';
}

/** `$type`'s numeric codes, by the alias each stands for. */
const TYPE_CODES: Readonly<Record<number, string>> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  6: 'undefined',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  12: 'dbPointer',
  13: 'javascript',
  14: 'symbol',
  15: 'javascriptWithScope',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};

const TYPE_ALIASES = new Set([...Object.values(TYPE_CODES), 'number']);

/**
 * The alias a `$type` argument names (`'long'`, `18` …), or an error message as mongod words it
 * when the argument names no type.
 */
export function typeAlias(spec: unknown, numeric: number | undefined): { alias: string } | { error: string } {
  if (typeof spec === 'string') {
    return TYPE_ALIASES.has(spec) ? { alias: spec } : { error: `Unknown type name alias: ${spec}` };
  }
  if (numeric !== undefined) {
    const alias = Number.isInteger(numeric) ? TYPE_CODES[numeric] : undefined;
    return alias === undefined ? { error: `Invalid numerical type code: ${numeric}` } : { alias };
  }
  return { error: 'type must be represented as a number or a string' };
}

/** Whether `value` (not looking inside arrays) is of the type `alias` names; 'number' is any numeric type. */
export function hasTypeAlias(value: unknown, alias: string): boolean {
  const name = bsonTypeName(value);
  if (alias === 'number') return name === 'int' || name === 'long' || name === 'double' || name === 'decimal';
  return name === alias;
}
