/**
 * The club use cases bound to their dependencies (issue 19), beside `PlanUseCases`: what the
 * conversation core and the operators' CLI call. Each method is one use case from
 * `use-cases/club-*.ts`; admin-only ones take `isAdmin`, decided by the caller.
 */
import type { ClubRecord, WeekDelivery } from './club-record.js';
import type { ClubFilter } from './club-store.js';
import type { PlanRecord } from './plan-record.js';
import { addAdmin, closeClub, removeAdmin, removeMember, type BotCheck } from './use-cases/club-admins.js';
import type { ClubContext } from './use-cases/club-context.js';
import { createClub, type CreateClubRequest } from './use-cases/club-create.js';
import {
  completeJoin,
  joinClub,
  leaveClub,
  setWeekDelivery,
  type JoinOutcome,
  type JoinRequest,
  type LeaveChoice,
} from './use-cases/club-membership.js';
import { sharedClub, shareClubPage, unshareClubPage } from './use-cases/club-page.js';
import { clubInChannel, listClubs, memberPlans, showClub } from './use-cases/club-queries.js';
import type { SharedLink } from './use-cases/share-plan.js';

export type { ClubContext } from './use-cases/club-context.js';
export type { CreateClubRequest } from './use-cases/club-create.js';
export type { JoinOutcome } from './use-cases/club-membership.js';
export { isListedAdmin } from './use-cases/club-admins.js';

export type ClubUseCases = {
  createClub(request: CreateClubRequest): Promise<ClubRecord>;
  showClub(clubId: string): Promise<ClubRecord>;
  /** The channel's active club, if any. */
  clubInChannel(platform: string, channelId: string): Promise<ClubRecord | undefined>;
  listClubs(filter: ClubFilter): Promise<ClubRecord[]>;
  memberPlans(club: ClubRecord): Promise<{ identity: string; plan: PlanRecord }[]>;
  joinClub(identity: string, clubId: string, request: JoinRequest): Promise<JoinOutcome>;
  /** Replace, after a join answered `ask`: the draft it saved becomes the member's plan, their weeks by `weekDelivery`. */
  completeJoin(identity: string, draftId: string, weekDelivery?: WeekDelivery): Promise<JoinOutcome>;
  /** A member's choice of where their own week goes: the club's weekly thread, or a DM. */
  setWeekDelivery(identity: string, clubId: string, weekDelivery: WeekDelivery): Promise<ClubRecord>;
  leaveClub(identity: string, clubId: string, choice: LeaveChoice): Promise<{ club: ClubRecord; plan: PlanRecord }>;
  removeMember(isAdmin: boolean, clubId: string, identity: string): Promise<ClubRecord>;
  addAdmin(isAdmin: boolean, clubId: string, identity: string, isBot?: BotCheck): Promise<ClubRecord>;
  removeAdmin(isAdmin: boolean, clubId: string, identity: string): Promise<ClubRecord>;
  closeClub(isAdmin: boolean, clubId: string): Promise<ClubRecord>;
  /** A new link to the club's page for its admins, made by `by`; the earlier link stops working. */
  shareClubPage(isAdmin: boolean, clubId: string, by: string): Promise<SharedLink>;
  /** The club page's link stops working; false when there was none. */
  unshareClubPage(isAdmin: boolean, clubId: string): Promise<boolean>;
  /** The active club a page token opens (`GET /c/<token>`), if any. */
  sharedClub(token: string): Promise<ClubRecord | undefined>;
};

export function createClubUseCases(ctx: ClubContext): ClubUseCases {
  return {
    createClub: (request) => createClub(ctx, request),
    showClub: (clubId) => showClub(ctx, clubId),
    clubInChannel: (platform, channelId) => clubInChannel(ctx, platform, channelId),
    listClubs: (filter) => listClubs(ctx, filter),
    memberPlans: (club) => memberPlans(ctx, club),
    joinClub: (identity, clubId, request) => joinClub(ctx, identity, clubId, request),
    completeJoin: (identity, draftId, weekDelivery) => completeJoin(ctx, identity, draftId, weekDelivery),
    setWeekDelivery: (identity, clubId, weekDelivery) => setWeekDelivery(ctx, identity, clubId, weekDelivery),
    leaveClub: (identity, clubId, choice) => leaveClub(ctx, identity, clubId, choice),
    removeMember: (isAdmin, clubId, identity) => removeMember(ctx, isAdmin, clubId, identity),
    addAdmin: (isAdmin, clubId, identity, isBot) => addAdmin(ctx, isAdmin, clubId, identity, isBot),
    removeAdmin: (isAdmin, clubId, identity) => removeAdmin(ctx, isAdmin, clubId, identity),
    closeClub: (isAdmin, clubId) => closeClub(ctx, isAdmin, clubId),
    shareClubPage: (isAdmin, clubId, by) => shareClubPage(ctx, isAdmin, clubId, by),
    unshareClubPage: (isAdmin, clubId) => unshareClubPage(ctx, isAdmin, clubId),
    sharedClub: (token) => sharedClub(ctx, token),
  };
}
