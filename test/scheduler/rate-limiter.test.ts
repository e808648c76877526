import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/conversation/chat-poster.js';
import type { PlanRecord } from '../../src/plans/plan-record.js';
import type { WeekNotifier } from '../../src/plans/week-notifier.js';
import { RateLimiter } from '../../src/scheduler/rate-limiter.js';
import { withRetries } from '../../src/scheduler/retrying-notifier.js';

function virtualClock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

describe('RateLimiter', () => {
  it('spaces posts to one Slack channel a second apart, but not posts to different channels', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ slack: { perKeyIntervalMs: 1000 } }, clock.now, clock.sleep);
    const times: number[] = [];
    for (const key of ['C1', 'C1', 'C2', 'C1']) {
      await limiter.acquire('slack', key);
      times.push(clock.now());
    }
    expect(times).toEqual([0, 1000, 1000, 2000]);
  });

  it('keeps Discord at its requests per second across every key', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ discord: { perSecond: 50 } }, clock.now, clock.sleep);
    for (let i = 0; i < 101; i += 1) await limiter.acquire('discord', `dm:${i}`);
    expect(clock.now()).toBe(2000);
  });

  it('books a post that takes two requests (a Discord DM opened first) as two, and one that takes none as nothing', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ discord: { perSecond: 50 } }, clock.now, clock.sleep);
    for (let i = 0; i < 50; i += 1) await limiter.acquire('discord', `dm:${i}`, 2);
    await limiter.acquire('discord', 'thread', 0);
    expect(clock.now()).toBe(1960);
    await limiter.acquire('discord', 'channel');
    expect(clock.now()).toBe(2000);
  });

  it('holds a key after a 429 for as long as the platform asked', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({}, clock.now, clock.sleep);
    limiter.backOff('console', 'k', 1500);
    await limiter.acquire('console', 'k');
    expect(clock.now()).toBe(1500);
  });
});

describe('withRetries', () => {
  const plan = { id: 'p1' } as PlanRecord;

  function flaky(errors: DeliveryError[]): WeekNotifier & { calls: number } {
    const notifier = {
      calls: 0,
      platforms: ['slack'],
      rateKey: () => ({ platform: 'slack', key: 'C1' }),
      async deliverWeek() {
        notifier.calls += 1;
        const error = errors.shift();
        if (error) throw error;
        return { messageRef: 'C1:1' };
      },
      async notify() {
        return { messageRef: 'C1:2' };
      },
      async remindDay() {
        return { messageRef: 'C1:3' };
      },
    };
    return notifier;
  }

  it('waits out 429s and backs off on 5xx, then delivers once', async () => {
    const clock = virtualClock();
    const inner = flaky([
      new DeliveryError('rate-limited', 'ratelimited', '429', 3000),
      new DeliveryError('transient', 'internal_error', '500'),
      new DeliveryError('transient', 'internal_error', '503'),
    ]);
    const notifier = withRetries(inner, {
      limiter: new RateLimiter({}, clock.now, clock.sleep),
      sleep: clock.sleep,
      random: () => 0,
      retry: { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 },
    });
    await expect(notifier.deliverWeek(plan, 2, null)).resolves.toEqual({ messageRef: 'C1:1' });
    expect(inner.calls).toBe(4);
    // 3000 (as asked) + 200 + 400 (exponential).
    expect(clock.now()).toBe(3600);
  });

  it('gives a permanent refusal straight back, and gives up after its attempts', async () => {
    const clock = virtualClock();
    const options = {
      limiter: new RateLimiter({}, clock.now, clock.sleep),
      sleep: clock.sleep,
      random: () => 0,
      retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 100 },
    };
    const permanent = flaky([new DeliveryError('recipient-unreachable', 'dm_closed', 'closed')]);
    await expect(withRetries(permanent, options).deliverWeek(plan, 2, null)).rejects.toMatchObject({
      reason: 'recipient-unreachable',
      detail: 'dm_closed',
    });
    expect(permanent.calls).toBe(1);
    // Every failure no retry fixes goes straight back, whatever the platform called it.
    for (const reason of ['channel-gone', 'app-removed', 'refused'] as const) {
      const refused = flaky([new DeliveryError(reason, 'code', 'no')]);
      await expect(withRetries(refused, options).deliverWeek(plan, 2, null)).rejects.toMatchObject({ reason });
      expect(refused.calls).toBe(1);
    }
    const down = flaky(Array.from({ length: 5 }, () => new DeliveryError('transient', 'internal_error', '500')));
    await expect(withRetries(down, options).deliverWeek(plan, 2, null)).rejects.toMatchObject({ reason: 'transient' });
    expect(down.calls).toBe(3);
  });
});
