/**
 * The cursor commands find, getMore and killCursors, and the one-shot reads count and distinct.
 */
import { CommandError } from '../errors.js';
import { canonicalKey, collectPathValues, toNumber } from '../bson-values.js';
import type { Doc } from '../bson-values.js';
import { compareBson, parseSort, sortDocuments } from '../bson-order.js';
import { projectDocuments } from '../query-engine.js';
import type { CommandHandler } from './command-context.js';
import { asLong, collectionName, cursorReply, optionalBoolean, optionalDocument, optionalNonNegativeInt } from './command-context.js';
import { matchingDocuments } from './document-access.js';

export const findCommand: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'find', ctx.db);
  const filter = optionalDocument(cmd, 'filter') ?? {};
  const sort = parseSort(cmd.sort);
  const skip = optionalNonNegativeInt(cmd, 'skip') ?? 0;
  const rawLimit = toNumber(cmd.limit) ?? 0;
  // A negative limit is the legacy spelling of "limit, in a single batch".
  const limit = Math.abs(rawLimit);
  const singleBatch = (optionalBoolean(cmd, 'singleBatch') ?? false) || rawLimit < 0;
  const batchSize = optionalNonNegativeInt(cmd, 'batchSize');
  const variables = optionalDocument(cmd, 'let');

  const store = ctx.engine.collection(ctx.db, name);
  let docs = sortDocuments(matchingDocuments(ctx, store, filter, variables), sort);
  if (skip > 0) docs = docs.slice(skip);
  if (limit > 0) docs = docs.slice(0, limit);
  docs = projectDocuments(docs, cmd.projection, filter);

  const first = ctx.cursors.open(`${ctx.db}.${name}`, docs, batchSize, singleBatch, {
    connectionId: ctx.connection.id,
    lsidKey: ctx.lsidKey,
  });
  return cursorReply('firstBatch', first);
};

export const getMoreCommand: CommandHandler = (cmd, ctx) => {
  const id = asLong(cmd.getMore);
  if (id === undefined) throw new CommandError('TypeMismatch', "BSON field 'getMore.getMore' is the wrong type, expected type 'long'");
  const collection = cmd.collection;
  if (typeof collection !== 'string')
    throw new CommandError('TypeMismatch', "BSON field 'getMore.collection' is the wrong type, expected type 'string'");
  const ns = ctx.cursors.namespaceOf(id);
  if (ns === undefined) throw new CommandError('CursorNotFound', `cursor id ${id.toString()} not found`);
  if (ns !== `${ctx.db}.${collection}`) {
    throw new CommandError(
      'Unauthorized',
      `Requested getMore on namespace '${ctx.db}.${collection}', but cursor belongs to a different namespace ${ns}`,
    );
  }
  const batch = ctx.cursors.next(id, optionalNonNegativeInt(cmd, 'batchSize') || undefined, ctx.connection.id);
  if (batch === undefined) throw new CommandError('CursorNotFound', `cursor id ${id.toString()} not found`);
  return cursorReply('nextBatch', batch);
};

export const killCursorsCommand: CommandHandler = (cmd, ctx) => {
  collectionName(cmd, 'killCursors', ctx.db);
  const ids = Array.isArray(cmd.cursors) ? cmd.cursors : [];
  const killed: unknown[] = [];
  const notFound: unknown[] = [];
  for (const raw of ids) {
    const id = asLong(raw);
    if (id !== undefined && ctx.cursors.kill(id)) killed.push(id);
    else notFound.push(raw);
  }
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

export const countCommand: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'count', ctx.db);
  const skip = optionalNonNegativeInt(cmd, 'skip') ?? 0;
  const limit = Math.abs(toNumber(cmd.limit) ?? 0);
  const store = ctx.engine.collection(ctx.db, name);
  const query = optionalDocument(cmd, 'query');
  const total =
    query === undefined || Object.keys(query).length === 0
      ? ctx.engine.documents(store, ctx.txn).length
      : matchingDocuments(ctx, store, query).length;
  const afterSkip = Math.max(0, total - skip);
  return { n: limit > 0 ? Math.min(limit, afterSkip) : afterSkip, ok: 1 };
};

export const distinctCommand: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'distinct', ctx.db);
  const key = cmd.key;
  if (typeof key !== 'string' || key.length === 0) {
    throw new CommandError('TypeMismatch', "BSON field 'distinct.key' is the wrong type, expected type 'string'");
  }
  const docs = matchingDocuments(ctx, ctx.engine.collection(ctx.db, name), optionalDocument(cmd, 'query') ?? {});
  const seen = new Map<string, unknown>();
  for (const doc of docs) {
    for (const value of collectPathValues(doc, key.split('.'))) {
      // distinct unwinds one level of array, as MongoDB does.
      for (const item of Array.isArray(value) ? value : [value]) {
        const text = canonicalKey(item);
        if (!seen.has(text)) seen.set(text, item);
      }
    }
  }
  const values = [...seen.values()].sort(compareBson);
  return { values, ok: 1 } satisfies Doc;
};
