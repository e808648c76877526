import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Long } from 'mongodb';
import type { Document } from 'mongodb';
import { startEmbeddedMongo } from '../../src/embedded-mongo/index.js';
import { againstRealServer, openHarness, uniqueName } from './harness.js';
import type { Harness } from './harness.js';
import { OP_MSG, OP_REPLY, RawConnection, opMsg, opQuery } from './raw-wire.js';

let h: Harness;
let address: string;
/** Raw sockets cannot authenticate, so against a real server they need one without auth. */
const rawSocketsUsable = !againstRealServer || !(process.env.MONGODB_URI ?? '').includes('@');

beforeAll(async () => {
  h = await openHarness();
  address = (await h.db.admin().command({ hello: 1 })).me as string;
});
afterAll(async () => {
  await h.close();
});

/** Another client can still query: the server survived whatever the test did. */
async function serverStillServes(): Promise<void> {
  const client = await h.connect();
  const name = uniqueName('alive');
  await client.db(h.db.databaseName).collection(name).insertOne({ ok: true });
  expect(await client.db(h.db.databaseName).collection(name).countDocuments()).toBe(1);
}

const bigString = (bytes: number) => 'x'.repeat(bytes);

describe.skipIf(!rawSocketsUsable)('wire protocol over a raw socket', () => {
  it('answers a legacy OP_QUERY isMaster with OP_REPLY', async () => {
    const raw = await RawConnection.open(address);
    raw.send(opQuery('admin.$cmd', { isMaster: 1, helloOk: true }));
    const reply = await raw.reply();
    raw.destroy();
    expect(reply.opCode).toBe(OP_REPLY);
    expect(reply.doc).toMatchObject({ ok: 1, ismaster: true });
    expect(reply.doc.maxWireVersion).toBeGreaterThanOrEqual(9);
  });

  it('accepts OP_MSG with a CRC-32C checksum', async () => {
    const raw = await RawConnection.open(address);
    raw.send(opMsg({ ping: 1, $db: 'admin' }, { checksum: true }));
    const reply = await raw.reply();
    raw.destroy();
    expect(reply.opCode).toBe(OP_MSG);
    expect(reply.doc).toMatchObject({ ok: 1 });
  });

  it('accepts document sequences (kind-1 sections)', async () => {
    const name = uniqueName('seq');
    const raw = await RawConnection.open(address);
    raw.send(opMsg({ insert: name, $db: h.db.databaseName }, { sequences: { documents: [{ a: 1 }, { a: 2 }, { a: 3 }] } }));
    const reply = await raw.reply();
    raw.destroy();
    expect(reply.doc).toMatchObject({ ok: 1, n: 3 });
    expect(await h.db.collection(name).countDocuments()).toBe(3);
  });

  it('answers pipelined messages and messages split into single bytes', async () => {
    const raw = await RawConnection.open(address);
    raw.send(Buffer.concat([opMsg({ ping: 1, $db: 'admin' }), opMsg({ ping: 1, $db: 'admin' })]));
    expect((await raw.reply()).doc).toMatchObject({ ok: 1 });
    expect((await raw.reply()).doc).toMatchObject({ ok: 1 });
    const bytes = opMsg({ ping: 1, $db: 'admin' });
    for (const byte of bytes) raw.send(Buffer.from([byte]));
    expect((await raw.reply()).doc).toMatchObject({ ok: 1 });
    raw.destroy();
  });

  it('answers an unknown command with CommandNotFound instead of hanging', async () => {
    const raw = await RawConnection.open(address);
    raw.send(opMsg({ noSuchThing: 1, $db: 'admin' }));
    const reply = await raw.reply();
    raw.destroy();
    expect(reply.doc).toMatchObject({ ok: 0, code: 59, codeName: 'CommandNotFound' });
  });

  it('closes only the connection that sends garbage', async () => {
    const raw = await RawConnection.open(address);
    raw.send(Buffer.alloc(64, 0xff));
    expect(await raw.closedByServer()).toBe(true);
    await serverStillServes();
  });

  it('drops a connection whose message never completes, and keeps serving others', async () => {
    const raw = await RawConnection.open(address);
    const message = opMsg({ ping: 1, $db: 'admin' });
    raw.send(message.subarray(0, message.length - 7));
    raw.socket.end();
    expect(await raw.closedByServer()).toBe(true);
    await serverStillServes();
  });

  it('rejects a message declaring more than the size limit without waiting for it', async () => {
    const raw = await RawConnection.open(address);
    const head = Buffer.alloc(16);
    head.writeInt32LE(64 * 1024 * 1024, 0);
    head.writeInt32LE(1, 4);
    head.writeInt32LE(OP_MSG, 12);
    raw.send(head);
    expect(await raw.closedByServer()).toBe(true);
    await serverStillServes();
  });

  it('accepts a well-formed 20 MB message', async () => {
    const name = uniqueName('big');
    const documents = Array.from({ length: 20 }, (_, i) => ({ i, payload: bigString(1024 * 1024 - 64) }));
    const message = opMsg({ insert: name, $db: h.db.databaseName }, { sequences: { documents } });
    expect(message.length).toBeGreaterThan(20 * 1000 * 1000);
    const raw = await RawConnection.open(address);
    raw.send(message);
    const reply = await raw.reply(20_000);
    raw.destroy();
    expect(reply.doc).toMatchObject({ ok: 1, n: 20 });
    expect(await h.db.collection(name).countDocuments()).toBe(20);
    await serverStillServes();
  });

  it('survives a client that disappears in the middle of a cursor', async () => {
    const name = uniqueName('cursor');
    await h.db.collection(name).insertMany(Array.from({ length: 50 }, (_, i) => ({ i })));
    const raw = await RawConnection.open(address);
    raw.send(opMsg({ find: name, filter: {}, batchSize: 5, $db: h.db.databaseName }));
    const reply = await raw.reply();
    const cursor = reply.doc.cursor as Document;
    expect(cursor.firstBatch).toHaveLength(5);
    const cursorId = cursor.id as Long | number;
    expect(Number(cursorId)).not.toBe(0);
    raw.destroy();
    await serverStillServes();

    if (!againstRealServer) {
      // The embedded server reclaims a cursor once no connection that used it remains.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const error = await h.db.command({ getMore: Long.fromValue(cursorId), collection: name }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 43 });
    }
  });
});

describe('dropped and oversized clients through the driver', () => {
  it('accepts a 20 MB insertMany batch', async () => {
    const coll = h.db.collection(uniqueName('bigmany'));
    const docs = Array.from({ length: 20 }, (_, i) => ({ i, payload: bigString(1024 * 1024) }));
    expect((await coll.insertMany(docs)).insertedCount).toBe(20);
    expect(await coll.countDocuments()).toBe(20);
  });

  it('keeps serving when a client closes in the middle of iterating a cursor', async () => {
    const name = uniqueName('midcursor');
    await h.db.collection(name).insertMany(Array.from({ length: 100 }, (_, i) => ({ i })));
    const leaving = await h.connect();
    const cursor = leaving.db(h.db.databaseName).collection(name).find().batchSize(10);
    await cursor.next();
    await leaving.close();
    await serverStillServes();
  });

  it('writes with w:0 (moreToCome) without waiting for a reply', async () => {
    const coll = h.db.collection(uniqueName('w0'));
    await coll.insertOne({ fire: 'and forget' }, { writeConcern: { w: 0 } });
    // The next command on the pool follows the unacknowledged write on the same server.
    await expect.poll(() => coll.countDocuments(), { timeout: 2_000 }).toBe(1);
  });
});

describe.skipIf(againstRealServer)('embedded server specifics', () => {
  it('closes a connection whose message holds invalid BSON, and reports it', async () => {
    const warnings: string[] = [];
    const server = await startEmbeddedMongo({ onWarning: (message) => warnings.push(message) });
    try {
      const message = opMsg({ ping: 1, $db: 'admin' });
      message.writeInt32LE(9999, 21); // the body's own length now points past the message end
      const raw = await RawConnection.open(`127.0.0.1:${server.port}`);
      raw.send(message);
      expect(await raw.closedByServer()).toBe(true);
      expect(warnings.some((w) => w.includes('BSON'))).toBe(true);

      const other = await RawConnection.open(`127.0.0.1:${server.port}`);
      other.send(opMsg({ ping: 1, $db: 'admin' }));
      expect((await other.reply()).doc).toMatchObject({ ok: 1 });
      other.destroy();
    } finally {
      await server.close();
    }
  });

  it('closes connections that use unsupported opcodes', async () => {
    const server = await startEmbeddedMongo();
    try {
      const message = opMsg({ ping: 1, $db: 'admin' });
      message.writeInt32LE(2002, 12); // OP_INSERT, removed from MongoDB
      const raw = await RawConnection.open(`127.0.0.1:${server.port}`);
      raw.send(message);
      expect(await raw.closedByServer()).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('enforces a configured maxMessageBytes and advertises it', async () => {
    const server = await startEmbeddedMongo({ maxMessageBytes: 1024 * 1024 });
    try {
      const hello = await RawConnection.open(`127.0.0.1:${server.port}`);
      hello.send(opMsg({ hello: 1, $db: 'admin' }));
      expect((await hello.reply()).doc).toMatchObject({ maxMessageSizeBytes: 1024 * 1024 });
      hello.destroy();

      const raw = await RawConnection.open(`127.0.0.1:${server.port}`);
      raw.send(opMsg({ insert: 'c', $db: 'db' }, { sequences: { documents: [{ s: bigString(2 * 1024 * 1024) }] } }));
      expect(await raw.closedByServer()).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('rejects when its port is taken, and validates options', async () => {
    const first = await startEmbeddedMongo();
    try {
      await expect(startEmbeddedMongo({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
      await expect(startEmbeddedMongo({ maxMessageBytes: 10 })).rejects.toThrow(RangeError);
    } finally {
      await first.close();
    }
  });

  it('closes with clients still connected', async () => {
    const server = await startEmbeddedMongo();
    const raw = await RawConnection.open(`127.0.0.1:${server.port}`);
    await server.close();
    expect(await raw.closedByServer()).toBe(true);
  });
});
