/**
 * A club's page for its admins (`GET /c/<token>`): the club's race or season, weeks to go, and a
 * row a member of the coach's view (`clubDigest`), in the digest's own words (`digestParts`). The
 * HTTP adapter lays it out as HTML.
 *
 * People are named by their chat user id (`U123`), not a mention: outside chat `<@U123>` shows no
 * name, and a link can travel further than a channel. The id is what a mention in the channel
 * already carries — nothing more, no workspace, no name — and the coach matches it to a person in
 * chat (`/plan club status` names them).
 */
import { dayNumberOf } from '../domain/calendar.js';
import type { MemberDigest } from '../plans/club-digest.js';
import type { ClubRecord } from '../plans/club-record.js';
import { digestParts, digestSummary, goalText, NO_MEMBERS, weeksToGo } from './club-views.js';
import { userIdOf } from './mentions.js';
import { dayLabel } from './plan-labels.js';

export type ClubPageMember = {
  /** The chat user id (`U123`). */
  readonly member: string;
  readonly lastLog: string;
  readonly thisWeek: string;
  readonly fourWeeks: string;
  /** `paused` or `active`. */
  readonly status: string;
  /** `missed 2 weeks, big jump`; empty when none. */
  readonly flags: string;
};

export type ClubPage = {
  readonly name: string;
  /** `Race` or `Season`. */
  readonly goalLabel: string;
  /** `Riverside Half, half marathon, 21 Mar 2027`. */
  readonly goal: string;
  readonly weeksToGo: number;
  /** `Tue 1 Dec`, in the club's time zone. */
  readonly today: string;
  readonly members: readonly ClubPageMember[];
  /** Said instead of the table when no member has an active plan. */
  readonly empty: string | undefined;
  /** `3 members with a plan, 1 flagged. Miles are done/planned.` */
  readonly summary: string;
};

export function clubPageView(club: ClubRecord, digests: readonly MemberDigest[], todayIso: string): ClubPage {
  return {
    name: club.name,
    goalLabel: club.race ? 'Race' : 'Season',
    goal: goalText(club),
    weeksToGo: weeksToGo(club, todayIso),
    today: dayLabel(dayNumberOf(todayIso), todayIso),
    members: digests.map((d) => {
      const parts = digestParts(d);
      return {
        member: userIdOf(d.identity),
        lastLog: parts.lastLog,
        thisWeek: parts.thisWeek,
        fourWeeks: parts.fourWeeks,
        status: parts.paused ? 'paused' : 'active',
        flags: parts.flags.join(', '),
      };
    }),
    empty: digests.length === 0 ? NO_MEMBERS : undefined,
    summary: digestSummary(digests),
  };
}
