/** The end of a plan: cancelled by its owner, or completed once race day has passed. */
import type { PlanRecord } from '../plan-record.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';
import { todayFor } from '../plan-schedule.js';

export async function cancelPlan(ctx: PlanContext, actor: Actor, planId: string): Promise<PlanRecord> {
  return writePlan(ctx, planId, actor, (plan) => {
    if (plan.status === 'cancelled') return { done: plan };
    if (plan.status === 'completed') throw new WrongStateError(plan.status, 'the plan is already completed');
    return {
      guard: { revision: plan.revision },
      change: { set: { status: 'cancelled', nextWeekDueAt: null } },
    };
  });
}

/** Marks an active plan completed when the athlete's today is after race day; otherwise a no-op. */
export async function completeIfFinished(ctx: PlanContext, actor: Actor, planId: string): Promise<PlanRecord> {
  return writePlan(ctx, planId, actor, (plan) => {
    if (plan.status !== 'active' || !plan.inputs) return { done: plan };
    if (todayFor(plan.delivery, ctx.clock.now()) <= plan.inputs.raceDate) return { done: plan };
    return {
      guard: { revision: plan.revision, statuses: ['active'] },
      change: { set: { status: 'completed', nextWeekDueAt: null } },
    };
  });
}
