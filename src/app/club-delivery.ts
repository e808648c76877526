/**
 * `gofast clubs deliver ID`, wired: the club's current weekly post, now, exactly once — for an
 * operator catching up after an outage. It is the scheduler's own use case (`deliverClubWeek`),
 * with the same claim, so it cannot post what the scheduler has posted or is posting; posters are
 * made from the configured tokens alone (no gateway, no receiver), paced as the scheduler paces.
 */
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { createStandaloneDiscordPoster } from '../adapters/discord/index.js';
import { createStandaloneSlackPoster } from '../adapters/slack/index.js';
import type { AppConfig } from '../config.js';
import type { ChatPoster } from '../conversation/chat-poster.js';
import { createPlatformRegistry } from '../conversation/platform-registry.js';
import { deliverClubWeek, type ClubWeekDelivery } from '../plans/use-cases/deliver-club-week.js';
import { RateLimiter } from '../scheduler/rate-limiter.js';
import { withClubRetries, withRetries } from '../scheduler/retrying-notifier.js';
import type { PlanService } from './plan-service.js';
import { SURFACES } from './surfaces.js';

/** The posters the configured tokens allow (Slack's bot token, Discord's). */
function configuredPosters(config: AppConfig, logger: Logger): ChatPoster[] {
  const posters: ChatPoster[] = [];
  if (config.slack) {
    posters.push(
      createStandaloneSlackPoster({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, command: config.slack.command, logger }),
    );
  }
  if (config.discord) posters.push(createStandaloneDiscordPoster({ token: config.discord.token, apiUrl: config.discord.apiUrl, logger }));
  return posters;
}

export type ClubDeliveryNow = ClubWeekDelivery | { readonly kind: 'no-poster'; readonly platform: string };

export async function deliverClubNow(service: PlanService, config: AppConfig, logger: Logger, clubId: string): Promise<ClubDeliveryNow> {
  const club = await service.clubs.showClub(clubId);
  const posters = configuredPosters(config, logger);
  if (!posters.some((p) => p.platform === club.platform)) return { kind: 'no-poster', platform: club.platform };
  const platforms = createPlatformRegistry(SURFACES.map((spec) => ({ ...spec, poster: posters.find((p) => p.platform === spec.name) })));
  const limiter = new RateLimiter(platforms.pacing);
  return deliverClubWeek(
    {
      ...service.context,
      notifier: withRetries(platforms.notifier(), { limiter }),
      clubs: { ...service.clubDelivery, notifier: withClubRetries(platforms.clubNotifier(), { limiter }) },
      instanceId: `cli-${hostname()}-${process.pid}`,
      leaseMs: 5 * 60_000,
    },
    club.id,
  );
}
