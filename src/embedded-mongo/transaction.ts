/**
 * One multi-document transaction: its snapshot point, its private writes (applied to the
 * collections only on commit) and a promise that settles when it ends, which writes blocked
 * behind it wait on.
 */
import type { Doc } from './bson-values.js';
import type { CollectionStore } from './collection-store.js';

export type TransactionState = 'active' | 'committed' | 'aborted';

export class Transaction {
  state: TransactionState = 'active';
  /** Per collection: document key → its new version, or null when the transaction deleted it. */
  readonly writes = new Map<CollectionStore, Map<string, Doc | null>>();
  /** BSON bytes of the new versions written so far, counted against the memory ceiling. */
  pendingBytes = 0;
  readonly done: Promise<void>;
  private settle: () => void = () => undefined;
  private expiry: NodeJS.Timeout | undefined;

  constructor(
    readonly lsidKey: string,
    readonly txnNumber: bigint,
    readonly snapshotSeq: number,
  ) {
    this.done = new Promise<void>((resolve) => {
      this.settle = resolve;
    });
  }

  get isActive(): boolean {
    return this.state === 'active';
  }

  writesTo(store: CollectionStore): Map<string, Doc | null> {
    let writes = this.writes.get(store);
    if (writes === undefined) {
      writes = new Map();
      this.writes.set(store, writes);
    }
    return writes;
  }

  /** Aborts the transaction when it outlives MongoDB's transactionLifetimeLimitSeconds. */
  expireAfter(ms: number, onExpire: () => void): void {
    this.expiry = setTimeout(onExpire, ms);
    this.expiry.unref();
  }

  finish(state: 'committed' | 'aborted'): void {
    this.state = state;
    if (this.expiry !== undefined) clearTimeout(this.expiry);
    this.expiry = undefined;
    this.settle();
  }
}
