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
 */
import { setTimeout as delay } from 'node:timers/promises';

export type WorkSlots = {
  /** Marks `ack` (a deferral, an update) as on its way; work waits for these. */
  acknowledge<T>(ack: Promise<T>): Promise<T>;
  run<T>(task: () => Promise<T>, lane?: 'fast' | 'normal'): Promise<T>;
};

export function createWorkSlots(size: number, maxAckWaitMs = 1000): WorkSlots {
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
