/**
 * Who Slack says administers a channel, for the clubs' `ClubRoles` port: a workspace admin or owner
 * (`users.info` `is_admin`, `is_owner`) or the person who made the channel (`conversations.info`
 * `creator`). A lookup that fails counts as "not an admin" — refusing an admin command is safer
 * than letting anyone run it — and is logged with what failed. The core caches every answer for a
 * minute, so an admin's few commands in a row cost one lookup.
 *
 * The core asks per person and channel, and the App Home asks about every club of the workspace
 * at once each time someone opens it: so the checks in flight for one person share one
 * `users.info`, and a channel's creator, which never changes, is asked once.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';

import type { ClubRoles } from '../../conversation/club-roles.js';
import { userIdOf } from './slack-directory.js';

/** Slackbot is a bot without a bot flag worth asking for. */
const SLACKBOT = 'USLACKBOT';

const userInfoAnswer = z.object({
  user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional(), is_bot: z.boolean().optional() }),
});
const channelInfoAnswer = z.object({ channel: z.object({ creator: z.string().optional() }) });

const MAX_CHANNELS = 5_000;

type UserInfo = z.infer<typeof userInfoAnswer>['user'];

export function createSlackClubRoles(client: webApi.WebClient, logger: Logger): ClubRoles {
  // The lookups in flight: checks of several channels at once (a home's clubs) share one.
  const asking = new Map<string, Promise<UserInfo>>();
  const creators = new Map<string, string | null>();

  const userInfo = (userId: string): Promise<UserInfo> => {
    const pending = asking.get(userId);
    if (pending !== undefined) return pending;
    const answer = client.users
      .info({ user: userId })
      .then((result) => userInfoAnswer.parse(result).user)
      .finally(() => asking.delete(userId));
    asking.set(userId, answer);
    return answer;
  };
  const creatorOf = async (channelId: string): Promise<string | null> => {
    const known = creators.get(channelId);
    if (known !== undefined) return known;
    const creator = channelInfoAnswer.parse(await client.conversations.info({ channel: channelId })).channel.creator ?? null;
    // A bounded memory: past its size the oldest channel goes first (a Map keeps insertion order).
    if (creators.size >= MAX_CHANNELS) creators.delete(creators.keys().next().value ?? '');
    creators.set(channelId, creator);
    return creator;
  };

  return {
    async isChannelAdmin(identity, channelId) {
      const userId = userIdOf(identity);
      if (userId === undefined) return false;
      try {
        const user = await userInfo(userId);
        if (user.is_admin === true || user.is_owner === true) return true;
        return (await creatorOf(channelId)) === userId;
      } catch (error) {
        logger.warn({ err: error, user: identity, channel: channelId }, 'could not ask Slack who administers the channel; refusing');
        return false;
      }
    },
    async isBot(identity) {
      const userId = userIdOf(identity);
      if (userId === undefined) return false;
      if (userId === SLACKBOT) return true;
      try {
        return (await userInfo(userId)).is_bot === true;
      } catch (error) {
        // The club's own "looks like a bot" check still stands; a person is not refused for an outage.
        logger.warn({ err: error, user: identity }, 'could not ask Slack whether a user is a bot; taking them as a person');
        return false;
      }
    },
  };
}
