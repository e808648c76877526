/**
 * Weekly delivery as the composition root wires it: every surface registered with the core, the
 * chat ones with a poster. Plans of the pull-only HTTP API are never posted to nor paused (they
 * used to be claimed and paused as "app removed"), unless they name a chat destination; and a
 * platform the core has never heard of gets its weeks, paced its own way, from one registration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformRegistry, type PlatformSpec } from '../../src/conversation/platform-registry.js';
import { createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import { createLogger } from '../../src/log.js';
import { OPERATOR } from '../../src/plans/plan-context.js';
import type { Delivery } from '../../src/plans/plan-record.js';
import type { DeliveryContext } from '../../src/plans/use-cases/deliver-due-week.js';
import { emptyTickSummary, runDeliveryTick, type TickSummary } from '../../src/scheduler/delivery-runner.js';
import { RateLimiter } from '../../src/scheduler/rate-limiter.js';
import { withRetries } from '../../src/scheduler/retrying-notifier.js';
import { SURFACES, isSurfaceIdentity } from '../../src/app/surfaces.js';
import { FakePoster } from '../support/fake-poster.js';
import { startTestService, type TestService } from '../support/plan-service.js';

const silent = createLogger('silent');
let s: TestService;

beforeAll(async () => {
  s = await startTestService({ now: '2027-01-20T12:00:00Z' });
});

afterAll(async () => {
  await s.close();
});

const TEN_K = {
  distance: '10k',
  raceDate: '2027-04-25',
  startDate: '2027-02-01',
  goal: '50:00',
  fiveK: '24:00',
  mileage: '20',
  days: '2,4,6,7',
};

/** Virtual waiting: the limiter and retries "sleep" without slowing the test, and posts see the waited time. */
function virtualTime() {
  let waited = 0;
  const now = () => s.clock.now().getTime() + waited;
  return {
    sleep: async (ms: number) => {
      waited += ms;
    },
    now,
    date: () => new Date(now()),
  };
}

type Registered = { readonly ctx: DeliveryContext; readonly posters: readonly FakePoster[] };

/** The scheduler over `specs`, each push platform with a fake poster, as `main.ts` wires it. */
function registered(specs: readonly PlatformSpec[], instanceId: string): Registered {
  const time = virtualTime();
  const posters = specs.filter((spec) => spec.delivery === 'push').map((spec) => new FakePoster(spec.name, time.date));
  const platforms = createPlatformRegistry(specs.map((spec) => ({ ...spec, poster: posters.find((p) => p.platform === spec.name) })));
  const limiter = new RateLimiter(platforms.pacing, time.now, time.sleep);
  return {
    posters,
    ctx: {
      store: s.store,
      engine: createRulesEngine(),
      clock: s.clock,
      notifier: withRetries(platforms.notifier(), { limiter, sleep: time.sleep, random: () => 0.5 }),
      instanceId,
      leaseMs: 60_000,
    },
  };
}

async function activePlan(owner: string, delivery: Partial<Delivery> = {}) {
  const preview = await s.plans.createPreview({ owner, fields: TEN_K, delivery: { timezone: 'UTC', ...delivery } });
  return s.plans.confirmPlan(owner, preview.id);
}

/** Ticks every hour from now until `untilIso`, adding up the summaries. */
async function tickUntil(ctx: DeliveryContext, untilIso: string): Promise<TickSummary> {
  const total = emptyTickSummary();
  while (s.clock.now() < new Date(untilIso)) {
    const summary = await runDeliveryTick(ctx, silent, { concurrency: 2, maxPerTick: 50 });
    for (const key of Object.keys(total) as (keyof TickSummary)[]) total[key] += summary[key];
    s.clock.set(new Date(s.clock.now().getTime() + 3_600_000).toISOString());
  }
  return total;
}

describe('plans owned by an http: identity (the HTTP API is pull-only)', () => {
  it('are never posted to nor paused, weeks or reminders, while chat plans get theirs', async () => {
    s.clock.set('2027-01-20T12:00:00Z');
    const { ctx, posters } = registered(SURFACES, 'bot-pull');
    const pulled = await activePlan('http:club:pull');
    await s.plans.updateSettings(pulled.owner, pulled.id, { dailyReminder: true, reminderHour: 7 });
    const chat = await activePlan('slack:T1:PUSHED');
    // An API client that names a chat destination gets its weeks there.
    const toChannel = await activePlan('http:club:to-channel', { platform: 'slack', target: 'channel', channelId: 'C0CLUB' });

    s.clock.set('2027-02-06T00:00:00Z');
    const summary = await tickUntil(ctx, '2027-02-22T00:00:00Z');

    expect(summary).toMatchObject({ paused: 0, failed: 0 });
    for (const poster of posters) expect(poster.posts.filter((p) => p.target.owner === pulled.owner)).toEqual([]);
    const stored = await s.plans.getPlan(OPERATOR, pulled.id);
    expect(stored.delivery).toMatchObject({ paused: false, pauseReason: null, dailyReminder: true });
    expect(stored.weeks.map((w) => w.weekNumber)).toEqual([1]);
    // The client still pulls its weeks whenever it likes.
    expect((await s.plans.requestWeek(pulled.owner, pulled.id, 2)).week.weekNumber).toBe(2);

    const slack = posters.find((p) => p.platform === 'slack');
    expect(slack?.weeksPostedTo(chat.owner)).toEqual([2, 3, 4]);
    expect(slack?.weeksPostedTo(toChannel.owner)).toEqual([2, 3, 4]);
    expect(slack?.posts.filter((p) => p.target.owner === toChannel.owner).every((p) => p.target.channelId === 'C0CLUB')).toBe(true);
  });
});

describe('a platform the core has never heard of', () => {
  const MATRIX: PlatformSpec = { name: 'matrix', delivery: 'push', pacing: { perKeyIntervalMs: 2000 } };

  it('gets its weeks, paced its own way, from one registration and no change in the core', async () => {
    s.clock.set('2027-01-20T12:00:00Z');
    const { ctx, posters } = registered([...SURFACES, MATRIX], 'bot-matrix');
    const ana = await activePlan('matrix:hs1:ana', { target: 'channel', channelId: '!room' });
    const bo = await activePlan('matrix:hs1:bo', { target: 'channel', channelId: '!room' });
    expect(ana.delivery.platform).toBe('matrix');

    s.clock.set('2027-02-07T18:05:00Z');
    // One worker per platform, so the two posts to one room take their turns in order.
    const summary = await runDeliveryTick(ctx, silent, { concurrency: 1, maxPerTick: 50 });

    expect(summary).toMatchObject({ posted: 2, paused: 0, failed: 0 });
    const matrix = posters.find((p) => p.platform === 'matrix');
    expect(matrix?.weeksPostedTo(ana.owner)).toEqual([2]);
    expect(matrix?.weeksPostedTo(bo.owner)).toEqual([2]);
    // Both went to one room, so its pacing key spaced them by its interval.
    const [first, second] = matrix?.posts ?? [];
    expect((second?.at.getTime() ?? 0) - (first?.at.getTime() ?? 0)).toBeGreaterThanOrEqual(2000);
    for (const other of posters.filter((p) => p !== matrix)) expect(other.posts).toEqual([]);
  });

  it('is only a platform once registered: until then its plans are left alone, not paused', async () => {
    s.clock.set('2027-01-20T12:00:00Z');
    const { ctx } = registered(SURFACES, 'bot-no-matrix');
    const left = await activePlan('matrix:hs1:left');
    s.clock.set('2027-02-07T18:05:00Z');
    await runDeliveryTick(ctx, silent);
    expect((await s.plans.getPlan(OPERATOR, left.id)).delivery).toMatchObject({ paused: false, pauseReason: null });
  });
});

describe('the registry', () => {
  const poster = (platform: string) => new FakePoster(platform, () => new Date());

  it('refuses wiring mistakes at start-up', () => {
    const slack: PlatformSpec = { name: 'slack', delivery: 'push' };
    expect(() => createPlatformRegistry([slack, slack])).toThrow('platform "slack" is registered twice');
    expect(() => createPlatformRegistry([{ name: 'http', delivery: 'pull', poster: poster('http') }])).toThrow(/pull-only/);
    expect(() => createPlatformRegistry([{ ...slack, poster: poster('discord') }])).toThrow(
      'platform "slack" was registered with the poster of "discord"',
    );
    expect(() => createPlatformRegistry([{ name: 'Slack!', delivery: 'push' }])).toThrow(/lower-case word/);
  });

  it('knows identities by their registered prefix, and so do the operators’ commands', () => {
    const platforms = createPlatformRegistry([{ name: 'matrix', delivery: 'push', poster: poster('matrix') }]);
    expect(platforms.isIdentity('matrix:hs1:ana')).toBe(true);
    expect(platforms.isIdentity('slack:T1:U1')).toBe(false);
    expect(platforms.notifier().platforms).toEqual(['matrix']);
    for (const identity of ['slack:T1:U1', 'discord:1:2', 'console:local:me', 'http:club:u1'])
      expect(isSurfaceIdentity(identity)).toBe(true);
    for (const identity of ['teams:T1:U1', 'slack:T1', 'bob']) expect(isSurfaceIdentity(identity)).toBe(false);
  });
});
