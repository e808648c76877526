/**
 * Acknowledgements before work: a small scheduler for the core work (database, engine) behind
 * Discord interactions.
 *
 * Why: every interaction is acknowledged (deferred) before its work starts, but an acknowledgement
 * is itself I/O on the same event loop, taking several turns of it. In a burst, the work of the
 * first interactions would crowd the loop while later acknowledgements are still on their way, and
 * those would miss Discord's 3 seconds. So work waits while acknowledgements are in flight (up to
 * `maxAckWaitMs`, so a steady stream cannot starve it), and at most `size` pieces run at once
 * (a slow engine then queues work instead of piling it onto the loop). Work that must answer with a
 * modal inside the 3 seconds — cheap reads — takes the fast lane: it waits for neither.
 *
 * The line of work waiting for a slot is bounded (`maxWaiting`): when the slots are stuck (a
 * database that hangs), more work is refused at once with `WorkSlotsFullError`, so the user can be
 * told to come back instead of waiting behind a line that only grows.
 */
import { setTimeout as delay } from 'node:timers/promises';

/** How many pieces of work may wait for a slot before more are refused. */
const DEFAULT_MAX_WAITING = 200;

/** Every slot is busy and the waiting line is full: the work was not started and will not be. */
export class WorkSlotsFullError extends Error {
  readonly code = 'WORK_SLOTS_FULL';
  constructor(readonly maxWaiting: number) {
    super(`${maxWaiting} pieces of work are already waiting for a slot; this one was refused`);
    this.name = 'WorkSlotsFullError';
  }
}

export type WorkSlots = {
  /** Marks `ack` (a deferral, an update) as on its way; work waits for these. */
  acknowledge<T>(ack: Promise<T>): Promise<T>;
  /** Rejects with `WorkSlotsFullError`, without running `task`, when the normal lane's line is full. */
  run<T>(task: () => Promise<T>, lane?: 'fast' | 'normal'): Promise<T>;
};

export function createWorkSlots(size: number, maxAckWaitMs = 1000, maxWaiting = DEFAULT_MAX_WAITING): WorkSlots {
  let busy = 0;
  const waiting: (() => void)[] = [];
  let acks = 0;
  let acksDone: { promise: Promise<void>; resolve: () => void } | null = null;

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else busy -= 1;
  }

  async function take(): Promise<void> {
    if (busy < size) {
      busy += 1;
      return;
    }
    if (waiting.length >= maxWaiting) throw new WorkSlotsFullError(maxWaiting);
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  async function afterAcks(): Promise<void> {
    if (acks === 0 || acksDone === null) return;
    const timer = new AbortController();
    await Promise.race([acksDone.promise, delay(maxAckWaitMs, undefined, { signal: timer.signal }).catch(() => undefined)]);
    timer.abort();
  }

  return {
    async acknowledge(ack) {
      acks += 1;
      if (acksDone === null) {
        let resolve = (): void => undefined;
        const promise = new Promise<void>((r) => (resolve = r));
        acksDone = { promise, resolve };
      }
      try {
        return await ack;
      } finally {
        acks -= 1;
        if (acks === 0) {
          acksDone?.resolve();
          acksDone = null;
        }
      }
    },

    async run(task, lane = 'normal') {
      if (lane === 'fast') return task();
      await afterAcks();
      await take();
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
