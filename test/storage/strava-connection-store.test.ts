/**
 * Strava links and pending authorizations over the MongoDB wire (the embedded server, or the real
 * one MONGODB_URI names): tokens round-trip but are never in clear in the stored document (read
 * with the plain driver), a link replaces the previous one of its athlete or identity, a token
 * refresh applies once, a document encrypted with another key or moved to another athlete is
 * refused without a token in the message, and an OAuth state works once and only until it expires.
 */
import { MongoClient, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StravaConnection } from '../../src/plans/strava/strava-connection-store.js';
import { connectMongo, type MongoConnection } from '../../src/storage/mongo-connection.js';
import { MongoStravaAuthorizationStore, STRAVA_AUTHORIZATIONS_COLLECTION } from '../../src/storage/mongo-strava-authorization-store.js';
import { MongoStravaConnectionStore, STRAVA_CONNECTIONS_COLLECTION } from '../../src/storage/mongo-strava-connection-store.js';
import { createTokenCipher } from '../../src/storage/token-cipher.js';
import { startTestMongo, type TestMongo } from '../support/mongo.js';

const KEY = Buffer.alloc(32, 11);
const NOW = new Date('2026-12-01T08:00:00Z');

let mongo: TestMongo;
let connections: MongoConnection[] = [];
let raw: MongoClient;
let store: MongoStravaConnectionStore;
let other: MongoStravaConnectionStore;

beforeAll(async () => {
  mongo = await startTestMongo();
  connections = [await connectMongo(mongo.uri), await connectMongo(mongo.uri)];
  const [first, second] = connections as [MongoConnection, MongoConnection];
  store = new MongoStravaConnectionStore(first, createTokenCipher(KEY));
  // A second instance on a connection of its own, with the same key, as a second replica would be.
  other = new MongoStravaConnectionStore(second, createTokenCipher(KEY));
  await store.init();
  await new MongoStravaAuthorizationStore(first).init();
  raw = new MongoClient(mongo.uri);
  await raw.connect();
});

afterAll(async () => {
  await raw?.close();
  for (const connection of connections) await connection.close();
  await mongo?.close();
});

let athletes = 0;

/** A link for a fresh athlete and identity, with tokens no other test uses. */
function link(overrides: Partial<StravaConnection> = {}): StravaConnection {
  athletes += 1;
  return {
    athleteId: String(7_000_000 + athletes),
    identity: `slack:T1:U${athletes}`,
    athleteName: 'Ada Runner',
    accessToken: `access-${athletes}-8f3e2a9c1b7d4e6f0a5c`,
    refreshToken: `refresh-${athletes}-2b9d7e1f4c6a8e0d3f5b`,
    expiresAt: new Date(NOW.getTime() + 6 * 3600_000),
    connectedAt: NOW,
    ...overrides,
  };
}

function rawDocument(collection: string, id: string): Promise<Document | null> {
  return raw
    .db()
    .collection(collection)
    .findOne({ _id: id as never });
}

/** Every string anywhere in a document (keys too), however deep. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...stringsOf(inner)]);
  }
  return [];
}

describe('MongoStravaConnectionStore', () => {
  it('round-trips a link, by athlete and by identity', async () => {
    const saved = link();
    await store.save(saved);
    expect(await store.findByAthlete(saved.athleteId)).toEqual(saved);
    expect(await other.findByIdentity(saved.identity)).toEqual(saved);
    expect(await store.findByAthlete('999')).toBeUndefined();
    expect(await store.findByIdentity('slack:T1:Unobody')).toBeUndefined();
  });

  it('keeps no token in clear in the stored document', async () => {
    const saved = link();
    await store.save(saved);
    const refreshed = { accessToken: 'access-after-refresh-77c1d2', refreshToken: 'refresh-after-refresh-19ab3e', expiresAt: NOW };
    expect(await store.updateTokens(saved.athleteId, saved.refreshToken, refreshed)).toBe(true);

    const doc = await rawDocument(STRAVA_CONNECTIONS_COLLECTION, saved.athleteId);
    expect(doc).not.toBeNull();
    const strings = stringsOf(doc);
    for (const token of [saved.accessToken, saved.refreshToken, refreshed.accessToken, refreshed.refreshToken]) {
      for (const text of strings) expect(text).not.toContain(token);
      // Nor encoded: no base64 or hex of the token anywhere.
      for (const text of strings) expect(text).not.toContain(Buffer.from(token).toString('base64').slice(0, 16));
      for (const text of strings) expect(text).not.toContain(Buffer.from(token).toString('hex').slice(0, 16));
    }
    // The rest is plain, for operators.
    expect(doc).toMatchObject({ _id: saved.athleteId, identity: saved.identity, athleteName: 'Ada Runner', expiresAt: NOW });
    expect(doc?.accessToken).toMatchObject({ v: 1 });
    expect(await store.findByAthlete(saved.athleteId)).toEqual({ ...saved, ...refreshed });
  });

  it('replaces the link of the same identity and of the same athlete', async () => {
    const first = link();
    await store.save(first);

    // The same person connects another Strava account: the first link goes.
    const second = link({ identity: first.identity });
    await store.save(second);
    expect(await store.findByAthlete(first.athleteId)).toBeUndefined();
    expect(await store.findByIdentity(first.identity)).toEqual(second);

    // The same Strava account is connected from another chat identity: it logs for that one now.
    const third = { ...link(), athleteId: second.athleteId };
    await store.save(third);
    expect(await store.findByIdentity(second.identity)).toBeUndefined();
    expect(await store.findByAthlete(second.athleteId)).toEqual(third);
    expect(await raw.db().collection(STRAVA_CONNECTIONS_COLLECTION).countDocuments({ identity: third.identity })).toBe(1);
  });

  it('keeps one link per identity when accounts connect for it at once', async () => {
    for (let round = 0; round < 5; round += 1) {
      const identity = link().identity;
      const rivals = Array.from({ length: 3 }, () => link({ identity }));
      await Promise.all(rivals.map((rival, i) => (i % 2 === 0 ? store : other).save(rival)));
      const kept = await raw.db().collection(STRAVA_CONNECTIONS_COLLECTION).find({ identity }).toArray();
      expect(kept).toHaveLength(1);
      expect(rivals.map((rival) => rival.athleteId)).toContain(kept[0]?._id);
    }
  });

  it('applies a token refresh once: a stale previous refresh token changes nothing', async () => {
    const saved = link();
    await store.save(saved);
    const fresh = { accessToken: 'access-fresh-a1', refreshToken: 'refresh-fresh-b2', expiresAt: new Date(NOW.getTime() + 3600_000) };
    const racing = { accessToken: 'access-racing-c3', refreshToken: 'refresh-racing-d4', expiresAt: new Date(NOW.getTime() + 7200_000) };

    // Two instances refresh from the same token at once: exactly one write lands.
    const results = await Promise.all([
      store.updateTokens(saved.athleteId, saved.refreshToken, fresh),
      other.updateTokens(saved.athleteId, saved.refreshToken, racing),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? fresh : racing;
    expect(await store.findByAthlete(saved.athleteId)).toEqual({ ...saved, ...winner });

    // The old token is stale now; the current one works.
    expect(await store.updateTokens(saved.athleteId, saved.refreshToken, fresh)).toBe(false);
    expect(await store.updateTokens(saved.athleteId, winner.refreshToken, fresh)).toBe(true);
    expect(await store.findByAthlete(saved.athleteId)).toEqual({ ...saved, ...fresh });
    expect(await store.updateTokens('999', fresh.refreshToken, racing)).toBe(false);
  });

  it('removes a link, tokens and all', async () => {
    const saved = link();
    await store.save(saved);
    expect(await store.remove(saved.athleteId)).toBe(true);
    expect(await store.remove(saved.athleteId)).toBe(false);
    expect(await store.findByIdentity(saved.identity)).toBeUndefined();
    expect(await rawDocument(STRAVA_CONNECTIONS_COLLECTION, saved.athleteId)).toBeNull();
  });

  it('refuses a link read with another key, or whose tokens were moved from another athlete, naming no token', async () => {
    const saved = link();
    const victim = link();
    await store.save(saved);
    await store.save(victim);

    const [first] = connections as [MongoConnection];
    const rekeyed = new MongoStravaConnectionStore(first, createTokenCipher(Buffer.alloc(32, 12)));
    const wrongKey = await rekeyed.findByAthlete(saved.athleteId).catch((error: unknown) => error);
    expect(wrongKey).toMatchObject({ code: 'STORAGE_FAILED', message: expect.stringMatching(/GOFAST_ENCRYPTION_KEY/) });
    expect(String((wrongKey as Error).message)).toContain(saved.athleteId);

    // Someone with write access copies one athlete's tokens into another's link.
    const stolen = await rawDocument(STRAVA_CONNECTIONS_COLLECTION, saved.athleteId);
    await raw
      .db()
      .collection(STRAVA_CONNECTIONS_COLLECTION)
      .updateOne({ _id: victim.athleteId as never }, { $set: { accessToken: stolen?.accessToken, refreshToken: stolen?.refreshToken } });
    const moved = await store.findByAthlete(victim.athleteId).catch((error: unknown) => error);
    expect(moved).toMatchObject({ code: 'STORAGE_FAILED' });
    for (const token of [saved.accessToken, saved.refreshToken, victim.accessToken, victim.refreshToken]) {
      expect(String((moved as Error).message)).not.toContain(token);
      expect(String((wrongKey as Error).message)).not.toContain(token);
    }
  });

  it('refuses to store a link that breaks its schema', async () => {
    await expect(store.save(link({ accessToken: '' }))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    await expect(store.save(link({ identity: 'nobody' }))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
  });
});

describe('MongoStravaAuthorizationStore', () => {
  let authorizations: MongoStravaAuthorizationStore;
  let states = 0;

  beforeAll(() => {
    authorizations = new MongoStravaAuthorizationStore(connections[0] as MongoConnection);
  });

  function stateHash(): string {
    states += 1;
    return states.toString(16).padStart(64, 'a');
  }

  it('hands an authorization out once', async () => {
    const pending = { stateHash: stateHash(), identity: 'slack:T1:U1', expiresAt: new Date(NOW.getTime() + 600_000) };
    await authorizations.insert(pending);
    // The callback replayed by two instances at once: one of them gets it.
    const taken = await Promise.all([authorizations.take(pending.stateHash, NOW), authorizations.take(pending.stateHash, NOW)]);
    expect(taken.filter((value) => value !== undefined)).toEqual([pending]);
    expect(await authorizations.take(pending.stateHash, NOW)).toBeUndefined();
    expect(await authorizations.take(stateHash(), NOW)).toBeUndefined();
  });

  it('does not hand out an expired authorization, and deletes it', async () => {
    const pending = { stateHash: stateHash(), identity: 'discord:@me:42', expiresAt: new Date(NOW.getTime() + 600_000) };
    await authorizations.insert(pending);
    expect(await authorizations.take(pending.stateHash, pending.expiresAt)).toBeUndefined();
    expect(await rawDocument(STRAVA_AUTHORIZATIONS_COLLECTION, pending.stateHash)).toBeNull();
    expect(await authorizations.take(pending.stateHash, NOW)).toBeUndefined();
  });

  it('purges the links asked for and never followed, and keeps the live ones', async () => {
    const stale = { stateHash: stateHash(), identity: 'slack:T1:U7', expiresAt: new Date(NOW.getTime() - 1_000) };
    const live = { stateHash: stateHash(), identity: 'slack:T1:U8', expiresAt: new Date(NOW.getTime() + 600_000) };
    await authorizations.insert(stale);
    await authorizations.insert(live);
    expect(await authorizations.purgeExpired(NOW)).toBeGreaterThanOrEqual(1);
    expect(await rawDocument(STRAVA_AUTHORIZATIONS_COLLECTION, stale.stateHash)).toBeNull();
    expect(await authorizations.take(live.stateHash, NOW)).toEqual(live);
  });

  it('has a TTL index on the expiry as housekeeping', async () => {
    const indexes = await raw.db().collection(STRAVA_AUTHORIZATIONS_COLLECTION).listIndexes().toArray();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
  });

  it('refuses an authorization that breaks its schema', async () => {
    await expect(authorizations.insert({ stateHash: 'not-a-hash', identity: 'slack:T1:U1', expiresAt: NOW })).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
    });
  });
});
