/**
 * API keys: the use cases on the MongoDB store (hashed at rest, unique hash, revoked keys refused)
 * and `gofast apikey` through `runApiKeyCommand` (create prints the key once, revoke by key or
 * prefix, list without keys, usage errors before any database is opened).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApiKeyCommand } from '../../../src/cli/apikey-command.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import { InputError } from '../../../src/domain/errors.js';
import { API_KEY_PATTERN, createApiKeyUseCases, hashApiKey, type ApiKeyUseCases } from '../../../src/plans/api-keys.js';
import { MongoApiKeyStore } from '../../../src/storage/mongo-api-key-store.js';
import { connectMongo, type MongoConnection } from '../../../src/storage/mongo-connection.js';
import { FakeClock } from '../../support/plan-service.js';
import { startTestMongo, type TestMongo } from '../../support/mongo.js';

let mongo: TestMongo;
let connection: MongoConnection;
let keys: ApiKeyUseCases;
const clock = new FakeClock('2026-11-25T12:00:00Z');
let opened = 0;

beforeAll(async () => {
  mongo = await startTestMongo();
  connection = await connectMongo(mongo.uri);
  const store = new MongoApiKeyStore(connection);
  await store.init();
  keys = createApiKeyUseCases({ store, clock });
});

afterAll(async () => {
  await connection.close();
  await mongo.close();
});

/** The deps the CLI gets: `open` on the test database (it records the URI it was given). */
const deps = {
  async open(mongoUri?: string) {
    opened += 1;
    expect(mongoUri).toBe(mongo.uri);
    return { keys, close: async () => undefined };
  },
};

const apikey = (...args: string[]) => runApiKeyCommand([...args, '--mongo', mongo.uri], deps);

describe('API key use cases', () => {
  it('store only the hash and a short prefix, and authenticate as the owner', async () => {
    const { key, summary } = await keys.createApiKey('slack:T1:U1', { label: 'club website' });
    expect(key).toMatch(API_KEY_PATTERN);
    expect(summary).toMatchObject({ owner: 'slack:T1:U1', prefix: key.slice(0, 11), label: 'club website', revokedAt: null });
    expect(summary).not.toHaveProperty('hash');
    const raw = await connection.collection('api_keys').findOne({ prefix: summary.prefix });
    expect(raw?.hash).toBe(hashApiKey(key));
    expect(JSON.stringify(raw)).not.toContain(key);
    expect(await keys.authenticate(key)).toBe('slack:T1:U1');
    expect(await keys.authenticate(key.toUpperCase())).toBeUndefined();
    expect(await keys.authenticate('')).toBeUndefined();
  });

  it('refuse a second key with the same hash (unique index)', async () => {
    const fixed = createApiKeyUseCases({ store: new MongoApiKeyStore(connection), clock, random: (n) => Buffer.alloc(n, 7) });
    await fixed.createApiKey('http:w:a');
    await expect(fixed.createApiKey('http:w:b')).rejects.toThrow(/duplicate key|E11000/);
  });

  it('refuse a bad owner and unknown or ambiguous revocations', async () => {
    await expect(keys.createApiKey('alice')).rejects.toBeInstanceOf(InputError);
    await expect(keys.revokeApiKey('gf_zzzzzzzz')).rejects.toThrow(/no API key has the prefix/);
    await expect(keys.revokeApiKey('nonsense')).rejects.toThrow(/whole key or its 11-character prefix/);
  });

  it('keep the first revocation time', async () => {
    const { key } = await keys.createApiKey('http:w:c');
    const first = await keys.revokeApiKey(key);
    clock.advanceDays(1);
    const again = await keys.revokeApiKey(key);
    expect(again.revokedAt).toEqual(first.revokedAt);
    expect(await keys.authenticate(key)).toBeUndefined();
  });
});

describe('gofast apikey', () => {
  it('create prints the key once with a warning, and the key works', async () => {
    const out = await apikey('create', '--owner', 'discord:G1:U1', '--label', 'coach tool');
    const [first, warning] = out.split('\n');
    expect(first).toMatch(API_KEY_PATTERN);
    expect(warning).toMatch(/cannot be shown again/);
    expect(warning).toContain(first?.slice(0, 11));
    expect(await keys.authenticate(first ?? '')).toBe('discord:G1:U1');
    const listed = await apikey('list', '--owner', 'discord:G1:U1');
    expect(listed).toContain(first?.slice(0, 11));
    expect(listed).toContain('active');
    expect(listed).toContain('coach tool');
    expect(listed).not.toContain(first);
  });

  it('revoke takes the prefix or the whole key', async () => {
    const byPrefix = (await apikey('create', '--owner', 'http:club:u1')).split('\n')[0] ?? '';
    expect(await apikey('revoke', byPrefix.slice(0, 11))).toMatch(/^revoked gf_/);
    expect(await keys.authenticate(byPrefix)).toBeUndefined();
    const byKey = (await apikey('create', '--owner', 'http:club:u2')).split('\n')[0] ?? '';
    expect(await apikey('revoke', byKey)).toContain('http:club:u2');
    expect(await keys.authenticate(byKey)).toBeUndefined();
    expect(await apikey('list', '--owner', 'http:club:u2')).toMatch(/revoked 2026-/);
  });

  it('refuses bad input with a one-line UsageError before opening the database', async () => {
    const before = opened;
    const cases: string[][] = [
      ['create', '--owner', 'not-an-identity'],
      ['create', '--owner', 'slack:T1'],
      ['create'],
      ['create', '--owner', 'slack:T1:U1', '--colour', 'red'],
      ['revoke'],
      ['revoke', 'abc'],
      ['revoke', 'gf_12345678', 'gf_87654321'],
      ['rotate'],
      [],
    ];
    for (const args of cases) {
      const error = await runApiKeyCommand(args, deps).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, args.join(' ')).toBeInstanceOf(UsageError);
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).toMatch(/^gofast apikey/);
    }
    expect(opened).toBe(before);
  });

  it('says so when no key has the prefix', async () => {
    await expect(apikey('revoke', 'gf_00000000')).rejects.toThrow(/no API key has the prefix gf_00000000/);
  });
});

describe('remembering authentications', () => {
  it('skips the lookup for a key seen in the last 2 s, forgets a key revoked here at once, and can be turned off', async () => {
    const { createApiKeyUseCases } = await import('../../../src/plans/api-keys.js');
    const records = new Map<string, import('../../../src/plans/api-key-store.js').ApiKeyRecord>();
    let lookups = 0;
    let now = 1_000_000;
    const store: import('../../../src/plans/api-key-store.js').ApiKeyStore = {
      insert: async (record) => {
        const stored = { ...record, id: `k${records.size + 1}` };
        records.set(stored.id, stored);
        return stored;
      },
      findByHash: async (hash) => {
        lookups += 1;
        return [...records.values()].find((r) => r.hash === hash);
      },
      findByPrefix: async (prefix) => [...records.values()].filter((r) => r.prefix === prefix),
      revoke: async (id, at) => {
        const r = records.get(id);
        if (!r) return undefined;
        const revoked = { ...r, revokedAt: at };
        records.set(id, revoked);
        return revoked;
      },
      list: async () => [...records.values()],
    };
    const keys = createApiKeyUseCases({ store, clock: { now: () => new Date(now) } });
    const { key } = await keys.createApiKey('http:club:coach');
    expect(await keys.authenticate(key)).toBe('http:club:coach');
    expect(await keys.authenticate(key)).toBe('http:club:coach');
    expect(lookups).toBe(1);
    now += 2001;
    await keys.authenticate(key);
    expect(lookups).toBe(2);
    await keys.revokeApiKey(key);
    expect(await keys.authenticate(key)).toBeUndefined();
    const strict = createApiKeyUseCases({ store, clock: { now: () => new Date(now) }, rememberMs: 0 });
    const second = await strict.createApiKey('http:club:coach');
    await strict.authenticate(second.key);
    await strict.authenticate(second.key);
    // 4 so far (two authentications, the revoke’s lookup, the refused one), then one per call.
    expect(lookups).toBe(6);
  });
});
