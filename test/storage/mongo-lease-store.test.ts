/**
 * The lease store over the MongoDB wire (the embedded server, or the real one MONGODB_URI names):
 * several instances, each on a connection of its own as separate replicas would be, race for one
 * lease; exactly one wins, an unrenewed lease passes to another only once it has expired (by an
 * injected clock), and a released one passes at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaseRecordSchema } from '../../src/plans/lease-store.js';
import { MongoLeaseStore } from '../../src/storage/mongo-lease-store.js';
import { connectMongo, type MongoConnection } from '../../src/storage/mongo-connection.js';
import { startTestMongo, type TestMongo } from '../support/mongo.js';

const LEASE_MS = 20_000;
const START = new Date('2026-11-25T12:00:00Z');

/** One clock for every instance of a test, moved by hand. */
function manualClock(): { now: () => Date; advance(ms: number): void } {
  let at = START.getTime();
  return { now: () => new Date(at), advance: (ms) => void (at += ms) };
}

let mongo: TestMongo;
const connections: MongoConnection[] = [];
let keys = 0;

beforeAll(async () => {
  mongo = await startTestMongo();
  for (let i = 0; i < 3; i += 1) connections.push(await connectMongo(mongo.uri));
});

afterAll(async () => {
  for (const connection of connections) await connection.close();
  await mongo?.close();
});

/** A key no other test uses, so tests share the database without seeing each other's leases. */
function freshKey(): string {
  keys += 1;
  return `discord-gateway:${1000 + keys}`;
}

/** One store per connection, all on `clock`: three replicas. */
function replicas(clock: { now: () => Date }): MongoLeaseStore[] {
  return connections.map((connection) => new MongoLeaseStore(connection, clock.now));
}

describe('MongoLeaseStore', () => {
  it('grants a free lease, renews it for its holder and refuses it to another until it expires', async () => {
    const clock = manualClock();
    const [a, b] = replicas(clock) as [MongoLeaseStore, MongoLeaseStore];
    const key = freshKey();

    expect(await a.acquire(key, 'a', LEASE_MS)).toEqual({ held: true, holder: 'a', expiresAt: new Date(START.getTime() + LEASE_MS) });
    clock.advance(5_000);
    const renewed = await a.acquire(key, 'a', LEASE_MS);
    expect(renewed).toEqual({ held: true, holder: 'a', expiresAt: new Date(START.getTime() + 5_000 + LEASE_MS) });
    expect(await b.acquire(key, 'b', LEASE_MS)).toEqual({ held: false, holder: 'a', expiresAt: renewed.expiresAt });

    // The stored document is what the schema says, keyed by the lease's name.
    const stored = await connections[0]?.collection('leases').findOne({ _id: key as never });
    expect(leaseRecordSchema.parse(stored)).toEqual({ holder: 'a', expiresAt: renewed.expiresAt });
  });

  it('gives a free lease to exactly one of many racing holders', async () => {
    const clock = manualClock();
    const stores = replicas(clock);
    for (let round = 0; round < 5; round += 1) {
      const key = freshKey();
      const holders = Array.from({ length: 12 }, (_, i) => `replica-${i}`);
      const grants = await Promise.all(
        holders.map((holder, i) => (stores[i % stores.length] as MongoLeaseStore).acquire(key, holder, LEASE_MS)),
      );
      const winners = grants.filter((grant) => grant.held);
      expect(winners).toHaveLength(1);
      // The losers that could read the lease name the winner.
      const winner = winners[0]?.holder;
      for (const grant of grants) if (!grant.held && grant.holder !== null) expect(grant.holder).toBe(winner);
    }
  });

  it('passes a lease its holder stopped renewing to another only once it has expired', async () => {
    const clock = manualClock();
    const [a, b] = replicas(clock) as [MongoLeaseStore, MongoLeaseStore];
    const key = freshKey();
    await a.acquire(key, 'a', LEASE_MS);

    // `a` stops renewing (it crashed). Until the expiry, `b` is refused.
    clock.advance(LEASE_MS - 1);
    expect((await b.acquire(key, 'b', LEASE_MS)).held).toBe(false);
    clock.advance(1);
    expect(await b.acquire(key, 'b', LEASE_MS)).toMatchObject({ held: true, holder: 'b' });

    // `a` comes back: its renewal is refused, so it knows to let go of the session.
    expect(await a.acquire(key, 'a', LEASE_MS)).toMatchObject({ held: false, holder: 'b' });
  });

  it('passes a released lease to another at once, and ignores a release by someone else', async () => {
    const clock = manualClock();
    const [a, b, c] = replicas(clock) as [MongoLeaseStore, MongoLeaseStore, MongoLeaseStore];
    const key = freshKey();
    await a.acquire(key, 'a', LEASE_MS);

    expect(await c.release(key, 'c')).toBe(false);
    expect((await b.acquire(key, 'b', LEASE_MS)).held).toBe(false);

    expect(await a.release(key, 'a')).toBe(true);
    expect(await b.acquire(key, 'b', LEASE_MS)).toMatchObject({ held: true, holder: 'b' });
    expect(await a.release(key, 'a')).toBe(false);
    expect(await c.acquire(key, 'c', LEASE_MS)).toMatchObject({ held: false, holder: 'b' });
  });

  it('keeps leases of different names apart', async () => {
    const clock = manualClock();
    const [a, b] = replicas(clock) as [MongoLeaseStore, MongoLeaseStore];
    const first = freshKey();
    const second = freshKey();
    expect((await a.acquire(first, 'a', LEASE_MS)).held).toBe(true);
    expect((await b.acquire(second, 'b', LEASE_MS)).held).toBe(true);
    expect((await b.acquire(first, 'b', LEASE_MS)).held).toBe(false);
  });

  it('refuses a lease without a holder or a duration', async () => {
    const [a] = replicas(manualClock()) as [MongoLeaseStore];
    await expect(a.acquire(freshKey(), '', LEASE_MS)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(a.acquire(freshKey(), 'a', 0)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
