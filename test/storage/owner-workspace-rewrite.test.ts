/**
 * The one-time rewrite of one platform's owners into one workspace, and the command-registration
 * store, over the MongoDB wire (the embedded server, or the real one MONGODB_URI names): only that
 * platform's owners in another workspace change; two instances starting at once rewrite each
 * document once; a second run finds nothing to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoCommandRegistrationStore } from '../../src/storage/mongo-command-registration-store.js';
import { connectMongo, type MongoConnection } from '../../src/storage/mongo-connection.js';
import { rewriteOwnerWorkspace } from '../../src/storage/owner-workspace-rewrite.js';
import { startTestMongo, type TestMongo } from '../support/mongo.js';

let mongo: TestMongo;
let a: MongoConnection;
let b: MongoConnection;

beforeAll(async () => {
  mongo = await startTestMongo();
  a = await connectMongo(mongo.uri);
  b = await connectMongo(mongo.uri);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await mongo?.close();
});

describe('rewriting owners into one workspace', () => {
  it("rewrites only that platform's owners elsewhere, once, whoever runs it", async () => {
    const owners = ['discord:111:7', 'discord:222:7', 'discord:@me:8', 'discord:333:9', 'slack:T1:7', 'discordx:111:7'];
    await a.collection('plans').insertMany(owners.map((owner, i) => ({ owner, status: 'active', n: i })));
    await a.collection('api_keys').insertOne({ owner: 'discord:111:7', prefix: 'gf_a' });

    const [first, second] = await Promise.all([rewriteOwnerWorkspace(a, 'discord', '@me'), rewriteOwnerWorkspace(b, 'discord', '@me')]);
    expect((first?.plans ?? 0) + (second?.plans ?? 0)).toBe(3);
    expect((first?.api_keys ?? 0) + (second?.api_keys ?? 0)).toBe(1);

    const plans = await a.collection('plans').find({}).sort({ n: 1 }).toArray();
    expect(plans.map((p) => p.owner)).toEqual([
      'discord:@me:7',
      'discord:@me:7',
      'discord:@me:8',
      'discord:@me:9',
      'slack:T1:7',
      'discordx:111:7',
    ]);
    expect(await a.collection('api_keys').findOne({ prefix: 'gf_a' })).toMatchObject({ owner: 'discord:@me:7' });
    expect(await rewriteOwnerWorkspace(a, 'discord', '@me')).toEqual({ plans: 0, api_keys: 0 });
  });

  it('refuses a platform or workspace that would not make an identity', async () => {
    await expect(rewriteOwnerWorkspace(a, 'Discord!', '@me')).rejects.toThrow(/cannot rewrite owners/);
    await expect(rewriteOwnerWorkspace(a, 'discord', 'a:b')).rejects.toThrow(/cannot rewrite owners/);
  });
});

describe('the command-registration store', () => {
  it('remembers the last hash per registration', async () => {
    const store = new MongoCommandRegistrationStore(a, () => new Date('2026-11-25T12:00:00Z'));
    expect(await store.registeredHash('discord-commands:1:global')).toBeNull();
    await store.recordRegistration('discord-commands:1:global', 'h1');
    await store.recordRegistration('discord-commands:1:global', 'h2');
    await store.recordRegistration('discord-commands:1:42', 'h3');
    expect(await store.registeredHash('discord-commands:1:global')).toBe('h2');
    expect(await new MongoCommandRegistrationStore(b).registeredHash('discord-commands:1:42')).toBe('h3');
  });
});
