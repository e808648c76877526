/**
 * The App Home tab: the core's own answers to `/plan status` and `/plan week` rendered one after
 * the other, so the tab always shows what those commands would (and its buttons work the same).
 * A short reply such as "your plan is in preview" is shown as a quiet context line.
 *
 * Below them, for a club's admin, the coach's view of their clubs (the core's `ClubHome`), in the
 * room the tab's 100 blocks leave: cut by the core, fewer members a club and then fewer clubs,
 * until it fits (`fitClubs`), so what is left out is named by the core's "and N more" lines rather
 * than lost to the generic shortening.
 */
import type { types } from '@slack/bolt';

import type { ClubHome, ClubHomeCut } from '../../conversation/club-home.js';
import type { View } from '../../conversation/views.js';
import { LIMITS, escapeMrkdwn } from './block-kit-limits.js';
import { NO_IMAGES, fitBlocks, renderBlocks, type ImageFiles, type SlackBlock } from './render-blocks.js';

const HOME_CALLBACK_ID = 'gofast.home';
const DIVIDER: SlackBlock = { type: 'divider' };

function sectionOf(view: View, images: ImageFiles): SlackBlock[] {
  switch (view.kind) {
    case 'message':
      if (view.ephemeral) return [{ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(view.summary) }] }];
      return renderBlocks(view, LIMITS.homeBlocks, images);
    case 'form':
    case 'file':
      // The status and week commands answer with messages; nothing else belongs on the tab.
      return [];
  }
}

/** The views' blocks, a divider between two views. */
function joined(views: readonly View[], images: ImageFiles = NO_IMAGES): SlackBlock[] {
  const parts = views.map((view) => sectionOf(view, images)).filter((blocks) => blocks.length > 0);
  return parts.flatMap((blocks, i) => (i === 0 ? blocks : [DIVIDER, ...blocks]));
}

/**
 * Fewer member lines a club than this, and the tab drops whole clubs instead (the last ones; the
 * core's "and N more clubs" line names them): a club's header with no one under it tells a coach
 * nothing.
 */
const MIN_MEMBER_LINES = 10;

/**
 * The clubs' blocks within `room`: the core's views asked again with a smaller cut until they fit —
 * half the member lines a club, down to `MIN_MEMBER_LINES`, then one club fewer at a time, then (one
 * club left) fewer lines again; none if even a bare club does not fit.
 */
function fitClubs(home: Pick<ClubHome, 'clubs' | 'members' | 'views'>, room: number): SlackBlock[] {
  const floor = Math.min(home.members, MIN_MEMBER_LINES);
  let cut: ClubHomeCut = { maxClubs: home.clubs, maxMembers: home.members };
  for (;;) {
    const blocks = joined(home.views(cut));
    if (blocks.length <= room) return blocks;
    if (cut.maxMembers > floor) cut = { ...cut, maxMembers: Math.max(floor, Math.floor(cut.maxMembers / 2)) };
    else if (cut.maxClubs > 1) cut = { ...cut, maxClubs: cut.maxClubs - 1 };
    else if (cut.maxMembers > 0) cut = { ...cut, maxMembers: Math.floor(cut.maxMembers / 2) };
    else return [];
  }
}

/** `images`: the uploaded pictures of the athlete's own views (the plan chart, this week's card). */
export function renderHome(
  views: readonly View[],
  clubs: Pick<ClubHome, 'clubs' | 'members' | 'views'> | null = null,
  images: ImageFiles = NO_IMAGES,
): types.HomeView {
  const own = fitBlocks(joined(views, images), LIMITS.homeBlocks);
  // A divider goes between the athlete's own part and the clubs, when there is an own part.
  const room = LIMITS.homeBlocks - own.length - (own.length > 0 ? 1 : 0);
  const clubBlocks = clubs === null || room <= 0 ? [] : fitClubs(clubs, room);
  const blocks = own.length > 0 && clubBlocks.length > 0 ? [...own, DIVIDER, ...clubBlocks] : [...own, ...clubBlocks];
  return { type: 'home', callback_id: HOME_CALLBACK_ID, blocks };
}
