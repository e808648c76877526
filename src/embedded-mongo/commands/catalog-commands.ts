/**
 * Databases and collections: create, drop, dropDatabase, listCollections and listDatabases.
 * Collections also appear implicitly on first insert, upsert or createIndexes.
 */
import { calculateObjectSize } from 'bson';
import { CommandError } from '../errors.js';
import type { Doc } from '../bson-values.js';
import type { CollectionStore } from '../collection-store.js';
import { compileFilter } from '../query-engine.js';
import type { CommandHandler } from './command-context.js';
import { collectionName, cursorReply, optionalBoolean, optionalDocument, optionalNonNegativeInt } from './command-context.js';

/** Generic command fields; whatever else `create` carries is a collection option listCollections reports. */
const CREATE_FIELDS_NOT_OPTIONS = new Set([
  'create',
  '$db',
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  'writeConcern',
  'readConcern',
  'maxTimeMS',
  '$clusterTime',
  'comment',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  '$readPreference',
]);

export const createCommand: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'create', ctx.db);
  const options: Doc = {};
  for (const [key, value] of Object.entries(cmd)) {
    if (!CREATE_FIELDS_NOT_OPTIONS.has(key)) options[key] = value;
  }
  ctx.engine.createCollection(ctx.db, name, options);
  return { ok: 1 };
};

export const dropCommand: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'drop', ctx.db);
  const dropped = ctx.engine.dropCollection(ctx.db, name);
  if (dropped === undefined) throw new CommandError('NamespaceNotFound', 'ns not found');
  return { nIndexesWas: dropped.indexes.length, ns: dropped.ns, ok: 1 };
};

export const dropDatabaseCommand: CommandHandler = (_cmd, ctx) => {
  ctx.engine.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
};

function describeCollection(store: CollectionStore, nameOnly: boolean): Doc {
  if (nameOnly) return { name: store.name, type: 'collection' };
  return {
    name: store.name,
    type: 'collection',
    options: store.options,
    info: { readOnly: false, uuid: store.uuid },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
  };
}

export const listCollectionsCommand: CommandHandler = (cmd, ctx) => {
  const nameOnly = optionalBoolean(cmd, 'nameOnly') ?? false;
  const matches = compileFilter(optionalDocument(cmd, 'filter') ?? {});
  const docs = ctx.engine
    .collections(ctx.db)
    .map((store) => describeCollection(store, nameOnly))
    .filter(matches);
  const cursor = optionalDocument(cmd, 'cursor') ?? {};
  const batch = ctx.cursors.open(`${ctx.db}.$cmd.listCollections`, docs, optionalNonNegativeInt(cursor, 'batchSize'), false, {
    connectionId: ctx.connection.id,
    lsidKey: ctx.lsidKey,
  });
  return cursorReply('firstBatch', batch);
};

export const listDatabasesCommand: CommandHandler = (cmd, ctx) => {
  const nameOnly = optionalBoolean(cmd, 'nameOnly') ?? false;
  const matches = compileFilter(optionalDocument(cmd, 'filter') ?? {});
  let totalSize = 0;
  const databases = ctx.engine
    .databaseNames()
    .map((name) => {
      const stores = ctx.engine.collections(name);
      let sizeOnDisk = 0;
      for (const store of stores) for (const doc of store.docs.values()) sizeOnDisk += calculateObjectSize(doc);
      totalSize += sizeOnDisk;
      return nameOnly ? { name } : { name, sizeOnDisk, empty: sizeOnDisk === 0 };
    })
    .filter(matches);
  return nameOnly ? { databases, ok: 1 } : { databases, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)), ok: 1 };
};
