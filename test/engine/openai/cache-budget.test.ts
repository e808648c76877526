/**
 * The outline cache and the monthly token budget, through their MongoDB implementations on the
 * test database: identical requests reuse the stored outline (counted at the fake), a different
 * variant, model or prompt version misses, expired entries are never served; a workspace that has
 * spent its tokens gets the rules engine until the month turns.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROMPT_VERSION, outlineCacheKey } from '../../../src/engine/openai/index.js';
import { buildOutline } from '../../../src/engine/rules/rules-engine.js';
import { connectMongo, type MongoConnection } from '../../../src/storage/mongo-connection.js';
import { MongoOutlineCache } from '../../../src/storage/mongo-outline-cache.js';
import { MongoTokenBudget } from '../../../src/storage/mongo-token-budget.js';
import { FakeOpenAi } from '../../fakes/openai/fake-openai.js';
import { rulesResponder } from '../../fakes/openai/plan-replies.js';
import { startTestMongo, type TestMongo } from '../../support/mongo.js';
import { INPUTS, MODEL, engineFor, outlineProblems } from './engine-harness.js';

let fake: FakeOpenAi;
let mongo: TestMongo;
let connection: MongoConnection;
let now = Date.parse('2026-11-25T12:00:00Z');
const clock = (): Date => new Date(now);

beforeAll(async () => {
  fake = await FakeOpenAi.start();
  mongo = await startTestMongo();
  connection = await connectMongo(mongo.uri);
});
afterAll(async () => {
  await fake.close();
  await connection.close();
  await mongo.close();
});
beforeEach(() => {
  fake.reset();
  fake.otherwise(rulesResponder(INPUTS));
  now = Date.parse('2026-11-25T12:00:00Z');
});

describe('the outline cache (MongoDB)', () => {
  async function freshCache(): Promise<MongoOutlineCache> {
    await connection.collection('outline_cache').deleteMany({});
    const cache = new MongoOutlineCache(connection, clock);
    await cache.init();
    return cache;
  }

  it('answers identical inputs from the cache without a second model call', async () => {
    const cache = await freshCache();
    const engine = engineFor(fake, { cache, clock });
    const first = await engine.outline({ inputs: INPUTS });
    const second = await engine.outline({ inputs: { ...INPUTS, preferredDays: [...INPUTS.preferredDays] } });
    expect(fake.requests).toHaveLength(1);
    expect(outlineProblems(INPUTS, second)).toEqual([]);
    expect(second.week).toEqual(first.week);
    expect(second.phases).toEqual(first.phases);
    expect(second.provenance).toEqual({
      source: `openai:${MODEL}`,
      attempts: 0,
      promptTokens: 0,
      completionTokens: 0,
      fallbackReason: null,
    });
    // Another engine instance (another bot process) finds it too.
    await engineFor(fake, { cache, clock }).outline({ inputs: INPUTS });
    expect(fake.requests).toHaveLength(1);
    const indexes = await connection.collection('outline_cache').indexes();
    expect(indexes.find((i) => i.key.expiresAt === 1)).toMatchObject({ expireAfterSeconds: 0 });
  });

  it('misses for another variant, another model, other inputs, and (by key) another prompt version', async () => {
    const cache = await freshCache();
    const engine = engineFor(fake, { cache, clock });
    await engine.outline({ inputs: INPUTS });
    const regenerated = await engine.outline({ inputs: INPUTS, variant: 1 });
    expect(regenerated.week).toEqual(buildOutline(INPUTS, 1).week);
    await engineFor(fake, { cache, clock, config: { model: 'gpt-4o' } }).outline({ inputs: INPUTS });
    await engine.outline({ inputs: { ...INPUTS, weeklyMileage: 31 } });
    expect(fake.requests).toHaveLength(4);
    expect(fake.requests[2]?.body.model).toBe('gpt-4o');
    const parts = { inputs: INPUTS, model: MODEL, promptVersion: PROMPT_VERSION, variant: 0 };
    expect(outlineCacheKey(parts)).toMatch(/^[0-9a-f]{64}$/);
    expect(outlineCacheKey({ ...parts, promptVersion: `${PROMPT_VERSION}-next` })).not.toBe(outlineCacheKey(parts));
    // The key does not depend on the order fields were written in.
    const reordered = Object.fromEntries(Object.entries(INPUTS).reverse()) as typeof INPUTS;
    expect(outlineCacheKey({ ...parts, inputs: reordered })).toBe(outlineCacheKey(parts));
  });

  it('never serves an expired outline, even where the server has not deleted it yet', async () => {
    const cache = await freshCache();
    const engine = engineFor(fake, { cache, clock, cacheTtlMs: 60_000 });
    await engine.outline({ inputs: INPUTS });
    now += 59_000;
    await engine.outline({ inputs: INPUTS });
    expect(fake.requests).toHaveLength(1);
    now += 2_000;
    await engine.outline({ inputs: INPUTS });
    expect(fake.requests).toHaveLength(2);
  });

  it('does not cache a fallback, and ignores a stored outline that no longer passes the rules', async () => {
    const cache = await freshCache();
    const engine = engineFor(fake, { cache, clock, config: { maxRetries: 0 } });
    fake.script({ kind: 'status', status: 500 });
    expect((await engine.outline({ inputs: INPUTS })).provenance?.fallbackReason).toBe('server-error');
    expect((await engine.outline({ inputs: INPUTS })).provenance?.attempts).toBe(1);
    expect(fake.requests).toHaveLength(2);

    const key = outlineCacheKey({ inputs: INPUTS, model: MODEL, promptVersion: PROMPT_VERSION, variant: 0 });
    const stale = buildOutline(INPUTS);
    await cache.put(key, { ...stale, phases: [...stale.phases].reverse() }, 60_000);
    const outline = await engine.outline({ inputs: INPUTS });
    expect(outlineProblems(INPUTS, outline)).toEqual([]);
    expect(fake.requests).toHaveLength(3);
  });
});

describe('the monthly token budget (MongoDB)', () => {
  it('lets the rules engine answer once a workspace has spent its tokens, until the month turns', async () => {
    await connection.collection('token_budgets').deleteMany({});
    const budget = new MongoTokenBudget(connection);
    await budget.init();
    const engine = engineFor(fake, { budget, clock, config: { monthlyTokenBudget: 1000 } });
    const first = await engine.outline({ inputs: INPUTS, workspace: 'slack:T1' });
    expect(first.provenance?.source).toBe(`openai:${MODEL}`);
    const cost = (first.provenance?.promptTokens ?? 0) + (first.provenance?.completionTokens ?? 0);
    expect(cost).toBeGreaterThan(1000);
    expect(await budget.spent('slack:T1', '2026-11')).toBe(cost);

    const capped = await engine.outline({ inputs: INPUTS, workspace: 'slack:T1', variant: 1 });
    expect(outlineProblems(INPUTS, capped)).toEqual([]);
    expect(capped.provenance).toEqual({ source: 'rules', attempts: 0, promptTokens: 0, completionTokens: 0, fallbackReason: 'budget' });
    expect(fake.requests).toHaveLength(1);

    // Another workspace has its own budget.
    expect((await engine.outline({ inputs: INPUTS, workspace: 'slack:T2' })).provenance?.source).toBe(`openai:${MODEL}`);
    // December: a new month, a new budget.
    now = Date.parse('2026-12-01T00:00:01Z');
    expect((await engine.outline({ inputs: INPUTS, workspace: 'slack:T1', variant: 2 })).provenance?.source).toBe(`openai:${MODEL}`);
    expect(fake.requests).toHaveLength(3);
  });

  it('adds concurrent spending atomically', async () => {
    await connection.collection('token_budgets').deleteMany({});
    const budget = new MongoTokenBudget(connection);
    await Promise.all(Array.from({ length: 20 }, () => budget.add('discord:G1', '2026-11', 50)));
    expect(await budget.spent('discord:G1', '2026-11')).toBe(1000);
    expect(await budget.spent('discord:G1', '2026-12')).toBe(0);
  });
});
