/**
 * Watch workouts over HTTP: `GET /api/training-plan/{id}/fit[?week=N]` for an API key's owner, and
 * the handler a share link's `/p/<token>/fit[?week=N]` mounts. Both answer the same zip, made by
 * one use case (`fitWorkouts`); a week that cannot be exported is its one-sentence error.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { OPERATOR } from '../../plans/plan-context.js';
import type { PlanRecord } from '../../plans/plan-record.js';
import type { PlanUseCases } from '../../plans/plan-use-cases.js';
import { FIT_ZIP_MIME, type FitZip } from '../../plans/use-cases/export-fit.js';
import type { ApiEnv } from './api-env.js';
import { fitRoute } from './api-routes.js';

function zipResponse(c: Context<ApiEnv>, zip: FitZip, headers: Readonly<Record<string, string>> = {}): Response {
  // A fresh ArrayBuffer: the zip's bytes, whatever buffer they were cut from.
  return c.body(zip.content.slice().buffer, 200, {
    ...headers,
    'Content-Type': FIT_ZIP_MIME,
    'Content-Disposition': `attachment; filename="${zip.filename}"`,
  });
}

/** `?week=N`: absent is this week; anything else goes to the use case, which refuses what is not a week. */
function weekOf(c: Context<ApiEnv>): number | undefined {
  const text = c.req.query('week');
  return text === undefined ? undefined : /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
}

export function registerFitRoute(app: OpenAPIHono<ApiEnv>, plans: Pick<PlanUseCases, 'fitWorkouts'>): void {
  app.openapi(fitRoute, async (c) => {
    const { id } = c.req.valid('param');
    return zipResponse(c, await plans.fitWorkouts(c.get('owner'), id, weekOf(c)));
  });
}

/**
 * The share link's `/fit`: the plan its token opened, as the operator (the token was the check).
 * `headers` are the share routes' own (no referrer, no indexing, no caching of a credential's answer).
 */
export function sharedFitHandler(plans: Pick<PlanUseCases, 'fitWorkouts'>, headers: Readonly<Record<string, string>> = {}) {
  return async (c: Context<ApiEnv>, shared: { readonly plan: PlanRecord }): Promise<Response> =>
    zipResponse(c, await plans.fitWorkouts(OPERATOR, shared.plan.id, weekOf(c)), headers);
}
