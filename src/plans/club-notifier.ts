/**
 * The port the club's weekly fan-out speaks through (issue 19): the parent message in the club's
 * channel, the thread members' weeks reply in, and a member's week as a reply there. The chat
 * layer implements it over each platform's `ChatPoster` (`conversation/club-week-delivery.ts`);
 * failures come back as `DeliveryFailure`s in the neutral vocabulary, like `WeekNotifier`'s.
 * Members who chose DMs get their week through the `WeekNotifier`, as any plan does.
 */
import type { ClubRecord } from './club-record.js';
import type { ClubWeekSummary } from './club-week-summary.js';
import type { PlanRecord } from './plan-record.js';
import type { RateKey } from './week-notifier.js';

export interface ClubNotifier {
  /** Posts the club's weekly parent message to its channel: its reference. */
  postClubWeek(club: ClubRecord, summary: ClubWeekSummary): Promise<{ readonly parentRef: string }>;
  /**
   * The thread members' weeks reply in, started on the parent if the platform needs that (Discord
   * starts a thread on a message; in Slack a reply names the parent's ts and nothing is posted).
   */
  startThread(club: ClubRecord, parentRef: string, weekOf: string): Promise<string>;
  /** Posts a member's week N as a reply in the week's thread, naming the member. */
  replyWeek(
    club: ClubRecord,
    threadRef: string,
    plan: PlanRecord,
    weekNumber: number,
    note: string | null,
  ): Promise<{ readonly messageRef: string }>;
  /**
   * Which platform's rate limits a post to the club's channel (or thread) counts against, and
   * under which key; for `thread`, starting the thread (no request at all where the platform needs
   * none).
   */
  rateKey(club: ClubRecord, step?: 'post' | 'thread'): RateKey;
}
