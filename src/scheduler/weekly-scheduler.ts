/**
 * The cron side of weekly delivery: a node-cron task (SCHEDULE_CRON, default every 5 minutes;
 * seconds allowed) whose tick runs `runDeliveryTick`. Ticks never overlap; stopping waits for the
 * tick in flight.
 */
import { schedule, validate, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { DeliveryContext } from '../plans/use-cases/deliver-due-week.js';
import { DEFAULT_RUNNER, runDeliveryTick, type RunnerOptions, type TickSummary } from './delivery-runner.js';

export type WeeklyScheduler = {
  /** Runs one tick now (also what the cron task runs). */
  tick(): Promise<TickSummary | undefined>;
  stop(): Promise<void>;
};

export function startWeeklyScheduler(
  ctx: DeliveryContext,
  logger: Logger,
  cron: string,
  runner: RunnerOptions = DEFAULT_RUNNER,
): WeeklyScheduler {
  if (!validate(cron))
    throw new Error(`SCHEDULE_CRON "${cron}" is not a cron expression (e.g. */5 * * * * or */10 * * * * * with seconds)`);
  let running: Promise<TickSummary | undefined> | undefined;
  const tick = (): Promise<TickSummary | undefined> => {
    if (running) return running;
    running = runDeliveryTick(ctx, logger, runner)
      .then((summary) => {
        if (summary.posted + summary['club-posts'] + summary.completed + summary.paused + summary.failed > 0)
          logger.info({ ...summary }, 'delivery tick');
        return summary;
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'delivery tick failed');
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const task: ScheduledTask = schedule(cron, () => void tick(), { name: `gofast-delivery-${ctx.instanceId}`, noOverlap: true });
  return {
    tick,
    async stop() {
      await task.stop();
      await running;
    },
  };
}
