/**
 * `gofast backup` / `restore` / `export` / `import` through `runCli`, against real databases: the
 * data that comes back is compared as BSON bytes, so every type (a Long beyond 2^53, a Decimal128,
 * dates, binary, nested arrays) must survive, and a damaged file must change nothing.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BSON, Binary, Decimal128, Double, Int32, Long, MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cli, type CliResult } from '../support/run-cli.js';
import { startTestMongo, withDatabase, type TestMongo } from '../support/mongo.js';

let mongo: TestMongo;
let client: MongoClient;
let db: Db;
let dir: string;
let databases = 0;

beforeAll(async () => {
  mongo = await startTestMongo();
  client = new MongoClient(mongo.uri);
  await client.connect();
  db = client.db();
  dir = await mkdtemp(join(tmpdir(), 'gofast-backup-'));
});

afterAll(async () => {
  await client.close();
  await mongo.close();
});

/** Another database on the same server, for a copy to land in. */
function otherDatabase(): { uri: string; db: Db } {
  databases += 1;
  const name = `${mongo.dbName}_${databases}`;
  return { uri: withDatabase(mongo.uri, name), db: client.db(name) };
}

const OWNER = 'slack:T1:U1';

/** Documents of every kind the store keeps, with the BSON types that are easiest to lose. */
async function seed(target: Db): Promise<void> {
  await target.dropDatabase();
  await target.createCollection('outline_cache', { validator: { key: { $type: 'string' } } });
  await target.collection('outline_cache').insertOne({
    key: 'k1',
    outline: {
      phases: [
        ['base', 4],
        ['build', new Int32(6)],
      ],
    },
  });
  await target.collection('api_keys').createIndex({ hash: 1 }, { unique: true, name: 'hash_unique' });
  await target.collection('api_keys').insertMany([
    { hash: 'h1', owner: OWNER, createdAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), revokedAt: null },
    { hash: 'h2', owner: OWNER, createdAt: new Date(Date.UTC(2026, 0, 3)), label: 'ci' },
  ]);
  await target.collection('plans').createIndex({ owner: 1, status: 1 }, { name: 'owner_1_status_1' });
  await target.collection('plans').insertMany([
    {
      _id: new ObjectId('65f0a1b2c3d4e5f601234567'),
      owner: OWNER,
      status: 'active',
      counter: Long.fromString('9007199254740993'), // 2^53 + 1: a double cannot hold it
      price: Decimal128.fromString('1234.5678901234567890'),
      pace: new Double(7.25),
      weeks: [[1, [2.5, 'x', null]], [], [{ miles: new Int32(20), days: [true, false] }]],
      raw: new Binary(Buffer.from([0, 1, 2, 254, 255]), 0),
      dueAt: new Date(Date.UTC(2027, 1, 21, 6)),
      nested: { deeper: { deepest: [Long.fromString('-9223372036854775808')] } },
    },
    { _id: new ObjectId('65f0a1b2c3d4e5f601234568'), owner: 'discord:G1:U2', status: 'preview', weeks: [] },
  ]);
}

type Snapshot = Record<string, { docs: string[]; indexes: Document[]; options: Document }>;

/** Every collection's documents as hex BSON (in _id order), its indexes and its options. */
async function snapshot(target: Db): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const info of await target.listCollections().toArray()) {
    const docs = await target.collection(info.name).find({}, { raw: true }).sort({ _id: 1 }).toArray();
    const indexes = await target.collection(info.name).listIndexes().toArray();
    out[info.name] = {
      docs: docs.map((doc) => Buffer.from(doc as unknown as Uint8Array).toString('hex')),
      indexes: indexes.sort((a, b) => String(a.name).localeCompare(String(b.name))),
      options: ('options' in info ? info.options : undefined) ?? {},
    };
  }
  return out;
}

function oneLine(result: CliResult): string {
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  return result.stderr;
}

beforeEach(async () => {
  await seed(db);
});

describe('gofast backup and restore', () => {
  it('give back the same documents, byte for byte, with their indexes and options', async () => {
    const before = await snapshot(db);
    expect(Object.keys(before).sort()).toEqual(['api_keys', 'outline_cache', 'plans']);
    const file = join(dir, 'roundtrip.gofast');

    const backup = await cli(['backup', file, '--mongo', mongo.uri]);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    const size = (await readFile(file)).length;
    expect(backup.stdout).toBe(
      `${file}: 3 collections, 5 documents, ${size} bytes, from database "${mongo.dbName}" (${backup.stdout.split('(')[1]?.split(')')[0]})\n`,
    );
    expect(await readdir(dir)).not.toContain('roundtrip.gofast.tmp');

    await db.dropDatabase();
    expect(await snapshot(db)).toEqual({});
    const restore = await cli(['restore', file, '--mongo', mongo.uri]);
    expect(restore).toMatchObject({ code: 0, stderr: '' });
    expect(restore.stdout).toMatch(
      new RegExp(
        `^restored 3 collections, 5 documents into database "${mongo.dbName}" .*, from ${file} \\(database "${mongo.dbName}", taken `,
      ),
    );
    expect(await snapshot(db)).toEqual(before);

    // The unique index is enforced again, not just listed.
    await expect(db.collection('api_keys').insertOne({ hash: 'h1', owner: OWNER })).rejects.toMatchObject({ code: 11000 });
    const plan = await db.collection('plans').findOne({ _id: new ObjectId('65f0a1b2c3d4e5f601234567') }, { promoteLongs: false });
    expect(String(plan?.counter)).toBe('9007199254740993');
  });

  it('refuses a cut-short or damaged backup with one sentence, and changes nothing', async () => {
    const file = join(dir, 'whole.gofast');
    expect((await cli(['backup', file, '--mongo', mongo.uri])).code).toBe(0);
    const bytes = await readFile(file);
    const truncated = join(dir, 'truncated.gofast');
    await writeFile(truncated, bytes.subarray(0, bytes.length - 10));
    const flipped = join(dir, 'flipped.gofast');
    const damaged = Buffer.from(bytes);
    const middle = Math.floor(damaged.length / 2);
    damaged[middle] = (damaged[middle] ?? 0) ^ 0x01;
    await writeFile(flipped, damaged);

    await db.collection('plans').insertOne({ owner: OWNER, status: 'draft', note: 'made after the backup' });
    const before = await snapshot(db);
    for (const bad of [truncated, flipped]) {
      const result = await cli(['restore', bad, '--replace', '--mongo', mongo.uri]);
      expect(result.code).toBe(2);
      expect(oneLine(result)).toMatch(new RegExp(`^gofast restore: ${bad} is not a usable backup: .*; nothing was changed\\n$`));
      expect(await snapshot(db)).toEqual(before);
    }
    // Nor does anything appear in an empty database.
    const empty = otherDatabase();
    expect((await cli(['restore', truncated, '--mongo', empty.uri])).code).toBe(2);
    expect(await snapshot(empty.db)).toEqual({});
  });

  it('refuses to restore into a database that holds documents unless --replace', async () => {
    const file = join(dir, 'replace.gofast');
    expect((await cli(['backup', file, '--mongo', mongo.uri])).code).toBe(0);
    const backedUp = await snapshot(db);
    await db.collection('plans').deleteMany({ status: 'preview' });
    await db.collection('plans').insertOne({ owner: OWNER, status: 'draft' });
    await db.collection('extra').insertOne({ kept: true });
    const changed = await snapshot(db);

    const refused = await cli(['restore', file, '--mongo', mongo.uri]);
    expect(refused.code).toBe(2);
    expect(oneLine(refused)).toMatch(
      /^gofast restore: the database ".*" already holds documents \(in api_keys, extra, outline_cache, plans\), so the backup was not loaded; add --replace/,
    );
    expect(await snapshot(db)).toEqual(changed);

    const replaced = await cli(['restore', file, '--replace', '--mongo', mongo.uri]);
    expect(replaced.code).toBe(0);
    // The backup's collections are as they were; a collection it does not hold is left alone.
    const { extra, ...restored } = await snapshot(db);
    expect(restored).toEqual(backedUp);
    expect(extra?.docs).toHaveLength(1);
  });

  it('says what is missing or wrong with the arguments', async () => {
    const missing = await cli(['backup', '--mongo', mongo.uri]);
    expect(missing.code).toBe(2);
    expect(oneLine(missing)).toBe('gofast backup: missing the file to write (gofast backup FILE)\n');
    const two = await cli(['restore', 'a.gofast', 'b.gofast']);
    expect(two.code).toBe(2);
    expect(oneLine(two)).toBe('gofast restore: one backup file at a time, not also "b.gofast"\n');
    const absent = await cli(['restore', join(dir, 'absent.gofast'), '--mongo', mongo.uri]);
    expect(absent.code).toBe(2);
    expect(oneLine(absent)).toBe(`gofast restore: ${join(dir, 'absent.gofast')} does not exist\n`);
    const noDir = await cli(['backup', join(dir, 'no', 'such', 'dir.gofast'), '--mongo', mongo.uri]);
    expect(noDir.code).toBe(2);
    expect(oneLine(noDir)).toMatch(/its directory does not exist/);
    expect((await cli(['help', 'restore'])).stdout).toMatch(/^Usage: gofast restore FILE \[--replace\] \[--mongo URI\]/);
  });
});

/** The documents of a .bson file, read as mongorestore reads them: int32 length, then the rest. */
function bsonDocuments(bytes: Buffer): Buffer[] {
  const docs: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const size = bytes.readInt32LE(offset);
    docs.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  expect(offset).toBe(bytes.length);
  return docs;
}

describe('gofast export and import', () => {
  it('write mongodump’s layout, which imports into another database as it was', async () => {
    const before = await snapshot(db);
    const out = join(dir, 'dump');
    const exported = await cli(['export', out, '--mongo', mongo.uri]);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    const folder = join(out, mongo.dbName);
    expect(exported.stdout).toMatch(new RegExp(`^${folder}: 3 collections, 5 documents, \\d+ bytes of BSON, from database`));
    expect((await readdir(out)).sort()).toEqual([mongo.dbName]);
    expect((await readdir(folder)).sort()).toEqual([
      'api_keys.bson',
      'api_keys.metadata.json',
      'outline_cache.bson',
      'outline_cache.metadata.json',
      'plans.bson',
      'plans.metadata.json',
    ]);

    const planDocs = bsonDocuments(await readFile(join(folder, 'plans.bson')));
    expect(planDocs.map((d) => d.toString('hex'))).toEqual(before.plans?.docs);
    const text = await readFile(join(folder, 'api_keys.metadata.json'), 'utf8');
    // Canonical Extended JSON, as mongodump writes it: numbers keep their BSON type.
    expect(text).toContain('"v":{"$numberInt":"2"}');
    const metadata = BSON.EJSON.parse(text, { relaxed: false }) as Document;
    expect(metadata).toMatchObject({ collectionName: 'api_keys', type: 'collection', options: {} });
    expect(Object.keys(metadata)).toEqual(['options', 'indexes', ...('uuid' in metadata ? ['uuid'] : []), 'collectionName', 'type']);
    if ('uuid' in metadata) expect(metadata.uuid).toMatch(/^[0-9a-f]{32}$/);
    expect((metadata.indexes as Document[]).map((i) => [i.name, i.unique ?? false])).toEqual([
      ['_id_', false],
      ['hash_unique', true],
    ]);
    const cacheMetadata = BSON.EJSON.parse(await readFile(join(folder, 'outline_cache.metadata.json'), 'utf8')) as Document;
    // A real mongod adds its default validationLevel and validationAction to the options.
    expect(cacheMetadata.options).toMatchObject({ validator: { key: { $type: 'string' } } });

    // The dump directory, or the database's folder in it.
    for (const from of [out, folder]) {
      const target = otherDatabase();
      const imported = await cli(['import', from, '--mongo', target.uri]);
      expect(imported).toMatchObject({ code: 0, stderr: '' });
      expect(imported.stdout).toMatch(
        new RegExp(`^imported 3 collections, 5 documents from ${folder} into database "${target.db.databaseName}"`),
      );
      expect(await snapshot(target.db)).toEqual(before);
      await expect(target.db.collection('api_keys').insertOne({ hash: 'h2' })).rejects.toMatchObject({ code: 11000 });

      const again = await cli(['import', from, '--mongo', target.uri]);
      expect(again.code).toBe(2);
      expect(oneLine(again)).toMatch(/already holds documents .* so the dump was not loaded; add --replace/);
      expect((await cli(['import', from, '--replace', '--mongo', target.uri])).code).toBe(0);
      expect(await snapshot(target.db)).toEqual(before);
    }

    const twice = await cli(['export', out, '--mongo', mongo.uri]);
    expect(twice.code).toBe(2);
    expect(oneLine(twice)).toBe(`gofast export: ${folder} already holds files: export into another directory, or remove it first\n`);
  });

  it('imports what mongodump writes: a full-server dump, gzipped, with its prelude', async () => {
    const out = join(dir, 'mongodump-out');
    await mkdir(join(out, 'admin'), { recursive: true });
    await mkdir(join(out, 'shop'), { recursive: true });
    await writeFile(join(out, 'prelude.json'), '{"ServerVersion":"7.0.14","ToolVersion":"100.10.0"}');
    await writeFile(join(out, 'admin', 'system.version.bson'), BSON.serialize({ _id: 'featureCompatibilityVersion', version: '7.0' }));
    await writeFile(
      join(out, 'admin', 'system.version.metadata.json'),
      '{"indexes":[],"collectionName":"system.version","type":"collection"}',
    );
    const items = [
      { _id: new ObjectId(), sku: 'a', qty: new Int32(1), price: Decimal128.fromString('9.99') },
      { _id: new ObjectId(), sku: 'b', qty: Long.fromString('12345678901234'), at: new Date(0) },
    ];
    await writeFile(join(out, 'shop', 'items.bson.gz'), gzipSync(Buffer.concat(items.map((d) => BSON.serialize(d)))));
    await writeFile(
      join(out, 'shop', 'items.metadata.json.gz'),
      gzipSync(
        '{"indexes":[{"v":{"$numberInt":"2"},"key":{"_id":{"$numberInt":"1"}},"name":"_id_"},' +
          '{"v":{"$numberInt":"2"},"unique":true,"key":{"sku":{"$numberInt":"1"}},"name":"sku_1"}],' +
          '"uuid":"9b1a5a0ee2b94f8c8d0e7c1a2b3c4d5e","collectionName":"items","type":"collection"}',
      ),
    );
    await writeFile(
      join(out, 'shop', 'byqty.metadata.json'),
      '{"options":{"viewOn":"items","pipeline":[]},"indexes":[],"collectionName":"byqty","type":"view"}',
    );

    const target = otherDatabase();
    const imported = await cli(['import', out, '--mongo', target.uri]);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toContain(`imported 1 collection, 2 documents from ${join(out, 'shop')}`);
    expect(imported.stdout).toContain('left out byqty');
    const stored = await target.db.collection('items').find({}, { raw: true }).sort({ _id: 1 }).toArray();
    expect(stored.map((d) => Buffer.from(d as unknown as Uint8Array).toString('hex'))).toEqual(
      items
        .sort((a, b) => a._id.toHexString().localeCompare(b._id.toHexString()))
        .map((d) => Buffer.from(BSON.serialize(d)).toString('hex')),
    );
    await expect(target.db.collection('items').insertOne({ sku: 'a' })).rejects.toMatchObject({ code: 11000 });
  });

  it('refuses a missing, empty or ambiguous directory, or a cut-short .bson file, with one sentence', async () => {
    const missing = await cli(['import', join(dir, 'nowhere'), '--mongo', mongo.uri]);
    expect(missing.code).toBe(2);
    expect(oneLine(missing)).toBe(`gofast import: ${join(dir, 'nowhere')} does not exist\n`);

    const empty = join(dir, 'empty-dump');
    await mkdir(empty);
    const none = await cli(['import', empty, '--mongo', mongo.uri]);
    expect(none.code).toBe(2);
    expect(oneLine(none)).toMatch(/holds no mongodump output/);

    const two = join(dir, 'two-dbs');
    for (const name of ['one', 'two']) {
      await mkdir(join(two, name), { recursive: true });
      await writeFile(join(two, name, 'c.bson'), BSON.serialize({ a: 1 }));
    }
    const ambiguous = await cli(['import', two, '--mongo', mongo.uri]);
    expect(ambiguous.code).toBe(2);
    expect(oneLine(ambiguous)).toMatch(/holds dumps of 2 databases \(one, two\): name the folder of one/);

    const cut = join(dir, 'cut-dump');
    await mkdir(cut);
    const bson = Buffer.concat([BSON.serialize({ a: 1 }), BSON.serialize({ b: 2 })]);
    await writeFile(join(cut, 'c.bson'), bson.subarray(0, bson.length - 3));
    const target = otherDatabase();
    const refused = await cli(['import', cut, '--mongo', target.uri]);
    expect(refused.code).toBe(2);
    expect(oneLine(refused)).toMatch(/c\.bson ends inside the document at byte \d+ \(it was cut short\)/);
    expect(await snapshot(target.db)).toEqual({});
  });
});
