/**
 * Drives the Strava inbox (issue 21): a new event wakes it once the group window has passed (so a
 * watch's burst of runs is told in one message), and a slow poll picks up retries, events that
 * another instance received, and anything left by a restart. Batches are worked on one after
 * another until nothing is due; errors are logged here, once, with the event they belong to.
 */
import type { Logger } from 'pino';
import type { StravaUseCases } from '../plans/strava/strava-use-cases.js';

export type StravaEventRunnerOptions = {
  readonly strava: Pick<StravaUseCases, 'processDueEvents' | 'purgeOld'>;
  /** This instance's name in the inbox's leases. */
  readonly holder: string;
  readonly logger: Logger;
  /** How long after a wake the inbox is read: the events' group window, plus a little. */
  readonly groupWindowMs: number;
  /** How often the inbox is read without a wake. Default 30 s. */
  readonly pollMs?: number;
  /** How often old events are purged. Default an hour. */
  readonly purgeMs?: number;
};

export type StravaEventRunner = {
  /** A new event was stored: read the inbox once its group window has passed. */
  wake(): void;
  /** Works through whatever is due now (tests, benchmarks); resolves when nothing is. */
  drain(): Promise<void>;
  stop(): Promise<void>;
};

/** Past the window, so the events that woke it are due when read. */
const WAKE_SLACK_MS = 50;

export function startStravaEventRunner(options: StravaEventRunnerOptions): StravaEventRunner {
  const { strava, holder, logger } = options;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let wakeTimer: NodeJS.Timeout | null = null;

  async function workThrough(): Promise<void> {
    for (;;) {
      const batch = await strava.processDueEvents(holder);
      for (const { key, error } of batch.retried) {
        logger.warn({ err: error, event: key, athleteId: batch.athleteId }, 'strava event failed; it will be retried or was given up');
      }
      if (batch.untold !== undefined) {
        logger.warn({ err: batch.untold, athleteId: batch.athleteId }, 'strava runs were logged but the athlete could not be told');
      }
      if (batch.claimed === 0 || stopped) return;
    }
  }

  function run(): Promise<void> {
    if (running !== null) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await workThrough();
        } catch (error) {
          logger.error({ err: error }, 'strava inbox run failed; the next poll tries again');
        }
      } while (again && !stopped);
      running = null;
    })();
    return running;
  }

  // Events that arrive while a wake is pending are due a little later: one more wake after it.
  let wokenAgain = false;
  function wake(): void {
    if (stopped) return;
    if (wakeTimer !== null) {
      wokenAgain = true;
      return;
    }
    wakeTimer = setTimeout(() => {
      wakeTimer = null;
      void run();
      if (wokenAgain) {
        wokenAgain = false;
        wake();
      }
    }, options.groupWindowMs + WAKE_SLACK_MS);
    wakeTimer.unref();
  }

  const poll = setInterval(() => void run(), options.pollMs ?? 30_000);
  poll.unref();
  const purge = setInterval(() => {
    strava.purgeOld().catch((error: unknown) => logger.warn({ err: error }, 'could not purge old strava events and authorizations'));
  }, options.purgeMs ?? 3_600_000);
  purge.unref();

  return {
    wake,
    drain: () => run(),
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearInterval(purge);
      if (wakeTimer !== null) clearTimeout(wakeTimer);
      await running;
    },
  };
}
