/** Reading plans: one by id (owner-checked), or an owner's plans. */
import type { PlanRecord, PlanStatus } from '../plan-record.js';
import { type Actor, type PlanContext, loadPlan } from '../plan-context.js';

export function getPlan(ctx: PlanContext, actor: Actor, planId: string): Promise<PlanRecord> {
  return loadPlan(ctx, planId, actor);
}

export function listPlans(ctx: PlanContext, filter: { owner?: string; statuses?: readonly PlanStatus[] }): Promise<PlanRecord[]> {
  return ctx.store.list(filter);
}

/** The owner's current plan: the newest active one, else the newest preview or draft. */
export async function currentPlan(ctx: PlanContext, owner: string): Promise<PlanRecord | undefined> {
  const plans = await ctx.store.list({ owner, statuses: ['active', 'preview', 'draft'] });
  return plans.find((p) => p.status === 'active') ?? plans[0];
}
