/**
 * Who waits decides how long the model may take (issue 17, item 6). A person (a preview, a week on
 * demand) gets the interactive budget — 12 s by default, OPENAI_INTERACTIVE_BUDGET_SECONDS — and the
 * rules engine answers when it runs out; the weekly scheduler keeps every attempt's full timeout.
 * The budget covers a server that sends its headers and then stalls, too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { DEFAULT_INTERACTIVE_BUDGET_MS, callBudgetMs, timeBudgetMs } from '../../../src/engine/openai/index.js';
import type { NextWeekRequest, OutlineRequest, PlanEngine } from '../../../src/engine/plan-engine.js';
import { createRulesEngine } from '../../../src/engine/rules/rules-engine.js';
import { deliverDueWeek } from '../../../src/plans/use-cases/deliver-due-week.js';
import type { FakeOpenAi } from '../../fakes/openai/fake-openai.js';
import { ATHLETE, MARATHON_FIELDS, startTestService, type TestService } from '../../support/plan-service.js';
import { INPUTS, SLACK_MS, engineFor, outlineProblems, timed, useFakeOpenAi } from './engine-harness.js';

describe('the budgets in the configuration', () => {
  const openai = (env: Record<string, string> = {}) => loadConfig({ OPENAI_API_KEY: 'sk-test', ...env }, false).openai;

  it('gives a person 12 s by default and the scheduler the full 20 s × 3', () => {
    const config = openai();
    if (!config) throw new Error('no OpenAI config');
    expect(DEFAULT_INTERACTIVE_BUDGET_MS).toBe(12_000);
    expect(callBudgetMs(config)).toBe(12_000);
    expect(callBudgetMs(config, 'interactive')).toBe(12_000);
    expect(callBudgetMs(config, 'scheduled')).toBe(60_000);
    expect(callBudgetMs(config, 'scheduled')).toBe(timeBudgetMs(config));
  });

  it('takes OPENAI_INTERACTIVE_BUDGET_SECONDS, never beyond the full budget, and refuses nonsense', () => {
    const config = openai({ OPENAI_INTERACTIVE_BUDGET_SECONDS: '5' });
    expect(config?.interactiveBudgetMs).toBe(5_000);
    if (config) expect(callBudgetMs(config, 'interactive')).toBe(5_000);
    const short = openai({ OPENAI_TIMEOUT_MS: '1000', OPENAI_MAX_RETRIES: '0' });
    if (short) expect(callBudgetMs(short, 'interactive')).toBe(1_000);
    expect(() => openai({ OPENAI_INTERACTIVE_BUDGET_SECONDS: '0' })).toThrow(ConfigError);
    expect(() => openai({ OPENAI_INTERACTIVE_BUDGET_SECONDS: 'soon' })).toThrow(/OPENAI_INTERACTIVE_BUDGET_SECONDS/);
  });
});

describe('a hanging model, by who waits', () => {
  let fake: FakeOpenAi;
  useFakeOpenAi(INPUTS, (started) => (fake = started));
  // 300 ms per attempt, 2 retries: 900 ms in all; a person gets 400 ms of it.
  const overrides = { config: { timeoutMs: 300, maxRetries: 2, interactiveBudgetMs: 400 } };

  it('answers a person with the rules engine when the interactive budget runs out', async () => {
    fake.otherwise(() => ({ kind: 'hang' }));
    const { value, ms } = await timed(() => engineFor(fake, overrides).outline({ inputs: INPUTS }));
    expect(outlineProblems(INPUTS, value)).toEqual([]);
    // Two attempts, the second with only what was left (100 ms), not a fresh 300 ms: the engine
    // counts them (on a loaded machine the second may be cut off before its request reaches the fake).
    expect(value.provenance).toMatchObject({ source: 'rules', fallbackReason: 'timeout', attempts: 2 });
    expect(ms).toBeGreaterThanOrEqual(400 - 50);
    expect(ms).toBeLessThan(400 + SLACK_MS);
  });

  it('lets the scheduler wait for every attempt', async () => {
    fake.otherwise(() => ({ kind: 'hang' }));
    const { value, ms } = await timed(() => engineFor(fake, overrides).outline({ inputs: INPUTS, urgency: 'scheduled' }));
    expect(value.provenance).toMatchObject({ source: 'rules', attempts: 3, fallbackReason: 'timeout' });
    expect(ms).toBeGreaterThanOrEqual(900 - 50);
    expect(ms).toBeLessThan(900 + SLACK_MS);
  });

  it('cuts off a server that sends its headers and then stalls, at the deadline', async () => {
    fake.otherwise(() => ({ kind: 'stall' }));
    const { value, ms } = await timed(() => engineFor(fake, overrides).outline({ inputs: INPUTS }));
    expect(outlineProblems(INPUTS, value)).toEqual([]);
    expect(value.provenance).toMatchObject({ source: 'rules', fallbackReason: 'timeout' });
    expect(ms).toBeLessThan(400 + SLACK_MS);
  });

  it('still opens the circuit after three timed-out calls', async () => {
    fake.otherwise(() => ({ kind: 'hang' }));
    const engine = engineFor(fake, { config: { timeoutMs: 100, maxRetries: 0, interactiveBudgetMs: 100 } });
    for (let i = 0; i < 3; i += 1) await engine.outline({ inputs: INPUTS });
    const sent = fake.requests.length;
    const { value, ms } = await timed(() => engine.outline({ inputs: INPUTS }));
    expect(value.provenance).toMatchObject({ source: 'rules', attempts: 0, fallbackReason: 'circuit-open' });
    expect(fake.requests).toHaveLength(sent);
    expect(ms).toBeLessThan(SLACK_MS);
  });
});

describe('what the use cases tell the engine', () => {
  let s: TestService;
  const seen: { what: string; urgency: string | undefined }[] = [];
  const rules = createRulesEngine();
  const recording: PlanEngine = {
    name: rules.name,
    outline: (request: OutlineRequest) => {
      seen.push({ what: 'outline', urgency: request.urgency });
      return rules.outline(request);
    },
    nextWeek: (request: NextWeekRequest) => {
      seen.push({ what: `week ${request.weekNumber}`, urgency: request.urgency });
      return rules.nextWeek(request);
    },
  };

  beforeAll(async () => {
    s = await startTestService({ now: '2026-11-25T12:00:00Z', engine: recording });
  });
  afterAll(async () => {
    await s.close();
  });

  it("a preview and a week on demand are interactive; the weekly scheduler's weeks are scheduled", async () => {
    const preview = await s.plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
    await s.plans.confirmPlan(ATHLETE, preview.id);
    await s.plans.generateNextWeek(ATHLETE, preview.id);
    expect(seen.map((r) => r.urgency ?? 'interactive')).toEqual(['interactive', 'interactive']);
    seen.length = 0;

    s.clock.set('2026-12-20T12:00:00Z');
    const outcome = await deliverDueWeek(
      {
        store: s.store,
        engine: recording,
        clock: s.clock,
        instanceId: 'bot-1',
        leaseMs: 60_000,
        notifier: {
          platforms: ['slack'],
          deliverWeek: async () => ({ messageRef: 'm1' }),
          notify: async () => ({ messageRef: 'm2' }),
          remindDay: async () => ({ messageRef: 'm3' }),
          rateKey: () => ({ platform: 'slack', key: 'T1' }),
        },
      },
      preview.id,
    );
    expect(outcome).toMatchObject({ kind: 'posted', planId: preview.id });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.urgency === 'scheduled')).toBe(true);
  });
});
