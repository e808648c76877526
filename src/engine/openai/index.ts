/**
 * The OpenAI engine's public surface: the factory, its options, the prompt version (part of every
 * cache key) and the pieces tests and benchmarks drive directly (prompts, output schema, repairs).
 */
export { createOpenAiEngine, judgeOutline, judgeWeek } from './openai-engine.js';
export {
  DEFAULT_INTERACTIVE_BUDGET_MS,
  callBudgetMs,
  timeBudgetMs,
  type OpenAiEngineConfig,
  type OpenAiEngineOptions,
} from './engine-options.js';
export { PROMPT_VERSION } from './prompt-version.js';
export { outlineMessages } from './prompt-outline.js';
export { weekMessages } from './prompt-week.js';
export { DATA_CLOSE, DATA_OPEN } from './prompt-data.js';
export { outlineCacheKey } from './cache-key.js';
export {
  OUTLINE_FORMAT_NAME,
  modelOutlineSchema,
  modelWeekSchema,
  type ModelDay,
  type ModelOutline,
  type ModelWeek,
} from './output-schema.js';
export { modelDaysOf, normalizePace, paceInZone, repairWeek, sessionFor } from './repair-week.js';
export type { TokenBudget } from '../ports/token-budget.js';
