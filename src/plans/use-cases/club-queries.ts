/** Reading clubs: one by id, a channel's active club, a listing, and the members' plans (the digest's input). */
import type { ClubRecord } from '../club-record.js';
import type { ClubFilter } from '../club-store.js';
import type { PlanRecord } from '../plan-record.js';
import { OPERATOR } from '../plan-context.js';
import { PlanNotFoundError } from '../plan-errors.js';
import { loadClub, type ClubContext } from './club-context.js';

export function showClub(ctx: ClubContext, clubId: string): Promise<ClubRecord> {
  return loadClub(ctx, clubId);
}

export function clubInChannel(ctx: ClubContext, platform: string, channelId: string): Promise<ClubRecord | undefined> {
  return ctx.clubs.activeInChannel(platform, channelId);
}

export function listClubs(ctx: ClubContext, filter: ClubFilter): Promise<ClubRecord[]> {
  return ctx.clubs.list(filter);
}

/** Each member with their plan (a plan deleted meanwhile is left out), in the order they joined. */
export async function memberPlans(ctx: ClubContext, club: ClubRecord): Promise<{ identity: string; plan: PlanRecord }[]> {
  const found: { identity: string; plan: PlanRecord }[] = [];
  for (const member of club.members) {
    try {
      found.push({ identity: member.identity, plan: await ctx.plans.getPlan(OPERATOR, member.planId) });
    } catch (error) {
      if (!(error instanceof PlanNotFoundError)) throw error;
    }
  }
  return found;
}
