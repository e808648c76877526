/**
 * A club's page for its admins (`/plan club page [off]`): an unguessable, revocable link to a
 * read-only web page of every member's progress — the coach's view (`clubDigest`) outside chat.
 * Its tokens are the plan pages' (src/plans/share-tokens.ts), in the same store, marked
 * `kind: 'club'`: a plan's token never opens a club page, nor the other way round. One live link a
 * club: making one retires the earlier; `off` retires it. A closed club's page answers like an
 * unknown link.
 */
import type { ClubRecord } from '../club-record.js';
import { notClubAdmin } from '../club-errors.js';
import { liveShareLink, newShareToken, SharingNotSetUpError, sharingWithUrl } from '../share-tokens.js';
import type { SharedLink } from './share-plan.js';
import { loadClub, type ClubContext } from './club-context.js';

/** Where a club's page lives under the public base URL. */
const CLUB_PAGE_PATH = '/c/';

/** A new link to the club's page (`isAdmin` decided by the caller); the earlier one stops working. */
export async function shareClubPage(ctx: ClubContext, isAdmin: boolean, clubId: string, by: string): Promise<SharedLink> {
  if (!isAdmin) throw notClubAdmin();
  const sharing = sharingWithUrl(ctx.planContext.sharing);
  const club = await loadClub(ctx, clubId);
  const now = ctx.clock.now();
  const replaced = await sharing.store.revokeForClub(club.id, now);
  const { token, hash } = newShareToken(sharing);
  await sharing.store.insert({ kind: 'club', hash, clubId: club.id, createdBy: by, createdAt: now, revokedAt: null });
  return { url: `${sharing.baseUrl}${CLUB_PAGE_PATH}${token}`, replaced: replaced > 0 };
}

/** Retires the club page's live link; false when it had none. */
export async function unshareClubPage(ctx: ClubContext, isAdmin: boolean, clubId: string): Promise<boolean> {
  if (!isAdmin) throw notClubAdmin();
  const sharing = ctx.planContext.sharing;
  if (sharing === undefined) throw new SharingNotSetUpError();
  const club = await loadClub(ctx, clubId);
  return (await sharing.store.revokeForClub(club.id, ctx.clock.now())) > 0;
}

/**
 * The active club a token opens, or undefined for a malformed, unknown or revoked token, a plan's
 * token and a closed club: every one of them the same 404.
 */
export async function sharedClub(ctx: ClubContext, token: string): Promise<ClubRecord | undefined> {
  const link = await liveShareLink(ctx.planContext.sharing, token);
  if (link?.kind !== 'club') return undefined;
  const club = await ctx.clubs.findById(link.clubId);
  return club?.status === 'active' ? club : undefined;
}
