/**
 * `GET /p/<token>…`: what a share link opens, with no API key (the token is the credential). One
 * route takes every `/p/` path, splits it into the token and what follows (`''` the page; next to
 * it, one line each in `SHARED_FILES`, `.ics` and `/fit`), and answers a token that opens no plan
 * — malformed, unknown, revoked, a cancelled plan — and a suffix it does not know with the same
 * 404 body. Each request looks its token up in the store (`plans.sharedPlan`), so a revoked link
 * fails at once on every instance.
 *
 * The page is cacheable by the browser only (`private, no-cache`: revalidated each time, so a
 * revoke is never hidden by a cache) with a strong ETag, the hash of the body (the gzipped bytes,
 * sent to clients that take them, tagged apart); a matching If-None-Match gets 304. Rendered pages
 * are kept per plan revision and day, not per token: the cache can only skip rendering, never a
 * lookup.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { planChartSvg } from '../../conversation/charts/plan-chart-svg.js';
import { planPageView } from '../../conversation/plan-page-view.js';
import type { PlanRecord } from '../../plans/plan-record.js';
import type { PlanUseCases } from '../../plans/plan-use-cases.js';
import { todayFor } from '../../plans/plan-schedule.js';
import type { ApiEnv } from './api-env.js';
import { sharedFitHandler } from './fit-route.js';
import { NOT_FOUND_PAGE, PAGE_STYLE_HASH, renderPlanPage } from './plan-page-html.js';

/** What a shared resource's handler gets: the plan the token opened and the athlete's today. */
type SharedPlanRequest = { readonly plan: PlanRecord; readonly today: string };

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

/** Nothing the page links to or runs: its one style sheet by hash, the chart inline. */
const PAGE_CSP = `default-src 'none'; style-src '${PAGE_STYLE_HASH}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** Headers of every answer under /p/: the URL is a credential, so it must not leak or be indexed. */
const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': PAGE_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex, nofollow',
};

/** A page as sent: as is, and gzipped for the clients that take it (every browser), each with its tag. */
type Rendered = {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly etag: string;
  readonly gzipped: Uint8Array<ArrayBuffer>;
  readonly gzipEtag: string;
};

function rendered(html: string): Rendered {
  const body = new TextEncoder().encode(html);
  // A strong tag names one representation: the gzipped bytes get their own.
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 32);
  return { body, etag: `"${hash}"`, gzipped: new Uint8Array(gzipSync(body)), gzipEtag: `"${hash}-gz"` };
}

/** Whether Accept-Encoding takes gzip (listed, and not with q=0). */
function takesGzip(acceptEncoding: string | undefined): boolean {
  return (acceptEncoding ?? '').split(',').some((entry) => {
    const [coding = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    return (coding === 'gzip' || coding === '*') && !params.some((p) => /^q=0(\.0*)?$/.test(p));
  });
}

/** Whether If-None-Match names one of this page's tags (a list, `*`, or a weak form all match for GET). */
function matches(ifNoneMatch: string | undefined, etags: readonly string[]): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || etags.includes(t));
}

function notFound(c: Context<ApiEnv>): Response {
  return c.html(NOT_FOUND_PAGE, 404, { ...COMMON_HEADERS, 'Cache-Control': 'no-store' });
}

/** The page of a shared plan, rendered (and gzipped) once per plan revision and day. */
function planPageHandler(): SharedHandler {
  const pages = new Map<string, Rendered>();
  return (c, { plan, today }) => {
    const key = `${plan.id}:${plan.revision}:${today}`;
    let page = pages.get(key);
    if (page === undefined) {
      page = rendered(renderPlanPage(planPageView(plan, today), plan.inputs ? planChartSvg(plan, today) : undefined));
      if (pages.size >= RENDERED_LIMIT) pages.delete(pages.keys().next().value ?? key);
      pages.set(key, page);
    }
    const gzip = takesGzip(c.req.header('Accept-Encoding'));
    const headers: Record<string, string> = {
      ...COMMON_HEADERS,
      'Cache-Control': 'private, no-cache',
      Vary: 'Accept-Encoding',
      ETag: gzip ? page.gzipEtag : page.etag,
      'Content-Type': 'text/html; charset=utf-8',
    };
    if (matches(c.req.header('If-None-Match'), [page.etag, page.gzipEtag])) return c.body(null, 304, headers);
    if (!gzip) return c.body(page.body, 200, headers);
    return c.body(page.gzipped, 200, { ...headers, 'Content-Encoding': 'gzip' });
  };
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
    return handler(c, { plan, today: todayFor(plan.delivery, new Date(options.clock())) });
  });
}

/** A request path as logged: a share link's token is a credential, so it never reaches the logs. */
export function loggedPath(path: string): string {
  return path.startsWith(PREFIX) ? `${PREFIX}…` : path;
}
