/**
 * Confirm: the preview becomes the active plan in one guarded update (status preview → active,
 * phases, Week 1 with its dates and mileage, the due time of week 2). A second confirm, from a
 * double click or another instance, finds the plan active and returns it unchanged.
 *
 * One active plan per owner: confirming replaces the owner's active solo plan (`activeSoloPlan`).
 * The plan a preview replaces is recorded on it (`replacesPlanId`: asked in the conversation, or
 * recorded here on the first attempt for a preview that did not record one, as the HTTP API's).
 * Right before activating, that plan is cancelled with one guarded update that also records which
 * plan replaced it (`replacedBy`): of two previews replacing the same plan only one can cancel it,
 * and the other, finding it replaced by another plan (or another plan active), is refused with a
 * clear message rather than making a second active plan. Cancelling first leaves, between the two
 * updates, a moment with no active plan, never one with two. A preview is not active: abandoning
 * one leaves the active plan as it was.
 */
import type { PlanRecord } from '../plan-record.js';
import { type Actor, type PlanContext, loadPlan } from '../plan-context.js';
import { PlanConflictError, WrongStateError } from '../plan-errors.js';
import { nextDueAt } from '../plan-schedule.js';
import { phaseTotals, storedWeek } from '../plan-weeks.js';
import { activeSoloPlan } from './query-plans.js';

const nameOf = (plan: PlanRecord): string => (plan.inputs ? `${plan.inputs.raceName} (${plan.inputs.raceDate})` : `plan ${plan.id}`);

/**
 * Makes room for `plan` (a preview) to become active: 'clear' when no other plan of the owner is
 * active any more, 'again' when something moved under it (load and decide again). Refuses when
 * the plan it was to replace was replaced by another, or another plan became active meanwhile.
 */
async function makeRoom(ctx: PlanContext, plan: PlanRecord): Promise<'clear' | 'again'> {
  // The active plan first, then the replaced one: a plan seen not active here and cancelled by
  // another confirm already names that confirm's plan in `replacedBy` below.
  const active = await activeSoloPlan(ctx, plan.owner);
  // Confirmed meanwhile by a concurrent confirm of the same preview: the next load returns it.
  if (active?.id === plan.id) return 'again';
  const now = ctx.clock.now();
  if (plan.replacesPlanId === undefined) {
    if (!active) return 'clear';
    // Record what it replaces first, so that every attempt after this one follows the same path.
    await ctx.store.apply(plan.id, { revision: plan.revision, statuses: ['preview'] }, { set: { replacesPlanId: active.id } }, now);
    return 'again';
  }
  if (active && active.id !== plan.replacesPlanId) {
    throw new WrongStateError(
      plan.status,
      `${nameOf(active)} became your active plan after this preview was made, so it was not confirmed; start a new plan to replace that one`,
    );
  }
  if (!active) {
    const replaced = await ctx.store.findById(plan.replacesPlanId);
    if (replaced?.replacedBy !== undefined && replaced.replacedBy !== plan.id) {
      throw new WrongStateError(
        plan.status,
        `${nameOf(replaced)} was already replaced by another plan, so this preview was not confirmed; /plan status shows your plan`,
      );
    }
    return 'clear';
  }
  const cancelled = await ctx.store.apply(
    active.id,
    { revision: active.revision, statuses: ['active'] },
    { set: { status: 'cancelled', nextWeekDueAt: null, replacedBy: plan.id } },
    now,
  );
  return cancelled ? 'clear' : 'again';
}

export async function confirmPlan(ctx: PlanContext, actor: Actor, planId: string): Promise<PlanRecord> {
  const attempts = ctx.maxAttempts ?? 25;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const plan = await loadPlan(ctx, planId, actor);
    if (plan.status === 'active' || plan.status === 'completed') return plan;
    const { preview, inputs } = plan;
    if (plan.status !== 'preview' || !preview || !inputs) {
      throw new WrongStateError(plan.status, `the plan is ${plan.status}; only a preview can be confirmed`);
    }
    if ((await makeRoom(ctx, plan)) === 'again') continue;
    const week1 = { ...storedWeek(preview.week, preview.source, preview.generatedAt), provenance: preview.provenance };
    const confirmed = await ctx.store.update(
      planId,
      { revision: plan.revision, statuses: ['preview'] },
      {
        set: {
          status: 'active',
          phases: phaseTotals(preview.phases, [week1]),
          preview: null,
          nextWeekDueAt: nextDueAt(inputs, plan.delivery, 1, preview.totalWeeks),
        },
        weeks: [week1],
      },
      ctx.clock.now(),
    );
    if (confirmed) return confirmed;
  }
  throw new PlanConflictError(planId);
}
