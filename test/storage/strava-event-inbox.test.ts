/**
 * The Strava event inbox over the MongoDB wire (the embedded server, or the real one MONGODB_URI
 * names), with instances on connections of their own as separate replicas would be: a retried
 * delivery is stored once, a claim takes one athlete's due events together and oldest first, two
 * instances claiming at once never hold the same event, a lease that ran out is claimable again,
 * a retry waits, and done events are purged. Time is passed in, never read.
 */
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stravaEventKey, type StravaEventRecord, type StravaWebhookEvent } from '../../src/plans/strava/strava-event-inbox.js';
import { connectMongo, type MongoConnection } from '../../src/storage/mongo-connection.js';
import { MongoStravaEventInbox, STRAVA_EVENTS_COLLECTION } from '../../src/storage/mongo-strava-event-inbox.js';
import { startTestMongo, type TestMongo } from '../support/mongo.js';

const T0 = new Date('2026-12-01T08:00:00Z');
const LEASE_MS = 60_000;

const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

let mongo: TestMongo;
let connections: MongoConnection[] = [];
let raw: MongoClient;
let a: MongoStravaEventInbox;
let b: MongoStravaEventInbox;

beforeAll(async () => {
  mongo = await startTestMongo();
  connections = [await connectMongo(mongo.uri), await connectMongo(mongo.uri)];
  [a, b] = connections.map((connection) => new MongoStravaEventInbox(connection)) as [MongoStravaEventInbox, MongoStravaEventInbox];
  await a.init();
  raw = new MongoClient(mongo.uri);
  await raw.connect();
});

afterAll(async () => {
  await raw?.close();
  for (const connection of connections) await connection.close();
  await mongo?.close();
});

beforeEach(async () => {
  // Claims pick the oldest due event of anyone: each test starts from an empty inbox.
  await raw.db().collection(STRAVA_EVENTS_COLLECTION).deleteMany({});
});

let activities = 0;

/** A pending `activity create` of `athleteId`, received at `receivedSecond`, due at once. */
function event(athleteId: string, receivedSecond: number, overrides: Partial<StravaWebhookEvent> = {}): StravaEventRecord {
  activities += 1;
  const webhook: StravaWebhookEvent = {
    object_type: 'activity',
    object_id: String(9_000_000 + activities),
    aspect_type: 'create',
    owner_id: athleteId,
    subscription_id: '120475',
    event_time: Math.floor(at(receivedSecond).getTime() / 1000),
    ...overrides,
  };
  return {
    key: stravaEventKey(webhook),
    athleteId: webhook.owner_id,
    objectType: webhook.object_type,
    objectId: webhook.object_id,
    aspect: webhook.aspect_type,
    updates: webhook.updates ?? {},
    eventTime: new Date(webhook.event_time * 1000),
    receivedAt: at(receivedSecond),
    status: 'pending',
    notBefore: at(receivedSecond),
    attempts: 0,
    holder: null,
    leaseUntil: null,
    outcome: null,
  };
}

async function receiveAll(records: readonly StravaEventRecord[]): Promise<void> {
  for (const record of records) expect(await a.receive(record)).toBe('received');
}

const keysOf = (records: readonly StravaEventRecord[]): string[] => records.map((record) => record.key);

describe('MongoStravaEventInbox', () => {
  it('stores a delivery once: a retried one is a duplicate and changes nothing', async () => {
    const first = event('101', 0, { aspect_type: 'update', updates: { title: 'Morning Run', 'a.b': 'dotted', $x: 'dollar' } });
    expect(await a.receive(first)).toBe('received');
    // Strava retries it, to the other instance, with a later arrival.
    expect(await b.receive({ ...first, receivedAt: at(5), notBefore: at(5) })).toBe('duplicate');
    expect(await raw.db().collection(STRAVA_EVENTS_COLLECTION).countDocuments({})).toBe(1);

    const [claimed] = await a.claimBatch('a', at(10), LEASE_MS, 10);
    expect(claimed).toEqual({ ...first, attempts: 1, holder: 'a', leaseUntil: at(10 + LEASE_MS / 1000) });
  });

  it('claims the due events of the athlete whose event is oldest, together and oldest first, up to the limit', async () => {
    const ada = [event('201', 3), event('201', 1), event('201', 4), event('201', 5)];
    const bob = [event('202', 0), event('202', 2)];
    const later = event('202', 50);
    await receiveAll([...ada, ...bob, later]);

    // Bob's event is the oldest: his due events come together; the one not yet due stays.
    const first = await a.claimBatch('a', at(10), LEASE_MS, 10);
    expect(keysOf(first)).toEqual(keysOf(bob));
    expect(first.every((record) => record.holder === 'a' && record.attempts === 1)).toBe(true);

    // Then Ada's, oldest first, three at most.
    const second = await a.claimBatch('a', at(10), LEASE_MS, 3);
    expect(keysOf(second)).toEqual(keysOf([ada[1], ada[0], ada[2]] as StravaEventRecord[]));
    expect(keysOf(await a.claimBatch('a', at(10), LEASE_MS, 3))).toEqual([ada[3]?.key]);
    expect(await a.claimBatch('a', at(10), LEASE_MS, 3)).toEqual([]);
    // Within the leases (until 70 s), only the event that has become due since.
    expect(keysOf(await a.claimBatch('a', at(60), LEASE_MS, 3))).toEqual([later.key]);
  });

  it('never gives one event to two instances claiming at once', async () => {
    const athletes = ['301', '302', '303', '304', '305'];
    const records = athletes.flatMap((athlete, i) => Array.from({ length: 6 }, (_, j) => event(athlete, i + j * 5)));
    await receiveAll(records);

    const claimedBy = new Map<string, string>();
    for (let round = 0; round < 20; round += 1) {
      const batches = await Promise.all([a.claimBatch('a', at(60), LEASE_MS, 4), b.claimBatch('b', at(60), LEASE_MS, 4)]);
      for (const [holder, batch] of [
        ['a', batches[0]],
        ['b', batches[1]],
      ] as const) {
        // A batch is one athlete's.
        expect(new Set(batch.map((record) => record.athleteId)).size).toBeLessThanOrEqual(1);
        for (const record of batch) {
          expect(claimedBy.get(record.key), `${record.key} claimed by ${claimedBy.get(record.key)} and ${holder}`).toBeUndefined();
          claimedBy.set(record.key, holder);
          expect(record.holder).toBe(holder);
        }
      }
      if (batches.every((batch) => batch.length === 0)) break;
    }
    expect([...claimedBy.keys()].sort()).toEqual(keysOf(records).sort());
    const stored = await raw.db().collection(STRAVA_EVENTS_COLLECTION).find({}).toArray();
    expect(stored.every((doc) => doc.attempts === 1)).toBe(true);
  });

  it('lets another instance claim events whose lease ran out, and ignores the old holder after', async () => {
    const records = [event('401', 0), event('401', 1)];
    await receiveAll(records);
    expect(keysOf(await a.claimBatch('a', at(10), LEASE_MS, 10))).toEqual(keysOf(records));

    // `a` dies mid-work. While its lease lasts, nobody else gets the events.
    const expiry = 10 + LEASE_MS / 1000;
    expect(await b.claimBatch('b', at(expiry - 1), LEASE_MS, 10)).toEqual([]);
    const reclaimed = await b.claimBatch('b', at(expiry), LEASE_MS, 10);
    expect(keysOf(reclaimed)).toEqual(keysOf(records));
    expect(reclaimed.map((record) => record.attempts)).toEqual([2, 2]);

    // `a` comes back and reports: its writes land nowhere.
    await a.complete('a', [{ key: records[0]?.key ?? '', outcome: 'recorded' }]);
    await a.retryLater('a', records[1]?.key ?? '', at(1000), 'Strava unavailable');
    const stored = await raw.db().collection(STRAVA_EVENTS_COLLECTION).find({}).toArray();
    expect(stored.map((doc) => [doc.status, doc.holder, doc.outcome])).toEqual([
      ['pending', 'b', null],
      ['pending', 'b', null],
    ]);
  });

  it('puts an event back to be claimed again after its wait, with the reason', async () => {
    const record = event('501', 0);
    await receiveAll([record]);
    await a.claimBatch('a', at(10), LEASE_MS, 10);
    await a.retryLater('a', record.key, at(900), 'rate-limited: the 15-minute limit resets at 08:15');

    // Released at once (no lease to wait out), but not due before its time.
    expect(await b.claimBatch('b', at(11), LEASE_MS, 10)).toEqual([]);
    expect(await b.claimBatch('b', at(899), LEASE_MS, 10)).toEqual([]);
    const [again] = await b.claimBatch('b', at(900), LEASE_MS, 10);
    expect(again).toMatchObject({
      key: record.key,
      status: 'pending',
      attempts: 2,
      holder: 'b',
      notBefore: at(900),
      outcome: 'rate-limited: the 15-minute limit resets at 08:15',
    });
  });

  it('completes the holder’s events with their outcomes, and purges done events received before a date', async () => {
    const records = [event('601', 0), event('601', 1), event('602', 200)];
    await receiveAll(records);
    const [first, second, third] = records as [StravaEventRecord, StravaEventRecord, StravaEventRecord];
    await a.claimBatch('a', at(10), LEASE_MS, 10);
    const longError = `Strava unavailable: ${'x'.repeat(600)}`;
    await a.complete('a', [
      { key: first.key, outcome: 'recorded' },
      { key: second.key, outcome: longError },
    ]);
    await b.complete('b', [{ key: third.key, outcome: 'not a run' }]);
    await a.complete('a', []);

    const stored = await raw.db().collection(STRAVA_EVENTS_COLLECTION).find({}).sort({ receivedAt: 1 }).toArray();
    expect(stored.map((doc) => [doc.status, doc.holder, doc.leaseUntil])).toEqual([
      ['done', null, null],
      ['done', null, null],
      // Not b's to complete: untouched.
      ['pending', null, null],
    ]);
    expect(stored[0]?.outcome).toBe('recorded');
    // An outcome longer than the record allows is cut, so the event stays readable.
    expect(String(stored[1]?.outcome)).toHaveLength(500);
    // A done event is never claimed again.
    expect(keysOf(await a.claimBatch('a', at(300), LEASE_MS, 10))).toEqual([third.key]);

    expect(await a.purgeDone(at(1))).toBe(1);
    expect(await a.purgeDone(at(1000))).toBe(1);
    expect(await raw.db().collection(STRAVA_EVENTS_COLLECTION).countDocuments({})).toBe(1);
  });

  it('refuses a claim without a holder, a lease or a limit', async () => {
    await expect(a.claimBatch('', T0, LEASE_MS, 1)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(a.claimBatch('a', T0, 0, 1)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(a.claimBatch('a', T0, LEASE_MS, 0)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses a stored event that breaks the record schema, naming it', async () => {
    const record = event('701', 0);
    await receiveAll([record]);
    await raw
      .db()
      .collection(STRAVA_EVENTS_COLLECTION)
      .updateOne({ _id: record.key as never }, { $set: { objectType: 'club' } });
    await expect(a.claimBatch('a', at(10), LEASE_MS, 1)).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      message: expect.stringContaining(record.key),
    });
  });
});
