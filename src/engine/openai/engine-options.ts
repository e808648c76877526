/**
 * What `createOpenAiEngine` takes, and the defaults of the numbers that are not configuration
 * (breaker, backoff, cache lifetime). The time budget of one engine call is derived from the
 * configured timeout and retries and from who waits (`callBudgetMs`), so that "how long can a
 * preview take" has one answer.
 */
import type { Logger } from 'pino';
import type { PlanEngine, Urgency } from '../plan-engine.js';
import type { OutlineCache } from '../ports/outline-cache.js';
import type { TokenBudget } from '../ports/token-budget.js';

/** The OPENAI_* settings (the shape of `OpenAiConfig` in src/config.ts). */
export type OpenAiEngineConfig = {
  readonly apiKey: string;
  /** `gpt-4o-mini` by default; recorded as `openai:<model>` on what it makes. */
  readonly model: string;
  /** An OpenAI-compatible server (or the test fake); the SDK's default when undefined. */
  readonly baseUrl?: string | undefined;
  /** Longest wait for one HTTP request to the model. */
  readonly timeoutMs: number;
  /** Retries of one request on 429, 5xx, timeouts and connection errors. */
  readonly maxRetries: number;
  /** Tokens a workspace may spend a month before the fallback answers for it. */
  readonly monthlyTokenBudget: number;
  /**
   * The most a person waits on the model for one preview or week, retries included
   * (OPENAI_INTERACTIVE_BUDGET_SECONDS); default `DEFAULT_INTERACTIVE_BUDGET_MS`.
   */
  readonly interactiveBudgetMs?: number | undefined;
};

type BreakerOptions = {
  /** Consecutive failed calls (after their retries) that open the circuit. */
  readonly failureThreshold?: number;
  /** How long an open circuit sends everything to the fallback before one trial call. */
  readonly coolDownMs?: number;
};

type BackoffOptions = {
  /** First retry delay when the server does not say (doubles per retry, 0–25% jitter off). */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
};

export type OpenAiEngineOptions = {
  readonly config: OpenAiEngineConfig;
  /** Answers whenever the model cannot (the rules engine). */
  readonly fallback: PlanEngine;
  readonly cache?: OutlineCache;
  readonly budget?: TokenBudget;
  readonly logger?: Logger;
  /** Wall clock for the budget month, the cache and the breaker's cool-down. */
  readonly clock?: () => Date;
  readonly breaker?: BreakerOptions;
  readonly backoff?: BackoffOptions;
  /**
   * Total time one scheduled outline/nextWeek may wait on the model; default `timeBudgetMs(config)`.
   * An interactive call never waits longer than this either.
   */
  readonly timeBudgetMs?: number;
  /** How long a cached outline is reused. */
  readonly cacheTtlMs?: number;
  /** Jitter source (tests pass a constant). */
  readonly random?: () => number;
};

export const DEFAULT_BREAKER = { failureThreshold: 3, coolDownMs: 30_000 } as const;
export const DEFAULT_BACKOFF = { initialDelayMs: 500, maxDelayMs: 8_000 } as const;
export const DEFAULT_CACHE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * A person waiting for a preview or a week gets the fallback's answer after at most this long (the
 * issue's bound), instead of the minute that three 20-second attempts could take.
 */
export const DEFAULT_INTERACTIVE_BUDGET_MS = 12_000;

/**
 * The most one engine call waits on the model: every attempt at its full timeout. Retries, backoff
 * and the one send-back of a rule-breaking answer all share it; when it runs out the fallback
 * answers (its own time, a few milliseconds, comes on top).
 */
export function timeBudgetMs(config: Pick<OpenAiEngineConfig, 'timeoutMs' | 'maxRetries'>): number {
  return config.timeoutMs * (config.maxRetries + 1);
}

/**
 * The time budget of one engine call for whoever waits: the scheduler gets `fullBudgetMs` (every
 * attempt at its full timeout, `timeBudgetMs`); a person gets the interactive budget, never more
 * than the full one. Each attempt's timeout is clipped to what is left of it (chat-call.ts).
 */
export function callBudgetMs(
  config: Pick<OpenAiEngineConfig, 'timeoutMs' | 'maxRetries' | 'interactiveBudgetMs'>,
  urgency: Urgency = 'interactive',
  fullBudgetMs: number = timeBudgetMs(config),
): number {
  if (urgency === 'scheduled') return fullBudgetMs;
  return Math.min(fullBudgetMs, config.interactiveBudgetMs ?? DEFAULT_INTERACTIVE_BUDGET_MS);
}
