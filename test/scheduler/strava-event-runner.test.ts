/**
 * The Strava inbox runner (issue 21): a wake reads the inbox once the group window has passed,
 * wakes that come while one is pending are not lost, batches are read until nothing is due, and
 * what fails is logged once with its event and the runner goes on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import type { EventBatchResult } from '../../src/plans/strava/strava-events.js';
import { startStravaEventRunner, type StravaEventRunner } from '../../src/scheduler/strava-event-runner.js';

type Line = { msg: string; event?: string; athleteId?: string };

function recordingLogger(lines: Line[]) {
  return createLogger('warn', { write: (line: string) => void lines.push(JSON.parse(line) as Line) });
}

const nothing: EventBatchResult = { claimed: 0, athleteId: null, retried: [] };
let runner: StravaEventRunner | undefined;

afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});

describe('the Strava inbox runner', () => {
  it('reads the inbox after the group window, until nothing is due, and again for a wake that came meanwhile', async () => {
    const calls: number[] = [];
    let due = 0;
    const started = performance.now();
    runner = startStravaEventRunner({
      strava: {
        processDueEvents: async () => {
          calls.push(performance.now() - started);
          if (due === 0) return nothing;
          due -= 1;
          return { claimed: 1, athleteId: '1', retried: [] };
        },
        purgeOld: async () => 0,
      },
      holder: 'test',
      logger: recordingLogger([]),
      groupWindowMs: 60,
    });
    due = 2;
    runner.wake();
    runner.wake();
    await expect.poll(() => calls.length, { timeout: 2000 }).toBe(3);
    expect(calls[0]).toBeGreaterThanOrEqual(60);
    // The second wake came while the first was pending: one more read after it.
    await expect.poll(() => calls.length, { timeout: 2000 }).toBe(4);
    expect(due).toBe(0);
  });

  it('logs each failed event and a message that could not be told, and keeps going after a failed read', async () => {
    const lines: Line[] = [];
    const results: (EventBatchResult | Error)[] = [
      new Error('the database went away'),
      { claimed: 2, athleteId: '7', retried: [{ key: 'k1', error: new Error('Strava is down') }], untold: new Error('Slack is down') },
      nothing,
    ];
    runner = startStravaEventRunner({
      strava: {
        processDueEvents: async () => {
          const next = results.shift() ?? nothing;
          if (next instanceof Error) throw next;
          return next;
        },
        purgeOld: async () => 0,
      },
      holder: 'test',
      logger: recordingLogger(lines),
      groupWindowMs: 0,
    });
    await runner.drain();
    expect(lines.map((l) => l.msg)).toEqual(['strava inbox run failed; the next poll tries again']);
    await runner.drain();
    expect(lines.slice(1)).toEqual([
      expect.objectContaining({ msg: 'strava event failed; it will be retried or was given up', event: 'k1', athleteId: '7' }),
      expect.objectContaining({ msg: 'strava runs were logged but the athlete could not be told', athleteId: '7' }),
    ]);
  });
});
