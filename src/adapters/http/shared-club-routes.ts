/**
 * `GET /c/<token>`: a club's page for its admins, with no API key (the token is the credential).
 * A token that opens no club — malformed, unknown, revoked, a plan's, a closed club's — and any
 * path under it gets the plan page's one 404. Each request looks its token up in the store
 * (`clubs.sharedClub`), so a revoked link fails at once on every instance; then reads the members'
 * plans for the coach's view (`clubDigest`, "today" in the club's time zone, as the HTTP status
 * endpoint does) and answers as every shared page (page-response.ts). Rendered pages are kept per
 * club revision, day and members' plan revisions: the cache skips rendering, never a lookup.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { clubPageView } from '../../conversation/club-page-view.js';
import { clubDigest } from '../../plans/club-digest.js';
import type { ClubUseCases } from '../../plans/club-use-cases.js';
import { todayFor } from '../../plans/plan-schedule.js';
import type { ApiEnv } from './api-env.js';
import { renderClubPage } from './club-page-html.js';
import { notFound, RenderedPages, sendPage } from './page-response.js';

export type SharedClubRoutesOptions = {
  readonly clubs: Pick<ClubUseCases, 'sharedClub' | 'memberPlans'>;
  /** Milliseconds since the epoch: "today" on the page. */
  readonly clock: () => number;
};

/** Where club page links point, before the token (`shareClubPage` writes the same). */
const PREFIX = '/c/';
const TOKEN = /^[A-Za-z0-9_-]+$/;
/** Rendered pages kept; oldest dropped first. */
const RENDERED_LIMIT = 200;

export function registerSharedClubRoutes(app: OpenAPIHono<ApiEnv>, options: SharedClubRoutesOptions): void {
  const pages = new RenderedPages(RENDERED_LIMIT);
  app.get(`${PREFIX}*`, async (c) => {
    const token = c.req.path.slice(PREFIX.length);
    if (!TOKEN.test(token)) return notFound(c);
    const club = await options.clubs.sharedClub(token);
    if (club === undefined) return notFound(c);
    const today = todayFor({ timezone: club.delivery.timezone }, new Date(options.clock()));
    const members = await options.clubs.memberPlans(club);
    const key = [club.id, club.revision, today, ...members.map((m) => `${m.plan.id}@${m.plan.revision}`)].join(':');
    return sendPage(
      c,
      pages.get(key, () => renderClubPage(clubPageView(club, clubDigest(members, today), today))),
    );
  });
}
