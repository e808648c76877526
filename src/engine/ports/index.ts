/** Ports the engines need from outside (storage implements them): the outline cache and the token budget. */
export type { OutlineCache } from './outline-cache.js';
export type { TokenBudget } from './token-budget.js';
