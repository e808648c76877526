/**
 * One scheduler tick: per platform, a few workers claim due plans one at a time and deliver them
 * until none is due. The tick stays thin: each delivery is the `deliverDueWeek` use case; one plan that fails
 * is logged and the others go on.
 */
import type { Logger } from 'pino';
import { deliverDueReminder } from '../plans/use-cases/deliver-due-reminder.js';
import { deliverDueWeek, type DeliveryContext, type DeliveryOutcome } from '../plans/use-cases/deliver-due-week.js';

export type TickSummary = Record<DeliveryOutcome['kind'] | 'failed' | 'reminded', number>;

export type RunnerOptions = {
  readonly concurrency: number;
  /** Upper bound of deliveries in one tick, so a tick always ends. */
  readonly maxPerTick: number;
};

export const DEFAULT_RUNNER: RunnerOptions = { concurrency: 8, maxPerTick: 10_000 };

/**
 * Each platform gets its own queue and workers, so one platform's rate limit (a worker waiting
 * for Discord's next slot) never holds up deliveries to another.
 */
export const DELIVERY_PLATFORMS = ['slack', 'discord', 'console', 'http'] as const;

/**
 * Due plan ids, fetched a batch at a time: one scan of due plans feeds many claims by id, instead
 * of every claim sorting every due plan again.
 */
function candidateQueue(ctx: DeliveryContext, batch: number, platform: string) {
  let queue: string[] = [];
  let exhausted = false;
  let refilling: Promise<void> | undefined;
  // A plan is tried once per tick: one that failed waits for the next tick, not the next refill.
  const tried = new Set<string>();
  return async function next(): Promise<string | undefined> {
    for (;;) {
      const id = queue.shift();
      if (id !== undefined) {
        tried.add(id);
        return id;
      }
      if (exhausted) return undefined;
      refilling ??= ctx.store.dueCandidates(ctx.clock.now(), 'week', batch + tried.size, platform).then((ids) => {
        queue = ids.filter((candidate) => !tried.has(candidate));
        exhausted = queue.length === 0;
        refilling = undefined;
      });
      await refilling;
    }
  };
}

export async function runDeliveryTick(ctx: DeliveryContext, logger: Logger, options: RunnerOptions = DEFAULT_RUNNER): Promise<TickSummary> {
  const summary: TickSummary = { none: 0, posted: 0, 'already-posted': 0, completed: 0, 'retry-later': 0, paused: 0, failed: 0, reminded: 0 };
  let started = 0;
  let failuresInARow = 0;
  async function worker(nextCandidate: () => Promise<string | undefined>): Promise<void> {
    while (started < options.maxPerTick) {
      const planId = await nextCandidate();
      if (planId === undefined) return;
      started += 1;
      let outcome: DeliveryOutcome;
      try {
        outcome = await deliverDueWeek(ctx, planId);
        failuresInARow = 0;
      } catch (error) {
        summary.failed += 1;
        failuresInARow += 1;
        logger.error({ err: error, instance: ctx.instanceId, planId }, 'delivery failed; the plan is retried at a later tick');
        // Something is wrong for every plan (the database, say): stop this tick instead of spinning.
        if (failuresInARow >= options.concurrency * 3) return;
        continue;
      }
      // 'none' here: another instance took this candidate first, or it is no longer due.
      summary[outcome.kind] += 1;
      if (outcome.kind === 'paused') logger.warn({ planId: outcome.planId, reason: outcome.reason }, 'delivery paused');
    }
  }
  await Promise.all(
    DELIVERY_PLATFORMS.flatMap((platform) => {
      const next = candidateQueue(ctx, Math.max(64, options.concurrency * 16), platform);
      return Array.from({ length: options.concurrency }, () => worker(next));
    }),
  );
  // Then the day's reminders, for plans that asked for them.
  for (let sent = 0; sent < options.maxPerTick; sent += 1) {
    try {
      const outcome = await deliverDueReminder(ctx);
      if (outcome.kind === 'none') break;
      if (outcome.kind === 'reminded') summary.reminded += 1;
      else if (outcome.kind === 'paused') summary.paused += 1;
      else summary['retry-later'] += 1;
    } catch (error) {
      summary.failed += 1;
      logger.error({ err: error, instance: ctx.instanceId }, 'reminder failed; retried at a later tick');
      break;
    }
  }
  return summary;
}
