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

/** The newest plan first: by creation, so a later edit of an older plan does not move it ahead. */
function newestFirst(a: PlanRecord, b: PlanRecord): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * The one active plan of `owner` that counts against a new one: today every plan is the owner's
 * own (solo), so any active plan of theirs. A club plan (future work) is extended here, not counted.
 * An owner has one active plan at a time (confirming another replaces it); if older data holds
 * more than one, the newest by creation is the one status, cancel and settings act on.
 */
function activeSoloPlanOf(plans: readonly PlanRecord[], owner: string): PlanRecord | undefined {
  return plans.filter((p) => p.owner === owner && p.status === 'active').sort(newestFirst)[0];
}

export async function activeSoloPlan(ctx: PlanContext, owner: string): Promise<PlanRecord | undefined> {
  return activeSoloPlanOf(await ctx.store.list({ owner, statuses: ['active'] }), owner);
}

/** The owner's current plan: their active solo plan (`activeSoloPlanOf`), else the newest preview or draft. */
export async function currentPlan(ctx: PlanContext, owner: string): Promise<PlanRecord | undefined> {
  const plans = await ctx.store.list({ owner, statuses: ['active', 'preview', 'draft'] });
  return activeSoloPlanOf(plans, owner) ?? plans[0];
}
