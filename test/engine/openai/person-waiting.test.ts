/**
 * A person waiting on a model that hangs (issue 17, item 6), through the console in piped mode
 * over the test database, with the engine built from the real configuration defaults (20 s per
 * attempt, 2 retries, the 12 s interactive budget): "Writing your plan…" shows within a second,
 * and the rules engine's preview comes within 13 s instead of after a minute. This one test runs on
 * real time (about 12 s): the budget is the point. With the rules engine, answers come in
 * milliseconds and no progress line is printed at all.
 */
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleSession } from '../../../src/adapters/console/index.js';
import { loadConfig } from '../../../src/config.js';
import { createConversation } from '../../../src/conversation/conversation.js';
import type { IntentActor } from '../../../src/conversation/intents.js';
import { WORKING_TEXT, WRITING_PLAN_TEXT } from '../../../src/conversation/progress.js';
import { createOpenAiEngine } from '../../../src/engine/openai/index.js';
import { createRulesEngine } from '../../../src/engine/rules/rules-engine.js';
import { createLogger } from '../../../src/log.js';
import type { PlanUseCases } from '../../../src/plans/plan-use-cases.js';
import { FakeOpenAi } from '../../fakes/openai/fake-openai.js';
import { startTestService, type TestService } from '../../support/plan-service.js';

const NEW_PLAN = '/plan new distance=half race-date=2027-03-21 goal=1:45:00 five-k=23:00 mileage=20 days=2,4,6,7 race="Rome Half"';

let fake: FakeOpenAi;
let s: TestService;
let rules: { plans: PlanUseCases; close(): Promise<void> };

beforeAll(async () => {
  fake = await FakeOpenAi.start();
  // Accepts every request and never answers.
  fake.otherwise(() => ({ kind: 'hang' }));
  const config = loadConfig({ OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.baseUrl }, false).openai;
  if (!config) throw new Error('OPENAI_API_KEY did not turn the OpenAI engine on');
  s = await startTestService({ now: '2026-11-25T12:00:00Z', engine: createOpenAiEngine({ config, fallback: createRulesEngine() }) });
  rules = await s.instance(createRulesEngine());
});

afterAll(async () => {
  await rules.close();
  await s.close();
  await fake.close();
});

type Line = { readonly at: number; readonly text: string };

/** Types `line` into a piped console session; returns each printed line with its time (ms after typing). */
async function typed(plans: PlanUseCases, actor: IntentActor, line: string): Promise<Line[]> {
  const core = createConversation({ plans, logger: createLogger('silent'), clock: s.clock });
  const input = new PassThrough();
  const output = new PassThrough();
  const printed: Line[] = [];
  let start = performance.now();
  output.on('data', (chunk: Buffer) => {
    const at = performance.now() - start;
    for (const text of chunk.toString('utf8').split('\n')) if (text.trim() !== '') printed.push({ at, text });
  });
  start = performance.now();
  input.end(`${line}\n`);
  await runConsoleSession({
    handle: (intent, options) => core.handle(intent, options),
    actor,
    clock: s.clock,
    input,
    output,
    interactive: false,
    saveFile: async (filename) => `/tmp/gofast/${filename}`,
  });
  return printed;
}

function firstAt(lines: readonly Line[], part: string): number | undefined {
  return lines.find((l) => l.text.includes(part))?.at;
}

describe('a person waiting on the model', () => {
  it('sees "Writing your plan…" within 1 s and the rules engine\'s preview within 13 s when the model hangs', async () => {
    const actor: IntentActor = { identity: 'console:local:waiting', timezone: 'Europe/Rome', origin: { kind: 'dm' } };
    const lines = await typed(s.plans, actor, NEW_PLAN);

    const progressAt = firstAt(lines, WRITING_PLAN_TEXT);
    const previewAt = firstAt(lines, 'Confirm');
    expect(progressAt, lines.map((l) => l.text).join('\n')).toBeDefined();
    expect(progressAt).toBeLessThan(1000);
    expect(previewAt).toBeDefined();
    expect(previewAt).toBeGreaterThan(progressAt ?? Infinity);
    expect(previewAt).toBeLessThanOrEqual(13_000);
    // Once: the progress line is not repeated, and nothing after the preview is a progress line.
    expect(lines.filter((l) => l.text.includes(WRITING_PLAN_TEXT))).toHaveLength(1);

    const [plan] = await s.plans.listPlans({ owner: actor.identity });
    expect(plan?.preview?.provenance).toMatchObject({ source: 'rules', fallbackReason: 'timeout' });
    // The model had the whole budget: one request, cut off at 12 s (not 20 s, not three of them).
    expect(fake.requests).toHaveLength(1);
  }, 20_000);

  it('shows no progress line when the rules engine answers (in milliseconds)', async () => {
    const actor: IntentActor = { identity: 'console:local:quick', timezone: 'Europe/Rome', origin: { kind: 'dm' } };
    const lines = await typed(rules.plans, actor, NEW_PLAN);
    expect(firstAt(lines, 'Confirm')).toBeLessThan(700);
    expect(lines.some((l) => l.text.includes(WRITING_PLAN_TEXT) || l.text.includes(WORKING_TEXT))).toBe(false);
  });
});
