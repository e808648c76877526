/**
 * The coach's view on a home screen (Slack's App Home; issue 19, item 5): for each active club of
 * the person's workspace they administer, its race, the weeks to go and one digest line a member —
 * the lines `/plan club status` shows (`digestLine`), by the same admin decision (`isClubAdmin`:
 * the club's creator and listed admins, or a channel admin by the platform's `ClubRoles`).
 *
 * A home is bounded (Slack's holds 100 blocks), and only the surface knows its bounds: the views
 * come as `ClubHome.views(cut)`, which the surface asks again with a smaller cut until they fit.
 * What a cut leaves out is counted in one line pointing at `/plan club status` in the channel, and
 * flagged members are shown first, so a cut never hides who needs the coach.
 *
 * Nothing here may break the home it is part of. A role lookup that fails counts as "not an
 * admin", as for the admin commands, and is logged once for the home; the caller catches the rest.
 */
import type { Logger } from 'pino';

import { clubDigest, type MemberDigest } from '../plans/club-digest.js';
import type { ClubRecord } from '../plans/club-record.js';
import { isListedAdmin } from '../plans/club-use-cases.js';
import { workspaceOf } from '../plans/plan-weeks.js';
import { today } from './actor-time.js';
import { platformOf } from './club-actions.js';
import { isClubAdmin } from './club-roles.js';
import { digestLine, goalText, weeksToGo } from './club-views.js';
import type { HandlerContext } from './handler-context.js';
import type { IntentActor } from './intents.js';
import { mentionOf } from './mentions.js';
import { message, type MessageView } from './views.js';

/**
 * At most this many clubs a home asks the platform about (newest first); the clubs that list the
 * person are always shown. Each costs a lookup whenever the person's cached answer (a minute) has
 * gone, and a home is opened far more often than an admin command is run.
 */
const MAX_CLUBS_ASKED = 20;

/** How much of the clubs a surface has room for. */
export type ClubHomeCut = { readonly maxClubs: number; readonly maxMembers: number };

export type ClubHome = {
  /** The clubs shown uncut, and the most members one of them has with an active plan. */
  readonly clubs: number;
  readonly members: number;
  /** One message a club, at most `cut.maxClubs` clubs of at most `cut.maxMembers` member lines each; default uncut. */
  views(cut?: ClubHomeCut): MessageView[];
};

type AdminClub = { readonly club: ClubRecord; readonly digests: readonly MemberDigest[] };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The digests to show under `maxMembers`: flagged members first when some must be left out. */
function shownDigests(digests: readonly MemberDigest[], maxMembers: number): readonly MemberDigest[] {
  if (digests.length <= maxMembers) return digests;
  const flagged = digests.filter((d) => d.flags.length > 0);
  const others = digests.filter((d) => d.flags.length === 0);
  return [...flagged, ...others].slice(0, Math.max(0, maxMembers));
}

function clubView({ club, digests }: AdminClub, day: string, maxMembers: number): MessageView {
  const shown = shownDigests(digests, maxMembers);
  const left = digests.length - shown.length;
  const flagged = digests.filter((d) => d.flags.length > 0).length;
  const lines = digests.length === 0 ? ['No members with an active plan yet.'] : shown.map((d) => digestLine(d, mentionOf));
  return message(
    [
      { type: 'header', text: club.name },
      { type: 'text', text: `${goalText(club)} · ${plural(weeksToGo(club, day), 'week')} to go` },
      ...(shown.length > 0 || digests.length === 0 ? [{ type: 'text' as const, text: lines.join('\n') }] : []),
      ...(left > 0 ? [{ type: 'text' as const, text: `…and ${left} more — /plan club status in the channel lists everyone.` }] : []),
      { type: 'text', text: `${plural(digests.length, 'member')} with a plan, ${flagged} flagged. Miles are done/planned.` },
    ],
    `${club.name}: ${plural(digests.length, 'member')}, ${flagged} flagged`,
  );
}

function homeOf(admin: readonly AdminClub[], day: string): ClubHome {
  const members = Math.max(0, ...admin.map((a) => a.digests.length));
  return {
    clubs: admin.length,
    members,
    views(cut = { maxClubs: admin.length, maxMembers: members }) {
      const shown = admin.slice(0, Math.max(0, cut.maxClubs)).map((a) => clubView(a, day, cut.maxMembers));
      const left = admin.length - shown.length;
      if (left === 0) return shown;
      const more = `…and ${plural(left, 'more club')} — /plan club status in each club’s channel shows its members.`;
      return [...shown, message([{ type: 'text', text: more }], more)];
    },
  };
}

/**
 * The clubs `actor` administers in their own workspace, with their members' digests; null when there
 * are none (the home then shows nothing about clubs) or the surface runs without clubs.
 */
export async function clubHome(ctx: HandlerContext, actor: IntentActor, logger: Logger): Promise<ClubHome | null> {
  if (ctx.clubs === undefined) return null;
  const workspace = workspaceOf(actor.identity);
  const active = await ctx.clubs.listClubs({ statuses: ['active'], platform: platformOf(actor.identity) });
  const ours = active.filter((club) => workspaceOf(club.createdBy) === workspace);
  let asked = 0;
  const candidates = ours.filter((club) => {
    if (isListedAdmin(club, actor.identity)) return true;
    asked += 1;
    return ctx.clubRoles !== undefined && asked <= MAX_CLUBS_ASKED;
  });
  const failed: { channelId: string; error: unknown }[] = [];
  // All at once: the platform's checks for one person can then share their lookups (Slack's users.info).
  const answers = await Promise.all(
    candidates.map(async (club) => {
      try {
        return await isClubAdmin(club, actor.identity, ctx.clubRoles);
      } catch (error) {
        failed.push({ channelId: club.channelId, error });
        return false;
      }
    }),
  );
  const administered = candidates.filter((_, i) => answers[i] === true);
  if (failed.length > 0) {
    logger.warn(
      { err: failed[0]?.error, user: actor.identity, channels: failed.map((f) => f.channelId) },
      'could not ask who administers club channels for the home; left those clubs out',
    );
  }
  if (administered.length === 0) return null;
  const day = today(actor, ctx.clock);
  const admin: AdminClub[] = [];
  for (const club of administered) admin.push({ club, digests: clubDigest(await ctx.clubs.memberPlans(club), day) });
  return homeOf(admin, day);
}
