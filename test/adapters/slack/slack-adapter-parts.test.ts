/** The adapter's small parts: configuration errors, identities and origins, the work queue, dedupe memory, dates. */
import { describe, expect, it } from 'vitest';

import { SlackConfigError, startSlackAdapter, type SlackAdapterOptions } from '../../../src/adapters/slack/index.js';
import { todayIn } from '../../../src/adapters/slack/local-date.js';
import { RecentKeys } from '../../../src/adapters/slack/recent-keys.js';
import { ReplayMemory } from '../../../src/adapters/slack/request-guard.js';
import { isDirectMessage, originOf, slackIdentity, userIdOf } from '../../../src/adapters/slack/slack-directory.js';
import { WorkQueue, WorkQueueFullError } from '../../../src/adapters/slack/work-queue.js';
import { createLogger } from '../../../src/log.js';

const base: SlackAdapterOptions = {
  conversation: { handle: async () => [] },
  logger: createLogger('silent'),
  botToken: 'xoxb-1',
  signingSecret: 'secret',
  mode: 'socket',
  appToken: 'xapp-1',
};

describe('configuration', () => {
  it.each([
    ['Socket Mode without an app token', { appToken: undefined }, /SLACK_APP_TOKEN/],
    ['no bot token', { botToken: ' ' }, /SLACK_BOT_TOKEN/],
    ['HTTP mode without a signing secret', { mode: 'http' as const, signingSecret: '' }, /SLACK_SIGNING_SECRET/],
  ])('refuses %s, naming what to set', async (_name, change, message) => {
    await expect(startSlackAdapter({ ...base, ...change })).rejects.toThrow(SlackConfigError);
    await expect(startSlackAdapter({ ...base, ...change })).rejects.toThrow(message);
  });
});

describe('identities and origins', () => {
  it('writes and reads slack:<team>:<user>', () => {
    expect(slackIdentity('T1', 'U1')).toBe('slack:T1:U1');
    expect(userIdOf('slack:T1:U1')).toBe('U1');
    expect(userIdOf('discord:G1:U1')).toBeUndefined();
  });

  it('knows a DM by its id or its name', () => {
    expect(isDirectMessage('D123')).toBe(true);
    expect(isDirectMessage('C123', 'directmessage')).toBe(true);
    expect(isDirectMessage('C123', 'running')).toBe(false);
    expect(originOf('D1')).toEqual({ kind: 'dm' });
    expect(originOf(null)).toEqual({ kind: 'dm' });
    expect(originOf('G1', 'privategroup')).toEqual({ kind: 'channel', channelId: 'G1' });
  });
});

describe('WorkQueue', () => {
  it('never runs more than its bound and serves urgent work first', async () => {
    const queue = new WorkQueue(2, 10);
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const releases: Array<() => void> = [];
    const task = (name: string) => async () => {
      running += 1;
      most = Math.max(most, running);
      order.push(name);
      await new Promise<void>((resolve) => releases.push(resolve));
      running -= 1;
    };
    const all = [queue.run(task('a')), queue.run(task('b')), queue.run(task('c')), queue.run(task('urgent'), { urgent: true })];
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'b']);
    while (order.length < 4 || releases.length > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(all);
    expect(order).toEqual(['a', 'b', 'urgent', 'c']);
    expect(most).toBe(2);
  });

  it('refuses a task at once, without running it, when its waiting line is full, and takes work again once it drains', async () => {
    const queue = new WorkQueue(1, 2);
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const started: string[] = [];
    const task = (name: string) => async () => {
      started.push(name);
      await gate;
      return name;
    };
    const running = queue.run(task('running'));
    const waiting = [queue.run(task('waiting 1')), queue.run(task('waiting 2'), { urgent: true })];
    expect(queue.waiting).toBe(2);
    // Urgent or not, one more is refused: the line holds two.
    await expect(queue.run(task('overflow'))).rejects.toBeInstanceOf(WorkQueueFullError);
    await expect(queue.run(task('urgent overflow'), { urgent: true })).rejects.toMatchObject({ code: 'WORK_QUEUE_FULL', maxWaiting: 2 });
    expect(queue.waiting).toBe(2);
    release();
    expect(await Promise.all([running, ...waiting])).toEqual(['running', 'waiting 1', 'waiting 2']);
    expect(started).toEqual(['running', 'waiting 2', 'waiting 1']);
    expect(queue.waiting).toBe(0);
    await expect(queue.run(async () => 'after')).resolves.toBe('after');
  });

  it('with no room to wait, refuses only while every slot is busy', async () => {
    const queue = new WorkQueue(1, 0);
    let release = (): void => undefined;
    const busy = queue.run(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(queue.run(async () => 'refused')).rejects.toThrow(WorkQueueFullError);
    release();
    await busy;
    await expect(queue.run(async () => 'runs')).resolves.toBe('runs');
  });

  it('frees the slot of a task that fails', async () => {
    const queue = new WorkQueue(1, 10);
    await expect(queue.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
  });
});

describe('RecentKeys', () => {
  it('claims a key once and forgets the oldest beyond its capacity', () => {
    const keys = new RecentKeys(2);
    expect(keys.claim('a')).toBe(true);
    expect(keys.claim('a')).toBe(false);
    keys.claim('b');
    keys.claim('c');
    expect(keys.claim('a')).toBe(true);
    expect(keys.claim('c')).toBe(false);
  });
});

describe('ReplayMemory', () => {
  it('refuses a key again within its window, forgets it after, and refuses new keys when full rather than forget early', () => {
    const memory = new ReplayMemory(1000, 2);
    expect(memory.claim('a', 0)).toBe('new');
    expect(memory.claim('a', 999)).toBe('replay');
    expect(memory.claim('b', 500)).toBe('new');
    expect(memory.claim('c', 600)).toBe('full');
    expect(memory.claim('a', 1000)).toBe('new');
    expect(memory.claim('c', 1500)).toBe('new');
    expect(memory.size).toBe(2);
    expect(memory.claim('z', 10_000)).toBe('new');
    expect(memory.size).toBe(1);
  });
});

describe('today on the athlete clock', () => {
  it('uses the time zone, and UTC for one the runtime does not know', () => {
    const late = new Date('2026-11-25T23:30:00Z');
    expect(todayIn('Europe/Berlin', late)).toBe('2026-11-26');
    expect(todayIn('America/New_York', late)).toBe('2026-11-25');
    expect(todayIn('Mars/Olympus', late)).toBe('2026-11-25');
    expect(todayIn(null, late)).toBe('2026-11-25');
  });
});
