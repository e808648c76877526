/** MongoDB's names for BSON types, as they appear in server error messages. */
import { Binary, BSONRegExp, Decimal128, Long, ObjectId, Timestamp } from 'bson';
import { isDocument } from './bson-values.js';

export function bsonTypeName(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 ? 'int' : 'double';
  }
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint' || value instanceof Long) return 'long';
  if (value instanceof Decimal128) return 'decimal';
  if (value instanceof ObjectId) return 'objectId';
  if (value instanceof Date) return 'date';
  if (value instanceof Binary) return 'binData';
  if (value instanceof Timestamp) return 'timestamp';
  if (value instanceof RegExp || value instanceof BSONRegExp) return 'regex';
  if (Array.isArray(value)) return 'array';
  if (isDocument(value)) return 'object';
  return 'object';
}
