/** Shared set-up of the OpenAI engine tests: the sample athlete, the fake, and an engine aimed at it. */
import { performance } from 'node:perf_hooks';
import { parsePlanInputs } from '../../../src/domain/plan-inputs.js';
import type { PlanInputs } from '../../../src/domain/schemas.js';
import { validatePhases, validateWeek } from '../../../src/domain/validator.js';
import { createOpenAiEngine, timeBudgetMs, type OpenAiEngineOptions } from '../../../src/engine/openai/index.js';
import type { OutlineResult, PlanEngine, WeekResult, NextWeekRequest } from '../../../src/engine/plan-engine.js';
import { createRulesEngine } from '../../../src/engine/rules/rules-engine.js';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { FakeOpenAi } from '../../fakes/openai/fake-openai.js';
import { rulesResponder } from '../../fakes/openai/plan-replies.js';
import { MARATHON_FIELDS, SAMPLE_TODAY } from '../../support/sample-inputs.js';

export const MODEL = 'gpt-4o-mini';

export const INPUTS: PlanInputs = parsePlanInputs(MARATHON_FIELDS, SAMPLE_TODAY).inputs;

/**
 * A half marathon starting on a Friday (a 3-day week 1), for the partial-week cases: 8 calendar
 * weeks, the shortest half plan, so R2 keeps the Friday start (the Monday after leaves 7).
 */
export const HALF_INPUTS: PlanInputs = parsePlanInputs(
  {
    raceName: 'Lisbon Half',
    distance: 'half',
    raceDate: '2027-01-17',
    startDate: '2026-11-27',
    goal: '1:45:00',
    fiveK: '22:00',
    mileage: '20',
    days: '2,4,6,7',
  },
  SAMPLE_TODAY,
).inputs;

export type EngineOverrides = Partial<Omit<OpenAiEngineOptions, 'config' | 'fallback'>> & {
  readonly config?: Partial<OpenAiEngineOptions['config']>;
};

/** What the fallback, the validator and a cold start may add to the model's time budget. */
export const SLACK_MS = 250;

/**
 * The OpenAI engine aimed at the fake, with small timeouts and backoff so that every failure path
 * ends in well under a second. Every call through it is checked against the contract of the issue:
 * the result passes the validator and arrives within the configured time budget (plus `SLACK_MS`).
 */
export function engineFor(fake: FakeOpenAi, overrides: EngineOverrides = {}): PlanEngine {
  const { config: configOverrides, ...rest } = overrides;
  const config = {
    apiKey: fake.apiKey,
    model: MODEL,
    baseUrl: fake.baseUrl,
    timeoutMs: 300,
    maxRetries: 2,
    monthlyTokenBudget: 10_000_000,
    ...configOverrides,
  };
  const engine = createOpenAiEngine({
    config,
    fallback: createRulesEngine(),
    backoff: { initialDelayMs: 5, maxDelayMs: 20 },
    random: () => 0,
    ...rest,
  });
  const budget = rest.timeBudgetMs ?? timeBudgetMs(config);
  const withinBudget = (what: string, ms: number): void => {
    if (ms > budget + SLACK_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms; the time budget is ${budget} ms`);
  };
  return {
    name: engine.name,
    async outline(request) {
      const { value, ms } = await timed(() => engine.outline(request));
      withinBudget('outline', ms);
      const problems = outlineProblems(request.inputs, value);
      if (problems.length > 0) throw new Error(`the outline breaks rules:\n${problems.join('\n')}`);
      return value;
    },
    async nextWeek(request) {
      const { value, ms } = await timed(() => engine.nextWeek(request));
      withinBudget(`week ${request.weekNumber}`, ms);
      const problems = weekProblems(request, value);
      if (problems.length > 0) throw new Error(`week ${request.weekNumber} breaks rules:\n${problems.join('\n')}`);
      return value;
    },
  };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

/** Every rule for an outline: phases and week 1. */
export function outlineProblems(inputs: PlanInputs, outline: OutlineResult): string[] {
  return [...validatePhases(inputs, outline.phases), ...validateWeek({ inputs, phases: outline.phases, weeks: [outline.week] }, 1)].map(
    (v) => `${v.rule}: ${v.message}`,
  );
}

export function weekProblems(request: NextWeekRequest, week: WeekResult): string[] {
  const prior = request.weeks.slice(0, request.weekNumber - 1);
  return validateWeek({ inputs: request.inputs, phases: [...request.phases], weeks: [...prior, week] }, request.weekNumber).map(
    (v) => `${v.rule}: ${v.message}`,
  );
}

/** The user message of a recorded request (the TASK and the DATA section). */
export function userText(body: { messages: readonly { role: string; content: string }[] }, which: 'first' | 'last' = 'first'): string {
  const users = body.messages.filter((m) => m.role === 'user');
  return (which === 'first' ? users[0] : users[users.length - 1])?.content ?? '';
}

/**
 * One fake OpenAI for a test file: started before the tests, closed after, and reset before each
 * test to answer every request with the rules engine's plan for `inputs` unless a test scripts more.
 */
export function useFakeOpenAi(inputs: PlanInputs, set: (fake: FakeOpenAi) => void): void {
  let started: FakeOpenAi | undefined;
  beforeAll(async () => {
    started = await FakeOpenAi.start();
    set(started);
  });
  afterAll(async () => {
    await started?.close();
  });
  beforeEach(() => {
    started?.reset();
    started?.otherwise(rulesResponder(inputs));
  });
}
