/**
 * What the club's weekly parent message says (issue 19), as data: this week's group sessions —
 * what the members' own plans hold on the club's group days — and last week's digest: who logged,
 * the club's miles, completion, streaks and a shout-out for each race result. Pure and linear in
 * the members' weeks; the conversation layer words it (`club-week-views.ts`).
 *
 * Readings, as the coach's view reads them (`club-digest.ts`): a week counts as logged when its
 * log has a run in it; completion is logged miles over planned miles of the members who had that
 * week; a streak is the run of logged weeks ending last week.
 */
import { addDaysIso, mondayOf, weekNumberOf, type IsoDate } from '../domain/calendar.js';
import { dayLabel } from '../domain/day-format.js';
import { dayMiles } from '../domain/plan-math.js';
import type { ClubRecord } from './club-record.js';
import type { PlanRecord } from './plan-record.js';

type GroupSessionRole = 'long' | 'quality' | 'easy';

export type GroupSession = {
  readonly dayNumber: number;
  readonly role: GroupSessionRole;
  /** The sessions members have that day, most common first: `Intervals` × 24. */
  readonly sessions: readonly { readonly label: string; readonly members: number }[];
  /** The shortest and longest run that day among members, miles; null when nobody runs it. */
  readonly miles: { readonly min: number; readonly max: number } | null;
};

export type ClubWeekDigest = {
  /** Members who had a week then (joined before it). */
  readonly members: number;
  readonly logged: readonly string[];
  readonly miles: number;
  readonly plannedMiles: number;
  /** Logged over planned miles, whole percent; null when nothing was planned. */
  readonly completion: number | null;
  /** Longest runs of logged weeks ending last week, two weeks or more, longest first (at most 3). */
  readonly streaks: readonly { readonly identity: string; readonly weeks: number }[];
  /** Race results recorded in the week: a tune-up or the race. */
  readonly results: readonly { readonly identity: string; readonly distance: string; readonly timeSeconds: number }[];
};

export type ClubWeekSummary = {
  readonly weekOf: IsoDate;
  /** Weeks from this one to race week (0: race week); null for a season. */
  readonly weeksToRace: number | null;
  readonly groupSessions: readonly GroupSession[];
  /** Null in the club's first week (nothing to look back on). */
  readonly lastWeek: ClubWeekDigest | null;
};

export type MemberPlan = { readonly identity: string; readonly plan: PlanRecord };

const round1 = (n: number): number => Math.round(n * 10) / 10;

function weekOn(plan: PlanRecord, monday: IsoDate) {
  if (!plan.inputs) return undefined;
  const n = weekNumberOf(plan.inputs.startDate, monday);
  return plan.weeks.find((w) => w.weekNumber === n);
}

function groupSessions(club: ClubRecord, members: readonly MemberPlan[], weekOf: IsoDate): GroupSession[] {
  const { longDay, qualityDays, easyDays } = club.groupDays;
  const roles: [number, GroupSessionRole][] = [
    ...qualityDays.map((d): [number, GroupSessionRole] => [d, 'quality']),
    ...easyDays.map((d): [number, GroupSessionRole] => [d, 'easy']),
    [longDay, 'long'],
  ];
  roles.sort((a, b) => a[0] - b[0]);
  return roles.map(([dayNumber, role]) => {
    const counts = new Map<string, number>();
    let min = Infinity;
    let max = 0;
    for (const { plan } of members) {
      const day = weekOn(plan, weekOf)?.days.find((d) => d.dayNumber === dayNumber);
      if (!day || day.type === 'rest') continue;
      const label = dayLabel(day);
      counts.set(label, (counts.get(label) ?? 0) + 1);
      const miles = dayMiles(day);
      min = Math.min(min, miles);
      max = Math.max(max, miles);
    }
    const sessions = [...counts]
      .map(([label, n]) => ({ label, members: n }))
      .sort((a, b) => b.members - a.members || a.label.localeCompare(b.label));
    return { dayNumber, role, sessions, miles: sessions.length === 0 ? null : { min: round1(min), max: round1(max) } };
  });
}

const loggedRuns = (w: { execution: { completedDays: number } | null } | undefined): boolean =>
  w?.execution !== null && w?.execution !== undefined && w.execution.completedDays > 0;

function lastWeekDigest(members: readonly MemberPlan[], weekOf: IsoDate): ClubWeekDigest | null {
  const monday = addDaysIso(weekOf, -7);
  const sunday = addDaysIso(weekOf, -1);
  let had = 0;
  let miles = 0;
  let planned = 0;
  const logged: string[] = [];
  const streaks: { identity: string; weeks: number }[] = [];
  const results: ClubWeekDigest['results'][number][] = [];
  for (const { identity, plan } of members) {
    const week = weekOn(plan, monday);
    if (!week || !plan.inputs) continue;
    had += 1;
    planned += week.miles;
    miles += week.execution?.totalMiles ?? 0;
    if (loggedRuns(week)) logged.push(identity);
    let streak = 0;
    for (let n = week.weekNumber; n >= 1 && loggedRuns(plan.weeks.find((w) => w.weekNumber === n)); n -= 1) streak += 1;
    if (streak >= 2) streaks.push({ identity, weeks: streak });
    for (const result of plan.results ?? []) {
      if (result.date >= monday && result.date <= sunday)
        results.push({ identity, distance: result.distance, timeSeconds: result.timeSeconds });
    }
  }
  if (had === 0) return null;
  streaks.sort((a, b) => b.weeks - a.weeks || a.identity.localeCompare(b.identity));
  return {
    members: had,
    logged,
    miles: round1(miles),
    plannedMiles: round1(planned),
    completion: planned > 0 ? Math.round((100 * miles) / planned) : null,
    streaks: streaks.slice(0, 3),
    results,
  };
}

export function clubWeekSummary(club: ClubRecord, members: readonly MemberPlan[], weekOf: IsoDate): ClubWeekSummary {
  // The club's first post looks back on no whole week of the club's (members joined during it).
  const firstWeek = addDaysIso(mondayOf(club.createdAt.toISOString().slice(0, 10)), 7);
  return {
    weekOf,
    weeksToRace: club.race === null ? null : weekNumberOf(weekOf, club.race.date) - 1,
    groupSessions: groupSessions(club, members, weekOf),
    lastWeek: weekOf > firstWeek ? lastWeekDigest(members, weekOf) : null,
  };
}
