/**
 * One collection's committed state: documents in natural (insertion) order keyed by their `_id`,
 * its indexes with the owners of each unique key, and — only while some transaction is open — the
 * version history transactions need to read a snapshot and detect write conflicts.
 */
import { UUID, calculateObjectSize } from 'bson';
import { canonicalKey } from './bson-values.js';
import type { Doc } from './bson-values.js';
import { ID_INDEX_NAME, duplicateKeyError, idIndexSpec, indexEntries } from './index-specs.js';
import type { IndexEntry, IndexSpec } from './index-specs.js';
import type { CommandError } from './errors.js';

/** The state of a document just before a committed write, kept for older snapshots. */
export type HistoryEntry = { readonly seq: number; readonly before: Doc | undefined };

export type UniqueConflict = { readonly index: IndexSpec; readonly entry: IndexEntry; readonly ownerKey: string };

export function documentKey(id: unknown): string {
  return canonicalKey(id);
}

export class CollectionStore {
  readonly ns: string;
  readonly docs = new Map<string, Doc>();
  /** Seq of the last committed write per document key, recorded while transactions are open. */
  readonly versions = new Map<string, number>();
  readonly history = new Map<string, HistoryEntry[]>();
  private indexList: IndexSpec[] = [idIndexSpec()];
  /** For each unique index other than _id: index key text → key of the document holding it. */
  private readonly uniqueOwners = new Map<string, Map<string, string>>();
  /**
   * BSON size of each stored document and their sum, kept up to date on every store and removal
   * so the engine's memory ceiling never has to re-measure the whole collection.
   */
  private readonly sizes = new Map<string, number>();
  private bytes = 0;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc = {},
    /** Kept across restarts by the durable store, as MongoDB keeps a collection's UUID. */
    readonly uuid: UUID = new UUID(),
  ) {
    this.ns = `${db}.${name}`;
  }

  get indexes(): readonly IndexSpec[] {
    return this.indexList;
  }

  /** Sum of the BSON sizes of the committed documents. */
  get dataBytes(): number {
    return this.bytes;
  }

  /** BSON size of the committed version of `key` (0 when there is none). */
  sizeOf(key: string): number {
    return this.sizes.get(key) ?? 0;
  }

  /** Unique indexes other than `_id` (which the document map itself enforces). */
  uniqueIndexes(): IndexSpec[] {
    return this.indexList.filter((index) => index.unique && index.name !== ID_INDEX_NAME);
  }

  /** The committed document holding `entry` in `index`, if any. */
  ownerOf(index: IndexSpec, entry: IndexEntry): string | undefined {
    return this.uniqueOwners.get(index.name)?.get(entry.text);
  }

  /** The first committed document other than `key` that already holds one of `doc`'s unique keys. */
  findUniqueConflict(key: string, doc: Doc, ignoreOwners: ReadonlySet<string> = new Set()): UniqueConflict | undefined {
    for (const index of this.uniqueIndexes()) {
      for (const entry of indexEntries(index, doc)) {
        const ownerKey = this.ownerOf(index, entry);
        if (ownerKey !== undefined && ownerKey !== key && !ignoreOwners.has(ownerKey)) return { index, entry, ownerKey };
      }
    }
    return undefined;
  }

  duplicateIdError(id: unknown): CommandError {
    const idIndex = this.indexList[0] ?? idIndexSpec();
    return duplicateKeyError(this.ns, idIndex, { text: documentKey(id), keyValue: { _id: id } });
  }

  /** Gives up the unique keys the stored version of `key` holds (before it changes or goes). */
  releaseUniqueKeys(key: string): void {
    const current = this.docs.get(key);
    if (current === undefined) return;
    for (const index of this.uniqueIndexes()) {
      const owners = this.uniqueOwners.get(index.name);
      for (const entry of indexEntries(index, current)) {
        if (owners?.get(entry.text) === key) owners.delete(entry.text);
      }
    }
  }

  /**
   * Stores `doc` under `key` (an existing key keeps its natural-order position, as an in-place
   * update does in MongoDB) and claims its unique keys. Call `releaseUniqueKeys` first.
   */
  storeClaimed(key: string, doc: Doc, size: number = calculateObjectSize(doc)): void {
    this.docs.set(key, doc);
    this.bytes += size - this.sizeOf(key);
    this.sizes.set(key, size);
    for (const index of this.uniqueIndexes()) {
      const owners = this.uniqueOwners.get(index.name);
      for (const entry of indexEntries(index, doc)) owners?.set(entry.text, key);
    }
  }

  /** Replaces or removes the stored version of `key`; uniqueness must have been checked. */
  put(key: string, doc: Doc | undefined, size?: number): void {
    this.releaseUniqueKeys(key);
    if (doc === undefined) this.remove(key);
    else this.storeClaimed(key, doc, size);
  }

  /** Drops the stored version of `key`; its unique keys must have been released. */
  remove(key: string): void {
    this.docs.delete(key);
    this.bytes -= this.sizeOf(key);
    this.sizes.delete(key);
  }

  /** Records the pre-image of a committed write for snapshots older than `seq`. */
  recordVersion(key: string, seq: number, before: Doc | undefined): void {
    this.versions.set(key, seq);
    const entries = this.history.get(key);
    if (entries === undefined) this.history.set(key, [{ seq, before }]);
    else entries.push({ seq, before });
  }

  forgetHistory(): void {
    this.versions.clear();
    this.history.clear();
  }

  /**
   * The document as a snapshot taken at `snapshotSeq` saw it: the pre-image of the first write
   * after the snapshot, or the current version when nothing was written since.
   */
  valueAt(key: string, snapshotSeq: number): Doc | undefined {
    const entries = this.history.get(key);
    if (entries !== undefined) {
      for (const entry of entries) {
        if (entry.seq > snapshotSeq) return entry.before;
      }
    }
    return this.docs.get(key);
  }

  /** Adds an index, failing with E11000 when existing documents already violate it. */
  addIndex(index: IndexSpec): void {
    if (index.unique && index.name !== ID_INDEX_NAME) {
      const owners = new Map<string, string>();
      for (const [key, doc] of this.docs) {
        for (const entry of indexEntries(index, doc)) {
          const owner = owners.get(entry.text);
          if (owner !== undefined && owner !== key) throw duplicateKeyError(this.ns, index, entry);
          owners.set(entry.text, key);
        }
      }
      this.uniqueOwners.set(index.name, owners);
    }
    this.indexList = [...this.indexList, index];
  }

  dropIndex(name: string): void {
    this.indexList = this.indexList.filter((index) => index.name !== name);
    this.uniqueOwners.delete(name);
  }
}
