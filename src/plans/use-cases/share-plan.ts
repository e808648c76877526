/**
 * Share links (`/plan share`, `gofast plans share`): an unguessable, revocable link to a read-only
 * web page of a plan. The token is 32 random bytes in base64url (256 bits); only its sha256 is
 * stored, so a database read does not leak live links — and so a link cannot be shown twice.
 * Sharing again therefore makes a new link and retires the old one (one live link per plan);
 * `/plan share off` retires it without a new one. Every page request looks the token up in the
 * store: nothing in this process remembers a token, so a revoke holds at once on every instance.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { GoFastError } from '../../domain/errors.js';
import type { PlanRecord, PlanStatus } from '../plan-record.js';
import { type Actor, type PlanContext, loadPlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';
import type { Sharing } from '../share-link-store.js';

/** 32 bytes in base64url: 43 characters. */
const TOKEN_BYTES = 32;
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Where a shared plan's page lives under the public base URL. */
const SHARE_PATH = '/p/';
/** A plan shows on its page while it is under way or done; a cancelled plan's link stops working. */
const SHAREABLE: readonly PlanStatus[] = ['active', 'completed'];

export type SharedLink = {
  readonly url: string;
  /** Whether an earlier link of the plan stopped working because of this one. */
  readonly replaced: boolean;
};

/** Sharing cannot work here: no store, or no public address to put in the link. */
class SharingNotSetUpError extends GoFastError {
  constructor() {
    super('WRONG_STATE', 'Sharing is not set up on this server: its operator must set PUBLIC_BASE_URL first.', { userFacing: true });
    this.name = 'SharingNotSetUpError';
  }
}

export function hashShareToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `https://coach.example.org/p/<token>`. */
function shareUrl(baseUrl: string, token: string): string {
  return `${baseUrl}${SHARE_PATH}${token}`;
}

function sharingOf(ctx: PlanContext): Sharing & { readonly baseUrl: string } {
  const sharing = ctx.sharing;
  if (sharing?.baseUrl === undefined) throw new SharingNotSetUpError();
  return { ...sharing, baseUrl: sharing.baseUrl };
}

export async function sharePlan(ctx: PlanContext, actor: Actor, planId: string): Promise<SharedLink> {
  const sharing = sharingOf(ctx);
  const plan = await loadPlan(ctx, planId, actor);
  if (!SHAREABLE.includes(plan.status)) {
    throw new WrongStateError(plan.status, `Only a confirmed plan can be shared; this one is ${plan.status}.`);
  }
  const now = ctx.clock.now();
  const replaced = await sharing.store.revokeForPlan(plan.id, now);
  const token = (sharing.random ?? randomBytes)(TOKEN_BYTES).toString('base64url');
  await sharing.store.insert({ hash: hashShareToken(token), planId: plan.id, createdBy: actor, createdAt: now, revokedAt: null });
  return { url: shareUrl(sharing.baseUrl, token), replaced: replaced > 0 };
}

/** Retires the plan's live link; false when it had none. */
export async function unsharePlan(ctx: PlanContext, actor: Actor, planId: string): Promise<boolean> {
  const sharing = ctx.sharing;
  if (sharing === undefined) throw new SharingNotSetUpError();
  const plan = await loadPlan(ctx, planId, actor);
  return (await sharing.store.revokeForPlan(plan.id, ctx.clock.now())) > 0;
}

/**
 * The plan a token opens, or undefined for a malformed, unknown or revoked token and for a plan
 * no longer shareable. Unknown and revoked tokens take the same path — one lookup by hash — so
 * their answers cannot be told apart by time; a malformed one never reaches the database (its
 * shape is public, so skipping the lookup says nothing about any live token).
 */
export async function sharedPlan(ctx: PlanContext, token: string): Promise<PlanRecord | undefined> {
  const sharing = ctx.sharing;
  if (sharing === undefined || !SHARE_TOKEN_PATTERN.test(token)) return undefined;
  const hash = hashShareToken(token);
  const link = await sharing.store.findByHash(hash);
  // The lookup matched by hash; comparing in constant time keeps a loosely matching store honest.
  if (link === undefined || link.revokedAt !== null || !sameHash(link.hash, hash)) return undefined;
  const plan = await ctx.store.findById(link.planId);
  return plan !== undefined && SHAREABLE.includes(plan.status) ? plan : undefined;
}

function sameHash(storedHex: string, presentedHex: string): boolean {
  const stored = Buffer.from(storedHex, 'hex');
  const presented = Buffer.from(presentedHex, 'hex');
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}
