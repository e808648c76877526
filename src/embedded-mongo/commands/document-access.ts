/**
 * Reading and writing documents on behalf of a command: the documents a filter matches (with a
 * direct lookup for `{ _id: value }` filters) and the retry loop for writes that have to wait for
 * an open transaction to end.
 */
import { Binary, Double, Long, ObjectId } from 'bson';
import { badValue } from '../errors.js';
import { isDocument, isOperatorDocument } from '../bson-values.js';
import type { Doc } from '../bson-values.js';
import { documentKey } from '../collection-store.js';
import type { CollectionStore } from '../collection-store.js';
import { compileFilter } from '../query-engine.js';
import { WriteBlockedError } from '../storage-engine.js';
import type { CommandContext } from './command-context.js';

/** The `_id` value of a `{ _id: value }` (or `{ _id: { $eq: value } }`) filter, if that is its form. */
function idEquality(filter: Doc): { value: unknown } | undefined {
  if (!('_id' in filter)) return undefined;
  let value = filter._id;
  if (isOperatorDocument(value)) {
    const keys = Object.keys(value);
    if (keys.length !== 1 || keys[0] !== '$eq') return undefined;
    value = value.$eq;
  }
  // Numbers of every type share a document key by value ({ _id: Long(1) } finds _id 1), as in MongoDB.
  const scalar =
    typeof value === 'string' ||
    typeof value === 'number' ||
    value instanceof Long ||
    value instanceof Double ||
    value instanceof ObjectId ||
    value instanceof Date ||
    value instanceof Binary;
  return scalar ? { value } : undefined;
}

/** Documents visible to the command (its transaction's snapshot, if any) that match `filter`. */
export function matchingDocuments(ctx: CommandContext, store: CollectionStore | undefined, filter: unknown, variables?: Doc): Doc[] {
  if (store === undefined) return [];
  if (filter !== undefined && filter !== null && !isDocument(filter)) throw badValue('filter must be an object');
  const matches = compileFilter(filter, variables);
  const byId = isDocument(filter) ? idEquality(filter) : undefined;
  if (byId !== undefined) {
    const doc = ctx.engine.document(store, documentKey(byId.value), ctx.txn);
    return doc !== undefined && matches(doc) ? [doc] : [];
  }
  return ctx.engine.documents(store, ctx.txn).filter(matches);
}

/**
 * Runs a synchronous write attempt, and when an open transaction holds a document it needs,
 * waits for that transaction to end and tries again from the start (re-reading everything).
 */
export async function untilUnblocked<T>(attempt: () => T): Promise<T> {
  for (;;) {
    try {
      return attempt();
    } catch (error) {
      if (!(error instanceof WriteBlockedError)) throw error;
      await error.blocker.done;
    }
  }
}
