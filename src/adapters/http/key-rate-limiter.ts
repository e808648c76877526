/**
 * Per-key request limit: a fixed window per key that opens with the key's first request and lasts
 * a minute. Chosen over a sliding log because it costs one small record per key and its
 * Retry-After is exact (the end of the window). It lives in this process: behind several API
 * instances each enforces the limit on its own share of the traffic.
 */
import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from './api-env.js';
import { sendError } from './api-errors.js';

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

type Window = { start: number; count: number };

/** Past this many tracked keys, windows that have ended are swept on the next request. */
const SWEEP_THRESHOLD = 10_000;

export class KeyRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request for `key`; refuses it when the key has used up its window. */
  take(key: string): RateDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now >= window.start + this.windowMs) {
      if (!window && this.windows.size >= SWEEP_THRESHOLD) this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) };
    }
    window.count += 1;
    return { allowed: true };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (now >= window.start + this.windowMs) this.windows.delete(key);
    }
  }
}

/** The limit as middleware, after authentication: counts by the key, answers 429 with Retry-After. */
export function rateLimit(limiter: KeyRateLimiter): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const decision = limiter.take(c.get('keyId'));
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      return sendError(c, 429, 'RATE_LIMITED', `too many requests for this key; try again in ${decision.retryAfterSeconds} s`);
    }
    await next();
    return undefined;
  };
}
