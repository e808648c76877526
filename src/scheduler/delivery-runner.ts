/**
 * One scheduler tick: per platform the notifier posts to, a few workers claim due plans one at a
 * time and deliver them until none is due, beside them the clubs' weekly posts go out (each
 * club's parent and its members' weeks), then the day's reminders. The tick stays thin: each
 * delivery is a use case (`deliverDueWeek`, `deliverClubWeek`); one plan or club that fails is
 * logged and the others go on.
 */
import type { Logger } from 'pino';
import { deliverDueReminder } from '../plans/use-cases/deliver-due-reminder.js';
import { resumeDuePause } from '../plans/use-cases/resume-due-pause.js';
import { deliverClubWeek } from '../plans/use-cases/deliver-club-week.js';
import { deliverDueWeek, type DeliveryContext, type DeliveryOutcome } from '../plans/use-cases/deliver-due-week.js';

/** What a tick did; members' weeks posted by a club's fan-out count under `posted` too. */
export type TickSummary = Record<DeliveryOutcome['kind'] | 'failed' | 'reminded' | 'club-posts', number>;

/** A summary of nothing done yet, to add ticks up from. */
export function emptyTickSummary(): TickSummary {
  return {
    none: 0,
    posted: 0,
    'already-posted': 0,
    completed: 0,
    'retry-later': 0,
    paused: 0,
    failed: 0,
    reminded: 0,
    'left-to-club': 0,
    'club-posts': 0,
  };
}

export type RunnerOptions = {
  readonly concurrency: number;
  /** Upper bound of deliveries in one tick, so a tick always ends. */
  readonly maxPerTick: number;
};

export const DEFAULT_RUNNER: RunnerOptions = { concurrency: 8, maxPerTick: 10_000 };

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
      // With clubs, a member's week is its club's to post: the plans' own schedule leaves it.
      const what = ctx.clubs ? 'solo-week' : 'week';
      refilling ??= ctx.store.dueCandidates(ctx.clock.now(), what, batch + tried.size, platform).then((ids) => {
        queue = ids.filter((candidate) => !tried.has(candidate));
        exhausted = queue.length === 0;
        refilling = undefined;
      });
      await refilling;
    }
  };
}

export async function runDeliveryTick(ctx: DeliveryContext, logger: Logger, options: RunnerOptions = DEFAULT_RUNNER): Promise<TickSummary> {
  const summary = emptyTickSummary();
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
      if (outcome.kind === 'paused')
        logger.warn({ planId: outcome.planId, reason: outcome.reason, detail: outcome.detail }, 'delivery paused');
    }
  }
  // Each platform the notifier posts to gets its own queue and workers, so one platform's rate
  // limit (a worker waiting for the next slot) never holds up deliveries to another. Plans of
  // other platforms are not claimed at all: a pull-only surface's plans (the HTTP API) are never
  // posted, and a platform this instance does not run is left to an instance that does.
  const platforms = ctx.notifier.platforms;
  // Pauses whose `until` day has come resume first, so their current week goes out with the rest.
  // Every platform's, pull-only ones too (the HTTP API's plans resume though nothing is posted);
  // instances racing for one resume make it once (a guarded update).
  try {
    const due = await ctx.store.dueCandidates(ctx.clock.now(), 'resume', options.maxPerTick);
    for (const planId of due) {
      const outcome = await resumeDuePause(ctx, planId);
      if (outcome.kind !== 'none') logger.info({ planId, outcome: outcome.kind }, 'pause ended');
    }
  } catch (error) {
    summary.failed += 1;
    logger.error({ err: error, instance: ctx.instanceId }, 'resuming a pause failed; retried at a later tick');
  }
  // A club's fan-out takes as long as its channel's pace allows (Slack: a reply a second), so the
  // clubs go beside the plans, a few at a time, each club's channel paced on its own.
  async function clubWorker(nextClub: () => string | undefined): Promise<void> {
    const clubs = ctx.clubs;
    if (!clubs) return;
    for (let clubId = nextClub(); clubId !== undefined; clubId = nextClub()) {
      try {
        const delivered = await deliverClubWeek({ ...ctx, clubs }, clubId);
        if (delivered.kind !== 'delivered') continue;
        if (delivered.parentPosted) summary['club-posts'] += 1;
        summary.posted += delivered.outcome.posted;
        summary['already-posted'] += delivered.outcome.alreadyPosted;
        if (!delivered.finished) summary['retry-later'] += 1;
      } catch (error) {
        summary.failed += 1;
        logger.error({ err: error, instance: ctx.instanceId, clubId }, 'club delivery failed; the club is taken up again at a later tick');
      }
    }
  }
  async function clubFanOuts(platform: string): Promise<void> {
    if (!ctx.clubs) return;
    let ids: string[];
    try {
      ids = (await ctx.clubs.store.list({ statuses: ['active'], platform })).map((club) => club.id);
    } catch (error) {
      summary.failed += 1;
      logger.error({ err: error, instance: ctx.instanceId, platform }, 'listing clubs failed; their posts wait for a later tick');
      return;
    }
    const next = (): string | undefined => ids.shift();
    await Promise.all(Array.from({ length: Math.min(options.concurrency, ids.length) }, () => clubWorker(next)));
  }
  await Promise.all(
    platforms.flatMap((platform) => {
      const next = candidateQueue(ctx, Math.max(64, options.concurrency * 16), platform);
      return [clubFanOuts(platform), ...Array.from({ length: options.concurrency }, () => worker(next))];
    }),
  );
  // Then the day's reminders, for plans that asked for them, on the same platforms.
  try {
    let sent = 0;
    for (const platform of platforms) {
      if (sent >= options.maxPerTick) break;
      const candidates = await ctx.store.dueCandidates(ctx.clock.now(), 'reminder', options.maxPerTick - sent, platform);
      for (const planId of candidates) {
        sent += 1;
        const outcome = await deliverDueReminder(ctx, planId);
        if (outcome.kind === 'reminded') summary.reminded += 1;
        else if (outcome.kind === 'paused') summary.paused += 1;
        else if (outcome.kind === 'retry-later') summary['retry-later'] += 1;
      }
    }
  } catch (error) {
    // Most likely the database: the rest of the reminders wait for the next tick.
    summary.failed += 1;
    logger.error({ err: error, instance: ctx.instanceId }, 'reminder failed; retried at a later tick');
  }
  return summary;
}
