/**
 * The outline cache key: sha256 of a canonical JSON (object keys sorted at every level) of
 * everything that decides what the model is asked — the inputs, the model, the prompt version and
 * the variant — so equal requests meet under one key whatever order their fields were built in.
 */
import { createHash } from 'node:crypto';
import type { PlanInputs } from '../../domain/schemas.js';

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export type OutlineKeyParts = {
  readonly inputs: PlanInputs;
  readonly model: string;
  readonly promptVersion: string;
  readonly variant: number;
};

export function outlineCacheKey(parts: OutlineKeyParts): string {
  const canonical = canonicalJson({ kind: 'outline', ...parts });
  return createHash('sha256').update(canonical).digest('hex');
}
