/**
 * Which transaction each logical session (lsid) is running, following the driver's protocol:
 * `startTransaction: true` with a new txnNumber opens one, later commands carry the same
 * txnNumber with `autocommit: false`, and commitTransaction / abortTransaction end it.
 */
import { CommandError } from './errors.js';
import { noSuchTransaction } from './storage-engine.js';
import type { StorageEngine } from './storage-engine.js';
import type { Transaction } from './transaction.js';

/** MongoDB's default transactionLifetimeLimitSeconds. */
const DEFAULT_TRANSACTION_LIFETIME_MS = 60_000;

export class SessionTransactions {
  private readonly bySession = new Map<string, Transaction>();

  constructor(
    private readonly engine: StorageEngine,
    private readonly lifetimeMs: number = DEFAULT_TRANSACTION_LIFETIME_MS,
  ) {}

  start(lsidKey: string, txnNumber: bigint): Transaction {
    const previous = this.bySession.get(lsidKey);
    if (previous !== undefined) {
      if (previous.txnNumber > txnNumber) {
        throw new CommandError(
          'TransactionTooOld',
          `Cannot start transaction ${txnNumber} on session because a newer transaction ${previous.txnNumber} has already started.`,
        );
      }
      if (previous.txnNumber === txnNumber) {
        throw new CommandError('BadValue', `Transaction ${txnNumber} has already been started on this session.`);
      }
      this.engine.abort(previous);
    }
    const txn = this.engine.beginTransaction(lsidKey, txnNumber);
    txn.expireAfter(this.lifetimeMs, () => this.engine.abort(txn));
    this.bySession.set(lsidKey, txn);
    return txn;
  }

  /** The session's transaction `txnNumber`, for a command continuing, committing or aborting it. */
  resume(lsidKey: string, txnNumber: bigint, commandName: string): Transaction {
    const txn = this.bySession.get(lsidKey);
    if (txn === undefined || txn.txnNumber !== txnNumber) {
      throw new CommandError('NoSuchTransaction', `Given transaction number ${txnNumber} does not match any in-progress transactions.`, {
        errorLabels: ['TransientTransactionError'],
      });
    }
    if (txn.state === 'committed' && commandName === 'commitTransaction') return txn;
    if (!txn.isActive) throw noSuchTransaction(txn);
    return txn;
  }

  commit(txn: Transaction): void {
    if (txn.state === 'committed') return;
    this.engine.commit(txn);
  }

  abort(txn: Transaction): void {
    if (!txn.isActive) throw noSuchTransaction(txn);
    this.engine.abort(txn);
  }

  /** endSessions: a session's open transaction dies with it. */
  endSession(lsidKey: string): void {
    const txn = this.bySession.get(lsidKey);
    if (txn !== undefined) this.engine.abort(txn);
    this.bySession.delete(lsidKey);
  }

  abortAll(): void {
    for (const txn of this.bySession.values()) this.engine.abort(txn);
    for (const txn of this.engine.openTransactions()) this.engine.abort(txn);
    this.bySession.clear();
  }
}
