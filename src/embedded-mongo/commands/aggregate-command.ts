/**
 * aggregate, on a collection or (with `aggregate: 1`) on the database for `$documents`
 * pipelines. Stages run in mingo; stages that write ($out, $merge) or inspect the server
 * ($collStats, $currentOp, change streams …) are refused rather than half-emulated.
 */
import { CommandError } from '../errors.js';
import { isDocument } from '../bson-values.js';
import type { Doc } from '../bson-values.js';
import { runPipeline } from '../query-engine.js';
import type { CommandHandler } from './command-context.js';
import { documentArray, optionalDocument, optionalNonNegativeInt } from './command-context.js';
import { matchingDocuments } from './document-access.js';

const UNSUPPORTED_STAGES = new Set([
  '$out',
  '$merge',
  '$collStats',
  '$currentOp',
  '$changeStream',
  '$indexStats',
  '$listSessions',
  '$listLocalSessions',
  '$planCacheStats',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$geoNear',
]);

export const aggregateCommand: CommandHandler = (cmd, ctx) => {
  const target = cmd.aggregate;
  const pipeline = documentArray(cmd, 'pipeline');
  if (cmd.explain === true) throw new CommandError('IllegalOperation', 'explain is not supported by the embedded server');
  const cursorOptions = optionalDocument(cmd, 'cursor');
  if (cursorOptions === undefined) {
    throw new CommandError('FailedToParse', "The 'cursor' option is required, except for aggregate with the explain argument");
  }
  for (const stage of pipeline) {
    const stageName = Object.keys(stage)[0] ?? '';
    if (UNSUPPORTED_STAGES.has(stageName)) {
      throw new CommandError('IllegalOperation', `${stageName} is not supported by the embedded server`);
    }
  }

  const variables = optionalDocument(cmd, 'let');
  let input: Doc[] = [];
  let ns = `${ctx.db}.$cmd.aggregate`;
  if (typeof target === 'string') {
    if (target.length === 0) throw new CommandError('InvalidNamespace', `Invalid namespace specified '${ctx.db}.'`);
    ns = `${ctx.db}.${target}`;
    const store = ctx.engine.collection(ctx.db, target);
    // A leading $match narrows the input before it is copied into the pipeline.
    const [first, ...rest] = pipeline;
    if (first !== undefined && isDocument(first.$match)) {
      input = matchingDocuments(ctx, store, first.$match, variables);
      pipeline.splice(0, pipeline.length, ...rest);
    } else {
      input = ctx.engine.documents(store, ctx.txn);
    }
  } else if (target !== 1) {
    throw new CommandError('FailedToParse', "BSON field 'aggregate' must be a string or the number 1");
  }

  const results = runPipeline(input, pipeline, {
    ...(variables === undefined ? {} : { variables }),
    resolveCollection: (name) => ctx.engine.documents(ctx.engine.collection(ctx.db, name), ctx.txn),
  });
  const batch = ctx.cursors.open(ns, results, optionalNonNegativeInt(cursorOptions, 'batchSize'), false, {
    connectionId: ctx.connection.id,
    lsidKey: ctx.lsidKey,
  });
  return { cursor: { firstBatch: batch.docs, id: batch.id, ns: batch.ns }, ok: 1 };
};
