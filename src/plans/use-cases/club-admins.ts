/**
 * The admins' use cases: the admin list, removing a member, closing the club. Whether the caller
 * is an admin is decided by the caller (`isAdmin`): the conversation asks the platform's roles and
 * the club's own list (`isListedAdmin`); the operators' CLI always is. A refusal changes nothing.
 */
import { identitySchema } from '../plan-record.js';
import type { ClubRecord } from '../club-record.js';
import { ClubError, notClubAdmin } from '../club-errors.js';
import { makeSolo, writeClub, type ClubContext } from './club-context.js';

/** Whether an identity is a bot (the platform's answer). */
export type BotCheck = (identity: string) => Promise<boolean>;

/** The creator and the admins listed in the club's settings: admins whatever the platform says. */
export function isListedAdmin(club: Pick<ClubRecord, 'createdBy' | 'admins'>, identity: string): boolean {
  return club.createdBy === identity || club.admins.includes(identity);
}

/** An admin to list must be a person of the club's platform: an identity there, and no bot. */
export async function checkAdminIdentity(identity: string, platform: string, isBot: BotCheck | undefined): Promise<void> {
  if (!identitySchema.safeParse(identity).success || !identity.startsWith(`${platform}:`)) {
    throw new ClubError('INVALID_INPUT', `"${identity}" is not a person of this workspace, so it cannot be a club admin`);
  }
  if (isBot !== undefined && (await isBot(identity))) {
    throw ClubError.about('INVALID_INPUT', identity, (name) => `a club’s admins are people, and ${name} is a bot; nothing was changed`);
  }
}

function assertAdmin(isAdmin: boolean): void {
  if (!isAdmin) throw notClubAdmin();
}

function assertOpen(club: ClubRecord): void {
  if (club.status !== 'active') throw new ClubError('WRONG_STATE', `the club ${club.name} is closed`);
}

export async function addAdmin(
  ctx: ClubContext,
  isAdmin: boolean,
  clubId: string,
  identity: string,
  isBot?: BotCheck,
): Promise<ClubRecord> {
  assertAdmin(isAdmin);
  const before = await ctx.clubs.findById(clubId);
  if (before) await checkAdminIdentity(identity, before.platform, isBot);
  return writeClub(ctx, clubId, (club) => {
    assertOpen(club);
    if (isListedAdmin(club, identity)) {
      throw ClubError.about('WRONG_STATE', identity, (name) => `${name} is already an admin of ${club.name}`);
    }
    return { guard: { revision: club.revision, statuses: ['active'] }, change: { admins: [...club.admins, identity] } };
  });
}

export async function removeAdmin(ctx: ClubContext, isAdmin: boolean, clubId: string, identity: string): Promise<ClubRecord> {
  assertAdmin(isAdmin);
  return writeClub(ctx, clubId, (club) => {
    assertOpen(club);
    if (!club.admins.includes(identity)) {
      const why = club.createdBy === identity ? 'made the club and stays an admin' : 'is not listed as an admin';
      throw ClubError.about('WRONG_STATE', identity, (name) => `${name} ${why} of ${club.name}`);
    }
    return { guard: { revision: club.revision, statuses: ['active'] }, change: { admins: club.admins.filter((a) => a !== identity) } };
  });
}

/** Takes a member out of the club; their plan stays theirs, as a solo plan. */
export async function removeMember(ctx: ClubContext, isAdmin: boolean, clubId: string, identity: string): Promise<ClubRecord> {
  assertAdmin(isAdmin);
  let planId: string | undefined;
  const club = await writeClub(ctx, clubId, (current) => {
    assertOpen(current);
    const member = current.members.find((m) => m.identity === identity);
    if (!member) {
      throw ClubError.about('INVALID_INPUT', identity, (name) => `there is no member ${name} in ${current.name}, so nothing was changed`);
    }
    planId = member.planId;
    return {
      guard: { revision: current.revision, statuses: ['active'] },
      change: { members: current.members.filter((m) => m.identity !== identity) },
    };
  });
  if (planId !== undefined) await makeSolo(ctx, planId, clubId);
  return club;
}

/**
 * Closes the club: it takes no new members, its weekly posts end (slice 2), and every member's
 * plan goes on as their own solo plan.
 */
export async function closeClub(ctx: ClubContext, isAdmin: boolean, clubId: string): Promise<ClubRecord> {
  assertAdmin(isAdmin);
  const closed = await writeClub(ctx, clubId, (club) => {
    assertOpen(club);
    return { guard: { revision: club.revision, statuses: ['active'] }, change: { status: 'closed', closedAt: ctx.clock.now() } };
  });
  for (const member of closed.members) await makeSolo(ctx, member.planId, clubId);
  return closed;
}
