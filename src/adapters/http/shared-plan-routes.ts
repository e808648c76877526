/**
 * `GET /p/<token>…`: what a share link opens, with no API key (the token is the credential). One
 * route takes every `/p/` path, splits it into the token and what follows (`''` the page; next to
 * it, one line each in `SHARED_FILES`, `.ics` and `/fit`), and answers a token that opens no plan
 * — malformed, unknown, revoked, a cancelled plan — and a suffix it does not know with the same
 * 404 body. Each request looks its token up in the store (`plans.sharedPlan`), so a revoked link
 * fails at once on every instance.
 *
 * The page is answered as every shared page is (page-response.ts: private cache, strong ETag,
 * 304). Rendered pages are kept per link (its token's hash), plan revision and day — the page
 * links its calendar and workouts relative to its own token — and the cache can only skip
 * rendering, never a lookup.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { planChartSvg } from '../../conversation/charts/plan-chart-svg.js';
import { planPageView } from '../../conversation/plan-page-view.js';
import type { PlanRecord } from '../../plans/plan-record.js';
import type { PlanUseCases } from '../../plans/plan-use-cases.js';
import { todayFor } from '../../plans/plan-schedule.js';
import { hashShareToken } from '../../plans/share-tokens.js';
import type { ApiEnv } from './api-env.js';
import { sharedFitHandler } from './fit-route.js';
import { COMMON_HEADERS, matches, notFound, RenderedPages, sendPage } from './page-response.js';
import { renderPlanPage } from './plan-page-html.js';

/** What a shared resource's handler gets: the plan the token opened, the token, and the athlete's today. */
type SharedPlanRequest = { readonly plan: PlanRecord; readonly today: string; readonly token: string };

type SharedHandler = (c: Context<ApiEnv>, shared: SharedPlanRequest) => Response | Promise<Response>;

export type SharedPlanRoutesOptions = {
  readonly plans: Pick<PlanUseCases, 'sharedPlan' | 'calendarFeed' | 'fitWorkouts'>;
  /** Milliseconds since the epoch: "today" on the page. */
  readonly clock: () => number;
};

/** Where share links point, before the token (`shareUrl` in the use cases writes the same). */
const PREFIX = '/p/';
const SHARED_PATH = /^([A-Za-z0-9_-]+)(.*)$/;
/** Rendered pages kept (each a plan at one revision on one day); oldest dropped first. */
const RENDERED_LIMIT = 500;

/** The page of a shared plan, rendered (and gzipped) once per plan revision and day. */
function planPageHandler(): SharedHandler {
  const pages = new RenderedPages(RENDERED_LIMIT);
  // The page links its calendar and workouts by its own token, so a page is kept per token too
  // (one live link a plan; the key holds the token's hash, never the token).
  return (c, { plan, today, token }) =>
    sendPage(
      c,
      pages.get(`${hashShareToken(token)}:${plan.id}:${plan.revision}:${today}`, () =>
        renderPlanPage(planPageView(plan, today), plan.inputs ? planChartSvg(plan, today) : undefined, token),
      ),
    );
}

/**
 * The live calendar (`docs/design/calendar.md`): a subscribed calendar app fetches it again by
 * itself; the feed's ETag (the plan's revision) answers an unchanged plan with 304.
 */
function calendarHandler(plans: Pick<PlanUseCases, 'calendarFeed'>): SharedHandler {
  return async (c, { plan }) => {
    const ics = await plans.calendarFeed(plan.id);
    const headers = {
      ...COMMON_HEADERS,
      'Content-Type': 'text/calendar; charset=utf-8',
      'Cache-Control': 'private, no-cache',
      ETag: ics.etag,
      'Last-Modified': ics.lastModified.toUTCString(),
    };
    return matches(c.req.header('If-None-Match'), [ics.etag]) ? c.body(null, 304, headers) : c.body(ics.content, 200, headers);
  };
}

export function registerSharedPlanRoutes(app: OpenAPIHono<ApiEnv>, options: SharedPlanRoutesOptions): void {
  /** What follows the token → its handler: the page, the live calendar, the watch workouts. */
  const SHARED_FILES = new Map<string, SharedHandler>([
    ['', planPageHandler()],
    ['.ics', calendarHandler(options.plans)],
    ['/fit', sharedFitHandler(options.plans, COMMON_HEADERS)],
  ]);

  app.get(`${PREFIX}*`, async (c) => {
    const parts = SHARED_PATH.exec(c.req.path.slice(PREFIX.length));
    const handler = parts === null ? undefined : SHARED_FILES.get(parts[2] ?? '');
    if (parts === null || handler === undefined) return notFound(c);
    const plan = await options.plans.sharedPlan(parts[1] ?? '');
    if (plan === undefined) return notFound(c);
    return handler(c, { plan, today: todayFor(plan.delivery, new Date(options.clock())), token: parts[1] ?? '' });
  });
}
