/**
 * `gofast backup` / `gofast restore`: every collection of the store's database in one
 * self-describing, checksummed file, and the primitives both it and the mongodump directory format
 * (mongodump-format.ts) use to copy a database exactly.
 *
 * The file is a sequence of records framed as the embedded store's journal frames its own:
 * `[u32 LE payload length][u32 LE crc32 of the payload][payload: one BSON document]`. Records: a
 * header `{ gofastBackup: 1, createdAt, database }`; per collection `{ collection, options,
 * indexes }` followed by `{ collection, docs: [...] }` batches of about 1 MiB; and a final
 * `{ end: true, collections, documents }`. A file without its end record was cut short, and a
 * record whose checksum fails was damaged: either is refused as a whole before anything changes.
 *
 * Documents are copied as the server's own bytes: read with `raw: true`, written into the record
 * byte for byte, and inserted again after decoding with every BSON type kept (int32, int64, double
 * and decimal stay themselves, binary stays binary), so a restore gives back the same documents.
 */
import { crc32 } from 'node:zlib';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
// The BSON classes come through the driver: it loads bson's CommonJS build, and values it decodes
// are instances of those classes, not of the ES module build an \`import from 'bson'\` would load.
import { BSON, Binary, Double, Int32, Long, type Db, type Document } from 'mongodb';
import { z } from 'zod';
import { GoFastError } from '../domain/errors.js';
import { guardedBulkStorage } from './mongo-connection.js';

/**
 * How documents and descriptions are decoded whenever they are written back: no value is turned
 * into a JavaScript number, buffer or RegExp, so serializing the result gives the same BSON types.
 */
export const EXACT_BSON: BSON.DeserializeOptions = {
  promoteLongs: false,
  promoteValues: false,
  promoteBuffers: false,
  bsonRegExp: true,
};

/** About this many bytes of documents go into one record, and into one insert on the way back. */
export const BATCH_BYTES = 1024 * 1024;

/** MongoDB's largest document plus the room the server itself allows for internal fields. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024 + 16 * 1024;

/** No record we write is near this: one larger is a damaged length field, not a record to allocate. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
const RECORD_HEAD_BYTES = 8;
const FORMAT_VERSION = 1;

/** A file or directory the operator named cannot be used: shown as is, exit status 2. */
export function refused(message: string, cause?: unknown): GoFastError {
  return new GoFastError('INVALID_INPUT', message, { userFacing: true, ...(cause === undefined ? {} : { cause }) });
}

/** The error code of a failed file system call, if it is one. */
export function fsCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

// ---------------------------------------------------------------------------------------------
// Copying a database: what both formats read from and write to the server.

/** One collection as it is copied: its options and index descriptions, as listCollections/listIndexes give them. */
type CollectionDescription = {
  readonly name: string;
  readonly options: Document;
  readonly indexes: readonly Document[];
};

/** A collection of the database with its uuid as mongodump writes it (hex), when the server has one. */
export type StoredCollection = CollectionDescription & { readonly uuid: string | undefined };

/**
 * The collections a copy holds: plain collections only. `system.*` collections belong to the
 * server (profiling, views' definitions) and cannot be written back by a client; views and time
 * series hold no documents of their own, and the coach creates neither.
 */
function copiedCollection(name: string, type: string | undefined): boolean {
  return !name.startsWith('system.') && (type === undefined || type === 'collection');
}

const CollectionInfo = z.object({
  name: z.string().min(1),
  type: z.string().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  info: z
    .object({ uuid: z.instanceof(Binary).optional() })
    .loose()
    .optional(),
});

/** Every copied collection of `db`, by name, with options and indexes exactly as the server reports them. */
export async function listStoredCollections(db: Db): Promise<StoredCollection[]> {
  const infos = (await db.listCollections({}, { nameOnly: false, ...EXACT_BSON }).toArray()).map((info) => CollectionInfo.parse(info));
  const collections: StoredCollection[] = [];
  for (const info of infos.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!copiedCollection(info.name, info.type)) continue;
    const indexes = await db.collection(info.name).listIndexes(EXACT_BSON).toArray();
    collections.push({ name: info.name, options: info.options ?? {}, indexes, uuid: info.info?.uuid?.toString('hex') });
  }
  return collections;
}

/** Each document of the collection as the server's own BSON bytes, in natural order. */
export async function* rawDocuments(db: Db, name: string): AsyncGenerator<Uint8Array> {
  for await (const doc of db.collection(name).find({}, { raw: true })) {
    // `raw: true` makes the driver hand out each document's bytes, which its types do not say.
    const bytes: unknown = doc;
    if (!(bytes instanceof Uint8Array))
      throw new Error(`the driver returned a decoded document from ${name} where raw bytes were asked for`);
    yield bytes;
  }
}

/**
 * Refuses to load into a database that already holds documents unless the operator said
 * `--replace`: a restore or import must never mix two databases' plans without being asked to.
 */
export async function assertReplaceable(db: Db, replace: boolean, what: string): Promise<void> {
  if (replace) return;
  const holding: string[] = [];
  for (const { name } of await listStoredCollections(db)) {
    if ((await db.collection(name).findOne({}, { projection: { _id: 1 } })) !== null) holding.push(name);
  }
  if (holding.length > 0) {
    throw new GoFastError(
      'CONFLICT',
      `the database "${db.databaseName}" already holds documents (in ${holding.join(', ')}), so the ${what} was not loaded; add --replace to replace the collections it holds`,
      { userFacing: true },
    );
  }
}

/**
 * Drops the collection when it exists (it is empty unless --replace was given) and creates it
 * again with the copied options, so options such as a validator come back as they were.
 */
export async function recreateCollection(db: Db, name: string, options: Document): Promise<void> {
  const exists = (await db.listCollections({ name }, { nameOnly: true }).toArray()).length > 0;
  if (exists) await db.collection(name).drop();
  await db.command({ create: name, ...options });
}

/**
 * Inserts documents given as BSON bytes, decoded with every type kept. The copy was valid where it
 * was taken, so a validator added since must not refuse it (mongorestore's --bypassDocumentValidation).
 */
export async function insertRawDocuments(db: Db, name: string, docs: readonly Uint8Array[]): Promise<void> {
  if (docs.length === 0) return;
  await db.collection(name).insertMany(
    docs.map((bytes) => BSON.deserialize(bytes, EXACT_BSON)),
    { ordered: true, bypassDocumentValidation: true },
  );
}

/**
 * Creates the copied indexes once the documents are in (faster than maintaining them row by row,
 * and the copy already satisfied them). `_id_` exists with the collection; `ns` is what old
 * servers reported and new ones refuse.
 */
export async function createCopiedIndexes(db: Db, name: string, indexes: readonly Document[]): Promise<void> {
  const specs = indexes
    .filter((index) => index.name !== '_id_')
    .map((index) => Object.fromEntries(Object.entries(index).filter(([field]) => field !== 'ns')));
  if (specs.length > 0) await db.command({ createIndexes: name, indexes: specs });
}

/**
 * Writes a file so that a crash never leaves half of it under the real name: into `FILE.tmp`, then
 * fsync, rename, and fsync of the directory so the rename itself survives a power cut.
 */
async function writeAtomically<T>(file: string, write: (handle: FileHandle) => Promise<T>): Promise<T> {
  const temporary = `${file}.tmp`;
  const target = await stat(file).catch(() => undefined);
  if (target?.isDirectory() === true) throw refused(`${file} is a directory: name the file to write`);
  let handle: FileHandle;
  try {
    // 0600: a backup holds every plan and the API keys' hashes.
    handle = await open(temporary, 'w', 0o600);
  } catch (error) {
    throw fsCode(error) === 'ENOENT' ? refused(`cannot write ${file}: its directory does not exist`, error) : error;
  }
  try {
    const result = await write(handle);
    await handle.sync();
    await handle.close();
    await rename(temporary, file);
    await syncDirectory(dirname(file));
    return result;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
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

// ---------------------------------------------------------------------------------------------
// Records and their framing.

function frame(payload: Uint8Array): Buffer {
  const head = Buffer.alloc(RECORD_HEAD_BYTES);
  head.writeUInt32LE(payload.length, 0);
  head.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([head, payload]);
}

function cstring(text: string): Buffer {
  if (text.includes('\0')) throw new Error(`a BSON key or name cannot hold a NUL character: ${JSON.stringify(text)}`);
  return Buffer.from(`${text}\0`, 'utf8');
}

/**
 * `{ collection: name, docs: [...] }` assembled around the documents' own bytes instead of decoding
 * and re-encoding them, so what is restored is exactly what the server returned.
 */
function docsPayload(name: string, docs: readonly Uint8Array[]): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const nameLength = Buffer.alloc(4);
  nameLength.writeInt32LE(nameBytes.length + 1, 0);
  const elements: Buffer[] = [];
  docs.forEach((doc, i) => elements.push(Buffer.from([0x03]), cstring(String(i)), Buffer.from(doc)));
  const array = Buffer.concat([Buffer.alloc(4), ...elements, Buffer.from([0])]);
  array.writeInt32LE(array.length, 0);
  const body = Buffer.concat([
    Buffer.alloc(4),
    Buffer.from([0x02]),
    cstring('collection'),
    nameLength,
    nameBytes,
    Buffer.from([0]),
    Buffer.from([0x04]),
    cstring('docs'),
    array,
    Buffer.from([0]),
  ]);
  body.writeInt32LE(body.length, 0);
  return body;
}

/** A count as BSON numbers decode with EXACT_BSON (Int32, Double or Long) or as a plain number. */
const Count = z.preprocess(
  (value) => (value instanceof Int32 || value instanceof Double ? value.valueOf() : value instanceof Long ? value.toNumber() : value),
  z.number().int().nonnegative(),
);

const IndexDescription = z.object({ name: z.string().min(1), key: z.record(z.string(), z.unknown()) }).loose();

const HeaderRecord = z.object({ gofastBackup: Count, createdAt: z.date(), database: z.string() });
const CollectionRecord = z.object({
  collection: z.string().min(1),
  options: z.record(z.string(), z.unknown()),
  indexes: z.array(IndexDescription),
});
const DocsRecord = z.object({ collection: z.string().min(1), docs: z.array(z.instanceof(Uint8Array)) });
const EndRecord = z.object({ end: z.literal(true), collections: Count, documents: Count });

type ArchiveRecord =
  | { readonly kind: 'header'; readonly createdAt: Date; readonly database: string; readonly version: number }
  | { readonly kind: 'collection'; readonly collection: CollectionDescription }
  | { readonly kind: 'docs'; readonly collection: string; readonly docs: readonly Uint8Array[] }
  | { readonly kind: 'end'; readonly collections: number; readonly documents: number };

/** Reads one payload as the record it claims to be, with zod: the file is input like any other. */
function parseRecord(payload: Buffer): ArchiveRecord | undefined {
  // Documents stay bytes; only a docs record is decoded this way (a collection's options could
  // themselves hold an array named `docs`).
  const decoded = BSON.deserialize(payload, { ...EXACT_BSON, fieldsAsRaw: { docs: true } });
  if ('gofastBackup' in decoded) {
    const header = HeaderRecord.safeParse(decoded);
    return header.success ? { kind: 'header', ...header.data, version: header.data.gofastBackup } : undefined;
  }
  if ('end' in decoded) {
    const end = EndRecord.safeParse(decoded);
    return end.success ? { kind: 'end', collections: end.data.collections, documents: end.data.documents } : undefined;
  }
  if ('docs' in decoded) {
    const docs = DocsRecord.safeParse(decoded);
    return docs.success ? { kind: 'docs', collection: docs.data.collection, docs: docs.data.docs } : undefined;
  }
  const collection = CollectionRecord.safeParse(BSON.deserialize(payload, EXACT_BSON));
  if (!collection.success) return undefined;
  const { collection: name, options, indexes } = collection.data;
  return { kind: 'collection', collection: { name, options, indexes } };
}

async function readFully(handle: FileHandle, into: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) throw new Error('the file ended while it was read');
    done += bytesRead;
  }
}

/** Every record of the file, each checked against its checksum before it is decoded. */
async function* records(file: string): AsyncGenerator<ArchiveRecord> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = fsCode(error);
    if (code === 'ENOENT') throw refused(`${file} does not exist`, error);
    if (code === 'EISDIR') throw refused(`${file} is a directory, not a backup file`, error);
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(RECORD_HEAD_BYTES);
    let offset = 0;
    while (offset < size) {
      if (size - offset < RECORD_HEAD_BYTES) throw damaged(file, `it ends inside a record at byte ${offset} (it was cut short)`);
      await readFully(handle, head, offset);
      const length = head.readUInt32LE(0);
      if (length < 5 || length > MAX_RECORD_BYTES) throw damaged(file, `the record at byte ${offset} has an impossible length`);
      if (offset + RECORD_HEAD_BYTES + length > size) throw damaged(file, `it ends inside the record at byte ${offset} (it was cut short)`);
      const payload = Buffer.alloc(length);
      await readFully(handle, payload, offset + RECORD_HEAD_BYTES);
      if (crc32(payload) !== head.readUInt32LE(4)) throw damaged(file, `the record at byte ${offset} fails its checksum`);
      let record: ArchiveRecord | undefined;
      try {
        record = parseRecord(payload);
      } catch {
        record = undefined;
      }
      if (record === undefined) throw damaged(file, `the record at byte ${offset} is not a backup record`);
      yield record;
      offset += RECORD_HEAD_BYTES + length;
    }
  } finally {
    await handle.close();
  }
}

function damaged(file: string, why: string): GoFastError {
  return refused(`${file} is not a usable backup: ${why}; nothing was changed`);
}

// ---------------------------------------------------------------------------------------------
// Backup and restore.

export type BackupSummary = { readonly collections: number; readonly documents: number; readonly bytes: number };

/** What a restore or an import loaded. */
export type LoadSummary = { readonly collections: number; readonly documents: number };

/** Writes every copied collection of `db` into `file` (atomically; see writeAtomically). */
export async function writeBackup(db: Db, file: string, now: Date): Promise<BackupSummary> {
  return guardedBulkStorage('backup', () =>
    writeAtomically(file, async (handle) => {
      let bytes = 0;
      const put = async (payload: Uint8Array): Promise<void> => {
        const record = frame(payload);
        await handle.write(record);
        bytes += record.length;
      };
      await put(BSON.serialize({ gofastBackup: FORMAT_VERSION, createdAt: now, database: db.databaseName }));
      const collections = await listStoredCollections(db);
      let documents = 0;
      for (const { name, options, indexes } of collections) {
        await put(BSON.serialize({ collection: name, options, indexes }));
        let batch: Uint8Array[] = [];
        let batchBytes = 0;
        for await (const doc of rawDocuments(db, name)) {
          batch.push(doc);
          batchBytes += doc.length;
          documents += 1;
          if (batchBytes >= BATCH_BYTES) {
            await put(docsPayload(name, batch));
            batch = [];
            batchBytes = 0;
          }
        }
        if (batch.length > 0) await put(docsPayload(name, batch));
      }
      await put(BSON.serialize({ end: true, collections: collections.length, documents }));
      return { collections: collections.length, documents, bytes };
    }),
  );
}

/** A backup file read through once and found whole: what `restoreBackup` accepts. */
export type VerifiedBackup = {
  readonly file: string;
  /** The file's size when it was verified: a file changed since is verified again, not trusted. */
  readonly size: number;
  readonly database: string;
  readonly createdAt: Date;
  readonly collections: readonly string[];
  readonly documents: number;
};

/**
 * Reads the whole file and checks every checksum, the order of the records, and the end record's
 * counts against what the file holds, without touching any database.
 */
export async function verifyBackup(file: string): Promise<VerifiedBackup> {
  let header: Extract<ArchiveRecord, { kind: 'header' }> | undefined;
  let ended = false;
  const collections: string[] = [];
  let documents = 0;
  for await (const record of records(file)) {
    if (ended) throw damaged(file, 'it continues after its end record');
    if (header === undefined) {
      if (record.kind !== 'header') throw refused(`${file} is not a gofast backup: it does not start with a backup header`);
      if (record.version !== FORMAT_VERSION) throw refused(`${file} is a version ${record.version} backup, which this gofast cannot read`);
      header = record;
      continue;
    }
    switch (record.kind) {
      case 'header':
        throw damaged(file, 'it holds a second header');
      case 'collection':
        if (collections.includes(record.collection.name)) throw damaged(file, `it holds the collection ${record.collection.name} twice`);
        collections.push(record.collection.name);
        break;
      case 'docs':
        if (record.collection !== collections.at(-1)) throw damaged(file, `documents of ${record.collection} are out of place`);
        // A document the checksum accepted must also decode, or the restore would fail half way.
        for (const doc of record.docs) BSON.deserialize(doc, EXACT_BSON);
        documents += record.docs.length;
        break;
      case 'end':
        if (record.collections !== collections.length || record.documents !== documents) {
          throw damaged(
            file,
            `its end record counts ${record.documents} documents in ${record.collections} collections, not the ${documents} in ${collections.length} it holds`,
          );
        }
        ended = true;
        break;
    }
  }
  if (header === undefined) throw refused(`${file} is not a gofast backup: it is empty`);
  if (!ended) throw damaged(file, 'it has no end record (it was cut short)');
  return { file, size: (await stat(file)).size, database: header.database, createdAt: header.createdAt, collections, documents };
}

/**
 * Loads a verified backup into `db`: refused when `db` holds documents unless `replace`; otherwise
 * each collection of the backup is dropped, created again with its options, filled in batches,
 * and given its indexes. Collections of `db` that the backup does not hold are left alone.
 */
export async function restoreBackup(db: Db, backup: VerifiedBackup, options: { readonly replace: boolean }): Promise<LoadSummary> {
  return guardedBulkStorage('restore', async () => {
    if ((await stat(backup.file)).size !== backup.size)
      throw refused(`${backup.file} changed while it was being checked; nothing was changed`);
    await assertReplaceable(db, options.replace, 'backup');
    let pending: CollectionDescription | undefined;
    const finishCollection = async (): Promise<void> => {
      if (pending !== undefined) await createCopiedIndexes(db, pending.name, pending.indexes);
      pending = undefined;
    };
    let collections = 0;
    let documents = 0;
    for await (const record of records(backup.file)) {
      if (record.kind === 'collection') {
        await finishCollection();
        await recreateCollection(db, record.collection.name, record.collection.options);
        pending = record.collection;
        collections += 1;
      } else if (record.kind === 'docs') {
        await insertRawDocuments(db, record.collection, record.docs);
        documents += record.docs.length;
      } else if (record.kind === 'end') {
        await finishCollection();
      }
    }
    return { collections, documents };
  });
}
