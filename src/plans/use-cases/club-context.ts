/**
 * What the club use cases work with: the club store, the plan use cases (a member's plan is made
 * and changed through them, so PLAN-RULES and the one-active-plan rule hold), the plan context for
 * the one field they set on a plan themselves (`clubId`), and the clock. Also the guarded write
 * every club change goes through.
 */
import type { ClubRecord } from '../club-record.js';
import { ClubError, clubNotFound } from '../club-errors.js';
import type { ClubChange, ClubGuard, ClubStore } from '../club-store.js';
import { writePlan, type Clock, type PlanContext } from '../plan-context.js';
import type { PlanUseCases } from '../plan-use-cases.js';

export type ClubContext = {
  readonly clubs: ClubStore;
  readonly plans: PlanUseCases;
  readonly planContext: PlanContext;
  readonly clock: Clock;
};

export async function loadClub(ctx: ClubContext, clubId: string): Promise<ClubRecord> {
  const club = await ctx.clubs.findById(clubId);
  if (!club) throw clubNotFound(clubId);
  return club;
}

export type ClubStep = { readonly done: ClubRecord } | { readonly guard: ClubGuard; readonly change: ClubChange };

/** Loads the club, asks `decide` what to write and writes it under its guard, again when it moved. */
export async function writeClub(ctx: ClubContext, clubId: string, decide: (club: ClubRecord) => ClubStep): Promise<ClubRecord> {
  for (let attempt = 0; attempt < 25; attempt += 1) {
    const club = await loadClub(ctx, clubId);
    const step = decide(club);
    if ('done' in step) return step.done;
    const updated = await ctx.clubs.update(clubId, step.guard, step.change, ctx.clock.now());
    if (updated) return updated;
  }
  throw new ClubError('CONFLICT', 'the club changed while it was being updated; try again');
}

/**
 * The plan stops being tied to the club (leaving, removal, close): it stays the athlete's own plan,
 * as it was, a solo plan. A plan already solo or tied to another club is left alone.
 */
export async function makeSolo(ctx: ClubContext, planId: string, clubId: string): Promise<void> {
  await writePlan(ctx.planContext, planId, 'operator', (plan) =>
    plan.clubId === clubId ? { guard: { revision: plan.revision }, change: { set: { clubId: null } } } : { done: plan },
  );
}
