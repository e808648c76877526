/**
 * Weekly delivery end to end against the real store and engine, with a fake clock and an
 * in-process chat platform: each week posted once at the athlete's local time across DST, no
 * flood after downtime, several instances posting each week exactly once, failures contained.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/conversation/chat-poster.js';
import { createConversation } from '../../src/conversation/conversation.js';
import { parseCommandText } from '../../src/conversation/command-parser.js';
import { createWeekNotifier } from '../../src/conversation/week-delivery.js';
import { offsetMinutes } from '../../src/domain/time-zones.js';
import { createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import { createLogger } from '../../src/log.js';
import type { DeliveryContext } from '../../src/plans/use-cases/deliver-due-week.js';
import { runDeliveryTick } from '../../src/scheduler/delivery-runner.js';
import { RateLimiter } from '../../src/scheduler/rate-limiter.js';
import { withRetries } from '../../src/scheduler/retrying-notifier.js';
import { connectMongo } from '../../src/storage/mongo-connection.js';
import { MongoPlanStore } from '../../src/storage/mongo-plan-store.js';
import { FakePoster } from '../support/fake-poster.js';
import { SLACK_TEAM, startDeliveryPlatforms } from '../support/delivery-platforms.js';
import { snowflake } from '../fakes/discord/snowflakes.js';
import { startTestService, type TestService } from '../support/plan-service.js';

const silent = createLogger('silent');
let s: TestService;

beforeAll(async () => {
  s = await startTestService({ now: '2027-01-20T12:00:00Z' });
});

afterAll(async () => {
  await s.close();
});

/** Virtual waiting: the limiter and retries "sleep" without slowing the test. */
function virtualTime() {
  let waited = 0;
  return {
    sleep: async (ms: number) => {
      waited += ms;
    },
    now: () => s.clock.now().getTime() + waited,
    waited: () => waited,
  };
}

function deliveryContext(poster: FakePoster, instanceId = 'bot-1', store = s.store): DeliveryContext {
  const time = virtualTime();
  const limiter = new RateLimiter({ slack: { perKeyIntervalMs: 1000 } }, time.now, time.sleep);
  return {
    store,
    engine: createRulesEngine(),
    clock: s.clock,
    notifier: withRetries(createWeekNotifier([poster]), { limiter, sleep: time.sleep, random: () => 0.5 }),
    instanceId,
    leaseMs: 60_000,
  };
}

async function activePlan(owner: string, timezone: string, fields: Record<string, string>) {
  const preview = await s.plans.createPreview({ owner, fields, delivery: { timezone } });
  return s.plans.confirmPlan(owner, preview.id);
}

const TEN_K = {
  distance: '10k',
  raceDate: '2027-04-25',
  startDate: '2027-02-01',
  goal: '50:00',
  fiveK: '24:00',
  mileage: '20',
  days: '2,4,6,7',
};

function localParts(at: Date, timezone: string): { weekday: number; hour: number; minute: number } {
  const local = new Date(at.getTime() + offsetMinutes(timezone, at) * 60_000);
  return { weekday: local.getUTCDay(), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}

describe('a whole plan, hour by hour, in two time zones across their DST changes', () => {
  it('posts each week once, on Sunday at 18:00 local, then completes with a summary', async () => {
    const poster = new FakePoster('slack', () => s.clock.now());
    const ctx = deliveryContext(poster);
    const ny = await activePlan('slack:T1:NY', 'America/New_York', TEN_K);
    const berlin = await activePlan('slack:T1:BER', 'Europe/Berlin', TEN_K);
    // From the first Sunday to two days after the race (US DST 2027-03-14, EU DST 2027-03-28).
    s.clock.set('2027-02-06T00:00:00Z');
    while (s.clock.now() < new Date('2027-04-27T12:00:00Z')) {
      await runDeliveryTick(ctx, silent, { concurrency: 2, maxPerTick: 50 });
      s.clock.set(new Date(s.clock.now().getTime() + 3_600_000).toISOString());
    }
    for (const [plan, zone] of [
      [ny, 'America/New_York'],
      [berlin, 'Europe/Berlin'],
    ] as const) {
      expect(poster.weeksPostedTo(plan.owner)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      const weekPosts = poster.posts.filter((p) => p.target.owner === plan.owner && p.view.summary.startsWith('Week'));
      for (const post of weekPosts) expect(localParts(post.at, zone)).toEqual({ weekday: 0, hour: 18, minute: 0 });
      const summary = poster.posts.filter((p) => p.target.owner === plan.owner && p.view.summary.startsWith('Race week is behind you'));
      expect(summary).toHaveLength(1);
      expect((await s.plans.getPlan('operator', plan.id)).status).toBe('completed');
    }
    // The US week across the change: Sunday 2027-03-14 18:00 EDT is 22:00 UTC (EST would be 23:00).
    const usDst = poster.posts.find((p) => p.target.owner === ny.owner && p.at.toISOString().startsWith('2027-03-14'));
    expect(usDst?.at.toISOString()).toBe('2027-03-14T22:00:00.000Z');
    const euDst = poster.posts.find((p) => p.target.owner === berlin.owner && p.at.toISOString().startsWith('2027-03-28'));
    expect(euDst?.at.toISOString()).toBe('2027-03-28T16:00:00.000Z');
  });
});

describe('after downtime', () => {
  it('fills the gap but posts only the current week, once, with a note', async () => {
    s.clock.set('2027-01-20T12:00:00Z');
    const poster = new FakePoster('slack', () => s.clock.now());
    const plan = await activePlan('slack:T1:AWAY', 'UTC', TEN_K);
    // Down from before week 2's post until just after week 5's (Sunday 2027-02-28 18:00 UTC).
    s.clock.set('2027-02-28T19:30:00Z');
    const summary = await runDeliveryTick(deliveryContext(poster), silent);
    expect(summary.posted).toBe(1);
    expect(poster.weeksPostedTo(plan.owner)).toEqual([5]);
    expect(JSON.stringify(poster.posts[0]?.view)).toContain('The coach was away for a while');
    const stored = await s.plans.getPlan('operator', plan.id);
    expect(stored.weeks.map((w) => w.weekNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(stored.weeks[4]?.postedAt?.toISOString()).toBe('2027-02-28T19:30:00.000Z');
    expect(stored.nextWeekDueAt?.toISOString()).toBe('2027-03-07T18:00:00.000Z');
    // A second tick finds nothing due.
    expect((await runDeliveryTick(deliveryContext(poster), silent)).posted).toBe(0);
  });
});

describe('failures', () => {
  it('pauses the plan whose user closed DMs, goes on with the others, and tells the owner next time', async () => {
    s.clock.set('2027-01-20T12:00:00Z');
    const poster = new FakePoster('slack', () => s.clock.now());
    const closed = await activePlan('slack:T1:CLOSED', 'UTC', TEN_K);
    const open = await activePlan('slack:T1:OPEN', 'UTC', TEN_K);
    poster.failNext(
      10,
      () => new DeliveryError('recipient-unreachable', 'dm_closed', 'cannot DM this user'),
      (t) => t.owner === closed.owner,
    );
    s.clock.set('2027-02-07T18:05:00Z');
    const summary = await runDeliveryTick(deliveryContext(poster), silent);
    expect(summary).toMatchObject({ posted: 1, paused: 1 });
    expect(poster.weeksPostedTo(open.owner)).toEqual([2]);
    const paused = await s.plans.getPlan('operator', closed.id);
    // The neutral reason is stored, not the platform's code.
    expect(paused.delivery).toMatchObject({ paused: true, pauseReason: 'recipient-unreachable' });
    // Paused plans are not retried forever: the next tick leaves them alone.
    expect((await runDeliveryTick(deliveryContext(poster), silent)).paused).toBe(0);
    const core = createConversation({ plans: s.plans, logger: silent, clock: s.clock });
    const views = await core.handle({
      kind: 'command',
      actor: { identity: closed.owner, timezone: 'UTC', origin: { kind: 'dm' } },
      command: parseCommandText('/plan status'),
    });
    expect(JSON.stringify(views[0])).toContain('your direct messages are closed to the coach');
  });

  it('rides out a 429 storm and a run of 5xx without losing or doubling a week', async () => {
    s.clock.set('2027-01-20T12:00:00Z');
    const poster = new FakePoster('slack', () => s.clock.now());
    const plans = await Promise.all(Array.from({ length: 5 }, (_, i) => activePlan(`slack:T1:STORM${i}`, 'UTC', TEN_K)));
    poster.failNext(12, () => new DeliveryError('rate-limited', 'ratelimited', 'slow down', 1000));
    poster.failNext(3, () => new DeliveryError('transient', 'internal_error', 'HTTP 500'));
    s.clock.set('2027-02-07T18:05:00Z');
    // A plan that used up its retries in one tick is claimed again at the next one.
    let posted = 0;
    for (let tick = 0; tick < 5 && posted < 5; tick += 1) {
      const summary = await runDeliveryTick(deliveryContext(poster), silent);
      posted += summary.posted;
      s.clock.set(new Date(s.clock.now().getTime() + 300_000).toISOString());
    }
    expect(posted).toBe(5);
    // Every scripted 429 and 500 was met, and ridden out.
    expect(poster.failuresLeft()).toBe(0);
    for (const plan of plans) expect(poster.weeksPostedTo(plan.owner)).toEqual([2]);
  });
});

describe('several instances on one database', () => {
  it('three schedulers over 500 due plans post every due week exactly once, counted at the fake Slack and Discord', async () => {
    s.clock.set('2027-01-20T12:00:00Z');
    const platforms = await startDeliveryPlatforms();
    try {
      const slackUsers = Array.from({ length: 400 }, (_, i) => `U${1000 + i}`);
      const discordUsers = Array.from({ length: 100 }, () => snowflake());
      for (const user of slackUsers) {
        platforms.addSlackUser(user);
        await activePlan(`slack:${SLACK_TEAM}:${user}`, 'UTC', TEN_K);
      }
      for (const user of discordUsers) await activePlan(`discord:${platforms.discord.guildId}:${user}`, 'UTC', TEN_K);
      const connections = await Promise.all([connectMongo(s.mongo.uri), connectMongo(s.mongo.uri), connectMongo(s.mongo.uri)]);
      s.clock.set('2027-02-07T18:01:00Z');
      const summaries = await Promise.all(
        connections.map(async (c, i) => {
          const ctx: DeliveryContext = {
            store: new MongoPlanStore(c),
            engine: createRulesEngine(),
            clock: s.clock,
            notifier: withRetries(createWeekNotifier(await platforms.posters()), {
              limiter: new RateLimiter(platforms.pacing),
              random: () => 0.5,
              retry: { attempts: 8, baseDelayMs: 50, maxDelayMs: 2000 },
            }),
            instanceId: `bot-${i + 1}`,
            leaseMs: 60_000,
          };
          return runDeliveryTick(ctx, silent, { concurrency: 8, maxPerTick: 1000 });
        }),
      );
      await Promise.all(connections.map((c) => c.close()));
      // Counted where they landed: one message per athlete's DM on each platform.
      const slackCounts = platforms.slackPostsByChannel();
      const discordCounts = platforms.discordPostsByChannel();
      expect(slackCounts.size).toBe(400);
      expect([...slackCounts.values()].every((n) => n === 1)).toBe(true);
      expect(discordCounts.size).toBe(100);
      expect([...discordCounts.values()].every((n) => n === 1)).toBe(true);
      expect(summaries.reduce((sum, x) => sum + x.posted, 0)).toBe(500);
      for (const summary of summaries) expect(summary.posted).toBeGreaterThan(0);
    } finally {
      await platforms.stop();
    }
  }, 90_000);
});

describe('daily reminders', () => {
  it('are off by default, and once on, arrive once a day at the chosen local hour', async () => {
    s.clock.set('2027-01-20T12:00:00Z');
    const poster = new FakePoster('slack', () => s.clock.now());
    const quiet = await activePlan('slack:T1:QUIET', 'Europe/Berlin', TEN_K);
    const keen = await activePlan('slack:T1:KEEN', 'Europe/Berlin', TEN_K);
    s.clock.set('2027-02-01T00:30:00Z');
    await s.plans.updateSettings(keen.owner, keen.id, { dailyReminder: true, reminderHour: 7 });
    for (let hour = 0; hour < 72; hour += 1) {
      await runDeliveryTick(deliveryContext(poster), silent, { concurrency: 2, maxPerTick: 50 });
      s.clock.set(new Date(s.clock.now().getTime() + 3_600_000).toISOString());
    }
    const reminders = (owner: string) => poster.posts.filter((p) => p.target.owner === owner && p.view.summary.startsWith('Today'));
    expect(reminders(quiet.owner)).toHaveLength(0);
    const keenReminders = reminders(keen.owner);
    expect(keenReminders.map((p) => p.at.toISOString())).toEqual([
      '2027-02-01T06:30:00.000Z',
      '2027-02-02T06:30:00.000Z',
      '2027-02-03T06:30:00.000Z',
    ]);
    // The first: Monday 1 Feb is a rest day in this plan (Tue, Thu, Sat, Sun); the second a run.
    // In the week's own words (`Mon 1 Feb`, the type label), with that day's Done / Skipped and Not today.
    expect(keenReminders[0]?.view.summary).toMatch(/^Today, Mon 1 Feb: Rest\. /);
    expect(keenReminders[1]?.view.summary).toMatch(/^Today, Tue 2 Feb: [^·\n]+ · [\d.]+ mi · \d/);
    const buttons = keenReminders[1]?.view.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])) ?? [];
    expect(buttons.map((b) => [b.label, b.planId])).toEqual([
      ['Done', keen.id],
      ['Skipped', keen.id],
      ['Not today', keen.id],
    ]);
  });
});
