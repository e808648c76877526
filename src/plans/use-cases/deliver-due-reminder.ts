/**
 * The optional daily reminder (off by default; `/plan settings`): at the athlete's chosen hour,
 * that day's workout — or its rest — posted to their delivery target with the day's Done /
 * Skipped buttons (the notifier words it as the week does: `reminderView` in plan-views).
 * Claimed with a lease like weekly posts, and moved to the next day under the same lease, so one
 * reminder goes out per day.
 */
import { nextReminderAt, todayFor } from '../plan-schedule.js';
import { isDeliveryFailure, isRetryable } from '../delivery-failures.js';
import type { DeliveryContext } from './deliver-due-week.js';

export type ReminderOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'reminded'; readonly planId: string; readonly date: string }
  | { readonly kind: 'retry-later'; readonly planId: string; readonly reason: string }
  | { readonly kind: 'paused'; readonly planId: string; readonly reason: string; readonly detail: string };

/**
 * Sends the due reminder of one plan: the one with `planId` when given (a candidate from
 * `dueCandidates`; 'none' when another instance took it or it is no longer due), else the plan
 * due soonest.
 */
export async function deliverDueReminder(ctx: DeliveryContext, planId?: string): Promise<ReminderOutcome> {
  const now = ctx.clock.now();
  const plan = await ctx.store.claimDue(now, ctx.instanceId, new Date(now.getTime() + ctx.leaseMs), 'reminder', planId);
  if (!plan) return { kind: 'none' };
  const date = todayFor(plan.delivery, now);
  const next = plan.delivery.dailyReminder ? nextReminderAt(plan.delivery, now) : null;
  try {
    await ctx.notifier.remindDay(plan, date);
  } catch (error) {
    if (!isDeliveryFailure(error)) {
      await ctx.store.update(plan.id, { leaseOwner: ctx.instanceId }, { set: { lease: null } }, ctx.clock.now());
      throw error;
    }
    const paused = !isRetryable(error.reason);
    await ctx.store.update(
      plan.id,
      { leaseOwner: ctx.instanceId },
      { set: { lease: null, ...(paused ? { delivery: { ...plan.delivery, paused: true, pauseReason: error.reason } } : {}) } },
      ctx.clock.now(),
    );
    return paused
      ? { kind: 'paused', planId: plan.id, reason: error.reason, detail: error.detail }
      : { kind: 'retry-later', planId: plan.id, reason: error.reason };
  }
  await ctx.store.update(plan.id, { leaseOwner: ctx.instanceId }, { set: { lease: null, nextReminderAt: next } }, ctx.clock.now());
  return { kind: 'reminded', planId: plan.id, date };
}
