/**
 * What clubs look like in chat: the club card (its race, weeks to go, members, the week's group
 * sessions and a Join button), the answers to joining and leaving, and the coach's digest.
 */
import { DAY_NAMES, DAY_SHORT_NAMES, daysBetween } from '../domain/calendar.js';
import type { MemberDigest } from '../plans/club-digest.js';
import { clubGoalDate, type ClubRecord, type WeekDelivery } from '../plans/club-record.js';
import type { PlanRecord } from '../plans/plan-record.js';
import { CLUB_JOIN_ACTION, CLUB_JOIN_REPLACE_ACTION, PLAN_KEEP_ACTION } from './action-ids.js';
import { activePlanLabel, dateLabel, textView } from './plan-views.js';
import { message, type MessageView } from './views.js';

const DISTANCE_LABEL: Readonly<Record<string, string>> = { '5k': '5K', '10k': '10K', half: 'half marathon', marathon: 'marathon' };

export function goalText(club: ClubRecord): string {
  if (club.race) return `${club.race.name}, ${DISTANCE_LABEL[club.race.distance] ?? club.race.distance}, ${dateLabel(club.race.date)}`;
  const season = club.season;
  return season
    ? `${season.name}: a season to ${dateLabel(season.endDate)}, ending with a ${DISTANCE_LABEL[season.distance] ?? season.distance} time trial`
    : '';
}

/** The group sessions in week order: `Tue: quality session · Thu: easy run · Sun: long run`. */
function groupSessionsText(club: ClubRecord): string {
  const { longDay, qualityDays, easyDays } = club.groupDays;
  const kinds = new Map<number, string>([
    ...easyDays.map((d): [number, string] => [d, 'easy run']),
    ...qualityDays.map((d): [number, string] => [d, 'quality session at your own paces']),
    [longDay, 'long run, its length by your plan'],
  ]);
  return [...kinds.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, kind]) => `${DAY_SHORT_NAMES[day - 1]}: ${kind}`)
    .join(' · ');
}

export function weeksToGo(club: ClubRecord, today: string): number {
  return Math.max(0, Math.ceil(daysBetween(today, clubGoalDate(club)) / 7));
}

export function clubCardView(club: ClubRecord, today: string, intro?: string): MessageView {
  const weeks = weeksToGo(club, today);
  const members = club.members.length;
  const open = club.status === 'active';
  return message(
    [
      ...(intro === undefined ? [] : [{ type: 'text' as const, text: intro }]),
      { type: 'header', text: club.name },
      {
        type: 'fields',
        fields: [
          { label: club.race ? 'Race' : 'Season', value: goalText(club) },
          { label: 'Weeks to go', value: String(weeks) },
          { label: 'Members', value: String(members) },
          {
            label: 'Weekly post',
            value: `${DAY_NAMES[club.delivery.postingDay - 1]} at ${club.delivery.postingHour}:00 (${club.delivery.timezone})`,
          },
        ],
      },
      { type: 'text', text: `This week's group sessions: ${groupSessionsText(club)}` },
      open
        ? {
            type: 'buttons',
            buttons: [{ actionId: CLUB_JOIN_ACTION, label: 'Join', style: 'primary', planId: club.id, value: null }],
          }
        : { type: 'outcome', text: 'This club is closed.' },
    ],
    `${club.name}: ${goalText(club)}, ${weeks} weeks to go, ${members} member${members === 1 ? '' : 's'}`,
  );
}

/** Where a member's own week goes, and how to change it. */
export function weekDeliveryText(club: ClubRecord, weekDelivery: WeekDelivery): string {
  return weekDelivery === 'thread'
    ? `Your week comes as a reply in ${club.name}'s weekly thread; /plan club weeks dm sends it to you by DM instead.`
    : `Your week comes to you by DM; /plan club weeks thread puts it in ${club.name}'s weekly thread instead.`;
}

export function joinedText(club: ClubRecord, plan: PlanRecord): string {
  const longDay = DAY_NAMES[club.groupDays.longDay - 1];
  const weekDelivery = club.members.find((m) => m.planId === plan.id)?.weekDelivery ?? 'thread';
  return `You joined ${club.name}: your own plan for ${activePlanLabel(plan)}, with the club's long run on ${longDay}s and your own paces. /plan week shows this week. ${weekDeliveryText(club, weekDelivery)}`;
}

/** Replace or Keep; Replace carries `weekDelivery`, the member's choice made with the join. */
export function joinAskView(club: ClubRecord, active: PlanRecord, draftId: string, weekDelivery: WeekDelivery): MessageView {
  const question = `You already have an active plan: ${activePlanLabel(active)}. Replace it with a plan for ${club.name}?`;
  return message(
    [
      { type: 'text', text: question },
      { type: 'text', text: 'Keep leaves your plan as it is, and you do not join.' },
      {
        type: 'buttons',
        buttons: [
          { actionId: CLUB_JOIN_REPLACE_ACTION, label: 'Replace and join', style: 'primary', planId: draftId, value: weekDelivery },
          { actionId: PLAN_KEEP_ACTION, label: 'Keep', style: 'default', planId: draftId, value: null },
        ],
      },
    ],
    question,
  );
}

const FLAG_TEXT: Readonly<Record<MemberDigest['flags'][number], string>> = {
  'missed-2-weeks': 'missed 2 weeks',
  'big-jump': 'big jump',
  'injury-pause': 'injury pause',
};

export const NO_MEMBERS = 'No members with an active plan yet.';

/** A member's digest in words, part by part: the chat's line and the club page's table say the same. */
export type DigestParts = {
  /** `last log week 3` or `no log yet`. */
  readonly lastLog: string;
  /** `week 4: 12/20 mi`. */
  readonly thisWeek: string;
  /** `4 weeks: 40/72 mi`. */
  readonly fourWeeks: string;
  readonly paused: boolean;
  /** `missed 2 weeks`, `big jump`, `injury pause`. */
  readonly flags: readonly string[];
};

export function digestParts(d: MemberDigest): DigestParts {
  return {
    lastLog: d.lastLoggedWeek === null ? 'no log yet' : `last log week ${d.lastLoggedWeek}`,
    thisWeek: `week ${d.weekNumber}: ${d.thisWeek.done}/${d.thisWeek.planned} mi`,
    fourWeeks: `4 weeks: ${d.fourWeeks.done}/${d.fourWeeks.planned} mi`,
    paused: d.paused,
    flags: d.flags.map((f) => FLAG_TEXT[f]),
  };
}

/** A member's line of the digest, with the name `nameOf` gives them (a mention on chat surfaces). */
export function digestLine(d: MemberDigest, nameOf: (identity: string) => string): string {
  const parts = digestParts(d);
  const flags = parts.flags.length === 0 ? '' : ` ⚑ ${parts.flags.join(', ')}`;
  return `${nameOf(d.identity)} — ${parts.lastLog}; ${parts.thisWeek}; ${parts.fourWeeks}${parts.paused ? '; paused' : ''}${flags}`;
}

/** The digest's closing line: `3 members with a plan, 1 flagged. Miles are done/planned.` */
export function digestSummary(digests: readonly MemberDigest[]): string {
  const flagged = digests.filter((d) => d.flags.length > 0).length;
  return `${digests.length} member${digests.length === 1 ? '' : 's'} with a plan, ${flagged} flagged. Miles are done/planned.`;
}

/** The coach's view: one line a member, done/planned miles, private to the admin who asked. */
export function digestView(club: ClubRecord, digests: readonly MemberDigest[], nameOf: (identity: string) => string): MessageView {
  const lines = digests.length === 0 ? [NO_MEMBERS] : digests.map((d) => digestLine(d, nameOf));
  const flagged = digests.filter((d) => d.flags.length > 0).length;
  return message(
    [
      { type: 'header', text: `${club.name}: how the members are doing` },
      { type: 'text', text: lines.join('\n') },
      { type: 'text', text: digestSummary(digests) },
    ],
    `${club.name}: ${digests.length} members, ${flagged} flagged`,
    { ephemeral: true },
  );
}

export const clubText = (text: string): MessageView => textView(text, { ephemeral: true });
