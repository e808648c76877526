/**
 * Logical sessions and transaction outcomes: endSessions (which also ends the sessions' open
 * transactions and cursors), commitTransaction and abortTransaction.
 */
import { CommandError } from '../errors.js';
import { isDocument } from '../bson-values.js';
import type { CommandHandler } from './command-context.js';
import { sessionKey } from './session-key.js';

export const endSessionsCommand: CommandHandler = (cmd, ctx) => {
  const field = Object.keys(cmd)[0] ?? 'endSessions';
  const sessions = cmd[field];
  if (Array.isArray(sessions)) {
    for (const lsid of sessions) {
      const key = isDocument(lsid) ? sessionKey(lsid) : undefined;
      if (key === undefined) continue;
      ctx.sessions.endSession(key);
      ctx.cursors.sessionEnded(key);
    }
  }
  return { ok: 1 };
};

/** refreshSessions / startSession: sessions here never expire on their own, so nothing to do. */
export const refreshSessionsCommand: CommandHandler = () => ({ ok: 1 });

export const commitTransactionCommand: CommandHandler = (_cmd, ctx) => {
  if (ctx.txn === undefined) throw new CommandError('InvalidOptions', 'commitTransaction must be run within a transaction');
  ctx.sessions.commit(ctx.txn);
  return { ok: 1 };
};

export const abortTransactionCommand: CommandHandler = (_cmd, ctx) => {
  if (ctx.txn === undefined) throw new CommandError('InvalidOptions', 'abortTransaction must be run within a transaction');
  ctx.sessions.abort(ctx.txn);
  return { ok: 1 };
};
