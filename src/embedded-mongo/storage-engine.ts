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
import { calculateObjectSize } from 'bson';
import type { UUID } from 'bson';
import { CommandError, writeConflict } from './errors.js';
import type { Doc } from './bson-values.js';
import { CollectionStore } from './collection-store.js';
import { duplicateKeyError, indexEntries, parseIndexSpec } from './index-specs.js';
import type { IndexSpec } from './index-specs.js';
import type { JournalOp } from './journal-ops.js';
import { documentBytes, knownDocumentSize } from './stored-documents.js';
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

/** MongoDB's maxBsonObjectSize: no stored document may be larger (16 MiB of BSON). */
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;

export type StorageLimits = {
  /** Largest document, in BSON bytes; MongoDB's 16 MiB unless a test needs less. */
  readonly maxBsonObjectSize: number;
  /** Ceiling on the sum of stored BSON sizes above which writes that add data are refused. */
  readonly maxDataBytes: number;
};

/** One collection's committed state at a moment, for a snapshot written afterwards. */
export type CollectionCapture = {
  readonly db: string;
  readonly name: string;
  readonly options: Doc;
  readonly uuid: UUID;
  readonly indexes: readonly Doc[];
  /** Key, document and BSON size; stored documents are never mutated, so sharing them is safe. */
  readonly entries: readonly (readonly [string, Doc, number])[];
};

export class StorageEngine {
  private readonly databases = new Map<string, Map<string, CollectionStore>>();
  /** Incremented on every committed document write; snapshots are positions in this sequence. */
  private seq = 0;
  private readonly open = new Set<Transaction>();
  /**
   * Receives the operations of every commit, in commit order (the durable store's journal). Called
   * synchronously, inside the same step as the change, so no other commit can come between them.
   */
  private commitSink: ((ops: JournalOp[]) => void) | undefined;

  constructor(private readonly limits: StorageLimits = { maxBsonObjectSize: MAX_BSON_OBJECT_SIZE, maxDataBytes: Infinity }) {}

  onCommit(sink: (ops: JournalOp[]) => void): void {
    this.commitSink = sink;
  }

  private emit(ops: JournalOp[]): void {
    if (ops.length > 0) this.commitSink?.(ops);
  }

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
    const store = this.addCollection(db, name, options, undefined);
    this.emit([{ op: 'create', db, coll: name, options, uuid: store.uuid }]);
    return store;
  }

  private addCollection(db: string, name: string, options: Doc, uuid: UUID | undefined): CollectionStore {
    let collections = this.databases.get(db);
    if (collections === undefined) {
      collections = new Map();
      this.databases.set(db, collections);
    }
    const store = new CollectionStore(db, name, options, uuid);
    collections.set(name, store);
    return store;
  }

  dropCollection(db: string, name: string): CollectionStore | undefined {
    const collections = this.databases.get(db);
    const store = collections?.get(name);
    if (store === undefined || collections === undefined) return undefined;
    collections.delete(name);
    if (collections.size === 0) this.databases.delete(db);
    this.emit([{ op: 'drop', db, coll: name }]);
    return store;
  }

  dropDatabase(db: string): void {
    if (this.databases.delete(db)) this.emit([{ op: 'dropDatabase', db }]);
  }

  /** Adds an index to `store` (E11000 when existing documents violate it). */
  addIndex(store: CollectionStore, spec: IndexSpec): void {
    store.addIndex(spec);
    this.emit([{ op: 'createIndex', db: store.db, coll: store.name, spec: spec.description }]);
  }

  dropIndex(store: CollectionStore, name: string): void {
    store.dropIndex(name);
    this.emit([{ op: 'dropIndex', db: store.db, coll: store.name, name }]);
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
    const sizes = this.checkLimits(store, changes, txn);
    if (txn !== undefined) {
      changes.forEach((change, i) => {
        this.writeInTransaction(store, change, txn);
        txn.pendingBytes += sizes[i] ?? 0;
      });
      return;
    }
    for (const change of changes) {
      const blocker = this.blockerFor(store, change);
      if (blocker !== undefined) throw new WriteBlockedError(blocker);
    }
    const ops: JournalOp[] = [];
    try {
      changes.forEach((change, i) => {
        const op = this.commitOne(store, change, sizes[i]);
        if (op !== undefined) ops.push(op);
      });
    } finally {
      // A uniqueness failure part-way keeps the changes before it (as MongoDB does), so those are
      // written down too.
      this.emit(ops);
    }
  }

  /** Sum of the BSON sizes of every committed document: what the memory ceiling is held against. */
  dataBytes(): number {
    let total = 0;
    for (const collections of this.databases.values()) {
      for (const store of collections.values()) total += store.dataBytes;
    }
    return total;
  }

  /**
   * Refuses, before anything is applied, a batch holding a document over maxBsonObjectSize (so the
   * stored version stays readable, as MongoDB keeps it) or one that would take the data past
   * maxDataBytes (so clients get an error instead of the process dying at the heap limit).
   * Deletes and shrinking updates always pass, so room can be freed. Returns each change's size.
   */
  private checkLimits(store: CollectionStore, changes: readonly Change[], txn: Transaction | undefined): number[] {
    const { maxBsonObjectSize, maxDataBytes } = this.limits;
    let growth = 0;
    const sizes = changes.map((change) => {
      if (change.kind === 'delete' || change.doc === undefined) {
        if (txn === undefined) growth -= store.sizeOf(change.key);
        return 0;
      }
      // A durable engine serialises the document now and keeps the bytes for the journal, so its
      // size costs nothing extra; in memory, only the size is needed.
      const size =
        this.commitSink === undefined ? (knownDocumentSize(change.doc) ?? calculateObjectSize(change.doc)) : serializedSize(change.doc);
      if (size > maxBsonObjectSize) {
        throw change.kind === 'insert'
          ? new CommandError('BSONObjectTooLarge', `object to insert too large. size in bytes: ${size}, max size: ${maxBsonObjectSize}`)
          : new CommandError('Location17419', `Resulting document after update is larger than ${maxBsonObjectSize}`);
      }
      // A transaction's new versions sit beside the committed ones until commit, so they all count.
      growth += txn === undefined ? size - store.sizeOf(change.key) : size;
      return size;
    });
    if (growth > 0) {
      const used = this.dataBytes() + (txn?.pendingBytes ?? 0);
      if (used + growth > maxDataBytes) {
        throw new CommandError(
          'ExceededMemoryLimit',
          `Write refused: the embedded server holds ${used} bytes of data and this write would pass its maxDataBytes ceiling of ${maxDataBytes} bytes. Delete documents or drop collections to free room.`,
        );
      }
    }
    return sizes;
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

  private commitOne(store: CollectionStore, change: Change, size: number | undefined): JournalOp | undefined {
    const before = store.docs.get(change.key);
    if (change.kind === 'insert' && before !== undefined) throw store.duplicateIdError(change.id);
    if (change.kind !== 'insert' && before === undefined) return undefined;
    if (change.doc !== undefined && change.kind !== 'delete') {
      const conflict = store.findUniqueConflict(change.key, change.doc);
      if (conflict !== undefined) throw duplicateKeyError(store.ns, conflict.index, conflict.entry);
    }
    this.seq += 1;
    if (this.open.size > 0) store.recordVersion(change.key, this.seq, before);
    const doc = change.kind === 'delete' ? undefined : change.doc;
    store.put(change.key, doc, size);
    return doc === undefined
      ? { op: 'delete', db: store.db, coll: store.name, key: change.key }
      : { op: 'put', db: store.db, coll: store.name, key: change.key, doc, size: store.sizeOf(change.key) };
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
    const ops: JournalOp[] = [];
    for (const [store, writes] of txn.writes) {
      for (const key of writes.keys()) store.releaseUniqueKeys(key);
      for (const [key, doc] of writes) {
        this.seq += 1;
        if (othersOpen) store.recordVersion(key, this.seq, store.docs.get(key));
        if (doc === null) {
          store.remove(key);
          ops.push({ op: 'delete', db: store.db, coll: store.name, key });
        } else {
          store.storeClaimed(key, doc);
          ops.push({ op: 'put', db: store.db, coll: store.name, key, doc, size: store.sizeOf(key) });
        }
      }
    }
    // The whole transaction is one record: after a crash it is there entirely or not at all.
    this.emit(ops);
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

  // ---- durability ----

  /**
   * Applies operations read back from the journal or a snapshot, as they were committed: no limit
   * or uniqueness checks (they held when the write was accepted) and nothing written down again.
   */
  replay(ops: readonly JournalOp[]): void {
    for (const op of ops) {
      switch (op.op) {
        case 'put':
          (this.collection(op.db, op.coll) ?? this.addCollection(op.db, op.coll, {}, undefined)).put(op.key, op.doc, op.size);
          break;
        case 'delete':
          this.collection(op.db, op.coll)?.put(op.key, undefined);
          break;
        case 'create':
          if (this.collection(op.db, op.coll) === undefined) this.addCollection(op.db, op.coll, op.options, op.uuid);
          break;
        case 'drop': {
          const collections = this.databases.get(op.db);
          collections?.delete(op.coll);
          if (collections?.size === 0) this.databases.delete(op.db);
          break;
        }
        case 'dropDatabase':
          this.databases.delete(op.db);
          break;
        case 'createIndex': {
          const store = this.collection(op.db, op.coll) ?? this.addCollection(op.db, op.coll, {}, undefined);
          const spec = parseIndexSpec(op.spec);
          if (!store.indexes.some((index) => index.name === spec.name)) store.addIndex(spec);
          break;
        }
        case 'dropIndex':
          this.collection(op.db, op.coll)?.dropIndex(op.name);
          break;
      }
    }
  }

  /** Every collection's committed state now, for a snapshot (cheap: documents are shared). */
  capture(): CollectionCapture[] {
    const out: CollectionCapture[] = [];
    for (const collections of this.databases.values()) {
      for (const store of collections.values()) {
        out.push({
          db: store.db,
          name: store.name,
          options: store.options,
          uuid: store.uuid,
          indexes: store.indexes.map((index) => index.description),
          entries: [...store.docs].map(([key, doc]) => [key, doc, store.sizeOf(key)] as const),
        });
      }
    }
    return out;
  }
}

/**
 * The document's BSON size, serialising it for the journal on the way. bson's serialiser refuses
 * documents past its own buffer (~17 MiB); those are measured instead, so they are refused below
 * with MongoDB's code rather than the serialiser's error.
 */
function serializedSize(doc: Doc): number {
  try {
    return documentBytes(doc).length;
  } catch (error) {
    const size = calculateObjectSize(doc);
    if (size > MAX_BSON_OBJECT_SIZE) return size;
    throw error;
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
