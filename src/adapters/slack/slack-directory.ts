/**
 * Who and where, in the core's terms: `slack:<team>:<user>` identities, the origin of a request (a
 * DM or a channel), each user's IANA time zone from `users.info`, and each user's DM channel from
 * `conversations.open`. Lookups are cached per user for the life of the process (a time zone
 * changes rarely; a DM channel never) and concurrent lookups of one user share one call.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

import type { Origin } from '../../conversation/intents.js';

export function slackIdentity(teamId: string, userId: string): string {
  return `slack:${teamId}:${userId}`;
}

/** The user id of a `slack:<team>:<user>` identity; undefined for any other platform's. */
export function userIdOf(identity: string): string | undefined {
  const match = /^slack:[^:]+:([^:]+)$/.exec(identity);
  return match?.[1];
}

/** DMs have ids starting with D and Slack names them `directmessage` in slash commands. */
export function isDirectMessage(channelId: string, channelName?: string | null): boolean {
  return channelId.startsWith('D') || channelName === 'directmessage';
}

export function originOf(channelId: string | null | undefined, channelName?: string | null): Origin {
  if (channelId === null || channelId === undefined || isDirectMessage(channelId, channelName)) return { kind: 'dm' };
  return { kind: 'channel', channelId };
}

export class SlackDirectory {
  private readonly zones = new Map<string, Promise<string | null>>();
  private readonly dms = new Map<string, Promise<string>>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
  ) {}

  /** The user's time zone, or null when Slack does not say (the core then uses UTC). */
  timezone(userId: string): Promise<string | null> {
    const cached = this.zones.get(userId);
    if (cached) return cached;
    const lookup = this.client.users.info({ user: userId }).then(
      (result) => result.user?.tz ?? null,
      (error: unknown) => {
        // Not cached: the next request asks again.
        this.zones.delete(userId);
        this.logger.warn({ err: error, user: userId }, 'users.info failed; using UTC for this request');
        return null;
      },
    );
    this.zones.set(userId, lookup);
    return lookup;
  }

  /** The time zone if Slack answers within `ms`, else null: a modal's ack cannot wait long. */
  async timezoneWithin(userId: string, ms: number): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), ms);
    });
    try {
      return await Promise.race([this.timezone(userId), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Remembers a DM channel Slack told us about (the App Home event names it). */
  rememberDm(userId: string, channelId: string): void {
    if (!this.dms.has(userId)) this.dms.set(userId, Promise.resolve(channelId));
  }

  /** The DM channel between the app and the user, opened if need be. Throws Slack's error. */
  dmChannel(userId: string): Promise<string> {
    const cached = this.dms.get(userId);
    if (cached) return cached;
    const opening = this.client.conversations.open({ users: userId }).then((result) => {
      const channelId = result.channel?.id;
      if (!channelId) throw new Error('conversations.open returned no channel');
      return channelId;
    });
    opening.catch(() => this.dms.delete(userId));
    this.dms.set(userId, opening);
    return opening;
  }
}
