/**
 * What every use case works with: the store, the engine, the clock, and the small helpers that
 * load a plan for an actor (owner check) and retry a guarded write when the plan moved under it.
 */
import type { PlanEngine } from '../engine/plan-engine.js';
import { PlanConflictError, NotYourPlanError, PlanNotFoundError } from './plan-errors.js';
import type { Identity, PlanRecord } from './plan-record.js';
import type { PlanChange, PlanGuard, PlanStore } from './plan-store.js';
import type { Sharing } from './share-link-store.js';

export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export type PlanContext = {
  readonly store: PlanStore;
  readonly engine: PlanEngine;
  readonly clock: Clock;
  /** How often a guarded write is retried after the plan changed under it. */
  readonly maxAttempts?: number;
  /** Share links (`/plan share`); absent: sharing answers that it is not set up. */
  readonly sharing?: Sharing;
};

/** Who acts: a user (checked against the plan's owner) or the operator's CLI (any plan). */
export type Actor = Identity | 'operator';

export const OPERATOR: Actor = 'operator';

export async function loadPlan(ctx: PlanContext, planId: string, actor: Actor): Promise<PlanRecord> {
  const plan = await ctx.store.findById(planId);
  if (!plan) throw new PlanNotFoundError(planId);
  if (actor !== OPERATOR && actor !== plan.owner) throw new NotYourPlanError();
  return plan;
}

export type WriteStep = { readonly done: PlanRecord } | { readonly guard: PlanGuard; readonly change: PlanChange };

/**
 * Loads the plan, asks `decide` what to write, and writes it under its guard; when the guard no
 * longer holds (another instance, a double click, a stale revision) it loads again and asks again.
 */
export async function writePlan(
  ctx: PlanContext,
  planId: string,
  actor: Actor,
  decide: (plan: PlanRecord) => Promise<WriteStep> | WriteStep,
  /** The plan as the caller just read it (skips the first load; the guard still checks it). */
  known?: PlanRecord,
): Promise<PlanRecord> {
  const attempts = ctx.maxAttempts ?? 25;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const plan =
      attempt === 0 && known !== undefined && known.id === planId && (actor === OPERATOR || actor === known.owner)
        ? known
        : await loadPlan(ctx, planId, actor);
    const step = await decide(plan);
    if ('done' in step) return step.done;
    const updated = await ctx.store.update(planId, step.guard, step.change, ctx.clock.now());
    if (updated) return updated;
  }
  throw new PlanConflictError(planId);
}
