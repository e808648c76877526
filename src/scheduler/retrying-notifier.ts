/**
 * A `WeekNotifier` (and a `ClubNotifier`) that paces every post through the rate limiter and rides out what passes: a
 * 429 waits as long as the platform asked (plus jitter), a 5xx or network error backs off
 * exponentially with jitter, any other failure (nothing a retry fixes) goes straight back to the
 * caller.
 */
import { isDeliveryFailure, isRetryable } from '../plans/delivery-failures.js';
import type { ClubNotifier } from '../plans/club-notifier.js';
import type { RateKey, WeekNotifier } from '../plans/week-notifier.js';
import { RateLimiter, realSleep, type Sleep } from './rate-limiter.js';

type RetryPolicy = {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
};

const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

type RetryOptions = { limiter: RateLimiter; retry?: RetryPolicy; sleep?: Sleep; random?: () => number };

/** Runs `post` paced under `rate`, again after what passes (as the header says), up to the policy's attempts. */
function retrying(options: RetryOptions): <T>(rate: RateKey, post: () => Promise<T>) => Promise<T> {
  const retry = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  return async function attempt<T>({ platform, key, requests }: RateKey, post: () => Promise<T>): Promise<T> {
    for (let i = 1; ; i += 1) {
      await options.limiter.acquire(platform, key, requests);
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
  };
}

export function withRetries(notifier: WeekNotifier, options: RetryOptions): WeekNotifier {
  const attempt = retrying(options);
  return {
    platforms: notifier.platforms,
    rateKey: (plan) => notifier.rateKey(plan),
    deliverWeek: (plan, weekNumber, note) => attempt(notifier.rateKey(plan), () => notifier.deliverWeek(plan, weekNumber, note)),
    notify: (plan, text) => attempt(notifier.rateKey(plan), () => notifier.notify(plan, text)),
    remindDay: (plan, date) => attempt(notifier.rateKey(plan), () => notifier.remindDay(plan, date)),
  };
}

/** The same pacing and retries for a club's parent, its thread and the replies in it (one limiter shared with the plans'). */
export function withClubRetries(notifier: ClubNotifier, options: RetryOptions): ClubNotifier {
  const attempt = retrying(options);
  return {
    rateKey: (club) => notifier.rateKey(club),
    postClubWeek: (club, summary) => attempt(notifier.rateKey(club), () => notifier.postClubWeek(club, summary)),
    startThread: (club, parentRef, weekOf) =>
      attempt(notifier.rateKey(club, 'thread'), () => notifier.startThread(club, parentRef, weekOf)),
    replyWeek: (club, threadRef, plan, weekNumber, note) =>
      attempt(notifier.rateKey(club), () => notifier.replyWeek(club, threadRef, plan, weekNumber, note)),
  };
}
