/** Reading plans: one by id (owner-checked), or an owner's plans. */
import { InputError } from '../../domain/errors.js';
import type { PlanRecord, PlanStatus } from '../plan-record.js';
import { type Actor, type PlanContext, loadPlan } from '../plan-context.js';
import type { PlanPage } from '../plan-store.js';

type ListFilter = { owner?: string; statuses?: readonly PlanStatus[] };

/** One page of a listing, and where the next one starts (null on the last page). */
export type PlanListPage = { readonly plans: PlanRecord[]; readonly nextAfter: string | null };

export function getPlan(ctx: PlanContext, actor: Actor, planId: string): Promise<PlanRecord> {
  return loadPlan(ctx, planId, actor);
}

export function listPlans(ctx: PlanContext, filter: ListFilter): Promise<PlanRecord[]> {
  return ctx.store.list(filter);
}

/**
 * One page of plans, newest first by creation (see `PlanPage`). `after` must name a plan, so that
 * a mistyped cursor is refused rather than read as "nothing more".
 */
export async function listPlanPage(ctx: PlanContext, filter: ListFilter, page: PlanPage): Promise<PlanListPage> {
  if (!Number.isInteger(page.limit) || page.limit < 1) throw new InputError({ limit: 'must be a whole number from 1' });
  if (page.after !== undefined && (await ctx.store.findById(page.after)) === undefined) {
    throw new InputError({ after: `no plan with id ${page.after} to list after` });
  }
  // One more than asked tells whether a next page exists without a second query.
  const found = await ctx.store.list(filter, { ...page, limit: page.limit + 1 });
  const plans = found.slice(0, page.limit);
  const last = plans.at(-1);
  return { plans, nextAfter: found.length > page.limit && last !== undefined ? last.id : null };
}

/** The owner's current plan: the newest active one, else the newest preview or draft. */
export async function currentPlan(ctx: PlanContext, owner: string): Promise<PlanRecord | undefined> {
  const plans = await ctx.store.list({ owner, statuses: ['active', 'preview', 'draft'] });
  return plans.find((p) => p.status === 'active') ?? plans[0];
}
