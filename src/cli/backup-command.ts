/**
 * `gofast backup FILE` and `gofast restore FILE [--replace]`: the whole store's database in one
 * checksummed file and back (the format is src/storage/store-archive.ts). A restore checks the
 * whole file before it opens the database, so a damaged backup changes nothing.
 */
import type { OpenDatabase } from '../app/plan-service.js';
import { restoreBackup, verifyBackup, writeBackup } from '../storage/store-archive.js';
import { parseFlags, stringFlag } from './parse-flags.js';
import { UsageError } from './usage-error.js';

export const BACKUP_HELP = `Usage: gofast backup FILE [--mongo URI]

Writes every collection of the store's database (plans, API keys, the OpenAI engine's caches),
with its options and indexes, into FILE: one file, checksummed record by record, written beside
FILE and renamed into place once complete, so a crash never leaves half a backup under its name.
The coach may keep running meanwhile: each plan is one document, so none is caught half-written.
Load it again with \`gofast restore FILE\`.

  --mongo URI (or MONGODB_URI) picks the database; without either, the storage resolution applies
  (the store in GOFAST_DATA_DIR).`;

export const RESTORE_HELP = `Usage: gofast restore FILE [--replace] [--mongo URI]

Loads a backup made by \`gofast backup\`. The whole file is checked first (every record's checksum
and the end record a complete backup has), so a damaged or cut-short file is refused and nothing
changes. A database that already holds documents is refused too, unless --replace is given: then
each collection the backup holds is dropped and made again with its options, documents and
indexes, and collections the backup does not hold are left alone. Stop the coach first.

  --replace      replace the collections the backup holds, in a database that already has data
  --mongo URI (or MONGODB_URI) picks the database; without either, the storage resolution applies.`;

export type DatabaseCommandDeps = {
  /** Opens the database the flags name (the one the coach uses). */
  readonly open: (mongoUri: string | undefined) => Promise<OpenDatabase>;
  readonly now: () => Date;
};

/** The one path a command takes (`usage` shows where it goes), refused when missing or followed by another. */
export function onePath(command: string, positionals: readonly string[], what: string, usage: string): string {
  const [path, extra] = positionals;
  if (path === undefined || path.trim() === '') throw new UsageError(`gofast ${command}: missing ${what} (${usage})`);
  if (extra !== undefined) throw new UsageError(`gofast ${command}: one ${what.replace(/^the /, '')} at a time, not also "${extra}"`);
  return path;
}

/** Runs `work` on the database the flags name, closing it whatever happens. */
export async function withDatabase(
  deps: DatabaseCommandDeps,
  mongoUri: string | undefined,
  work: (database: OpenDatabase) => Promise<string>,
): Promise<string> {
  const database = await deps.open(mongoUri);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

export function where(database: OpenDatabase): string {
  return `database "${database.connection.db.databaseName}" (${database.label})`;
}

export function plural(count: number, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}

export async function runBackupCommand(argv: readonly string[], deps: DatabaseCommandDeps): Promise<string> {
  const { values, positionals } = parseFlags('backup', argv, { mongo: { type: 'string' } }, true);
  const file = onePath('backup', positionals, 'the file to write', 'gofast backup FILE');
  return withDatabase(deps, stringFlag(values, 'mongo'), async (database) => {
    const written = await writeBackup(database.connection.db, file, deps.now());
    return `${file}: ${plural(written.collections, 'collection')}, ${plural(written.documents, 'document')}, ${plural(written.bytes, 'byte')}, from ${where(database)}\n`;
  });
}

export async function runRestoreCommand(argv: readonly string[], deps: DatabaseCommandDeps): Promise<string> {
  const { values, positionals } = parseFlags(
    'restore',
    argv,
    { mongo: { type: 'string' }, replace: { type: 'boolean', default: false } },
    true,
  );
  const file = onePath('restore', positionals, 'the backup file', 'gofast restore FILE');
  // Checked before the database is opened: a file that cannot be restored whole changes nothing.
  const backup = await verifyBackup(file);
  return withDatabase(deps, stringFlag(values, 'mongo'), async (database) => {
    const loaded = await restoreBackup(database.connection.db, backup, { replace: values.replace === true });
    return (
      `restored ${plural(loaded.collections, 'collection')}, ${plural(loaded.documents, 'document')} into ${where(database)}, ` +
      `from ${file} (database "${backup.database}", taken ${backup.createdAt.toISOString()})\n`
    );
  });
}
