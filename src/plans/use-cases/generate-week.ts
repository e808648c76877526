/**
 * The next week, on demand or when due: made by the engine from the weeks so far and the
 * athlete's logs, checked by the validator, then appended only if the plan still holds exactly the
 * weeks it was made from. Two instances racing for week N append it once; the loser sees week N
 * and moves on, so week N+1 never exists without week N.
 */
import { InputError } from '../../domain/errors.js';
import type { Urgency } from '../../engine/plan-engine.js';
import type { PlanRecord, StoredWeek } from '../plan-record.js';
import { type Actor, type PlanContext, loadPlan, writePlan } from '../plan-context.js';
import { logExecution } from './log-execution.js';
import { rampWeekOf } from './replan.js';
import { PlanCompleteError, WrongStateError } from '../plan-errors.js';
import { assertWeekValid, phaseTotals, plannedWeeks, storedWeek, workspaceOf } from '../plan-weeks.js';

export type WeekResult = { readonly plan: PlanRecord; readonly week: StoredWeek };

/** The return ramp's week for week N after a resume (`replan.ts`), as a request field. */
function withRamp(plan: PlanRecord, weekNumber: number) {
  const ramp = rampWeekOf(plan, weekNumber);
  return ramp === undefined ? {} : { ramp };
}

function activeInputs(plan: PlanRecord) {
  if (plan.status === 'completed') throw new PlanCompleteError(plan.totalWeeks ?? plan.weeks.length);
  if (plan.status !== 'active' || !plan.inputs || plan.totalWeeks === null) {
    throw new WrongStateError(plan.status, `the plan is ${plan.status}; weeks are made for an active plan (confirm it first)`);
  }
  return { inputs: plan.inputs, totalWeeks: plan.totalWeeks };
}

/** `urgency`: who waits for the week (a person unless the scheduler says otherwise). */
async function appendStep(ctx: PlanContext, plan: PlanRecord, urgency: Urgency = 'interactive') {
  const { inputs, totalWeeks } = activeInputs(plan);
  const weekNumber = plan.weeks.length + 1;
  if (weekNumber > totalWeeks) throw new PlanCompleteError(totalWeeks);
  const week = await ctx.engine.nextWeek({
    inputs,
    phases: plan.phases,
    weeks: plannedWeeks(plan.weeks),
    weekNumber,
    workspace: workspaceOf(plan.owner),
    urgency,
    ...withRamp(plan, weekNumber),
  });
  assertWeekValid(inputs, plan.phases, plan.weeks, week);
  const stored = storedWeek(week, ctx.engine.name, ctx.clock.now());
  return {
    // The revision too: a log written since the read would change the week the engine makes.
    guard: { revision: plan.revision, statuses: ['active' as const], weekCount: weekNumber - 1 },
    change: {
      pushWeek: stored,
      // Making a week does not move nextWeekDueAt: that is the time of the next *post*, which
      // only the scheduler's delivery advances (a week made early on demand is still posted).
      set: { phases: phaseTotals(plan.phases, [...plan.weeks, stored]) },
    },
  };
}

/** Makes and appends the next missing week; "plan complete" when none is left. */
export async function generateNextWeek(ctx: PlanContext, actor: Actor, planId: string): Promise<WeekResult> {
  let appended: number | undefined;
  const plan = await writePlan(ctx, planId, actor, async (current) => {
    const step = await appendStep(ctx, current);
    appended = current.weeks.length + 1;
    return step;
  });
  const week = plan.weeks[(appended ?? plan.weeks.length) - 1];
  if (!week) throw new Error(`week ${appended} missing after it was appended to plan ${planId}`);
  return { plan, week };
}

/**
 * Makes sure week N exists (the scheduler's call, and on demand): missing weeks up to N are made
 * in order; an existing week is returned as it is. The scheduler passes `scheduled`: no one waits.
 */
export async function ensureWeek(
  ctx: PlanContext,
  actor: Actor,
  planId: string,
  weekNumber: number,
  known?: PlanRecord,
  urgency: Urgency = 'interactive',
): Promise<WeekResult> {
  const plan = await writePlan(
    ctx,
    planId,
    actor,
    async (current) => {
      if (current.weeks.length >= weekNumber) return { done: current };
      return appendStep(ctx, current, urgency);
    },
    known,
  );
  const week = plan.weeks[weekNumber - 1];
  if (week) return { plan, week };
  return ensureWeek(ctx, actor, planId, weekNumber, plan, urgency);
}

/**
 * The seed's week endpoint: week N of an active plan, only after week N − 1 exists (so a client
 * cannot skip ahead), logging the athlete's execution of week N − 1 first when it comes along. An
 * existing week is returned as it is, never made twice.
 */
export async function requestWeek(
  ctx: PlanContext,
  actor: Actor,
  planId: string,
  weekNumber: number,
  previousWeekExecution?: unknown,
): Promise<WeekResult> {
  if (previousWeekExecution !== undefined && weekNumber === 1) {
    throw new InputError({ previousWeekExecution: 'week 1 has no previous week to log' });
  }
  let plan = await loadPlan(ctx, planId, actor);
  if (plan.status !== 'active' && plan.status !== 'completed') activeInputs(plan);
  if (plan.totalWeeks !== null && weekNumber > plan.totalWeeks) {
    throw new InputError({ weekNumber: `this plan has ${plan.totalWeeks} weeks; there is no week ${weekNumber}` });
  }
  if (weekNumber > plan.weeks.length + 1) {
    throw new InputError({
      weekNumber: `week ${weekNumber} needs week ${weekNumber - 1} first (the plan has weeks 1–${plan.weeks.length})`,
    });
  }
  if (previousWeekExecution !== undefined) plan = await logExecution(ctx, actor, planId, weekNumber - 1, previousWeekExecution);
  const existing = plan.weeks[weekNumber - 1];
  if (existing) return { plan, week: existing };
  return ensureWeek(ctx, actor, planId, weekNumber, plan);
}
