/**
 * `gofast export DIR` and `gofast import DIR [--replace]`: the store's database as mongodump lays
 * it out (src/storage/mongodump-format.ts). This is how data moves to MongoDB: export from the
 * embedded store, then import with MONGODB_URI set (or `mongorestore`), and back the same way.
 */
import { loadDump, verifyDump, writeDump } from '../storage/mongodump-format.js';
import { onePath, plural, where, withDatabase, type DatabaseCommandDeps } from './backup-command.js';
import { parseFlags, stringFlag } from './parse-flags.js';

export const EXPORT_HELP = `Usage: gofast export DIR [--mongo URI]

Writes the store's database as mongodump does: DIR/<database>/<collection>.bson (the documents as
raw BSON) and DIR/<database>/<collection>.metadata.json (options and indexes as Extended JSON).
Load it into MongoDB with \`gofast import DIR\` and MONGODB_URI set, or with MongoDB's mongorestore.
A DIR/<database> folder that already holds files is refused.

  --mongo URI (or MONGODB_URI) picks the database; without either, the storage resolution applies
  (the store in GOFAST_DATA_DIR).`;

export const IMPORT_HELP = `Usage: gofast import DIR [--replace] [--mongo URI]

Loads a dump of one database, made by \`gofast export\` or by mongodump (with or without --gzip),
into the configured store. DIR is the dump directory or that database's folder in it. The whole
dump is read first, so one that cannot be loaded changes nothing. A database that already holds
documents is refused, unless --replace is given: then each collection the dump holds is dropped
and made again, and collections the dump does not hold are left alone. Stop the coach first.

  --replace      replace the collections the dump holds, in a database that already has data
  --mongo URI (or MONGODB_URI) picks the database; without either, the storage resolution applies.`;

export async function runExportCommand(argv: readonly string[], deps: DatabaseCommandDeps): Promise<string> {
  const { values, positionals } = parseFlags('export', argv, { mongo: { type: 'string' } }, true);
  const dir = onePath('export', positionals, 'the directory to write', 'gofast export DIR');
  return withDatabase(deps, stringFlag(values, 'mongo'), async (database) => {
    const written = await writeDump(database.connection.db, dir);
    return (
      `${written.folder}: ${plural(written.collections, 'collection')}, ${plural(written.documents, 'document')}, ` +
      `${plural(written.bytes, 'byte')} of BSON, from ${where(database)}\n`
    );
  });
}

export async function runImportCommand(argv: readonly string[], deps: DatabaseCommandDeps): Promise<string> {
  const { values, positionals } = parseFlags(
    'import',
    argv,
    { mongo: { type: 'string' }, replace: { type: 'boolean', default: false } },
    true,
  );
  const dir = onePath('import', positionals, 'the dump directory', 'gofast import DIR');
  // Read through before the database is opened: a dump that cannot be loaded changes nothing.
  const dump = await verifyDump(dir);
  return withDatabase(deps, stringFlag(values, 'mongo'), async (database) => {
    const loaded = await loadDump(database.connection.db, dump, { replace: values.replace === true });
    const skipped =
      dump.skipped.length === 0 ? '' : `; left out ${dump.skipped.join(', ')} (views, time series and system collections are not copied)`;
    return `imported ${plural(loaded.collections, 'collection')}, ${plural(loaded.documents, 'document')} from ${dump.folder} into ${where(database)}${skipped}\n`;
  });
}
