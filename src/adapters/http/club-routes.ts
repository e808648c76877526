/**
 * The club read endpoints (issue 19): the clubs the key's owner is an admin of, one club, and the
 * coach's view of it, on the club use cases and `clubDigest`. Over HTTP no platform can be asked
 * about roles, so an admin is the club's creator or one of the admins listed in its settings
 * (`isListedAdmin`). A club the owner is not an admin of is refused exactly as an unknown id is
 * (404 CLUB_NOT_FOUND, see api-errors.ts), as another owner's plan is: a key cannot learn which
 * clubs exist by probing ids. Read-only: changing a club stays a chat admin's (or operator's) act.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { clubDigest } from '../../plans/club-digest.js';
import { notClubAdmin } from '../../plans/club-errors.js';
import type { ClubRecord } from '../../plans/club-record.js';
import { isListedAdmin, type ClubUseCases } from '../../plans/club-use-cases.js';
import type { Identity } from '../../plans/plan-record.js';
import { todayFor } from '../../plans/plan-schedule.js';
import { platformNameOf } from '../../plans/platforms.js';
import type { ApiEnv } from './api-env.js';
import { clubStatusRoute, getClubRoute, listClubsRoute } from './api-routes.js';
import { clubJson, clubListJson, clubStatusJson } from './club-responses.js';

export type ClubRouteDeps = {
  readonly clubs: Pick<ClubUseCases, 'listClubs' | 'showClub' | 'memberPlans'>;
  /** Milliseconds since the epoch: "today" of the coach's view, in the club's time zone. */
  readonly clock: () => number;
};

/** Mount before `GET /api/training-plan/{id}`, which would otherwise take `clubs` for a plan id. */
export function registerClubRoutes(app: OpenAPIHono<ApiEnv>, deps: ClubRouteDeps): void {
  const { clubs } = deps;

  /** The club, when the owner is one of its listed admins; otherwise the same 404 as an unknown id. */
  const adminsClub = async (owner: Identity, clubId: string): Promise<ClubRecord> => {
    const club = await clubs.showClub(clubId);
    if (!isListedAdmin(club, owner)) throw notClubAdmin();
    return club;
  };

  app.openapi(listClubsRoute, async (c) => {
    const owner = c.get('owner');
    const { status } = c.req.valid('query');
    // A club's creator and listed admins are people of its platform, so only those clubs are read.
    const platform = platformNameOf(owner);
    const found = await clubs.listClubs({
      ...(platform === undefined ? {} : { platform }),
      ...(status === undefined ? {} : { statuses: [status] }),
    });
    return c.json(clubListJson(found.filter((club) => isListedAdmin(club, owner))), 200);
  });

  app.openapi(getClubRoute, async (c) => {
    const club = await adminsClub(c.get('owner'), c.req.valid('param').id);
    return c.json(clubJson(club), 200);
  });

  app.openapi(clubStatusRoute, async (c) => {
    const club = await adminsClub(c.get('owner'), c.req.valid('param').id);
    // The club's week: its members train on its days, and its weekly post goes out in its zone.
    const today = todayFor({ timezone: club.delivery.timezone }, new Date(deps.clock()));
    return c.json(clubStatusJson(club, today, clubDigest(await clubs.memberPlans(club), today)), 200);
  });
}
