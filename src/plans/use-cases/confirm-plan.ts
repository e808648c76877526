/**
 * Confirm: the preview becomes the active plan in one guarded update (status preview → active,
 * phases, Week 1 with its dates and mileage, the due time of week 2). A second confirm, from a
 * double click or another instance, finds the plan active and returns it unchanged.
 */
import type { PlanRecord } from '../plan-record.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';
import { nextDueAt } from '../plan-schedule.js';
import { phaseTotals, storedWeek } from '../plan-weeks.js';

export async function confirmPlan(ctx: PlanContext, actor: Actor, planId: string): Promise<PlanRecord> {
  return writePlan(ctx, planId, actor, (plan) => {
    if (plan.status === 'active' || plan.status === 'completed') return { done: plan };
    const { preview, inputs } = plan;
    if (plan.status !== 'preview' || !preview || !inputs) {
      throw new WrongStateError(plan.status, `the plan is ${plan.status}; only a preview can be confirmed`);
    }
    const week1 = { ...storedWeek(preview.week, preview.source, preview.generatedAt), provenance: preview.provenance };
    return {
      guard: { revision: plan.revision, statuses: ['preview'] },
      change: {
        set: {
          status: 'active',
          phases: phaseTotals(preview.phases, [week1]),
          preview: null,
          nextWeekDueAt: nextDueAt(inputs, plan.delivery, 1, preview.totalWeeks),
        },
        weeks: [week1],
      },
    };
  });
}
