/**
 * The OpenAI engine: the seed's GPT-4o-mini generator behind the `PlanEngine` port, made reliable.
 * Each call: a cached outline if there is one (previews only); the workspace's monthly token
 * budget; the circuit breaker; then the model with structured output, the deterministic repairs,
 * the validator, one send-back of what is still wrong — and, whenever any of that does not end in
 * a valid plan, the fallback engine (the rules engine) answers. Every result says who made it
 * (`provenance`): `openai:<model>` with its attempts and tokens, or the fallback's source with the
 * reason it answered (`budget`, `circuit-open`, `timeout`, `rate-limited`, `server-error`,
 * `network`, `api-error`, `refusal`, `length`, `malformed`, `invalid`, `error`) and what the model
 * calls before it cost.
 *
 * Sampling: variant 0 (the first take) at temperature 0.3; a regenerated take (variant ≥ 1) at 0.8
 * with the prompt asking for another version; `seed` is the variant, so a take is as repeatable as
 * the API allows, and the cache key holds the variant.
 *
 * Time: a call has one deadline from its start, by who waits (`callBudgetMs`): a person gets the
 * interactive budget (12 s by default), the scheduler every attempt at its full timeout. Retries,
 * backoff and the send-back share it, and each attempt is cut off at what is left of it.
 */
import { performance } from 'node:perf_hooks';
import { OpenAI } from 'openai';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import { computePaces } from '../../domain/paces.js';
import { planWarnings } from '../../domain/plan-inputs.js';
import type { PlanInputs, PlanOutline } from '../../domain/schemas.js';
import { totalWeeksOf, validatePhases, validateWeek, type Violation } from '../../domain/validator.js';
import {
  NoMoreTakesError,
  type NextWeekRequest,
  type OutlineRequest,
  type OutlineResult,
  type PlanEngine,
  type Provenance,
  type Urgency,
  type WeekResult,
} from '../plan-engine.js';
import { outlineCacheKey } from './cache-key.js';
import { callChat, ModelUnavailableError, type CallSettings, type ChatAnswer, type ChatMessage, type UsageTally } from './chat-call.js';
import { CircuitBreaker } from './circuit-breaker.js';
import {
  DEFAULT_BACKOFF,
  DEFAULT_BREAKER,
  DEFAULT_CACHE_TTL_MS,
  callBudgetMs,
  timeBudgetMs,
  type OpenAiEngineOptions,
} from './engine-options.js';
import {
  modelOutlineSchema,
  modelWeekSchema,
  outlineResponseFormat,
  weekResponseFormat,
  type ModelOutline,
  type ModelWeek,
} from './output-schema.js';
import { outlineMessages } from './prompt-outline.js';
import { PROMPT_VERSION } from './prompt-version.js';
import { weekMessages } from './prompt-week.js';
import { modelDaysOf, repairWeek } from './repair-week.js';
import { generateWithSendBack, type Generated, type Judgement } from './send-back.js';

/** The seed's max_tokens for the preview; one week is smaller. */
const OUTLINE_MAX_TOKENS = 4000;
const WEEK_MAX_TOKENS = 3000;
/** The budget account of requests that name no workspace (the CLI). */
const DEFAULT_WORKSPACE = 'default';

type Call = (messages: readonly ChatMessage[], maxTokens: number) => Promise<ChatAnswer>;

function outlineOf(inputs: PlanInputs, phases: PlanOutline['phases'], week: PlanOutline['week']): PlanOutline {
  return { totalWeeks: totalWeeksOf(inputs), paces: computePaces(inputs), warnings: planWarnings(inputs), phases, week };
}

/** Phases (R1) and week 1 of an outline, against the validator. */
function outlineViolations(inputs: PlanInputs, outline: Pick<PlanOutline, 'phases' | 'week'>): Violation[] {
  return [...validatePhases(inputs, outline.phases), ...validateWeek({ inputs, phases: outline.phases, weeks: [outline.week] }, 1)];
}

export function judgeOutline(output: ModelOutline, inputs: PlanInputs): Judgement<PlanOutline> {
  const phases = output.phases.map((p) => ({ name: p.name, weekCount: p.weekCount }));
  const { week } = repairWeek(output.days, inputs, phases, 1);
  return {
    value: outlineOf(inputs, phases, week),
    violations: outlineViolations(inputs, { phases, week }),
    echo: { phases, days: modelDaysOf(week) },
  };
}

export function judgeWeek(output: ModelWeek, request: NextWeekRequest): Judgement<WeekResult> {
  const { inputs, phases, weekNumber } = request;
  const { week } = repairWeek(output.days, inputs, phases, weekNumber);
  const prior = request.weeks.slice(0, weekNumber - 1);
  return {
    value: week,
    violations: validateWeek({ inputs, phases: [...phases], weeks: [...prior, week] }, weekNumber),
    echo: { days: modelDaysOf(week) },
  };
}

function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

export function createOpenAiEngine(options: OpenAiEngineOptions): PlanEngine {
  const { config, fallback, cache, budget, logger } = options;
  const name = `openai:${config.model}`;
  const clock = options.clock ?? (() => new Date());
  const client = new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseUrl,
    timeout: config.timeoutMs,
    // Retries are ours (chat-call.ts): counted, and bounded by the time budget.
    maxRetries: 0,
    logLevel: 'off',
  });
  const breaker = new CircuitBreaker(
    options.breaker?.failureThreshold ?? DEFAULT_BREAKER.failureThreshold,
    options.breaker?.coolDownMs ?? DEFAULT_BREAKER.coolDownMs,
    () => clock().getTime(),
  );
  const settings: CallSettings = {
    model: config.model,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    initialDelayMs: options.backoff?.initialDelayMs ?? DEFAULT_BACKOFF.initialDelayMs,
    maxDelayMs: options.backoff?.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
    random: options.random ?? Math.random,
  };
  const fullBudgetMs = options.timeBudgetMs ?? timeBudgetMs(config);
  /** When a call that starts now must have its answer, a `performance.now()` time. */
  const deadlineFor = (urgency: Urgency | undefined): number => performance.now() + callBudgetMs(config, urgency, fullBudgetMs);
  const cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;

  async function hasBudget(workspace: string): Promise<boolean> {
    if (!budget) return true;
    try {
      return (await budget.spent(workspace, monthOf(clock()))) < config.monthlyTokenBudget;
    } catch (error) {
      // Cost control must not take plans down: an unreadable budget lets the call through.
      logger?.warn({ err: error, workspace }, 'openai engine: token budget unreadable; calling the model');
      return true;
    }
  }

  async function spend(workspace: string, tokens: number): Promise<void> {
    if (!budget || tokens <= 0) return;
    try {
      await budget.add(workspace, monthOf(clock()), tokens);
    } catch (error) {
      logger?.warn({ err: error, workspace, tokens }, 'openai engine: token budget not updated');
    }
  }

  async function fallBack<R extends { readonly provenance?: Provenance }>(
    answer: () => Promise<R>,
    reason: string,
    tally: UsageTally,
  ): Promise<R> {
    const result = await answer();
    return {
      ...result,
      provenance: {
        source: result.provenance?.source ?? fallback.name,
        attempts: tally.attempts,
        promptTokens: tally.promptTokens,
        completionTokens: tally.completionTokens,
        fallbackReason: reason,
      },
    };
  }

  async function run<R extends OutlineResult | WeekResult>(op: {
    readonly what: string;
    readonly workspace: string | undefined;
    readonly variant: number;
    /** From the start of the engine call (cache and budget reads count too). */
    readonly deadline: number;
    readonly responseFormat: ResponseFormatJSONSchema;
    readonly generate: (call: Call) => Promise<Generated<R>>;
    readonly fallback: () => Promise<R>;
  }): Promise<R> {
    const tally: UsageTally = { attempts: 0, promptTokens: 0, completionTokens: 0 };
    const workspace = op.workspace ?? DEFAULT_WORKSPACE;
    if (!(await hasBudget(workspace))) {
      logger?.info({ workspace, what: op.what }, 'openai engine: monthly token budget spent; rules engine answers');
      return fallBack(op.fallback, 'budget', tally);
    }
    const permit = breaker.tryAcquire();
    if (!permit) return fallBack(op.fallback, 'circuit-open', tally);
    const { deadline } = op;
    const call: Call = async (messages, maxTokens) => {
      const before = tally.promptTokens + tally.completionTokens;
      try {
        return await callChat(
          client,
          { messages, responseFormat: op.responseFormat, maxTokens, temperature: op.variant > 0 ? 0.8 : 0.3, seed: op.variant },
          settings,
          deadline,
          tally,
        );
      } finally {
        await spend(workspace, tally.promptTokens + tally.completionTokens - before);
      }
    };
    let generated: Generated<R>;
    try {
      generated = await op.generate(call);
    } catch (error) {
      if (error instanceof ModelUnavailableError) {
        breaker.failed(permit);
        logger?.warn(
          { what: op.what, reason: error.reason, attempts: tally.attempts, breaker: breaker.state() },
          'openai engine: model unavailable; rules engine answers',
        );
        return fallBack(op.fallback, error.reason, tally);
      }
      // Not the model's failure (a bug here): the permit goes back, the user still gets a plan.
      breaker.release(permit);
      logger?.error({ err: error, what: op.what }, 'openai engine: unexpected error; rules engine answers');
      return fallBack(op.fallback, 'error', tally);
    }
    breaker.succeeded(permit);
    if (!generated.ok) {
      logger?.warn(
        { what: op.what, reason: generated.reason, attempts: tally.attempts, rules: [...new Set(generated.violations.map((v) => v.rule))] },
        'openai engine: no valid plan from the model after one send-back; rules engine answers',
      );
      return fallBack(op.fallback, generated.reason, tally);
    }
    logger?.debug(
      {
        what: op.what,
        attempts: tally.attempts,
        turns: generated.turns,
        promptTokens: tally.promptTokens,
        completionTokens: tally.completionTokens,
      },
      'openai engine: plan made',
    );
    return {
      ...generated.value,
      provenance: {
        source: name,
        attempts: tally.attempts,
        promptTokens: tally.promptTokens,
        completionTokens: tally.completionTokens,
        fallbackReason: null,
      },
    };
  }

  async function cachedOutline(key: string, inputs: PlanInputs): Promise<PlanOutline | undefined> {
    if (!cache) return undefined;
    try {
      const hit = await cache.get(key);
      if (!hit) return undefined;
      // Checked again: the rules may have moved since it was stored.
      if (outlineViolations(inputs, hit).length > 0) return undefined;
      return outlineOf(inputs, hit.phases, hit.week);
    } catch (error) {
      logger?.warn({ err: error }, 'openai engine: outline cache unreadable');
      return undefined;
    }
  }

  async function storeOutline(key: string, outline: PlanOutline): Promise<void> {
    if (!cache) return;
    try {
      await cache.put(key, outline, cacheTtlMs);
    } catch (error) {
      logger?.warn({ err: error }, 'openai engine: outline not cached');
    }
  }

  return {
    name,
    async outline(request: OutlineRequest): Promise<OutlineResult> {
      const deadline = deadlineFor(request.urgency);
      const { inputs } = request;
      const variant = request.variant ?? 0;
      const key = outlineCacheKey({ inputs, model: config.model, promptVersion: PROMPT_VERSION, variant });
      const hit = await cachedOutline(key, inputs);
      if (hit) {
        return { ...hit, provenance: { source: name, attempts: 0, promptTokens: 0, completionTokens: 0, fallbackReason: null } };
      }
      const result = await run<OutlineResult>({
        what: 'outline',
        workspace: request.workspace,
        variant,
        deadline,
        responseFormat: outlineResponseFormat,
        generate: (call) =>
          generateWithSendBack({
            messages: outlineMessages(inputs, variant),
            schema: modelOutlineSchema,
            maxTokens: OUTLINE_MAX_TOKENS,
            call,
            judge: (output) => judgeOutline(output, inputs),
          }),
        // The model's takes never run out, the fallback's do: past its last take, its first one
        // answers, so a model failure on a late Regenerate still gives a preview, not "no more".
        fallback: () =>
          fallback
            .outline(request)
            .catch((error: unknown) =>
              error instanceof NoMoreTakesError ? fallback.outline({ ...request, variant: 0 }) : Promise.reject(error),
            ),
      });
      // Only the model's own outlines are kept: a fallback would otherwise stick for the TTL.
      if (result.provenance?.fallbackReason === null) {
        const { totalWeeks, paces, warnings, phases, week } = result;
        await storeOutline(key, { totalWeeks, paces, warnings, phases, week });
      }
      return result;
    },
    async nextWeek(request: NextWeekRequest): Promise<WeekResult> {
      // A return-ramp week after a break (`ramp`): the prompt does not carry the ramp, so the
      // rules engine, which follows it, makes the week.
      if (request.ramp !== undefined) {
        const week = await fallback.nextWeek(request);
        return {
          ...week,
          provenance: { source: fallback.name, attempts: 0, promptTokens: 0, completionTokens: 0, fallbackReason: 'ramp' },
        };
      }
      const deadline = deadlineFor(request.urgency);
      const variant = request.variant ?? 0;
      return run<WeekResult>({
        what: `week ${request.weekNumber}`,
        workspace: request.workspace,
        variant,
        deadline,
        responseFormat: weekResponseFormat,
        generate: (call) =>
          generateWithSendBack({
            messages: weekMessages(request),
            schema: modelWeekSchema,
            maxTokens: WEEK_MAX_TOKENS,
            call,
            judge: (output) => judgeWeek(output, request),
          }),
        fallback: () => fallback.nextWeek(request),
      });
    },
  };
}
