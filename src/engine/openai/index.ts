/**
 * The OpenAI engine's public surface: the factory, its options, the prompt version (part of every
 * cache key) and the pieces tests and benchmarks drive directly (prompts, output schema, repairs).
 */
export { createOpenAiEngine, DEFAULT_WORKSPACE, OUTLINE_MAX_TOKENS, WEEK_MAX_TOKENS, judgeOutline, judgeWeek, outlineViolations } from './openai-engine.js';
export {
  DEFAULT_BACKOFF,
  DEFAULT_BREAKER,
  DEFAULT_CACHE_TTL_MS,
  timeBudgetMs,
  type BackoffOptions,
  type BreakerOptions,
  type OpenAiEngineConfig,
  type OpenAiEngineOptions,
} from './engine-options.js';
export { PROMPT_VERSION } from './prompt-version.js';
export { SYSTEM_PROMPT } from './prompt-system.js';
export { outlineMessages } from './prompt-outline.js';
export { weekMessages } from './prompt-week.js';
export { DATA_CLOSE, DATA_OPEN } from './prompt-data.js';
export { outlineCacheKey, canonicalJson } from './cache-key.js';
export { estimateTokens, type ChatMessage } from './chat-call.js';
export { CircuitBreaker, type BreakerState } from './circuit-breaker.js';
export { OUTLINE_FORMAT_NAME, WEEK_FORMAT_NAME, modelOutlineSchema, modelWeekSchema, type ModelDay, type ModelOutline, type ModelWeek } from './output-schema.js';
export { modelDaysOf, normalizePace, paceInZone, repairWeek, sessionFor, type Repair } from './repair-week.js';
export { planFacts, weekBrief, type PlanFacts, type WeekBrief } from './week-facts.js';
export type { OutlineCache } from '../ports/outline-cache.js';
export type { TokenBudget } from '../ports/token-budget.js';
