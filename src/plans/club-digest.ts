/**
 * The coach's view of a club (`/plan club status`): for each member, their last log, planned
 * against done this week and over the last 4 weeks, whether they are paused, and the flags a coach
 * acts on — missed 2 weeks, a big jump, an injury pause. Pure and linear in the members' weeks, so
 * a 200-member club is well under the 50 ms the issue asks (bench/club.bench.ts).
 *
 * Readings: "done" is what the athlete logged for a week (a week not logged has nothing done here,
 * unlike R11, which assumes it done for the next week's volume: a coach wants to see the silence).
 * Missed 2 weeks: the two weeks before this one both ended with no log, or a log of no runs.
 * Big jump: the latest logged week is over R6's bound on the one before it — more than 1.30 × its
 * miles (logged, else planned) + 1.
 */
import { weekNumberOf } from '../domain/calendar.js';

/** What the digest reads of a member's plan (a `PlanRecord` is one). */
export type DigestPlan = {
  readonly status: string;
  readonly inputs: { readonly startDate: string } | null;
  readonly totalWeeks: number | null;
  readonly weeks: readonly {
    readonly weekNumber: number;
    readonly miles: number;
    readonly execution: { readonly completedDays: number; readonly totalMiles: number } | null;
  }[];
  readonly pause?: { readonly reason: string | null } | null;
};

type MemberFlag = 'missed-2-weeks' | 'big-jump' | 'injury-pause';

export type MemberDigest = {
  readonly identity: string;
  /** The latest week with a log, or null. */
  readonly lastLoggedWeek: number | null;
  readonly weekNumber: number;
  readonly thisWeek: { readonly planned: number; readonly done: number };
  readonly fourWeeks: { readonly planned: number; readonly done: number };
  readonly paused: boolean;
  readonly flags: readonly MemberFlag[];
};

const round1 = (n: number): number => Math.round(n * 10) / 10;

function digestOf(identity: string, plan: DigestPlan, today: string): MemberDigest {
  const start = plan.inputs?.startDate ?? today;
  const last = Math.max(1, plan.totalWeeks ?? plan.weeks.length);
  const current = Math.min(last, Math.max(1, weekNumberOf(start, today)));
  const byNumber = new Map(plan.weeks.map((w) => [w.weekNumber, w]));
  let lastLoggedWeek: number | null = null;
  for (const w of plan.weeks)
    if (w.execution !== null && (lastLoggedWeek === null || w.weekNumber > lastLoggedWeek)) lastLoggedWeek = w.weekNumber;
  const sum = (from: number, to: number): { planned: number; done: number } => {
    let planned = 0;
    let done = 0;
    for (let n = Math.max(1, from); n <= to; n += 1) {
      const w = byNumber.get(n);
      planned += w?.miles ?? 0;
      done += w?.execution?.totalMiles ?? 0;
    }
    return { planned: round1(planned), done: round1(done) };
  };
  const flags: MemberFlag[] = [];
  const silent = (n: number): boolean => {
    const w = byNumber.get(n);
    return w !== undefined && (w.execution === null || w.execution.completedDays === 0);
  };
  if (current > 2 && silent(current - 1) && silent(current - 2)) flags.push('missed-2-weeks');
  if (lastLoggedWeek !== null && lastLoggedWeek > 1) {
    const latest = byNumber.get(lastLoggedWeek);
    const before = byNumber.get(lastLoggedWeek - 1);
    const base = before?.execution?.totalMiles ?? before?.miles;
    if (latest?.execution && base !== undefined && latest.execution.totalMiles > 1.3 * base + 1) flags.push('big-jump');
  }
  const paused = plan.pause !== undefined && plan.pause !== null;
  if (paused && plan.pause?.reason === 'injured') flags.push('injury-pause');
  return {
    identity,
    lastLoggedWeek,
    weekNumber: current,
    thisWeek: sum(current, current),
    fourWeeks: sum(current - 3, current),
    paused,
    flags,
  };
}

/** Each member's digest, in the order given; members whose plan is no longer active are left out. */
export function clubDigest(members: readonly { readonly identity: string; readonly plan: DigestPlan }[], today: string): MemberDigest[] {
  return members.filter((m) => m.plan.status === 'active').map((m) => digestOf(m.identity, m.plan, today));
}
