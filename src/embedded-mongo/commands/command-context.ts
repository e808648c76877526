/**
 * What every command handler receives, and small argument readers shared by the handlers so that
 * malformed arguments get MongoDB's error codes consistently.
 */
import { Long } from 'bson';
import type { ObjectId } from 'bson';
import { CommandError, badValue } from '../errors.js';
import { isDocument, toNumber } from '../bson-values.js';
import type { Doc } from '../bson-values.js';
import type { CursorRegistry } from '../cursor-registry.js';
import type { LogicalClock } from '../logical-clock.js';
import type { SessionTransactions } from '../session-transactions.js';
import type { StorageEngine } from '../storage-engine.js';
import type { Transaction } from '../transaction.js';

export type ServerIdentity = {
  readonly setName: string;
  readonly processId: ObjectId;
  readonly electionId: ObjectId;
  readonly startedAt: Date;
  readonly maxMessageBytes: number;
  readonly maxBsonObjectSize: number;
  readonly maxWriteBatchSize: number;
};

export type ConnectionInfo = {
  readonly id: number;
  /** host:port as the client dialled it (our side of the socket). */
  readonly localHostPort: string;
  readonly remoteHostPort: string;
};

export type CommandContext = {
  readonly engine: StorageEngine;
  readonly cursors: CursorRegistry;
  readonly sessions: SessionTransactions;
  readonly clock: LogicalClock;
  readonly server: ServerIdentity;
  readonly connection: ConnectionInfo;
  readonly db: string;
  readonly lsidKey: string | undefined;
  readonly txn: Transaction | undefined;
};

export type CommandHandler = (cmd: Doc, ctx: CommandContext) => Doc | Promise<Doc>;

/** The collection a command names in its first field (`{ find: 'plans' }`). */
export function collectionName(cmd: Doc, commandName: string, db: string): string {
  const name = cmd[commandName];
  if (typeof name !== 'string' || name.length === 0 || name.includes('\u0000') || name.startsWith('.') || name.includes('$')) {
    throw new CommandError('InvalidNamespace', `Invalid namespace specified '${db}.${typeof name === 'string' ? name : ''}'`);
  }
  return name;
}

export function optionalDocument(cmd: Doc, field: string): Doc | undefined {
  const value = cmd[field];
  if (value === undefined || value === null) return undefined;
  if (!isDocument(value)) throw typeError(field, 'object', value);
  return value;
}

export function optionalNonNegativeInt(cmd: Doc, field: string): number | undefined {
  const value = cmd[field];
  if (value === undefined || value === null) return undefined;
  const n = toNumber(value);
  if (n === undefined || !Number.isInteger(n)) throw typeError(field, 'number', value);
  if (n < 0) throw badValue(`${field} value must be non-negative, but received: ${n}`);
  return n;
}

export function optionalBoolean(cmd: Doc, field: string): boolean | undefined {
  const value = cmd[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  const n = toNumber(value);
  if (n !== undefined) return n !== 0;
  throw typeError(field, 'bool', value);
}

export function documentArray(cmd: Doc, field: string): Doc[] {
  const value = cmd[field];
  if (!Array.isArray(value)) throw typeError(field, 'array', value);
  return value.map((item, i) => {
    if (!isDocument(item)) throw typeError(`${field}.${i}`, 'object', item);
    return item;
  });
}

function typeError(field: string, expected: string, value: unknown): CommandError {
  return new CommandError(
    'TypeMismatch',
    `BSON field '${field}' is the wrong type '${Array.isArray(value) ? 'array' : typeof value}', expected type '${expected}'`,
  );
}

export function cursorReply(batchField: 'firstBatch' | 'nextBatch', batch: { id: Long; ns: string; docs: Doc[] }): Doc {
  return { cursor: { [batchField]: batch.docs, id: batch.id, ns: batch.ns }, ok: 1 };
}

export function asLong(value: unknown): Long | undefined {
  if (value instanceof Long) return value;
  if (typeof value === 'number' && Number.isInteger(value)) return Long.fromNumber(value);
  if (typeof value === 'bigint') return Long.fromBigInt(value);
  return undefined;
}
