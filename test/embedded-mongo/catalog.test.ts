import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoServerError } from 'mongodb';
import { openHarness, uniqueName } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

describe('collections and databases', () => {
  it('creates a collection and refuses to create it twice with NamespaceExists (48)', async () => {
    const name = uniqueName('created');
    await h.db.createCollection(name);
    const error = await h.db.command({ create: name }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 48, codeName: 'NamespaceExists' });
  });

  it('lists collections, with filter and nameOnly', async () => {
    const name = uniqueName('listed');
    await h.db.collection(name).insertOne({ a: 1 });
    const all = await h.db.listCollections().toArray();
    expect(all.find((c) => c.name === name)).toMatchObject({ name, type: 'collection' });
    const filtered = await h.db.listCollections({ name }).toArray();
    expect(filtered.map((c) => c.name)).toEqual([name]);
    const names = await h.db.listCollections({ name }, { nameOnly: true }).toArray();
    expect(names).toEqual([{ name, type: 'collection' }]);
  });

  it('drops a collection with its documents and indexes', async () => {
    const coll = h.db.collection(uniqueName('dropped'));
    await coll.insertOne({ a: 1 });
    await coll.createIndex({ a: 1 });
    expect(await coll.drop()).toBe(true);
    expect(await coll.countDocuments()).toBe(0);
    expect((await h.db.listCollections({ name: coll.collectionName }).toArray()).length).toBe(0);
  });

  it('lets the driver drop a collection that does not exist', async () => {
    await expect(h.db.collection(uniqueName('never')).drop()).resolves.toBeTypeOf('boolean');
  });

  it('lists databases and drops one', async () => {
    const other = h.client.db(`${h.db.databaseName}_x`);
    await other.collection('c').insertOne({ a: 1 });
    const { databases } = await h.db.admin().listDatabases();
    expect(databases.map((d) => d.name)).toContain(other.databaseName);
    await other.dropDatabase();
    const after = await h.db.admin().listDatabases({ nameOnly: true });
    expect(after.databases.map((d) => d.name)).not.toContain(other.databaseName);
  });
});
