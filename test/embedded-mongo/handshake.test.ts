import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoServerError } from 'mongodb';
import type { ServerHeartbeatFailedEvent, ServerHeartbeatSucceededEvent } from 'mongodb';
import { openHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

describe('handshake and server commands', () => {
  it('answers ping', async () => {
    await expect(h.db.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('reports a writable primary that supports sessions', async () => {
    const hello = await h.db.admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    expect(typeof hello.logicalSessionTimeoutMinutes).toBe('number');
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(typeof hello.connectionId).toBe('number');
  });

  it('reports itself as a replica set member so transactions are allowed', async () => {
    const hello = await h.db.admin().command({ hello: 1 });
    expect(typeof hello.setName).toBe('string');
    expect(hello.hosts).toContain(hello.me);
    expect(hello.primary).toBe(hello.me);
  });

  it('answers the legacy isMaster spelling', async () => {
    const reply = await h.db.admin().command({ isMaster: 1 });
    expect(reply.ismaster).toBe(true);
  });

  it('answers buildInfo with a version string', async () => {
    const info = await h.db.admin().command({ buildInfo: 1 });
    expect(info.version).toMatch(/^\d+\.\d+/);
    expect(Array.isArray(info.versionArray)).toBe(true);
  });

  it('rejects unknown commands with CommandNotFound (59)', async () => {
    const error = await h.db.command({ definitelyNotACommand: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    expect((error as MongoServerError).message).toContain("no such command: 'definitelyNotACommand'");
  });

  it('keeps serving after an unknown command', async () => {
    await h.db.command({ anotherUnknownCommand: 1 }).catch(() => undefined);
    await expect(h.db.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('ends sessions', async () => {
    const session = h.client.startSession();
    await h.db.collection('sessions_probe').findOne({}, { session });
    await session.endSession();
    await expect(h.db.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it("keeps the driver's streaming monitor healthy (awaitable hello)", async () => {
    const client = await h.connect({ heartbeatFrequencyMS: 500 });
    const succeeded: ServerHeartbeatSucceededEvent[] = [];
    const failed: ServerHeartbeatFailedEvent[] = [];
    client.on('serverHeartbeatSucceeded', (event) => succeeded.push(event));
    client.on('serverHeartbeatFailed', (event) => failed.push(event));
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(failed).toEqual([]);
    expect(succeeded.filter((event) => event.awaited).length).toBeGreaterThanOrEqual(1);
    await expect(client.db(h.db.databaseName).command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });
});
