/**
 * The two chat platforms for weekly-delivery tests and benchmarks: the fake Slack Web API (with
 * Slack's one-message-a-second-per-channel limit) and the fake Discord (REST + gateway, with its
 * 50-requests-a-second global limit), and the real posters the scheduler uses against them.
 * Deliveries are counted where they land: at the fakes.
 */
import { webApi } from '@slack/bolt';
import { startDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/index.js';
import { DISCORD_PLATFORM } from '../../src/adapters/discord/platform.js';
import { SLACK_PLATFORM } from '../../src/adapters/slack/platform.js';
import { createSlackPoster } from '../../src/adapters/slack/slack-poster.js';
import { SlackDirectory } from '../../src/adapters/slack/slack-directory.js';
import type { ChatPoster } from '../../src/conversation/chat-poster.js';
import { textView } from '../../src/conversation/plan-views.js';
import { createLogger } from '../../src/log.js';
import { pacingOf, type PlatformPacing } from '../../src/plans/platforms.js';
import { FakeDiscord } from '../fakes/discord/fake-discord.js';
import { FakeSlackApi } from '../fakes/slack/fake-slack-api.js';

export const SLACK_TEAM = 'T9';
const SLACK_TOKEN = 'xoxb-delivery';

export type DeliveryPlatforms = {
  readonly slack: FakeSlackApi;
  readonly discord: FakeDiscord;
  /** The two platforms' registered pacing, for the scheduler's rate limiter. */
  readonly pacing: Readonly<Record<string, PlatformPacing>>;
  /** One Slack and one Discord poster per call: each bot instance has its own clients. */
  posters(): Promise<ChatPoster[]>;
  addSlackUser(userId: string): void;
  /** `chat.postMessage` calls Slack accepted, per channel. */
  slackPostsByChannel(): Map<string, number>;
  /** Messages Discord accepted, per channel. */
  discordPostsByChannel(): Map<string, number>;
  stop(): Promise<void>;
};

export async function startDeliveryPlatforms(
  options: { slackChannelIntervalMs?: number; discordPerSecond?: number } = {},
): Promise<DeliveryPlatforms> {
  const slack = await FakeSlackApi.start({
    botToken: SLACK_TOKEN,
    teamId: SLACK_TEAM,
    checkBlocks: false,
    channelIntervalMs: options.slackChannelIntervalMs ?? 1000,
  });
  const discord = await FakeDiscord.start({ globalPerSecond: options.discordPerSecond ?? 50 });
  const adapters: DiscordAdapter[] = [];
  const logger = createLogger('silent');
  return {
    slack,
    discord,
    pacing: pacingOf([SLACK_PLATFORM, DISCORD_PLATFORM]),
    addSlackUser: (userId) => slack.addUser({ id: userId, teamId: SLACK_TEAM, tz: 'UTC' }),
    async posters() {
      const client = new webApi.WebClient(SLACK_TOKEN, {
        slackApiUrl: slack.apiUrl,
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
      });
      const adapter = await startDiscordAdapter({
        conversation: { handle: () => Promise.resolve([textView('unused')]) },
        logger,
        token: discord.token,
        applicationId: discord.applicationId,
        apiUrl: discord.apiUrl,
        maxDeliveryWaitMs: 2000,
      });
      adapters.push(adapter);
      return [createSlackPoster(client, new SlackDirectory(client, logger)), adapter.poster];
    },
    slackPostsByChannel() {
      const counts = new Map<string, number>();
      for (const call of slack.calls) {
        const response = call.response as { ok?: unknown } | undefined;
        if (call.method !== 'chat.postMessage' || response?.ok !== true) continue;
        const channel = String(call.args.channel);
        counts.set(channel, (counts.get(channel) ?? 0) + 1);
      }
      return counts;
    },
    discordPostsByChannel() {
      const counts = new Map<string, number>();
      for (const call of discord.rest.calls) {
        const match = /^\/channels\/(\d+)\/messages$/.exec(call.path);
        if (call.method !== 'POST' || !match?.[1] || call.status !== 200) continue;
        counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
      }
      return counts;
    },
    async stop() {
      for (const adapter of adapters) await adapter.stop();
      await discord.close();
      await slack.stop();
    },
  };
}
