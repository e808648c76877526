/**
 * The in-memory data: databases of collections, what a reader sees (committed data, or a
 * transaction's snapshot plus its own writes) and every write, committed directly or kept private
 * to a transaction. Everything here is synchronous, so a command's read-modify-write can never
 * interleave with another connection's: Node runs one command to completion at a time.
 *
 * Isolation follows MongoDB: a transaction reads a snapshot taken when it starts; writing a
 * document that another open transaction wrote, or that was committed after the snapshot, is a
 * WriteConflict; a write outside any transaction to a document (or unique key) that an open
 * transaction holds waits until that transaction ends (reported as WriteBlockedError).
 */
import { CommandError, writeConflict } from './errors.js';
import type { Doc } from './bson-values.js';
import { CollectionStore } from './collection-store.js';
import { duplicateKeyError, indexEntries } from './index-specs.js';
import { Transaction } from './transaction.js';

type ChangeKind = 'insert' | 'update' | 'delete';

/** One document write: `doc` is the new version (unused for deletes). */
export type Change = { readonly kind: ChangeKind; readonly key: string; readonly id: unknown; readonly doc?: Doc };

/** A non-transactional write must wait for `blocker` to end, then run again from the start. */
export class WriteBlockedError extends Error {
  constructor(readonly blocker: Transaction) {
    super('write blocked by an open transaction');
    this.name = 'WriteBlockedError';
  }
}

export class StorageEngine {
  private readonly databases = new Map<string, Map<string, CollectionStore>>();
  /** Incremented on every committed document write; snapshots are positions in this sequence. */
  private seq = 0;
  private readonly open = new Set<Transaction>();

  // ---- catalog ----

  collection(db: string, name: string): CollectionStore | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** The collection, created implicitly (as inserts and upserts do) when missing. */
  ensureCollection(db: string, name: string): CollectionStore {
    return this.collection(db, name) ?? this.createCollection(db, name, {});
  }

  createCollection(db: string, name: string, options: Doc): CollectionStore {
    if (this.collection(db, name) !== undefined) {
      throw new CommandError('NamespaceExists', `Collection ${db}.${name} already exists.`);
    }
    let collections = this.databases.get(db);
    if (collections === undefined) {
      collections = new Map();
      this.databases.set(db, collections);
    }
    const store = new CollectionStore(db, name, options);
    collections.set(name, store);
    return store;
  }

  dropCollection(db: string, name: string): CollectionStore | undefined {
    const collections = this.databases.get(db);
    const store = collections?.get(name);
    if (store === undefined || collections === undefined) return undefined;
    collections.delete(name);
    if (collections.size === 0) this.databases.delete(db);
    return store;
  }

  dropDatabase(db: string): void {
    this.databases.delete(db);
  }

  databaseNames(): string[] {
    return [...this.databases.keys()];
  }

  collections(db: string): CollectionStore[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  // ---- reads ----

  /** The documents `txn` (or, without one, anybody) sees, in natural order. */
  documents(store: CollectionStore | undefined, txn: Transaction | undefined): Doc[] {
    if (store === undefined) return [];
    if (txn === undefined) return [...store.docs.values()];
    const own = txn.writes.get(store);
    const out: Doc[] = [];
    for (const key of store.docs.keys()) {
      if (own?.has(key)) continue;
      const doc = store.valueAt(key, txn.snapshotSeq);
      if (doc !== undefined) out.push(doc);
    }
    for (const key of store.history.keys()) {
      if (store.docs.has(key) || own?.has(key)) continue;
      const doc = store.valueAt(key, txn.snapshotSeq);
      if (doc !== undefined) out.push(doc);
    }
    for (const doc of own?.values() ?? []) {
      if (doc !== null) out.push(doc);
    }
    return out;
  }

  document(store: CollectionStore | undefined, key: string, txn: Transaction | undefined): Doc | undefined {
    if (store === undefined) return undefined;
    if (txn === undefined) return store.docs.get(key);
    const own = txn.writes.get(store);
    if (own?.has(key)) return own.get(key) ?? undefined;
    return store.valueAt(key, txn.snapshotSeq);
  }

  // ---- writes ----

  /**
   * Applies `changes` in order. Without a transaction they are committed at once, after checking
   * that no open transaction holds any of them (else WriteBlockedError, with nothing applied); a
   * uniqueness failure part-way leaves the earlier changes applied, as in MongoDB.
   */
  write(store: CollectionStore, changes: readonly Change[], txn: Transaction | undefined): void {
    if (txn !== undefined) {
      for (const change of changes) this.writeInTransaction(store, change, txn);
      return;
    }
    for (const change of changes) {
      const blocker = this.blockerFor(store, change);
      if (blocker !== undefined) throw new WriteBlockedError(blocker);
    }
    for (const change of changes) this.commitOne(store, change);
  }

  private blockerFor(store: CollectionStore, change: Change): Transaction | undefined {
    const entries = new Set<string>();
    if (change.doc !== undefined) {
      for (const index of store.uniqueIndexes()) {
        for (const entry of indexEntries(index, change.doc)) entries.add(`${index.name}\u0000${entry.text}`);
      }
    }
    for (const txn of this.open) {
      const writes = txn.writes.get(store);
      if (writes === undefined) continue;
      if (writes.has(change.key)) return txn;
      if (entries.size === 0) continue;
      for (const [key, doc] of writes) {
        if (doc === null || key === change.key) continue;
        for (const index of store.uniqueIndexes()) {
          if (indexEntries(index, doc).some((entry) => entries.has(`${index.name}\u0000${entry.text}`))) return txn;
        }
      }
    }
    return undefined;
  }

  private commitOne(store: CollectionStore, change: Change): void {
    const before = store.docs.get(change.key);
    if (change.kind === 'insert' && before !== undefined) throw store.duplicateIdError(change.id);
    if (change.kind !== 'insert' && before === undefined) return;
    if (change.doc !== undefined && change.kind !== 'delete') {
      const conflict = store.findUniqueConflict(change.key, change.doc);
      if (conflict !== undefined) throw duplicateKeyError(store.ns, conflict.index, conflict.entry);
    }
    this.seq += 1;
    if (this.open.size > 0) store.recordVersion(change.key, this.seq, before);
    store.put(change.key, change.kind === 'delete' ? undefined : change.doc);
  }

  private writeInTransaction(store: CollectionStore, change: Change, txn: Transaction): void {
    if (!txn.isActive) throw noSuchTransaction(txn);
    for (const other of this.open) {
      if (other !== txn && other.writes.get(store)?.has(change.key)) throw writeConflict();
    }
    if ((store.versions.get(change.key) ?? 0) > txn.snapshotSeq) throw writeConflict();
    const visible = this.document(store, change.key, txn);
    if (change.kind === 'insert' && visible !== undefined) throw store.duplicateIdError(change.id);
    if (change.kind !== 'insert' && visible === undefined) return;
    if (change.kind !== 'delete' && change.doc !== undefined) this.checkUniqueInTransaction(store, change, change.doc, txn);
    txn.writesTo(store).set(change.key, change.kind === 'delete' ? null : (change.doc ?? null));
  }

  /**
   * A transaction's write must not reuse a unique key held by a committed document it has not
   * itself changed (E11000), by one of its own writes (E11000) or by another open transaction's
   * write (WriteConflict, so the driver retries the whole transaction).
   */
  private checkUniqueInTransaction(store: CollectionStore, change: Change, doc: Doc, txn: Transaction): void {
    const own = txn.writes.get(store);
    for (const index of store.uniqueIndexes()) {
      for (const entry of indexEntries(index, doc)) {
        const owner = store.ownerOf(index, entry);
        if (owner !== undefined && owner !== change.key) {
          const ownVersion = own?.get(owner);
          const stillHolds =
            ownVersion === undefined || (ownVersion !== null && indexEntries(index, ownVersion).some((e) => e.text === entry.text));
          if (stillHolds) throw duplicateKeyError(store.ns, index, entry);
        }
        for (const [key, other] of own ?? []) {
          if (key === change.key || other === null) continue;
          if (indexEntries(index, other).some((e) => e.text === entry.text)) throw duplicateKeyError(store.ns, index, entry);
        }
        for (const otherTxn of this.open) {
          if (otherTxn === txn) continue;
          for (const [key, other] of otherTxn.writes.get(store) ?? []) {
            if (key === change.key || other === null) continue;
            if (indexEntries(index, other).some((e) => e.text === entry.text)) throw writeConflict();
          }
        }
      }
    }
  }

  // ---- transactions ----

  beginTransaction(lsidKey: string, txnNumber: bigint): Transaction {
    const txn = new Transaction(lsidKey, txnNumber, this.seq);
    this.open.add(txn);
    return txn;
  }

  /**
   * Publishes a transaction's writes in one step. Unique keys are released for every written
   * document before any is claimed, so a transaction may swap unique values between documents.
   */
  commit(txn: Transaction): void {
    if (!txn.isActive) throw noSuchTransaction(txn);
    const othersOpen = this.open.size > 1;
    for (const [store, writes] of txn.writes) {
      for (const key of writes.keys()) store.releaseUniqueKeys(key);
      for (const [key, doc] of writes) {
        this.seq += 1;
        if (othersOpen) store.recordVersion(key, this.seq, store.docs.get(key));
        if (doc === null) store.docs.delete(key);
        else store.storeClaimed(key, doc);
      }
    }
    this.end(txn, 'committed');
  }

  abort(txn: Transaction): void {
    if (txn.isActive) this.end(txn, 'aborted');
  }

  private end(txn: Transaction, state: 'committed' | 'aborted'): void {
    this.open.delete(txn);
    if (this.open.size === 0) {
      for (const collections of this.databases.values()) {
        for (const store of collections.values()) store.forgetHistory();
      }
    }
    txn.finish(state);
  }

  openTransactions(): Transaction[] {
    return [...this.open];
  }
}

export function noSuchTransaction(txn: Transaction): CommandError {
  return new CommandError(
    'NoSuchTransaction',
    txn.state === 'committed'
      ? `Transaction with { txnNumber: ${txn.txnNumber} } has been committed.`
      : `Transaction with { txnNumber: ${txn.txnNumber} } has been aborted.`,
    { errorLabels: ['TransientTransactionError'] },
  );
}
