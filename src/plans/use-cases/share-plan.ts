/**
 * Share links (`/plan share`, `gofast plans share`): an unguessable, revocable link to a read-only
 * web page of a plan. The tokens (src/plans/share-tokens.ts) are 256 bits, stored only as their
 * sha256, so a link cannot be shown twice: sharing again therefore makes a new link and retires
 * the old one (one live link per plan); `/plan share off` retires it without a new one.
 */
import type { PlanRecord, PlanStatus } from '../plan-record.js';
import { type Actor, type PlanContext, loadPlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';
import { liveShareLink, newShareToken, SharingNotSetUpError, sharingWithUrl } from '../share-tokens.js';

export { hashShareToken, SHARE_TOKEN_PATTERN } from '../share-tokens.js';

/** Where a shared plan's page lives under the public base URL. */
const SHARE_PATH = '/p/';
/** A plan shows on its page while it is under way or done; a cancelled plan's link stops working. */
const SHAREABLE: readonly PlanStatus[] = ['active', 'completed'];

export type SharedLink = {
  readonly url: string;
  /** Whether an earlier link stopped working because of this one. */
  readonly replaced: boolean;
};

export async function sharePlan(ctx: PlanContext, actor: Actor, planId: string): Promise<SharedLink> {
  const sharing = sharingWithUrl(ctx.sharing);
  const plan = await loadPlan(ctx, planId, actor);
  if (!SHAREABLE.includes(plan.status)) {
    throw new WrongStateError(plan.status, `Only a confirmed plan can be shared; this one is ${plan.status}.`);
  }
  const now = ctx.clock.now();
  const replaced = await sharing.store.revokeForPlan(plan.id, now);
  const { token, hash } = newShareToken(sharing);
  await sharing.store.insert({ kind: 'plan', hash, planId: plan.id, createdBy: actor, createdAt: now, revokedAt: null });
  // `https://coach.example.org/p/<token>`.
  return { url: `${sharing.baseUrl}${SHARE_PATH}${token}`, replaced: replaced > 0 };
}

/** Retires the plan's live link; false when it had none. */
export async function unsharePlan(ctx: PlanContext, actor: Actor, planId: string): Promise<boolean> {
  const sharing = ctx.sharing;
  if (sharing === undefined) throw new SharingNotSetUpError();
  const plan = await loadPlan(ctx, planId, actor);
  return (await sharing.store.revokeForPlan(plan.id, ctx.clock.now())) > 0;
}

/**
 * The plan a token opens, or undefined for a malformed, unknown or revoked token, a club page's
 * token, and a plan no longer shareable: every one of them the same 404.
 */
export async function sharedPlan(ctx: PlanContext, token: string): Promise<PlanRecord | undefined> {
  const link = await liveShareLink(ctx.sharing, token);
  if (link?.kind !== 'plan') return undefined;
  const plan = await ctx.store.findById(link.planId);
  return plan !== undefined && SHAREABLE.includes(plan.status) ? plan : undefined;
}
