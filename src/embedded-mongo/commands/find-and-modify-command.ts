/**
 * findAndModify (the driver's findOneAndUpdate / findOneAndReplace / findOneAndDelete): one
 * document, chosen by `sort`, updated or removed atomically, returned before or after the change.
 * Errors (E11000 included) are command errors here, not write errors.
 */
import { CommandError } from '../errors.js';
import type { Doc } from '../bson-values.js';
import { parseSort } from '../bson-order.js';
import { parseUpdate } from '../document-updates.js';
import { projectDocuments } from '../query-engine.js';
import type { CommandHandler } from './command-context.js';
import { collectionName, documentArray, optionalBoolean, optionalDocument } from './command-context.js';
import { untilUnblocked } from './document-access.js';
import { deleteDocuments, updateDocuments } from './write-operations.js';

export const findAndModifyCommand: CommandHandler = async (cmd, ctx) => {
  const commandName = 'findAndModify' in cmd ? 'findAndModify' : 'findandmodify';
  const name = collectionName(cmd, commandName, ctx.db);
  const filter = optionalDocument(cmd, 'query') ?? {};
  const sort = parseSort(cmd.sort);
  const remove = optionalBoolean(cmd, 'remove') ?? false;
  const returnNew = optionalBoolean(cmd, 'new') ?? false;
  const upsert = optionalBoolean(cmd, 'upsert') ?? false;
  const fields = optionalDocument(cmd, 'fields');
  const variables = optionalDocument(cmd, 'let');
  const hasUpdate = cmd.update !== undefined && cmd.update !== null;

  if (remove && hasUpdate) throw new CommandError('FailedToParse', 'Cannot specify both an update and remove=true');
  if (!remove && !hasUpdate) throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
  if (remove && returnNew) {
    throw new CommandError('FailedToParse', "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
  }
  if (remove && upsert) throw new CommandError('FailedToParse', 'Cannot specify both upsert=true and remove=true');

  const project = (doc: Doc | undefined): Doc | null => (doc === undefined ? null : (projectDocuments([doc], fields, filter)[0] ?? null));

  if (remove) {
    const [deleted] = await untilUnblocked(() => deleteDocuments(ctx, ctx.engine.collection(ctx.db, name), filter, true, sort, variables));
    return { lastErrorObject: { n: deleted === undefined ? 0 : 1 }, value: project(deleted), ok: 1 };
  }

  const spec = parseUpdate(cmd.update);
  const arrayFilters = cmd.arrayFilters === undefined ? undefined : documentArray(cmd, 'arrayFilters');
  const result = await untilUnblocked(() =>
    updateDocuments(ctx, ctx.db, name, { filter, spec, multi: false, upsert, arrayFilters, sort, variables }),
  );
  if (result.upserted !== undefined) {
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: result.upserted._id },
      value: returnNew ? project(result.upserted) : null,
      ok: 1,
    };
  }
  return {
    lastErrorObject: { n: result.matched, updatedExisting: result.matched > 0 },
    value: project(returnNew ? result.after : result.before),
    ok: 1,
  };
};
