/**
 * When the model cannot be reached: 429 (with retry-after-ms / retry-after), 500s, a server that
 * hangs past the timeout, a refused connection, a bad key — and the circuit breaker that stops
 * trying for a while after repeated failures (on a fake clock). Every case ends with a valid plan
 * within the configured time budget.
 */
import { createServer } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { timeBudgetMs } from '../../../src/engine/openai/index.js';
import { FakeOpenAi } from '../../fakes/openai/fake-openai.js';
import { json, outlineAnswer, rulesResponder, rulesWeeks } from '../../fakes/openai/plan-replies.js';
import { INPUTS, MODEL, SLACK_MS, engineFor, outlineProblems, timed, weekProblems, useFakeOpenAi } from './engine-harness.js';

let fake: FakeOpenAi;
const VALID = outlineAnswer(INPUTS);

useFakeOpenAi(INPUTS, (started) => (fake = started));

describe('retries', () => {
  it('waits the retry-after-ms of a 429, then takes the answer', async () => {
    fake.script({ kind: 'status', status: 429, headers: { 'retry-after-ms': '40' } }, json(VALID));
    const { value: outline, ms } = await timed(() => engineFor(fake).outline({ inputs: INPUTS }));
    expect(outlineProblems(INPUTS, outline)).toEqual([]);
    expect(outline.provenance).toMatchObject({ source: `openai:${MODEL}`, attempts: 2, fallbackReason: null });
    const [first, second] = fake.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(35);
    expect(ms).toBeLessThan(timeBudgetMs({ timeoutMs: 300, maxRetries: 2 }) + SLACK_MS);
  });

  it('reads retry-after in seconds too', async () => {
    fake.script({ kind: 'status', status: 429, headers: { 'retry-after': '0' } }, { kind: 'status', status: 503 }, json(VALID));
    const outline = await engineFor(fake).outline({ inputs: INPUTS });
    expect(outline.provenance).toMatchObject({ source: `openai:${MODEL}`, attempts: 3, fallbackReason: null });
  });

  it('does not wait out a retry-after longer than the time left: the rules engine answers at once', async () => {
    fake.script({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });
    const { value: outline, ms } = await timed(() => engineFor(fake).outline({ inputs: INPUTS }));
    expect(outlineProblems(INPUTS, outline)).toEqual([]);
    expect(outline.provenance).toMatchObject({ source: 'rules', attempts: 1, fallbackReason: 'rate-limited' });
    expect(ms).toBeLessThan(SLACK_MS);
  });

  it('retries 500s maxRetries times, then the rules engine answers within the budget', async () => {
    fake.otherwise(() => ({ kind: 'status', status: 500 }));
    const { phases, weeks } = rulesWeeks(INPUTS, 4);
    const request = { inputs: INPUTS, phases, weeks, weekNumber: 5 };
    const { value: week, ms } = await timed(() => engineFor(fake).nextWeek(request));
    expect(weekProblems(request, week)).toEqual([]);
    expect(fake.requests).toHaveLength(3);
    expect(week.provenance).toEqual({ source: 'rules', attempts: 3, promptTokens: 0, completionTokens: 0, fallbackReason: 'server-error' });
    expect(ms).toBeLessThan(timeBudgetMs({ timeoutMs: 300, maxRetries: 2 }) + SLACK_MS);
  });

  it('gives up on a server that hangs past the timeout, within timeout × (retries + 1)', async () => {
    fake.otherwise(() => ({ kind: 'hang' }));
    const budget = timeBudgetMs({ timeoutMs: 300, maxRetries: 1 });
    const { value: outline, ms } = await timed(() => engineFor(fake, { config: { maxRetries: 1 } }).outline({ inputs: INPUTS }));
    expect(outlineProblems(INPUTS, outline)).toEqual([]);
    expect(outline.provenance).toMatchObject({ source: 'rules', attempts: 2, fallbackReason: 'timeout' });
    expect(fake.requests).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(budget - 50);
    expect(ms).toBeLessThan(budget + SLACK_MS);
  });

  it('keeps the send-back inside the same budget: a hanging second answer ends at the deadline', async () => {
    const spoiled = structuredClone(VALID);
    spoiled.phases.reverse();
    fake.script(json(spoiled), () => ({ kind: 'hang' }));
    const budget = timeBudgetMs({ timeoutMs: 300, maxRetries: 0 });
    const { value: outline, ms } = await timed(() => engineFor(fake, { config: { maxRetries: 0 } }).outline({ inputs: INPUTS }));
    expect(outlineProblems(INPUTS, outline)).toEqual([]);
    expect(outline.provenance).toMatchObject({ source: 'rules', attempts: 2, fallbackReason: 'timeout' });
    expect(ms).toBeLessThan(budget + SLACK_MS);
  });

  it('does not retry a refused key (401): api-error at once', async () => {
    const engine = engineFor(fake, { config: { apiKey: 'sk-wrong' } });
    const outline = await engine.outline({ inputs: INPUTS });
    expect(outline.provenance).toMatchObject({ source: 'rules', attempts: 1, fallbackReason: 'api-error' });
  });

  it('treats a refused connection as a network failure', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const address = probe.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const engine = engineFor(fake, { config: { baseUrl: `http://127.0.0.1:${port}/v1` } });
    const { value: outline, ms } = await timed(() => engine.outline({ inputs: INPUTS }));
    expect(outlineProblems(INPUTS, outline)).toEqual([]);
    expect(outline.provenance).toMatchObject({ source: 'rules', attempts: 3, fallbackReason: 'network' });
    expect(ms).toBeLessThan(timeBudgetMs({ timeoutMs: 300, maxRetries: 2 }) + SLACK_MS);
  });
});

describe('the circuit breaker', () => {
  it('opens after repeated failures, answers from the rules engine without calling, and closes after the cool-down', async () => {
    let now = Date.parse('2026-11-25T12:00:00Z');
    const engine = engineFor(fake, {
      config: { maxRetries: 0 },
      breaker: { failureThreshold: 2, coolDownMs: 30_000 },
      clock: () => new Date(now),
    });
    fake.otherwise(() => ({ kind: 'status', status: 500 }));
    const reasons: (string | null | undefined)[] = [];
    for (let i = 0; i < 4; i += 1) reasons.push((await engine.outline({ inputs: INPUTS, variant: i })).provenance?.fallbackReason);
    expect(reasons).toEqual(['server-error', 'server-error', 'circuit-open', 'circuit-open']);
    expect(fake.requests).toHaveLength(2);

    // Still open just before the cool-down ends.
    now += 29_999;
    expect((await engine.outline({ inputs: INPUTS })).provenance).toMatchObject({
      source: 'rules',
      attempts: 0,
      fallbackReason: 'circuit-open',
    });

    // Half-open: one trial call; it fails, so the circuit opens for another cool-down.
    now += 1;
    expect((await engine.outline({ inputs: INPUTS })).provenance?.fallbackReason).toBe('server-error');
    expect(fake.requests).toHaveLength(3);
    expect((await engine.outline({ inputs: INPUTS })).provenance?.fallbackReason).toBe('circuit-open');

    // The model is back: the next trial succeeds and the circuit closes.
    now += 30_000;
    fake.otherwise(rulesResponder(INPUTS));
    const trial = await engine.outline({ inputs: INPUTS });
    expect(trial.provenance).toMatchObject({ source: `openai:${MODEL}`, fallbackReason: null });
    const after = await engine.outline({ inputs: INPUTS, variant: 1 });
    expect(after.provenance).toMatchObject({ source: `openai:${MODEL}`, fallbackReason: null });
    expect(fake.requests).toHaveLength(5);
  });

  it('does not count answers the model gave (bad plans) as failures', async () => {
    const engine = engineFor(fake, { config: { maxRetries: 0 }, breaker: { failureThreshold: 1, coolDownMs: 60_000 } });
    fake.otherwise(() => ({ kind: 'text', content: 'not json' }));
    for (let i = 0; i < 3; i += 1) {
      expect((await engine.outline({ inputs: INPUTS, variant: i })).provenance?.fallbackReason).toBe('malformed');
    }
    expect(fake.requests).toHaveLength(6);
  });
});
