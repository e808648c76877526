/**
 * Appends records to the journal with group commit. `append` only queues a record and numbers it;
 * a single flush loop writes everything queued with one `writev` and makes it durable with one
 * `fdatasync`, then settles every waiter up to the last record it covered. While one flush is on
 * its way to the disk, the next batch collects, so 50 concurrent writers share a handful of syncs
 * instead of queueing for 50.
 *
 * Rotation (for compaction) is a marker in the same queue: every record before it is durable in the
 * old file before any record after it is written to the new one, so the files never interleave.
 *
 * A failed write or sync leaves the journal behind the data in memory; nothing after it can be
 * trusted, so the writer fails for good: every waiter is rejected and `onFatal` tells the server to
 * stop serving. A restart replays what did reach the disk.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

type Waiter = { readonly seq: number; readonly resolve: () => void; readonly reject: (error: Error) => void };
type Queued = { readonly kind: 'record'; readonly buffers: readonly Buffer[]; readonly seq: number } | Rotation;
type Rotation = { readonly kind: 'rotate'; readonly path: string; readonly done: () => void; readonly failed: (error: Error) => void };

export class JournalWriter {
  private queue: Queued[] = [];
  private waiters: Waiter[] = [];
  private appendedSeq = 0;
  private durableSeq = 0;
  private flushing: Promise<void> | undefined;
  private failure: Error | undefined;
  private closed = false;
  private bytes: number;

  private constructor(
    private handle: FileHandle,
    private readonly syncDirectory: () => Promise<void>,
    private readonly onFatal: (error: Error) => void,
    initialBytes: number,
  ) {
    this.bytes = initialBytes;
  }

  /** Opens `path` for appending (creating it, and syncing its directory so the new name survives). */
  static async open(path: string, syncDirectory: () => Promise<void>, onFatal: (error: Error) => void): Promise<JournalWriter> {
    const handle = await open(path, 'a', 0o600);
    await syncDirectory();
    const { size } = await handle.stat();
    return new JournalWriter(handle, syncDirectory, onFatal, size);
  }

  /** The number of the last record appended; `whenDurable` of it waits for everything so far. */
  get appended(): number {
    return this.appendedSeq;
  }

  /** Bytes in the current file: the size trigger of compaction. */
  get currentFileBytes(): number {
    return this.bytes;
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  /** Queues a record (the buffers that make it, in order); it is durable once `whenDurable(seq)` resolves. */
  append(buffers: readonly Buffer[]): number {
    this.appendedSeq += 1;
    const seq = this.appendedSeq;
    if (this.failure !== undefined || this.closed) return seq;
    this.queue.push({ kind: 'record', buffers, seq });
    for (const buffer of buffers) this.bytes += buffer.length;
    this.schedule();
    return seq;
  }

  whenDurable(seq: number): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (seq <= this.durableSeq) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error('the journal is closed'));
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  /** Switches to a new file once every record queued so far is durable in the current one. */
  rotate(path: string): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'rotate', path, done: resolve, failed: reject });
      this.schedule();
    });
  }

  /** Flushes what is queued and closes the file; later appends are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing !== undefined) await this.flushing;
    if (this.queue.length > 0) await this.drain();
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure ?? new Error('the journal is closed'));
    await this.handle.close();
  }

  private schedule(): void {
    // Started after the current step, so the records of one command (and of every command that
    // finishes in the same turn of the event loop) go out together.
    if (this.flushing === undefined) {
      this.flushing = Promise.resolve()
        .then(() => this.drain())
        .finally(() => {
          this.flushing = undefined;
          if (this.queue.length > 0 && this.failure === undefined) this.schedule();
        });
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && this.failure === undefined) {
        const batch = this.takeBatch();
        if (batch.records.length > 0) {
          await writeAll(
            this.handle,
            batch.records.flatMap((record) => record.buffers),
          );
          await this.handle.datasync();
          this.durableSeq = batch.records[batch.records.length - 1]?.seq ?? this.durableSeq;
          this.settle();
        }
        if (batch.rotation !== undefined) await this.switchFile(batch.rotation);
      }
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The records up to the first rotation marker, and that marker. */
  private takeBatch(): { records: Extract<Queued, { kind: 'record' }>[]; rotation: Rotation | undefined } {
    const records: Extract<Queued, { kind: 'record' }>[] = [];
    while (this.queue.length > 0) {
      const next = this.queue.shift() as Queued;
      if (next.kind === 'rotate') return { records, rotation: next };
      records.push(next);
    }
    return { records, rotation: undefined };
  }

  private async switchFile(rotation: Rotation): Promise<void> {
    try {
      const next = await open(rotation.path, 'a', 0o600);
      await this.syncDirectory();
      await this.handle.close();
      this.handle = next;
      this.bytes = 0;
      rotation.done();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      rotation.failed(failure);
      throw failure;
    }
  }

  private settle(): void {
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.seq <= this.durableSeq) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  private fail(error: Error): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    for (const item of this.queue.splice(0)) if (item.kind === 'rotate') item.failed(error);
    this.onFatal(error);
  }
}

/** Writes every buffer, continuing after a short write (which regular files rarely do, but may). */
async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<void> {
  let pending = buffers;
  while (pending.length > 0) {
    const total = pending.reduce((sum, buffer) => sum + buffer.length, 0);
    const { bytesWritten } = await handle.writev(pending);
    if (bytesWritten >= total) return;
    let skip = bytesWritten;
    const rest: Buffer[] = [];
    for (const buffer of pending) {
      if (skip >= buffer.length) {
        skip -= buffer.length;
        continue;
      }
      rest.push(skip > 0 ? buffer.subarray(skip) : buffer);
      skip = 0;
    }
    pending = rest;
  }
}
