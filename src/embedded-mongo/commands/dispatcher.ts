/**
 * Routes a decoded command to its handler: resolves the session and transaction it runs in,
 * turns failures into MongoDB error replies (aborting the transaction, as MongoDB does when a
 * statement inside one fails) and stamps the cluster time on every reply.
 */
import { Long } from 'bson';
import { CommandError } from '../errors.js';
import { toNumber } from '../bson-values.js';
import type { Doc } from '../bson-values.js';
import type { CursorRegistry } from '../cursor-registry.js';
import type { LogicalClock } from '../logical-clock.js';
import type { SessionTransactions } from '../session-transactions.js';
import type { StorageEngine } from '../storage-engine.js';
import type { Transaction } from '../transaction.js';
import type { CommandContext, CommandHandler, ConnectionInfo, ServerIdentity } from './command-context.js';
import { aggregateCommand } from './aggregate-command.js';
import { createCommand, dropCommand, dropDatabaseCommand, listCollectionsCommand, listDatabasesCommand } from './catalog-commands.js';
import { findAndModifyCommand } from './find-and-modify-command.js';
import {
  buildInfoCommand,
  connectionStatusCommand,
  helloCommand,
  legacyHelloCommand,
  pingCommand,
  serverStatusCommand,
  whatsMyUriCommand,
} from './handshake-commands.js';
import { createIndexesCommand, dropIndexesCommand, listIndexesCommand } from './index-commands.js';
import { countCommand, distinctCommand, findCommand, getMoreCommand, killCursorsCommand } from './read-commands.js';
import { abortTransactionCommand, commitTransactionCommand, endSessionsCommand, refreshSessionsCommand } from './session-commands.js';
import { commandSessionKey } from './session-key.js';
import { deleteCommand, insertCommand, updateCommand } from './write-commands.js';

const HANDLERS = new Map<string, CommandHandler>([
  ['hello', helloCommand],
  ['isMaster', legacyHelloCommand],
  ['ismaster', legacyHelloCommand],
  ['ping', pingCommand],
  ['buildInfo', buildInfoCommand],
  ['buildinfo', buildInfoCommand],
  ['whatsmyuri', whatsMyUriCommand],
  ['connectionStatus', connectionStatusCommand],
  ['serverStatus', serverStatusCommand],
  ['endSessions', endSessionsCommand],
  ['killSessions', endSessionsCommand],
  ['refreshSessions', refreshSessionsCommand],
  ['startSession', refreshSessionsCommand],
  ['commitTransaction', commitTransactionCommand],
  ['abortTransaction', abortTransactionCommand],
  ['create', createCommand],
  ['drop', dropCommand],
  ['dropDatabase', dropDatabaseCommand],
  ['listCollections', listCollectionsCommand],
  ['listDatabases', listDatabasesCommand],
  ['insert', insertCommand],
  ['update', updateCommand],
  ['delete', deleteCommand],
  ['findAndModify', findAndModifyCommand],
  ['findandmodify', findAndModifyCommand],
  ['find', findCommand],
  ['getMore', getMoreCommand],
  ['killCursors', killCursorsCommand],
  ['count', countCommand],
  ['distinct', distinctCommand],
  ['aggregate', aggregateCommand],
  ['createIndexes', createIndexesCommand],
  ['listIndexes', listIndexesCommand],
  ['dropIndexes', dropIndexesCommand],
  ['deleteIndexes', dropIndexesCommand],
]);

/** Commands MongoDB accepts inside a multi-document transaction. */
const TRANSACTION_COMMANDS = new Set([
  'find',
  'getMore',
  'killCursors',
  'insert',
  'update',
  'delete',
  'findAndModify',
  'findandmodify',
  'aggregate',
  'distinct',
  'create',
  'createIndexes',
  'commitTransaction',
  'abortTransaction',
]);

const TRANSACTION_OUTCOMES = new Set(['commitTransaction', 'abortTransaction']);

/** Commands after which the cluster time advances. */
const WRITE_COMMANDS = new Set([
  'insert',
  'update',
  'delete',
  'findAndModify',
  'findandmodify',
  'create',
  'drop',
  'dropDatabase',
  'createIndexes',
  'dropIndexes',
  'deleteIndexes',
  'commitTransaction',
]);

export const HELLO_COMMANDS = new Set(['hello', 'isMaster', 'ismaster']);

/** The journal of a durable server: a command that wrote is answered only once its writes are on disk. */
type Durability = {
  readonly appended: number;
  /** Set once the journal cannot be written: from then on every command is refused. */
  readonly failed: Error | undefined;
  whenDurable(seq: number): Promise<void>;
};

export type DispatcherServices = {
  readonly engine: StorageEngine;
  readonly durability?: Durability;
  readonly cursors: CursorRegistry;
  readonly sessions: SessionTransactions;
  readonly clock: LogicalClock;
  readonly server: ServerIdentity;
  readonly warn: (message: string) => void;
};

function txnNumberOf(cmd: Doc): bigint | undefined {
  const value = cmd.txnNumber;
  if (value instanceof Long) return value.toBigInt();
  if (typeof value === 'bigint') return value;
  const n = toNumber(value);
  return n !== undefined && Number.isInteger(n) ? BigInt(n) : undefined;
}

export class CommandDispatcher {
  constructor(private readonly services: DispatcherServices) {}

  /** Runs one command and returns the reply document (never throws for command failures). */
  async dispatch(cmd: Doc, db: string, connection: ConnectionInfo): Promise<Doc> {
    const name = Object.keys(cmd)[0] ?? '';
    let txn: Transaction | undefined;
    let reply: Doc;
    const { durability } = this.services;
    const appendedBefore = durability?.appended ?? 0;
    try {
      if (durability?.failed !== undefined) {
        // Memory may now hold writes the disk does not: nothing more is served from it.
        throw new CommandError('InternalError', `the store stopped serving: its journal cannot be written (${durability.failed.message})`);
      }
      const handler = HANDLERS.get(name);
      if (handler === undefined) throw new CommandError('CommandNotFound', `no such command: '${name}'`);
      const lsidKey = commandSessionKey(cmd);
      txn = this.resolveTransaction(cmd, name, lsidKey);
      const ctx: CommandContext = { ...this.services, connection, db, lsidKey, txn };
      reply = await handler(cmd, ctx);
      if (txn !== undefined && !TRANSACTION_OUTCOMES.has(name) && Array.isArray(reply.writeErrors)) {
        this.services.engine.abort(txn);
      }
    } catch (error) {
      if (txn !== undefined && !TRANSACTION_OUTCOMES.has(name)) this.services.engine.abort(txn);
      if (error instanceof CommandError) {
        reply = error.toReply();
      } else {
        const message = error instanceof Error ? error.message : String(error);
        this.services.warn(`embedded-mongo: command '${name}' failed unexpectedly: ${message}`);
        reply = new CommandError('InternalError', message).toReply();
      }
    }
    if (durability !== undefined && durability.appended > appendedBefore) {
      // The acknowledgement waits for the disk (journaled write concern, always): an answered write
      // survives kill -9. Waiting for everything appended so far also covers the writes of other
      // commands this one may have read, and costs nothing extra under group commit.
      try {
        await durability.whenDurable(durability.appended);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        reply = new CommandError('InternalError', `the write could not be made durable: ${message}`).toReply();
      }
    }
    const operationTime = WRITE_COMMANDS.has(name) ? this.services.clock.tick() : this.services.clock.now();
    return { ...reply, $clusterTime: this.services.clock.clusterTimeDocument(), operationTime };
  }

  /** The transaction a command belongs to (`autocommit: false`), starting it if asked to. */
  private resolveTransaction(cmd: Doc, name: string, lsidKey: string | undefined): Transaction | undefined {
    if (cmd.autocommit !== false) {
      if (TRANSACTION_OUTCOMES.has(name)) {
        throw new CommandError('InvalidOptions', `'${name}' must be run with autocommit: false and a txnNumber`);
      }
      return undefined;
    }
    const txnNumber = txnNumberOf(cmd);
    if (lsidKey === undefined || txnNumber === undefined) {
      throw new CommandError('InvalidOptions', 'Transactions require a logical session id (lsid) and a txnNumber');
    }
    if (!TRANSACTION_COMMANDS.has(name)) {
      throw new CommandError('OperationNotSupportedInTransaction', `Cannot run '${name}' in a multi-document transaction.`);
    }
    if (cmd.startTransaction === true) {
      if (TRANSACTION_OUTCOMES.has(name)) {
        throw new CommandError('InvalidOptions', `'${name}' cannot start a transaction`);
      }
      return this.services.sessions.start(lsidKey, txnNumber);
    }
    return this.services.sessions.resume(lsidKey, txnNumber, name);
  }
}
