/**
 * `gofast export` / `gofast import`: a database as mongodump lays it out, so the data moves to a
 * real MongoDB with `mongorestore --dir DIR`, and a mongodump of one database loads into the store.
 *
 * The layout (mongo-tools' mongodump/metadata_dump.go): `DIR/<database>/<collection>.bson` holds
 * the collection's documents as concatenated raw BSON, and `<collection>.metadata.json` its
 * options, index descriptions, uuid, name and type in canonical Extended JSON. File names are the
 * names escaped as Go's url.PathEscape does, which is what mongodump writes and mongorestore
 * reads. `mongodump --gzip` output (`.bson.gz`, `.metadata.json.gz`) is read too.
 *
 * mongodump's format carries no checksum or end marker, so an import reads the whole directory
 * first (every metadata file parsed, every document decoded) and only then changes the database;
 * an export is written beside its final name and renamed into place once complete, so a crash
 * never leaves a half export that an import would take for a whole one.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { BSON, type Db, type Document } from 'mongodb';
import { z } from 'zod';
import { GoFastError } from '../domain/errors.js';
import { guardedBulkStorage } from './mongo-connection.js';
import {
  BATCH_BYTES,
  EXACT_BSON,
  MAX_DOCUMENT_BYTES,
  assertReplaceable,
  createCopiedIndexes,
  fsCode,
  insertRawDocuments,
  listStoredCollections,
  rawDocuments,
  recreateCollection,
  refused,
  type LoadSummary,
} from './store-archive.js';

/** Bytes Go's url.PathEscape leaves as they are; every other byte becomes %XX. */
const PATH_SAFE = /^[A-Za-z0-9\-_.~$&+=:@]$/;

/** A collection or database name as mongodump names its file or folder. */
function escapeName(name: string): string {
  let out = '';
  for (const byte of Buffer.from(name, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && PATH_SAFE.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function unescapeName(fileName: string): string {
  try {
    return decodeURIComponent(fileName);
  } catch {
    return fileName;
  }
}

export type ExportSummary = { readonly folder: string; readonly collections: number; readonly documents: number; readonly bytes: number };

/** Writes every copied collection of `db` into `DIR/<database>/`, refusing a folder that already holds files. */
export async function writeDump(db: Db, dir: string): Promise<ExportSummary> {
  return guardedBulkStorage('export', async () => {
    const folder = join(dir, escapeName(db.databaseName));
    const existing = await readdir(folder).catch((error: unknown) => {
      if (fsCode(error) === 'ENOENT') return [];
      throw fsCode(error) === 'ENOTDIR' ? refused(`${dir} is not a directory`, error) : error;
    });
    if (existing.length > 0) throw refused(`${folder} already holds files: export into another directory, or remove it first`);
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw fsCode(error) === 'EEXIST' || fsCode(error) === 'ENOTDIR' ? refused(`${dir} is not a directory`, error) : error;
    }
    // Hidden from an import that looks for database folders while it is being written.
    const partial = join(dir, `.${escapeName(db.databaseName)}.partial`);
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { mode: 0o700 });
    try {
      const written = await writeCollections(db, partial);
      // An empty folder in the way (checked above) goes; rmdir refuses one that gained files since.
      await rmdir(folder).catch((error: unknown) => {
        if (fsCode(error) !== 'ENOENT') throw error;
      });
      await rename(partial, folder);
      return { folder, ...written };
    } catch (error) {
      await rm(partial, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
  });
}

/** Each collection's .bson and .metadata.json files, in `folder`. */
async function writeCollections(db: Db, folder: string): Promise<Omit<ExportSummary, 'folder'>> {
  let documents = 0;
  let bytes = 0;
  const collections = await listStoredCollections(db);
  for (const { name, options, indexes, uuid } of collections) {
    const file = escapeName(name);
    await withFile(join(folder, `${file}.bson`), async (handle) => {
      let batch: Uint8Array[] = [];
      let batchBytes = 0;
      for await (const doc of rawDocuments(db, name)) {
        batch.push(doc);
        batchBytes += doc.length;
        documents += 1;
        if (batchBytes >= BATCH_BYTES) {
          await handle.write(Buffer.concat(batch));
          batch = [];
          batchBytes = 0;
        }
      }
      if (batch.length > 0) await handle.write(Buffer.concat(batch));
      bytes += (await handle.stat()).size;
    });
    // mongodump's field order: options, indexes, uuid (when the server has one), collectionName, type.
    const metadata = {
      options,
      indexes,
      ...(uuid === undefined ? {} : { uuid }),
      collectionName: name,
      type: 'collection',
    };
    await withFile(join(folder, `${file}.metadata.json`), (handle) => handle.writeFile(BSON.EJSON.stringify(metadata, { relaxed: false })));
  }
  return { collections: collections.length, documents, bytes };
}

async function withFile(path: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  // 0600: the files hold every plan and the API keys' hashes.
  const handle = await open(path, 'w', 0o600);
  try {
    await write(handle);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a dump.

const DUMP_FILE = /^(.+?)\.(bson|metadata\.json)(\.gz)?$/;

/** What mongodump writes beside the database folders, which is not a collection of one. */
const NOT_COLLECTION_FILES = new Set(['oplog.bson', 'prelude.json']);

/** mongodump's own databases of a full-server dump, which never move with the coach's data. */
const SERVER_DATABASES = new Set(['admin', 'config', 'local']);

const IndexDescription = z.object({ name: z.string().min(1), key: z.record(z.string(), z.unknown()) }).loose();

const DumpMetadata = z.object({
  options: z.record(z.string(), z.unknown()).optional(),
  indexes: z.array(IndexDescription).optional(),
  uuid: z.string().optional(),
  collectionName: z.string().min(1).optional(),
  type: z.string().optional(),
});

type DumpCollection = {
  readonly name: string;
  readonly options: Document;
  readonly indexes: readonly Document[];
  /** The .bson file, if there is one (mongodump writes one for every collection, even empty). */
  readonly bson: string | undefined;
  readonly documents: number;
};

/** A dump directory read through once and found readable: what `loadDump` accepts. */
export type VerifiedDump = {
  readonly folder: string;
  readonly collections: readonly DumpCollection[];
  /** Views, time series and system collections found in the dump and left out. */
  readonly skipped: readonly string[];
  readonly documents: number;
};

function isDumpFile(name: string): boolean {
  return !NOT_COLLECTION_FILES.has(name) && DUMP_FILE.test(name);
}

/**
 * The folder of one database's dump: `dir` itself when it holds collection files, else its one
 * database folder (the server's own databases of a full dump aside).
 */
async function databaseFolder(dir: string): Promise<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = fsCode(error);
    if (code === 'ENOENT') throw refused(`${dir} does not exist`, error);
    if (code === 'ENOTDIR') throw refused(`${dir} is not a directory`, error);
    throw error;
  }
  if (entries.some((entry) => entry.isFile() && isDumpFile(entry.name))) return dir;
  const databases: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || SERVER_DATABASES.has(entry.name)) continue;
    if ((await readdir(join(dir, entry.name))).some(isDumpFile)) databases.push(entry.name);
  }
  const [only, ...others] = databases.sort();
  if (only === undefined)
    throw refused(`${dir} holds no mongodump output (no .bson or .metadata.json files in it or in a database folder)`);
  if (others.length > 0) {
    throw refused(
      `${dir} holds dumps of ${databases.length} databases (${databases.join(', ')}): name the folder of one, such as ${join(dir, only)}`,
    );
  }
  return join(dir, only);
}

/** The bytes of a file, gunzipped when its name says so. */
async function readDumpFile(path: string): Promise<Buffer> {
  const bytes = await readFile(path);
  return path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

function openDumpStream(path: string): Readable {
  const stream = createReadStream(path);
  if (!path.endsWith('.gz')) return stream;
  // pipeline, not pipe: a read error then ends the gunzipped stream with it instead of stalling it.
  return pipeline(stream, createGunzip(), () => undefined);
}

/** The documents of a .bson file as raw BSON, one after the other, each checked for its framing. */
async function* bsonFileDocuments(path: string): AsyncGenerator<Uint8Array> {
  const chunks: Buffer[] = [];
  let buffered = 0;
  let needed = 4;
  let offset = 0;
  for await (const chunk of openDumpStream(path)) {
    if (!Buffer.isBuffer(chunk)) throw new Error(`${path}: the stream gave text, not bytes`);
    chunks.push(chunk);
    buffered += chunk.length;
    // Chunks are joined only once a whole document is in, so a large document costs one copy.
    while (buffered >= needed) {
      let pending = chunks.length === 1 ? (chunks[0] ?? Buffer.alloc(0)) : Buffer.concat(chunks);
      const size = pending.readInt32LE(0);
      if (size < 5 || size > MAX_DOCUMENT_BYTES)
        throw refused(`${path} is not a mongodump .bson file: the document at byte ${offset} has an impossible length`);
      if (pending.length < size) {
        chunks.splice(0, chunks.length, pending);
        needed = size;
        break;
      }
      const doc = pending.subarray(0, size);
      if (doc[size - 1] !== 0) throw refused(`${path} is not a mongodump .bson file: the document at byte ${offset} is not terminated`);
      yield doc;
      offset += size;
      pending = pending.subarray(size);
      chunks.splice(0, chunks.length, ...(pending.length > 0 ? [pending] : []));
      buffered = pending.length;
      needed = 4;
    }
  }
  if (buffered > 0) throw refused(`${path} ends inside the document at byte ${offset} (it was cut short)`);
}

/** The number of documents in a .bson file, each decoded once to prove it can be loaded. */
async function checkBsonFile(path: string): Promise<number> {
  let count = 0;
  try {
    for await (const doc of bsonFileDocuments(path)) {
      try {
        BSON.deserialize(doc, EXACT_BSON);
      } catch (error) {
        throw refused(`${path} holds a document that cannot be decoded (document ${count + 1})`, error);
      }
      count += 1;
    }
  } catch (error) {
    // A read or gunzip failure says the file, not the database, is at fault.
    if (error instanceof GoFastError) throw error;
    throw refused(`${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  return count;
}

/**
 * Reads a dump directory through once without touching any database: every metadata file parsed
 * with zod, every document decoded, so a damaged dump is refused before anything changes.
 */
export async function verifyDump(dir: string): Promise<VerifiedDump> {
  const folder = await databaseFolder(dir);
  const files = (await readdir(folder)).filter(isDumpFile).sort();
  const byName = new Map<string, { bson?: string; metadata?: string }>();
  for (const file of files) {
    const [, base = '', kind] = DUMP_FILE.exec(file) ?? [];
    const entry = byName.get(base) ?? {};
    if (kind === 'bson') entry.bson = join(folder, file);
    else entry.metadata = join(folder, file);
    byName.set(base, entry);
  }
  const collections: DumpCollection[] = [];
  const skipped: string[] = [];
  let documents = 0;
  for (const [base, { bson, metadata }] of byName) {
    let parsed: z.infer<typeof DumpMetadata> = {};
    if (metadata !== undefined) {
      let json: unknown;
      try {
        json = BSON.EJSON.parse((await readDumpFile(metadata)).toString('utf8'), { relaxed: false });
      } catch (error) {
        throw refused(`${metadata} is not a mongodump metadata file: it is not Extended JSON`, error);
      }
      const result = DumpMetadata.safeParse(json);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw refused(
          `${metadata} is not a mongodump metadata file: ${issue ? `${issue.path.join('.') || 'the document'}: ${issue.message}` : 'unexpected shape'}`,
        );
      }
      parsed = result.data;
    }
    // mongodump shortens very long names in file names; the metadata keeps the whole one.
    const name = parsed.collectionName ?? unescapeName(base);
    if (name.startsWith('system.') || (parsed.type !== undefined && parsed.type !== 'collection')) {
      skipped.push(name);
      continue;
    }
    const count = bson === undefined ? 0 : await checkBsonFile(bson);
    documents += count;
    collections.push({ name, options: parsed.options ?? {}, indexes: parsed.indexes ?? [], bson, documents: count });
  }
  if (collections.length === 0 && skipped.length === 0) throw refused(`${folder} holds no collections`);
  return { folder, collections, skipped, documents };
}

/**
 * Loads a verified dump into `db`, under the --replace rule of a restore: each collection is
 * created again with its options, filled in batches of about 1 MiB, and given its indexes.
 */
export async function loadDump(db: Db, dump: VerifiedDump, options: { readonly replace: boolean }): Promise<LoadSummary> {
  return guardedBulkStorage('import', async () => {
    await assertReplaceable(db, options.replace, 'dump');
    let documents = 0;
    for (const collection of dump.collections) {
      await recreateCollection(db, collection.name, collection.options);
      if (collection.bson !== undefined) {
        let batch: Uint8Array[] = [];
        let batchBytes = 0;
        for await (const doc of bsonFileDocuments(collection.bson)) {
          batch.push(doc);
          batchBytes += doc.length;
          if (batchBytes >= BATCH_BYTES) {
            await insertRawDocuments(db, collection.name, batch);
            documents += batch.length;
            batch = [];
            batchBytes = 0;
          }
        }
        await insertRawDocuments(db, collection.name, batch);
        documents += batch.length;
      }
      await createCopiedIndexes(db, collection.name, collection.indexes);
    }
    return { collections: dump.collections.length, documents };
  });
}
