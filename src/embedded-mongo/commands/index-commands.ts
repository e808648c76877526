/**
 * createIndexes, listIndexes and dropIndexes, with MongoDB's rules for re-creating an index
 * (same name and key: no-op; same name, other key: IndexKeySpecsConflict; same key, other name:
 * IndexOptionsConflict) that mongoose's autoIndex and syncIndexes rely on.
 */
import { CommandError } from '../errors.js';
import { canonicalKey, isDocument } from '../bson-values.js';
import type { Doc } from '../bson-values.js';
import { ID_INDEX_NAME, parseIndexSpec, sameKeyPattern, sameOptions } from '../index-specs.js';
import type { IndexSpec } from '../index-specs.js';
import type { CommandHandler } from './command-context.js';
import { collectionName, cursorReply, documentArray, optionalDocument, optionalNonNegativeInt } from './command-context.js';

export const createIndexesCommand: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'createIndexes', ctx.db);
  const requested = documentArray(cmd, 'indexes').map(parseIndexSpec);
  if (requested.length === 0) throw new CommandError('BadValue', 'Must specify at least one index to create');
  const createdCollectionAutomatically = ctx.engine.collection(ctx.db, name) === undefined;
  const store = ctx.engine.ensureCollection(ctx.db, name);
  const numIndexesBefore = store.indexes.length;

  const toCreate: IndexSpec[] = [];
  for (const spec of requested) {
    const sameName = store.indexes.find((index) => index.name === spec.name) ?? toCreate.find((index) => index.name === spec.name);
    if (sameName !== undefined) {
      if (!sameKeyPattern(sameName, spec)) {
        throw new CommandError(
          'IndexKeySpecsConflict',
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${canonicalKey(spec.description)}, existing index: ${canonicalKey(sameName.description)}`,
        );
      }
      if (!sameOptions(sameName, spec) && spec.name !== ID_INDEX_NAME) {
        throw new CommandError(
          'IndexOptionsConflict',
          `An equivalent index already exists with the same name but different options. Requested index: ${canonicalKey(spec.description)}, existing index: ${canonicalKey(sameName.description)}`,
        );
      }
      continue;
    }
    const sameKey = store.indexes.find((index) => sameKeyPattern(index, spec));
    if (sameKey !== undefined) {
      throw new CommandError('IndexOptionsConflict', `Index already exists with a different name: ${sameKey.name}`);
    }
    toCreate.push(spec);
  }
  for (const spec of toCreate) ctx.engine.addIndex(store, spec);

  const reply: Doc = {
    numIndexesBefore,
    numIndexesAfter: store.indexes.length,
    createdCollectionAutomatically,
    ok: 1,
  };
  if (toCreate.length === 0) reply.note = 'all indexes already exist';
  return reply;
};

export const listIndexesCommand: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'listIndexes', ctx.db);
  const store = ctx.engine.collection(ctx.db, name);
  if (store === undefined) throw new CommandError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${name}`);
  const cursor = optionalDocument(cmd, 'cursor') ?? {};
  const batch = ctx.cursors.open(
    `${ctx.db}.$cmd.listIndexes.${name}`,
    store.indexes.map((index) => index.description),
    optionalNonNegativeInt(cursor, 'batchSize'),
    false,
    { connectionId: ctx.connection.id, lsidKey: ctx.lsidKey },
  );
  return cursorReply('firstBatch', batch);
};

export const dropIndexesCommand: CommandHandler = (cmd, ctx) => {
  const commandName = 'dropIndexes' in cmd ? 'dropIndexes' : 'deleteIndexes';
  const name = collectionName(cmd, commandName, ctx.db);
  const store = ctx.engine.collection(ctx.db, name);
  if (store === undefined) throw new CommandError('NamespaceNotFound', `ns not found ${ctx.db}.${name}`);
  const nIndexesWas = store.indexes.length;
  const target = cmd.index;

  let names: string[];
  if (target === '*') {
    names = store.indexes.filter((index) => index.name !== ID_INDEX_NAME).map((index) => index.name);
  } else if (typeof target === 'string') {
    names = [target];
  } else if (Array.isArray(target) && target.every((item) => typeof item === 'string')) {
    names = target as string[];
  } else if (isDocument(target)) {
    const byKey = store.indexes.find((index) => canonicalKey(index.keyPattern) === canonicalKey(target));
    if (byKey === undefined) throw new CommandError('IndexNotFound', `can't find index with key: ${canonicalKey(target)}`);
    names = [byKey.name];
  } else {
    throw new CommandError('TypeMismatch', "BSON field 'index' must be a string, an array of strings or an object");
  }
  for (const indexName of names) {
    if (indexName === ID_INDEX_NAME) throw new CommandError('InvalidOptions', 'cannot drop _id index');
    if (!store.indexes.some((index) => index.name === indexName)) {
      throw new CommandError('IndexNotFound', `index not found with name [${indexName}]`);
    }
  }
  for (const indexName of names) ctx.engine.dropIndex(store, indexName);
  return { nIndexesWas, ok: 1 };
};
