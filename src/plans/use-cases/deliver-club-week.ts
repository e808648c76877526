/**
 * A club's weekly post (issue 19): one parent message in the club's channel — this week's group
 * sessions and last week's digest — and each member's own week as a reply in the week's thread,
 * or by DM, as the member chose. The scheduler runs it for every active club of the platforms it
 * posts to; `gofast clubs deliver` runs it for one club.
 *
 * Exactly once, and resumable:
 * - the week's post is one document (`ClubWeekStore`), claimed with a lease renewed as the fan-out
 *   goes on, so one instance posts it while others pass;
 * - the parent is recorded before any reply goes out, and posted only while none is recorded;
 * - each member's week is recorded on their plan, guarded as every week is (`postWeek`), so a
 *   fan-out cut short (a restart, an outage, a lost lease) is taken up by the next claim, which
 *   skips the parent and the weeks already posted: no duplicate, no gap.
 * The duplicate windows are those of weekly delivery: a crash between the platform accepting a
 * message and its record.
 *
 * Settlements (the safer for the athlete):
 * - a channel that refuses the parent for good (archived, the app removed) does not leave members
 *   without their week: that week every member's goes by DM;
 * - a thread reply refused for good goes to the member by DM instead;
 * - a member's week that cannot go now (a rate limit, an outage) leaves the post unfinished, and
 *   the next tick posts only what is missing;
 * - a paused plan (the athlete's pause, or DMs closed) gets nothing, as without a club.
 */
import { weekNumberOf } from '../../domain/calendar.js';
import { isDeliveryFailure, isRetryable } from '../delivery-failures.js';
import type { ClubMember, ClubRecord } from '../club-record.js';
import { dueClubWeek } from '../club-schedule.js';
import type { ClubWeekOutcome, ClubWeekRecord } from '../club-week-record.js';
import { clubWeekSummary, type MemberPlan } from '../club-week-summary.js';
import type { PlanRecord } from '../plan-record.js';
import { OPERATOR } from '../plan-context.js';
import { ensureWeek } from './generate-week.js';
import { GoFastError } from '../../domain/errors.js';
import { postWeek, release, type ClubDelivery, type DeliveryContext, type DeliveryOutcome, type SendWeek } from './deliver-due-week.js';

export type ClubDeliveryContext = DeliveryContext & { readonly clubs: ClubDelivery };

export type ClubWeekDelivery =
  | { readonly kind: 'nothing-due'; readonly clubId: string }
  /** Another instance holds the week's post, or it is finished. */
  | { readonly kind: 'taken'; readonly clubId: string; readonly weekOf: string }
  | {
      readonly kind: 'delivered';
      readonly clubId: string;
      readonly weekOf: string;
      /** The parent was posted by this run (false: an earlier run had posted it). */
      readonly parentPosted: boolean;
      readonly outcome: ClubWeekOutcome;
      /** Every member's week is accounted for; false: some wait for the next tick. */
      readonly finished: boolean;
    };

/** Members' weeks in flight at once: DMs go in parallel, a thread's replies queue on its channel's pace. */
const MEMBER_CONCURRENCY = 4;

type MemberOutcome = DeliveryOutcome['kind'] | 'skipped';

async function memberPlans(ctx: ClubDeliveryContext, club: ClubRecord): Promise<(MemberPlan & { member: ClubMember })[]> {
  const found = await Promise.all(club.members.map(async (member) => ({ member, plan: await ctx.store.findById(member.planId) })));
  return found.flatMap(({ member, plan }) =>
    plan && plan.status === 'active' && plan.clubId === club.id ? [{ identity: member.identity, plan, member }] : [],
  );
}

/**
 * The members' plans with the week of `weekOf` made, for the parent to say what the group days
 * hold (the replies find them made). A week that cannot be made now is left out of the summary;
 * the member's reply makes it, or waits for the next tick.
 */
async function withWeekMade(ctx: ClubDeliveryContext, members: readonly MemberPlan[], weekOf: string): Promise<MemberPlan[]> {
  return Promise.all(
    members.map(async (entry) => {
      const n = memberWeek(entry.plan, weekOf);
      if (n === null || entry.plan.weeks.length >= n) return entry;
      try {
        return { ...entry, plan: (await ensureWeek(ctx, OPERATOR, entry.plan.id, n, entry.plan, 'scheduled')).plan };
      } catch (error) {
        if (!(error instanceof GoFastError)) throw error;
        return entry;
      }
    }),
  );
}

/** The member's week for the club's week of `weekOf`, or null when the plan has none to post then. */
function memberWeek(plan: PlanRecord, weekOf: string): number | null {
  if (!plan.inputs || plan.totalWeeks === null) return null;
  const n = weekNumberOf(plan.inputs.startDate, weekOf);
  // Week 1 was shown when they joined; past the last week there is nothing to post.
  return n >= 2 && n <= plan.totalWeeks ? n : null;
}

async function deliverMember(
  ctx: ClubDeliveryContext,
  club: ClubRecord,
  member: ClubMember,
  planId: string,
  weekOf: string,
  threadRef: string | null,
): Promise<MemberOutcome> {
  const now = ctx.clock.now();
  // The plan is taken whatever its own due time says: the club's post is what makes the week due.
  const claimed = await ctx.store.update(
    planId,
    { statuses: ['active'], leaseFreeAt: now },
    { set: { lease: { owner: ctx.instanceId, until: new Date(now.getTime() + ctx.leaseMs) } } },
    now,
  );
  if (!claimed) return 'retry-later';
  const weekNumber = memberWeek(claimed, weekOf);
  if (weekNumber === null || claimed.pause || claimed.clubId !== club.id || (claimed.delivery.paused && member.weekDelivery === 'dm')) {
    await release(ctx, claimed, {});
    return 'skipped';
  }
  const byDm: SendWeek = (plan, n, note) => ctx.notifier.deliverWeek(plan, n, note);
  const inThread: SendWeek = (plan, n, note) => ctx.clubs.notifier.replyWeek(club, threadRef ?? '', plan, n, note);
  try {
    if (member.weekDelivery === 'dm' || threadRef === null) return (await postWeek(ctx, claimed, weekNumber, byDm)).kind;
    return (await postWeek(ctx, claimed, weekNumber, inThread, { pauseOnRefusal: false })).kind;
  } catch (error) {
    // Whatever went wrong, the plan is not left leased to us (a no-op when `postWeek` released it).
    await release(ctx, claimed, {});
    if (!isDeliveryFailure(error) || isRetryable(error.reason) || threadRef === null || member.weekDelivery === 'dm') throw error;
    // The thread refused this reply for good: the member gets their week by DM instead.
    return deliverMember(ctx, club, { ...member, weekDelivery: 'dm' }, planId, weekOf, null);
  }
}

/** Posts the parent (and starts its thread) unless an earlier run did; the thread, or null when the channel refuses for good. */
async function parentOf(
  ctx: ClubDeliveryContext,
  club: ClubRecord,
  post: ClubWeekRecord,
  members: readonly MemberPlan[],
): Promise<{ threadRef: string | null; posted: boolean } | 'lost-lease' | 'retry-later'> {
  const { notifier, weeks } = ctx.clubs;
  let parentRef = post.parentRef;
  let posted = false;
  try {
    if (parentRef === null) {
      const summary = clubWeekSummary(club, await withWeekMade(ctx, members, post.weekOf), post.weekOf);
      ({ parentRef } = await notifier.postClubWeek(club, summary));
      posted = true;
      if (!(await weeks.recordParent(post.id, ctx.instanceId, { parentRef, threadRef: null }, ctx.clock.now()))) return 'lost-lease';
    }
    if (post.threadRef !== null) return { threadRef: post.threadRef, posted };
    const threadRef = await notifier.startThread(club, parentRef, post.weekOf);
    if (!(await weeks.recordParent(post.id, ctx.instanceId, { parentRef, threadRef }, ctx.clock.now()))) return 'lost-lease';
    return { threadRef, posted };
  } catch (error) {
    if (!isDeliveryFailure(error)) throw error;
    return isRetryable(error.reason) ? 'retry-later' : { threadRef: null, posted };
  }
}

/** Delivers the club's due weekly post (the week whose posting time has come), or takes up an unfinished one. */
export async function deliverClubWeek(ctx: ClubDeliveryContext, clubId: string): Promise<ClubWeekDelivery> {
  const club = await ctx.clubs.store.findById(clubId);
  const now = ctx.clock.now();
  const weekOf = club && club.status === 'active' ? dueClubWeek(club, now) : null;
  if (!club || weekOf === null) return { kind: 'nothing-due', clubId };
  const leaseUntil = (): Date => new Date(ctx.clock.now().getTime() + ctx.leaseMs);
  const post = await ctx.clubs.weeks.claim({ clubId, weekOf, platform: club.platform, owner: ctx.instanceId, until: leaseUntil() }, now);
  if (!post) return { kind: 'taken', clubId, weekOf };
  try {
    const members = await memberPlans(ctx, club);
    const parent = await parentOf(ctx, club, post, members);
    if (parent === 'lost-lease') return { kind: 'taken', clubId, weekOf };
    const outcome = { posted: 0, alreadyPosted: 0, skipped: 0 };
    if (parent === 'retry-later') {
      await ctx.clubs.weeks.release(post.id, ctx.instanceId, ctx.clock.now());
      return { kind: 'delivered', clubId, weekOf, parentPosted: false, outcome, finished: false };
    }
    let waiting = 0;
    let lostLease = false;
    const failures: unknown[] = [];
    let next = 0;
    const byJoin = [...members].sort((a, b) => a.member.joinedAt.getTime() - b.member.joinedAt.getTime());
    const worker = async (): Promise<void> => {
      while (!lostLease) {
        const entry = byJoin[next];
        next += 1;
        if (!entry) return;
        // The lease outlives every step: one member's week at a time is well inside it.
        if (!(await ctx.clubs.weeks.renew(post.id, ctx.instanceId, leaseUntil(), ctx.clock.now()))) {
          lostLease = true;
          return;
        }
        let kind: MemberOutcome;
        try {
          kind = await deliverMember(ctx, club, entry.member, entry.plan.id, weekOf, parent.threadRef);
        } catch (error) {
          // One member's failure (their plan's week could not be made, say) does not hold up the others.
          failures.push(error);
          kind = 'retry-later';
        }
        if (kind === 'posted') outcome.posted += 1;
        else if (kind === 'already-posted') outcome.alreadyPosted += 1;
        else if (kind === 'retry-later') waiting += 1;
        else outcome.skipped += 1;
      }
    };
    await Promise.all(Array.from({ length: MEMBER_CONCURRENCY }, worker));
    if (lostLease) return { kind: 'taken', clubId, weekOf };
    const finished = waiting === 0 && (await ctx.clubs.weeks.finish(post.id, ctx.instanceId, outcome, ctx.clock.now()));
    if (!finished) await ctx.clubs.weeks.release(post.id, ctx.instanceId, ctx.clock.now());
    // The caller logs it (once, with the club); the members it did not stop got their weeks.
    if (failures.length > 0) throw failures[0];
    return { kind: 'delivered', clubId, weekOf, parentPosted: parent.posted, outcome, finished };
  } catch (error) {
    await ctx.clubs.weeks.release(post.id, ctx.instanceId, ctx.clock.now());
    throw error;
  }
}
