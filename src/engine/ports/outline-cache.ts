/**
 * The port through which an engine keeps outlines it paid for: identical inputs (same model, same
 * prompt version, same variant) reuse the stored preview instead of calling the model again.
 * `src/storage/mongo-outline-cache.ts` implements it over MongoDB.
 */
import type { PlanOutline } from '../../domain/schemas.js';

export interface OutlineCache {
  /** The outline stored under `key`, or undefined when there is none or it has expired. */
  get(key: string): Promise<PlanOutline | undefined>;
  /** Stores (or replaces) the outline under `key` for `ttlMs` milliseconds. */
  put(key: string, outline: PlanOutline, ttlMs: number): Promise<void>;
}
