/**
 * Server-side cursors for find, aggregate, listCollections and listIndexes. A cursor holds the
 * full result computed when it was opened (so later batches are consistent and need no locks)
 * and hands it out in batches of at most 16 MB, as MongoDB does.
 *
 * MongoDB ties cursors to sessions, not connections. Here a cursor is killed by killCursors, by
 * endSessions for its session, after ten idle minutes (MongoDB's cursorTimeoutMillis), or when every
 * connection that ever used it has closed — the last catches clients that vanish mid-cursor.
 */
import { calculateObjectSize, Long } from 'bson';
import type { Doc } from './bson-values.js';

const MAX_BATCH_BYTES = 16 * 1024 * 1024;
const DEFAULT_FIRST_BATCH = 101;
const CURSOR_IDLE_TIMEOUT_MS = 10 * 60 * 1000;

type ServerCursor = {
  readonly id: Long;
  readonly ns: string;
  readonly docs: readonly Doc[];
  position: number;
  readonly lsidKey: string | undefined;
  readonly connections: Set<number>;
  lastUsed: number;
};

export type Batch = { readonly id: Long; readonly ns: string; readonly docs: Doc[] };

export type CursorOwner = { readonly connectionId: number; readonly lsidKey: string | undefined };

export class CursorRegistry {
  private readonly cursors = new Map<string, ServerCursor>();
  /** Random start so ids from a restarted server are unlikely to match stale client cursors. */
  private nextId = BigInt(1 + Math.floor(Math.random() * 2 ** 40));
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly idleTimeoutMs: number = CURSOR_IDLE_TIMEOUT_MS) {
    this.sweeper = setInterval(() => this.sweep(Date.now()), Math.min(60_000, idleTimeoutMs));
    this.sweeper.unref();
  }

  /**
   * Returns the first batch; the cursor stays open only if documents remain. `batchSize`
   * undefined means MongoDB's default first batch (101 documents).
   */
  open(ns: string, docs: readonly Doc[], batchSize: number | undefined, singleBatch: boolean, owner: CursorOwner): Batch {
    const cursor: ServerCursor = {
      id: Long.fromBigInt(this.nextId),
      ns,
      docs,
      position: 0,
      lsidKey: owner.lsidKey,
      connections: new Set([owner.connectionId]),
      lastUsed: Date.now(),
    };
    this.nextId += 1n;
    const first = takeBatch(cursor, batchSize ?? DEFAULT_FIRST_BATCH);
    if (singleBatch || cursor.position >= docs.length) return { id: Long.ZERO, ns, docs: first };
    this.cursors.set(cursor.id.toString(), cursor);
    return { id: cursor.id, ns, docs: first };
  }

  /** The next batch of an open cursor, or undefined when no such cursor exists. */
  next(id: Long, batchSize: number | undefined, connectionId: number): Batch | undefined {
    const cursor = this.cursors.get(id.toString());
    if (cursor === undefined) return undefined;
    cursor.connections.add(connectionId);
    cursor.lastUsed = Date.now();
    const docs = takeBatch(cursor, batchSize ?? Number.POSITIVE_INFINITY);
    if (cursor.position >= cursor.docs.length) {
      this.cursors.delete(id.toString());
      return { id: Long.ZERO, ns: cursor.ns, docs };
    }
    return { id: cursor.id, ns: cursor.ns, docs };
  }

  namespaceOf(id: Long): string | undefined {
    return this.cursors.get(id.toString())?.ns;
  }

  kill(id: Long): boolean {
    return this.cursors.delete(id.toString());
  }

  connectionClosed(connectionId: number): void {
    for (const [key, cursor] of this.cursors) {
      cursor.connections.delete(connectionId);
      if (cursor.connections.size === 0) this.cursors.delete(key);
    }
  }

  sessionEnded(lsidKey: string): void {
    for (const [key, cursor] of this.cursors) {
      if (cursor.lsidKey === lsidKey) this.cursors.delete(key);
    }
  }

  sweep(now: number): void {
    for (const [key, cursor] of this.cursors) {
      if (now - cursor.lastUsed > this.idleTimeoutMs) this.cursors.delete(key);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    this.cursors.clear();
  }
}

/**
 * Encoded sizes of documents already measured. Stored documents are never mutated (updates
 * replace them), so a size stays valid for as long as the object lives.
 */
const sizes = new WeakMap<Doc, number>();

function sizeOf(doc: Doc): number {
  let size = sizes.get(doc);
  if (size === undefined) {
    size = calculateObjectSize(doc);
    sizes.set(doc, size);
  }
  return size;
}

/** Up to `count` documents, stopping early at 16 MB (but always at least one document). */
function takeBatch(cursor: ServerCursor, count: number): Doc[] {
  const available = Math.min(count, cursor.docs.length - cursor.position);
  if (available <= 0) return [];
  // A batch of one document needs no size check: one document is always sent.
  if (available === 1) {
    cursor.position += 1;
    return [cursor.docs[cursor.position - 1] as Doc];
  }
  const batch: Doc[] = [];
  let bytes = 0;
  while (batch.length < available) {
    const doc = cursor.docs[cursor.position] as Doc;
    const size = sizeOf(doc);
    if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    batch.push(doc);
    bytes += size;
    cursor.position += 1;
  }
  return batch;
}
