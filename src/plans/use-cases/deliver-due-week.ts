/**
 * Weekly delivery of one due plan (the scheduler's use case): claim it with a lease, make sure the
 * week that is due exists (missing weeks are made, in order, so the plan has no gap), post it once,
 * record the post, and set the next due time. After downtime only the current or upcoming week is
 * posted, with a note — never a flood of old weeks. After race day the plan is completed and the
 * athlete gets a short summary.
 *
 * Exactly-once: the post is recorded with a guard (our lease, the week still unposted), so another
 * instance that took over an expired lease cannot post it again once it is recorded. The only
 * duplicate window is a crash between the platform accepting the message and that record.
 */
import { addDaysIso } from '../../domain/calendar.js';
import { zonedTime } from '../../domain/time-zones.js';
import type { PlanContext } from '../plan-context.js';
import { OPERATOR } from '../plan-context.js';
import type { PlanRecord } from '../plan-record.js';
import { todayFor, weekDueAt } from '../plan-schedule.js';
import { isDeliveryFailure, isRetryable } from '../delivery-failures.js';
import type { WeekNotifier } from '../week-notifier.js';
import type { ClubNotifier } from '../club-notifier.js';
import type { ClubStore } from '../club-store.js';
import type { ClubWeekStore } from '../club-week-store.js';
import { completeIfFinished } from './close-plan.js';
import { ensureWeek } from './generate-week.js';

export type DeliveryContext = PlanContext & {
  readonly notifier: WeekNotifier;
  /** This instance's name on leases. */
  readonly instanceId: string;
  readonly leaseMs: number;
  /**
   * The clubs' weekly fan-out (`deliver-club-week.ts`). When it is there, a club member's week is
   * the club's to post (a reply in the week's thread, or a DM), never the plan's own schedule's;
   * without it (a surface with no clubs), members' weeks go by the plan's own schedule.
   */
  readonly clubs?: ClubDelivery;
};

export type ClubDelivery = {
  readonly store: ClubStore;
  readonly weeks: ClubWeekStore;
  readonly notifier: ClubNotifier;
};

/** How one week reaches the athlete: the plan's own target, or a reply in the club's thread. */
export type SendWeek = (plan: PlanRecord, weekNumber: number, note: string | null) => Promise<{ readonly messageRef: string }>;

export type DeliveryOutcome =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'posted';
      readonly planId: string;
      readonly weekNumber: number;
      readonly messageRef: string;
      readonly caughtUp: boolean;
    }
  | { readonly kind: 'already-posted'; readonly planId: string; readonly weekNumber: number }
  | { readonly kind: 'completed'; readonly planId: string }
  /** A club member's week: the club's fan-out posts it. */
  | { readonly kind: 'left-to-club'; readonly planId: string; readonly weekNumber: number }
  | { readonly kind: 'retry-later'; readonly planId: string; readonly reason: string }
  | { readonly kind: 'paused'; readonly planId: string; readonly reason: string; readonly detail: string };

/** The latest week whose posting time has come (0 when none has). */
function dueWeekAt(plan: PlanRecord, now: Date): number {
  const { inputs, totalWeeks } = plan;
  if (!inputs || totalWeeks === null) return 0;
  let due = 0;
  for (let n = 2; n <= totalWeeks; n += 1) {
    if (weekDueAt(inputs, plan.delivery, n).getTime() <= now.getTime()) due = n;
    else break;
  }
  return due;
}

/** When the scheduler should look at the plan next: the next week's time, or the morning after race day. */
function nextCheckAt(plan: PlanRecord, postedWeek: number): Date | null {
  const { inputs, totalWeeks } = plan;
  if (!inputs || totalWeeks === null) return null;
  if (postedWeek < totalWeeks) return weekDueAt(inputs, plan.delivery, postedWeek + 1);
  return zonedTime(addDaysIso(inputs.raceDate, 1), 9, 0, plan.delivery.timezone);
}

export async function release(
  ctx: DeliveryContext,
  plan: PlanRecord,
  set: { nextWeekDueAt?: Date | null; delivery?: PlanRecord['delivery'] },
): Promise<void> {
  await ctx.store.apply(plan.id, { leaseOwner: ctx.instanceId }, { set: { ...set, lease: null } }, ctx.clock.now());
}

function raceSummary(plan: PlanRecord): string {
  const logged = plan.weeks.filter((w) => w.execution);
  const run = logged.reduce((sum, w) => sum + (w.execution?.totalMiles ?? 0), 0);
  const planned = plan.weeks.reduce((sum, w) => sum + w.miles, 0);
  return (
    `Race week is behind you: ${plan.inputs?.raceName ?? 'your race'} is done. ` +
    `You logged ${logged.length} of ${plan.weeks.length} weeks and ${run.toFixed(1)} of ${planned.toFixed(1)} planned miles. ` +
    'Ready for the next one? Start a new plan with /plan.'
  );
}

/**
 * Delivers the due week of one plan: the one with `planId` when given (a candidate from
 * `dueCandidates`; undefined comes back as 'none' when another instance took it or it is no longer
 * due), else the plan due soonest.
 */
export async function deliverDueWeek(ctx: DeliveryContext, planId?: string): Promise<DeliveryOutcome> {
  const now = ctx.clock.now();
  const claimed = await ctx.store.claimDue(now, ctx.instanceId, new Date(now.getTime() + ctx.leaseMs), 'week', planId);
  if (!claimed) return { kind: 'none' };
  try {
    const { inputs, totalWeeks } = claimed;
    if (!inputs || totalWeeks === null) {
      await release(ctx, claimed, { nextWeekDueAt: null });
      return { kind: 'retry-later', planId: claimed.id, reason: 'the plan has no inputs' };
    }
    // Race day has passed: complete the plan and send the summary.
    if (todayFor(claimed.delivery, now) > inputs.raceDate) {
      const completed = await completeIfFinished(ctx, OPERATOR, claimed.id);
      try {
        await ctx.notifier.notify(completed, raceSummary(completed));
      } finally {
        await release(ctx, completed, { nextWeekDueAt: null });
      }
      return { kind: 'completed', planId: claimed.id };
    }
    const weekNumber = dueWeekAt(claimed, now);
    if (weekNumber < 2) {
      // Week 1 is shown at confirm; the schedule moved (settings) and nothing is due yet.
      await release(ctx, claimed, { nextWeekDueAt: nextCheckAt(claimed, 1) });
      return { kind: 'retry-later', planId: claimed.id, reason: 'nothing due yet' };
    }
    if (ctx.clubs && claimed.clubId) {
      // The club's fan-out posts this week, with the club's post; the plan looks again at its next week.
      await release(ctx, claimed, { nextWeekDueAt: nextCheckAt(claimed, weekNumber) });
      return { kind: 'left-to-club', planId: claimed.id, weekNumber };
    }
    return await postWeek(ctx, claimed, weekNumber, (plan, n, note) => ctx.notifier.deliverWeek(plan, n, note));
  } catch (error) {
    await release(ctx, claimed, {});
    throw error;
  }
}

/**
 * Posts week `weekNumber` of a plan this instance has leased, through `send`, exactly once: makes
 * the week (and any missing before it), posts it unless it was, records the post under the lease
 * and releases the plan. A refusal that no retry fixes pauses the plan's delivery when `send` is
 * the plan's own target; `pauseOnRefusal: false` leaves that to the caller (a club thread).
 */
export async function postWeek(
  ctx: DeliveryContext,
  claimed: PlanRecord,
  weekNumber: number,
  send: SendWeek,
  options: { pauseOnRefusal?: boolean } = {},
): Promise<DeliveryOutcome> {
  // No one is waiting: the model may take its full time budget before the rules engine answers.
  const { plan } = await ensureWeek(ctx, OPERATOR, claimed.id, weekNumber, claimed, 'scheduled');
  const week = plan.weeks[weekNumber - 1];
  if (week?.postedAt) {
    await release(ctx, plan, { nextWeekDueAt: nextCheckAt(plan, weekNumber) });
    return { kind: 'already-posted', planId: plan.id, weekNumber };
  }
  const skipped = plan.weeks.slice(0, weekNumber - 1).filter((w) => w.weekNumber >= 2 && !w.postedAt).length;
  const caughtUp = skipped > 0;
  const note = caughtUp
    ? `The coach was away for a while; your plan has no gap, and this is week ${weekNumber}. Earlier weeks are in /plan week N.`
    : null;
  let messageRef: string;
  try {
    ({ messageRef } = await send(plan, weekNumber, note));
  } catch (error) {
    if (!isDeliveryFailure(error)) throw error;
    if (!isRetryable(error.reason) && options.pauseOnRefusal !== false) {
      // The neutral reason is stored (the platform's own code only goes to the log), so the
      // coach can explain the pause whichever platform refused.
      await release(ctx, plan, { delivery: { ...plan.delivery, paused: true, pauseReason: error.reason } });
      return { kind: 'paused', planId: plan.id, reason: error.reason, detail: error.detail };
    }
    await release(ctx, plan, {});
    if (!isRetryable(error.reason)) throw error;
    return { kind: 'retry-later', planId: plan.id, reason: error.reason };
  }
  const recorded = await ctx.store.apply(
    plan.id,
    { leaseOwner: ctx.instanceId, unpostedWeek: weekNumber },
    { posted: { weekNumber, at: ctx.clock.now(), messageRef }, set: { nextWeekDueAt: nextCheckAt(plan, weekNumber), lease: null } },
    ctx.clock.now(),
  );
  if (!recorded) {
    // Our lease expired mid-post and another instance recorded the week: the one duplicate window.
    return { kind: 'already-posted', planId: plan.id, weekNumber };
  }
  return { kind: 'posted', planId: plan.id, weekNumber, messageRef, caughtUp };
}
