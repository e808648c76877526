/**
 * Weekly delivery at scale: 5,000 due weeks delivered by one scheduler instance through the fake
 * Slack (one message per second per channel) and the fake Discord (50 requests per second), timed
 * against the rate-limit lower bound. Target from issue 8: at least 80% of the bound's throughput.
 *
 * The mix: 4,000 Slack plans posting to 200 club channels (20 posts per channel: a 20 s bound) and
 * 1,000 Discord plans posting by DM (a DM channel opened, then the post: 2,000 requests at 50/s, a
 * 40 s bound). The platforms are served in parallel, so the bound is the slower one: 40 s.
 */
import { createWeekNotifier } from '../src/conversation/week-delivery.js';
import { createRulesEngine } from '../src/engine/rules/rules-engine.js';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';
import { createLogger } from '../src/log.js';
import type { PlanContext } from '../src/plans/plan-context.js';
import { createPlanUseCases } from '../src/plans/plan-use-cases.js';
import { runDeliveryTick } from '../src/scheduler/delivery-runner.js';
import { RateLimiter } from '../src/scheduler/rate-limiter.js';
import { withRetries } from '../src/scheduler/retrying-notifier.js';
import { connectMongo } from '../src/storage/mongo-connection.js';
import { MongoPlanStore } from '../src/storage/mongo-plan-store.js';
import { snowflake } from '../test/fakes/discord/snowflakes.js';
import { SLACK_TEAM, startDeliveryPlatforms } from '../test/support/delivery-platforms.js';
import { MARATHON_FIELDS } from '../test/support/sample-inputs.js';
import type { BenchRow } from './harness.js';

const SLACK_PLANS = 4000;
const SLACK_CHANNELS = 200;
const DISCORD_PLANS = 1000;

export async function benchDelivery(): Promise<BenchRow[]> {
  const server = await startEmbeddedMongo();
  const connection = await connectMongo(`${server.uri}delivery`);
  const platforms = await startDeliveryPlatforms({ slackChannelIntervalMs: 1000, discordPerSecond: 50 });
  try {
    const store = new MongoPlanStore(connection);
    await store.init();
    let now = new Date('2027-01-20T12:00:00Z');
    const context: PlanContext = { store, engine: createRulesEngine(), clock: { now: () => now } };
    const plans = createPlanUseCases(context);
    // One real plan, confirmed, then cloned per athlete: the setup is not what is measured.
    const preview = await plans.createPreview({ owner: 'slack:T9:TEMPLATE', fields: MARATHON_FIELDS });
    const template = await plans.confirmPlan('operator', preview.id);
    const { id: _id, ...base } = template;
    const docs: Record<string, unknown>[] = [];
    for (let i = 0; i < SLACK_PLANS; i += 1) {
      const channelId = `C${String(i % SLACK_CHANNELS).padStart(4, '0')}`;
      docs.push({
        ...base,
        owner: `slack:${SLACK_TEAM}:U${i}`,
        requestKey: null,
        delivery: { ...base.delivery, platform: 'slack', target: 'channel', channelId },
      });
    }
    for (let i = 0; i < DISCORD_PLANS; i += 1) {
      docs.push({
        ...base,
        owner: `discord:${platforms.discord.guildId}:${snowflake()}`,
        requestKey: null,
        delivery: { ...base.delivery, platform: 'discord', target: 'dm', channelId: null },
      });
    }
    await connection.collection('plans').insertMany(docs);
    now = new Date('2026-12-06T18:01:00Z');

    const notifier = withRetries(createWeekNotifier(await platforms.posters()), { limiter: new RateLimiter(platforms.pacing) });
    const started = performance.now();
    // Back-to-back ticks: a plan that ran out of retries in one tick is taken again by the next.
    const summary = { posted: 0 };
    for (let tick = 0; tick < 5 && summary.posted < SLACK_PLANS + DISCORD_PLANS; tick += 1) {
      const result = await runDeliveryTick({ ...context, notifier, instanceId: 'bench', leaseMs: 10 * 60_000 }, createLogger('silent'), {
        concurrency: 32,
        maxPerTick: 20_000,
      });
      summary.posted += result.posted;
    }
    const elapsedMs = performance.now() - started;

    const slackPosts = [...platforms.slackPostsByChannel().values()].reduce((a, b) => a + b, 0);
    const discordPosts = [...platforms.discordPostsByChannel().values()].reduce((a, b) => a + b, 0);
    const delivered = slackPosts + discordPosts;
    const total = SLACK_PLANS + DISCORD_PLANS;
    if (summary.posted !== total || delivered !== total) {
      throw new Error(`expected ${total} deliveries, the scheduler reported ${summary.posted} and the fakes received ${delivered}`);
    }
    // Slack allows about one post a second per channel.
    const slackBoundMs = (SLACK_PLANS / SLACK_CHANNELS) * 1000;
    const discordBoundMs = ((DISCORD_PLANS * 2) / 50) * 1000;
    const boundMs = Math.max(slackBoundMs, discordBoundMs);
    const share = boundMs / elapsedMs;
    const note =
      `${total} weeks in ${(elapsedMs / 1000).toFixed(1)} s, ${(total / (elapsedMs / 1000)).toFixed(0)}/s; rate-limit bound ${(boundMs / 1000).toFixed(0)} s ` +
      `(Slack ${slackBoundMs / 1000} s, Discord ${discordBoundMs / 1000} s) → ${(share * 100).toFixed(0)}% of the bound's throughput; ` +
      `429s met: Slack ${platforms.slack.rateLimited}, Discord ${platforms.discord.rest.rateLimited}`;
    // Target: at least 80% of the bound's throughput, i.e. elapsed ≤ bound / 0.8.
    return [
      {
        suite: 'delivery',
        name: '5,000 due weeks through fake Slack + Discord',
        iterations: 1,
        medianMs: elapsedMs,
        p95Ms: elapsedMs,
        p99Ms: elapsedMs,
        targetMs: boundMs / 0.8,
        note,
      },
    ];
  } finally {
    await platforms.stop();
    await connection.close();
    await server.close();
  }
}
