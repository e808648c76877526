/**
 * One scheduler tick: a few workers claim due plans one at a time and deliver them until none is
 * due. The tick stays thin: each delivery is the `deliverDueWeek` use case; one plan that fails
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

export async function runDeliveryTick(ctx: DeliveryContext, logger: Logger, options: RunnerOptions = DEFAULT_RUNNER): Promise<TickSummary> {
  const summary: TickSummary = { none: 0, posted: 0, 'already-posted': 0, completed: 0, 'retry-later': 0, paused: 0, failed: 0, reminded: 0 };
  let started = 0;
  let failuresInARow = 0;
  async function worker(): Promise<void> {
    while (started < options.maxPerTick) {
      started += 1;
      let outcome: DeliveryOutcome;
      try {
        outcome = await deliverDueWeek(ctx);
        failuresInARow = 0;
      } catch (error) {
        summary.failed += 1;
        failuresInARow += 1;
        logger.error({ err: error, instance: ctx.instanceId }, 'delivery failed; the plan is retried at a later tick');
        // Something is wrong for every plan (the database, say): stop this tick instead of spinning.
        if (failuresInARow >= options.concurrency * 3) return;
        continue;
      }
      summary[outcome.kind] += 1;
      if (outcome.kind === 'none') return;
      if (outcome.kind === 'paused') logger.warn({ planId: outcome.planId, reason: outcome.reason }, 'delivery paused');
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
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
