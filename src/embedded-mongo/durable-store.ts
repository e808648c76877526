/**
 * The embedded server's data on disk: snapshots and an append-only journal in one directory.
 *
 *   snapshot-<gen>.bson   the whole state when generation <gen> began (written, synced, renamed)
 *   journal-<gen>.log     every commit after that, one record each, each synced before its ack
 *
 * Start-up loads the newest snapshot and replays every journal of its generation and later. A torn
 * record at the end of the newest journal (the crash came mid-write, so nobody was told it was
 * written) is dropped and cut off; damage anywhere else is refused with the file and offset, since
 * skipping it would lose writes that were acknowledged.
 *
 * Compaction writes the next snapshot without stopping writes: at one instant it captures the
 * committed state (documents are immutable values, so this copies references) and queues a switch
 * to the next journal; then it serialises the capture in slices, yielding between them, syncs and
 * renames it, and only then deletes the older snapshot and journals. A crash at any point leaves
 * either the old snapshot with both journals, or the new one with its journal.
 */
import { mkdir, open, readdir, readFile, rename, stat, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalOp } from './journal-ops.js';
import { JournalFormatError, encodeOps, parseRecord } from './journal-ops.js';
import type { ParsedRecord } from './journal-ops.js';
import { RecordFormatError, encodeRecord, scanRecords } from './journal-record.js';
import { JournalWriter } from './journal-writer.js';
import type { CollectionCapture, StorageEngine } from './storage-engine.js';

const SNAPSHOT = /^snapshot-(\d{6,})\.bson$/;
const JOURNAL = /^journal-(\d{6,})\.log$/;
/** Documents per snapshot record: ~1–2 MiB of plans, so one slice of work stays short. */
const SNAPSHOT_DOCS_PER_RECORD = 24;

export type DurableStoreOptions = {
  readonly dir: string;
  readonly engine: StorageEngine;
  readonly warn: (message: string) => void;
  /** Called once when the journal cannot be written: the server must stop serving. */
  readonly onFatal: (error: Error) => void;
  /** Compact when the current journal passes this many bytes (default 64 MiB). */
  readonly compactAtBytes?: number;
  /** Compact on this schedule when anything was written since the last snapshot (default 10 min). */
  readonly compactEveryMs?: number;
};

export type LoadReport = {
  readonly generation: number;
  readonly snapshotDocuments: number;
  readonly journalRecords: number;
  /** Bytes of a torn last record that were dropped, 0 when the journal ended cleanly. */
  readonly droppedTailBytes: number;
};

const fileName = (kind: 'snapshot' | 'journal', gen: number): string =>
  kind === 'snapshot' ? `snapshot-${String(gen).padStart(6, '0')}.bson` : `journal-${String(gen).padStart(6, '0')}.log`;

export class DataDirDamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirDamagedError';
  }
}

export class DurableStore {
  private compacting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    private readonly options: DurableStoreOptions,
    private readonly journal: JournalWriter,
    private generation: number,
    readonly loaded: LoadReport,
  ) {}

  /** Loads `dir` into the engine and opens the journal; the caller holds the directory's lock. */
  static async open(options: DurableStoreOptions): Promise<DurableStore> {
    const { dir, engine } = options;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const report = await load(dir, engine, options.warn);
    const journal = await JournalWriter.open(join(dir, fileName('journal', report.generation)), () => syncDirectory(dir), options.onFatal);
    const store = new DurableStore(options, journal, report.generation, report);
    engine.onCommit((ops) => store.record(ops));
    const every = options.compactEveryMs ?? 10 * 60_000;
    store.timer = setInterval(() => store.compactIfWritten(), every);
    store.timer.unref();
    // What was replayed goes into a fresh snapshot in the background, so the next start is fast.
    if (report.journalRecords > 0) store.startCompaction();
    return store;
  }

  /** The number of the last record written; a command waits for it before its reply. */
  get appended(): number {
    return this.journal.appended;
  }

  whenDurable(seq: number): Promise<void> {
    return this.journal.whenDurable(seq);
  }

  get failed(): Error | undefined {
    return this.journal.failed;
  }

  /** Writes a snapshot now and drops what it replaces; resolves when it is on disk. */
  compact(): Promise<void> {
    this.startCompaction();
    return this.compacting ?? Promise.resolve();
  }

  /** Stops compaction's schedule, waits for a compaction under way, and flushes and closes the journal. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.compacting?.catch(() => undefined);
    await this.journal.close();
  }

  private record(ops: JournalOp[]): void {
    this.journal.append(encodeOps(ops));
    if (this.journal.currentFileBytes > (this.options.compactAtBytes ?? 64 * 1024 * 1024)) this.startCompaction();
  }

  private compactIfWritten(): void {
    if (this.journal.currentFileBytes > 0) this.startCompaction();
  }

  private startCompaction(): void {
    if (this.compacting !== undefined || this.closed || this.journal.failed !== undefined) return;
    // Capture and rotation happen in this same synchronous step: the snapshot holds exactly the
    // commits before the switch, and the new journal exactly those after it.
    const capture = this.options.engine.capture();
    const next = this.generation + 1;
    const rotated = this.journal.rotate(join(this.options.dir, fileName('journal', next)));
    this.compacting = this.writeSnapshot(capture, next, rotated)
      .catch((error: unknown) => {
        this.options.warn(
          `embedded-mongo: compaction failed, the journal keeps growing: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        this.compacting = undefined;
      });
  }

  private async writeSnapshot(capture: readonly CollectionCapture[], gen: number, rotated: Promise<void>): Promise<void> {
    const { dir } = this.options;
    await rotated;
    this.generation = gen;
    const finalPath = join(dir, fileName('snapshot', gen));
    const draftPath = `${finalPath}.draft`;
    const handle = await open(draftPath, 'w', 0o600);
    let documents = 0;
    try {
      for (const collection of capture) {
        const catalog: JournalOp[] = [
          { op: 'create', db: collection.db, coll: collection.name, options: collection.options, uuid: collection.uuid },
        ];
        for (const spec of collection.indexes) catalog.push({ op: 'createIndex', db: collection.db, coll: collection.name, spec });
        await handle.writev(encodeOps(catalog));
        for (let i = 0; i < collection.entries.length; i += SNAPSHOT_DOCS_PER_RECORD) {
          const ops: JournalOp[] = collection.entries
            .slice(i, i + SNAPSHOT_DOCS_PER_RECORD)
            .map(([key, doc, size]) => ({ op: 'put', db: collection.db, coll: collection.name, key, doc, size }));
          documents += ops.length;
          // Each write is awaited, so requests are served between slices.
          await handle.writev(encodeOps(ops));
        }
      }
      await handle.writev(encodeRecord({ end: true, documents }));
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(draftPath, finalPath);
    await syncDirectory(dir);
    // The new snapshot is safely in place: what it replaces can go.
    for (const name of await readdir(dir)) {
      const gen0 = Number(SNAPSHOT.exec(name)?.[1] ?? JOURNAL.exec(name)?.[1] ?? Number.NaN);
      if (gen0 < gen) await unlink(join(dir, name));
    }
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function generations(names: readonly string[], pattern: RegExp): number[] {
  return names
    .map((name) => pattern.exec(name)?.[1])
    .filter((gen): gen is string => gen !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

function parse(payload: Buffer, where: string): ParsedRecord {
  try {
    return parseRecord(payload);
  } catch (error) {
    if (error instanceof JournalFormatError || error instanceof RecordFormatError)
      throw new DataDirDamagedError(`${where}: ${error.message}`);
    throw error;
  }
}

/** Replays one record of operations; returns the documents it put. */
function applyRecord(engine: StorageEngine, payload: Buffer, where: string): number {
  const record = parse(payload, where);
  if (record.kind !== 'ops') throw new DataDirDamagedError(`${where}: a snapshot's end marker where operations belong`);
  engine.replay(record.ops);
  return record.ops.filter((op) => op.op === 'put').length;
}

async function load(dir: string, engine: StorageEngine, warn: (message: string) => void): Promise<LoadReport> {
  const names = await readdir(dir);
  // Drafts of snapshots a crash interrupted were never renamed into place: never used, so removed.
  for (const name of names) if (name.endsWith('.bson.draft')) await unlink(join(dir, name));
  const snapshots = generations(names, SNAPSHOT);
  const base = snapshots[snapshots.length - 1] ?? 0;
  let snapshotDocuments = 0;
  if (base > 0) {
    const path = join(dir, fileName('snapshot', base));
    const scan = scanRecords(await readFile(path));
    const last = scan.payloads[scan.payloads.length - 1];
    if (scan.damaged || last === undefined || parse(last, path).kind !== 'end') {
      throw new DataDirDamagedError(
        `${path} is damaged at byte ${scan.validBytes}: restore the data dir from a backup (gofast restore) or move the file away to start from the journals`,
      );
    }
    for (const payload of scan.payloads.slice(0, -1)) snapshotDocuments += applyRecord(engine, payload, path);
  }
  const journals = generations(names, JOURNAL).filter((gen) => gen >= base);
  for (const gen of generations(names, JOURNAL).filter((g) => g < base)) await unlink(join(dir, fileName('journal', gen)));
  let journalRecords = 0;
  let droppedTailBytes = 0;
  for (const [index, gen] of journals.entries()) {
    const path = join(dir, fileName('journal', gen));
    const scan = scanRecords(await readFile(path));
    for (const payload of scan.payloads) applyRecord(engine, payload, path);
    journalRecords += scan.payloads.length;
    if (!scan.damaged) continue;
    const isLast = index === journals.length - 1;
    if (!isLast) {
      throw new DataDirDamagedError(
        `${path} is damaged at byte ${scan.validBytes}, and later journals hold acknowledged writes: restore the data dir from a backup (gofast restore)`,
      );
    }
    const size = (await stat(path)).size;
    droppedTailBytes = size - scan.validBytes;
    warn(
      `embedded-mongo: dropped a torn record (${droppedTailBytes} bytes) at the end of ${path}: a write the crash interrupted, never acknowledged`,
    );
    // Cut it off, or the next records would land behind bytes the next start cannot read past.
    await truncate(path, scan.validBytes);
    const handle = await open(path, 'r+');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
  const generation = Math.max(base, journals[journals.length - 1] ?? 0, 1);
  return { generation, snapshotDocuments, journalRecords, droppedTailBytes };
}
