/**
 * The clubs' `ClubNotifier` over the chat adapters' `ChatPoster`s (issue 19): the weekly parent
 * message to the club's channel, the thread its replies go in, and each member's week as a reply
 * there, opening with the member's name. Pacing keys follow the channel: a thread's replies count
 * against their channel's limit (Slack's one message a second per channel).
 */
import type { ClubNotifier } from '../plans/club-notifier.js';
import type { ClubRecord } from '../plans/club-record.js';
import { DeliveryError, type ChatPoster, type PostTarget } from './chat-poster.js';
import { clubWeekView, memberReplyNote, type NameOf } from './club-week-views.js';
import { dateLabel } from './plan-views.js';
import { deliveredWeekView } from './week-delivery.js';

export function createClubNotifier(posters: readonly ChatPoster[], nameOf: NameOf): ClubNotifier {
  const byPlatform = new Map(posters.map((p) => [p.platform, p]));
  const posterFor = (club: ClubRecord): ChatPoster => {
    const poster = byPlatform.get(club.platform);
    if (!poster) throw new DeliveryError('app-removed', 'no_poster', `no ${club.platform} adapter is running to post for club ${club.id}`);
    return poster;
  };
  const channelOf = (club: ClubRecord, threadRef?: string): PostTarget => ({
    owner: club.createdBy,
    target: 'channel',
    channelId: club.channelId,
    ...(threadRef === undefined ? {} : { threadRef }),
  });
  return {
    async postClubWeek(club, summary) {
      const { messageRef } = await posterFor(club).post(channelOf(club), clubWeekView(club, summary, nameOf));
      return { parentRef: messageRef };
    },
    startThread(club, parentRef, weekOf) {
      const poster = posterFor(club);
      // Thread names are short on every platform (Discord: 100 characters).
      const name = `${club.name.slice(0, 60)} · week of ${dateLabel(weekOf)}`;
      return poster.startThread ? poster.startThread(parentRef, name) : Promise.resolve(parentRef);
    },
    replyWeek(club, threadRef, plan, weekNumber, note) {
      const view = deliveredWeekView(plan, weekNumber, [memberReplyNote(plan.owner, weekNumber, nameOf), note]);
      return posterFor(club).post(channelOf(club, threadRef), view);
    },
    rateKey(club, step = 'post') {
      const poster = byPlatform.get(club.platform);
      // Where the platform needs no call to start a thread (Slack), starting one spends nothing.
      const requests = step === 'thread' && !poster?.startThread ? 0 : 1;
      return { platform: club.platform, key: poster?.pacingKey?.(channelOf(club)) ?? club.channelId, requests };
    },
  };
}
