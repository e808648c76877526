/**
 * The club's weekly parent message (issue 19), one per club and week in its channel: this week's
 * group sessions as the members' own plans hold them ("Tue: Intervals — each at your own paces",
 * "Sat: Long run 10–16 mi by plan"), and last week's digest — who logged, the club's miles,
 * completion, streaks, a shout-out for each race result. Members' own weeks follow in its thread
 * (or by DM); a member's reply opens with their name, so the thread reads as a roll call.
 */
import { DAY_SHORT_NAMES } from '../domain/calendar.js';
import { formatDuration } from '../domain/time.js';
import type { ClubRecord } from '../plans/club-record.js';
import type { ClubWeekDigest, ClubWeekSummary, GroupSession } from '../plans/club-week-summary.js';
import { dateLabel } from './plan-views.js';
import { message, type MessageView, type ViewBlock } from './views.js';

/** How a person is named in a club's messages: a platform mention. */
export type NameOf = (identity: string) => string;

const miles = (n: number): string => `${Math.round(n * 10) / 10}`;

function sessionLine(session: GroupSession): string {
  const day = DAY_SHORT_NAMES[session.dayNumber - 1] ?? '';
  const [top, ...others] = session.sessions;
  if (!top || !session.miles) return `${day}: rest for everyone this week`;
  const range =
    session.miles.min === session.miles.max
      ? `${miles(session.miles.min)} mi`
      : `${miles(session.miles.min)}–${miles(session.miles.max)} mi`;
  if (session.role === 'long') return `${day}: ${top.label} ${range} by plan`;
  const also = others.length === 0 ? '' : ` (also ${others.map((o) => `${o.label.toLowerCase()} × ${o.members}`).join(', ')})`;
  const how = session.role === 'quality' ? 'each at your own paces' : 'easy, together';
  return `${day}: ${top.label} — ${how}, ${range}${also}`;
}

function digestLines(digest: ClubWeekDigest, nameOf: NameOf): string[] {
  const lines = [
    `${digest.logged.length} of ${digest.members} logged · ${miles(digest.miles)} club miles` +
      (digest.completion === null ? '' : ` · ${digest.completion}% of planned`),
  ];
  if (digest.streaks.length > 0) lines.push(`Streaks: ${digest.streaks.map((s) => `${nameOf(s.identity)} ${s.weeks} weeks`).join(', ')}`);
  for (const result of digest.results)
    lines.push(`🎉 ${nameOf(result.identity)} raced ${result.distance} in ${formatDuration(result.timeSeconds)}`);
  return lines;
}

export function clubWeekView(club: ClubRecord, summary: ClubWeekSummary, nameOf: NameOf): MessageView {
  const toRace =
    summary.weeksToRace === null || club.race === null
      ? ''
      : summary.weeksToRace === 0
        ? ` · race week: ${club.race.name}`
        : ` · ${summary.weeksToRace} week${summary.weeksToRace === 1 ? '' : 's'} to ${club.race.name}`;
  const blocks: ViewBlock[] = [
    { type: 'header', text: `${club.name} · week of ${dateLabel(summary.weekOf)}${toRace}` },
    { type: 'text', text: ['This week’s group sessions:', ...summary.groupSessions.map(sessionLine)].join('\n') },
  ];
  if (summary.lastWeek) blocks.push({ type: 'text', text: ['Last week:', ...digestLines(summary.lastWeek, nameOf)].join('\n') });
  blocks.push({
    type: 'text',
    text: 'Your own week, at your paces, is in the thread below (or in your DMs: /plan club weeks dm). Not a member yet? /plan club join',
  });
  return message(blocks, `${club.name}: the week of ${dateLabel(summary.weekOf)}`);
}

/** What a member's week in the thread opens with. */
export function memberReplyNote(identity: string, weekNumber: number, nameOf: NameOf): string {
  return `${nameOf(identity)}, here is your week ${weekNumber}.`;
}
