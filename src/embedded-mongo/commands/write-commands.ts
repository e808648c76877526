/**
 * The insert, update and delete commands: batches of statements (the driver sends them as OP_MSG
 * document sequences), each statement's failure reported in `writeErrors` with its index, and
 * `ordered` batches stopping at the first failure — as MongoDB replies.
 */
import { CommandError } from '../errors.js';
import { isDocument, toNumber } from '../bson-values.js';
import type { Doc } from '../bson-values.js';
import { parseSort } from '../bson-order.js';
import { parseUpdate } from '../document-updates.js';
import type { CommandContext, CommandHandler } from './command-context.js';
import { collectionName, documentArray, optionalBoolean, optionalDocument } from './command-context.js';
import { untilUnblocked } from './document-access.js';
import { deleteDocuments, insertDocument, updateDocuments } from './write-operations.js';

/**
 * Runs each statement; a CommandError becomes a write error unless it carries error labels
 * (a WriteConflict inside a transaction), which MongoDB returns as a command error so the driver
 * can retry the whole transaction.
 */
async function runStatements(count: number, ordered: boolean, run: (index: number) => Promise<void>): Promise<Doc[]> {
  const writeErrors: Doc[] = [];
  for (let i = 0; i < count; i += 1) {
    try {
      await run(i);
    } catch (error) {
      if (!(error instanceof CommandError) || error.errorLabels.length > 0) throw error;
      writeErrors.push(error.toWriteError(i));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withWriteErrors(reply: Doc, writeErrors: Doc[]): Doc {
  return writeErrors.length > 0 ? { ...reply, writeErrors, ok: 1 } : { ...reply, ok: 1 };
}

export const insertCommand: CommandHandler = async (cmd, ctx) => {
  const name = collectionName(cmd, 'insert', ctx.db);
  const documents = documentArray(cmd, 'documents');
  const ordered = optionalBoolean(cmd, 'ordered') ?? true;
  const store = ctx.engine.ensureCollection(ctx.db, name);
  let n = 0;
  const writeErrors = await runStatements(documents.length, ordered, async (i) => {
    await untilUnblocked(() => insertDocument(ctx, store, documents[i] as Doc));
    n += 1;
  });
  return withWriteErrors({ n }, writeErrors);
};

export const updateCommand: CommandHandler = async (cmd, ctx) => {
  const name = collectionName(cmd, 'update', ctx.db);
  const statements = documentArray(cmd, 'updates');
  const ordered = optionalBoolean(cmd, 'ordered') ?? true;
  const variables = optionalDocument(cmd, 'let');
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const writeErrors = await runStatements(statements.length, ordered, async (i) => {
    const statement = statements[i] as Doc;
    const filter = optionalDocument(statement, 'q') ?? {};
    const spec = parseUpdate(statement.u);
    const arrayFilters = statement.arrayFilters === undefined ? undefined : documentArray(statement, 'arrayFilters');
    const result = await untilUnblocked(() =>
      updateDocuments(ctx, ctx.db, name, {
        filter,
        spec,
        multi: optionalBoolean(statement, 'multi') ?? false,
        upsert: optionalBoolean(statement, 'upsert') ?? false,
        arrayFilters,
        sort: parseSort(statement.sort),
        variables: optionalDocument(statement, 'c') ?? variables,
      }),
    );
    n += result.matched;
    nModified += result.modified;
    if (result.upserted !== undefined) {
      n += 1;
      upserted.push({ index: i, _id: result.upserted._id });
    }
  });
  return withWriteErrors({ n, nModified, ...(upserted.length > 0 ? { upserted } : {}) }, writeErrors);
};

export const deleteCommand: CommandHandler = async (cmd, ctx: CommandContext) => {
  const name = collectionName(cmd, 'delete', ctx.db);
  const statements = documentArray(cmd, 'deletes');
  const ordered = optionalBoolean(cmd, 'ordered') ?? true;
  const variables = optionalDocument(cmd, 'let');
  let n = 0;
  const writeErrors = await runStatements(statements.length, ordered, async (i) => {
    const statement = statements[i] as Doc;
    if (!isDocument(statement.q)) throw new CommandError('FailedToParse', "BSON field 'delete.deletes.q' is missing but a required field");
    const limit = toNumber(statement.limit) ?? 0;
    if (limit !== 0 && limit !== 1)
      throw new CommandError('FailedToParse', `The limit field in delete objects must be 0 or 1. Got ${limit}`);
    const deleted = await untilUnblocked(() =>
      deleteDocuments(ctx, ctx.engine.collection(ctx.db, name), statement.q as Doc, limit === 1, [], variables),
    );
    n += deleted.length;
  });
  return withWriteErrors({ n }, writeErrors);
};
