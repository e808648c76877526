/**
 * A `WeekNotifier` that paces every post through the rate limiter and rides out what passes: a
 * 429 waits as long as the platform asked (plus jitter), a 5xx or network error backs off
 * exponentially with jitter, any other failure (nothing a retry fixes) goes straight back to the
 * caller.
 */
import type { PlanRecord } from '../plans/plan-record.js';
import { isDeliveryFailure, isRetryable } from '../plans/delivery-failures.js';
import type { WeekNotifier } from '../plans/week-notifier.js';
import { RateLimiter, realSleep, type Sleep } from './rate-limiter.js';

export type RetryPolicy = {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
};

const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

export function withRetries(
  notifier: WeekNotifier,
  options: { limiter: RateLimiter; retry?: RetryPolicy; sleep?: Sleep; random?: () => number },
): WeekNotifier {
  const retry = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  async function attempt<T>(plan: PlanRecord, post: () => Promise<T>): Promise<T> {
    const { platform, key } = notifier.rateKey(plan);
    for (let i = 1; ; i += 1) {
      await options.limiter.acquire(platform, key);
      try {
        return await post();
      } catch (error) {
        if (!isDeliveryFailure(error) || !isRetryable(error.reason) || i >= retry.attempts) throw error;
        const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (i - 1));
        const wait = error.reason === 'rate-limited' && error.retryAfterMs !== null ? error.retryAfterMs : backoff;
        // Jitter spreads the instances that were all told to wait the same time.
        const jittered = wait + Math.floor(random() * Math.min(1000, wait / 2 + 1));
        if (error.reason === 'rate-limited') options.limiter.backOff(platform, key, jittered);
        else await sleep(jittered);
      }
    }
  }
  return {
    platforms: notifier.platforms,
    rateKey: (plan) => notifier.rateKey(plan),
    deliverWeek: (plan, weekNumber, note) => attempt(plan, () => notifier.deliverWeek(plan, weekNumber, note)),
    notify: (plan, text) => attempt(plan, () => notifier.notify(plan, text)),
    remindDay: (plan, date) => attempt(plan, () => notifier.remindDay(plan, date)),
  };
}
