/**
 * The single-statement writes behind insert, update, delete and findAndModify. Each function is
 * synchronous from reading the matching documents to storing the result, which is what makes a
 * `findOneAndUpdate` claim raced by many connections have exactly one winner.
 */
import { ObjectId } from 'bson';
import { CommandError, badValue } from '../errors.js';
import { isDocument, withIdFirst } from '../bson-values.js';
import type { Doc } from '../bson-values.js';
import { sortDocuments } from '../bson-order.js';
import type { SortSpec } from '../bson-order.js';
import { documentKey } from '../collection-store.js';
import { shareBytesWithIdFirst } from '../stored-documents.js';
import type { CollectionStore } from '../collection-store.js';
import { buildUpsertDocument, updateExisting } from '../document-updates.js';
import type { UpdateSpec } from '../document-updates.js';
import type { Change } from '../storage-engine.js';
import type { CommandContext } from './command-context.js';
import { matchingDocuments } from './document-access.js';

export function insertDocument(ctx: CommandContext, store: CollectionStore, raw: Doc): Doc {
  const doc = withIdFirst(raw, () => new ObjectId());
  // The bytes the client sent, with `_id` moved first like the document: nothing to serialise.
  shareBytesWithIdFirst(raw, doc);
  const id = doc._id;
  if (Array.isArray(id)) throw badValue(`can't use an array for _id`);
  if (id instanceof RegExp) throw badValue(`can't use a regex for _id`);
  if (id === undefined) throw badValue(`can't use undefined for _id`);
  ctx.engine.write(store, [{ kind: 'insert', key: documentKey(id), id, doc }], ctx.txn);
  return doc;
}

export type UpdateRequest = {
  readonly filter: Doc;
  readonly spec: UpdateSpec;
  readonly multi: boolean;
  readonly upsert: boolean;
  readonly arrayFilters: readonly Doc[] | undefined;
  readonly sort: SortSpec;
  readonly variables: Doc | undefined;
};

export type UpdateResult = {
  readonly matched: number;
  readonly modified: number;
  readonly upserted: Doc | undefined;
  /** The first matched document before and after the update (for findAndModify). */
  readonly before: Doc | undefined;
  readonly after: Doc | undefined;
};

export function updateDocuments(ctx: CommandContext, db: string, collection: string, request: UpdateRequest): UpdateResult {
  if (request.multi && request.spec.kind === 'replacement') {
    throw new CommandError('FailedToParse', 'multi update is not supported for replacement-style update');
  }
  if (request.arrayFilters !== undefined && !request.arrayFilters.every(isDocument)) {
    throw new CommandError('FailedToParse', 'arrayFilters must be an array of objects');
  }
  const existing = ctx.engine.collection(db, collection);
  let targets = matchingDocuments(ctx, existing, request.filter, request.variables);
  if (!request.multi) targets = sortDocuments(targets, request.sort).slice(0, 1);

  if (targets.length === 0) {
    if (!request.upsert) return { matched: 0, modified: 0, upserted: undefined, before: undefined, after: undefined };
    const doc = buildUpsertDocument(request.filter, request.spec, request.variables);
    const store = ctx.engine.ensureCollection(db, collection);
    ctx.engine.write(store, [{ kind: 'insert', key: documentKey(doc._id), id: doc._id, doc }], ctx.txn);
    return { matched: 0, modified: 0, upserted: doc, before: undefined, after: doc };
  }

  const store = existing as CollectionStore;
  const changes: Change[] = [];
  let first: { before: Doc; after: Doc } | undefined;
  for (const target of targets) {
    const outcome = updateExisting(target, request.spec, request.filter, request.arrayFilters, request.variables);
    first ??= { before: target, after: outcome.doc };
    if (outcome.changed) {
      changes.push({ kind: 'update', key: documentKey(target._id), id: target._id, doc: outcome.doc });
    }
  }
  ctx.engine.write(store, changes, ctx.txn);
  return { matched: targets.length, modified: changes.length, upserted: undefined, before: first?.before, after: first?.after };
}

/** Deletes the matching documents (or the first in `sort` order when `one`); returns them. */
export function deleteDocuments(
  ctx: CommandContext,
  store: CollectionStore | undefined,
  filter: Doc,
  one: boolean,
  sort: SortSpec,
  variables?: Doc,
): Doc[] {
  if (store === undefined) return [];
  let targets = matchingDocuments(ctx, store, filter, variables);
  if (one) targets = sortDocuments(targets, sort).slice(0, 1);
  ctx.engine.write(
    store,
    targets.map((doc) => ({ kind: 'delete', key: documentKey(doc._id), id: doc._id })),
    ctx.txn,
  );
  return targets;
}
