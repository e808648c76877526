/**
 * `GET /api/training-plan/{id}.ics`. Hono's router cannot take `{id}.ics` from an OpenAPI path
 * (it would read a parameter named `id.ics`), so the handler is mounted on a pattern of its own
 * and the route definition is registered for the document only; the id is validated by the same
 * schema as the other routes'.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { PlanUseCases } from '../../plans/plan-use-cases.js';
import type { ApiEnv } from './api-env.js';
import { validationError } from './api-errors.js';
import { icsRoute } from './api-routes.js';
import { planIdParamsSchema } from './api-schemas.js';

/** Mount before `GET /api/training-plan/{id}`, which would otherwise take `abc.ics` for an id. */
const ICS_PATH = '/api/training-plan/:file{[^/]+\\.ics}';

export function registerIcsRoute(app: OpenAPIHono<ApiEnv>, plans: PlanUseCases): void {
  app.openAPIRegistry.registerPath(icsRoute);
  app.get(ICS_PATH, async (c) => {
    const params = planIdParamsSchema.safeParse({ id: c.req.param('file').slice(0, -'.ics'.length) });
    if (!params.success) return validationError(c, params.error);
    const ics = await plans.exportPlanIcs(c.get('owner'), params.data.id);
    return c.body(ics.content, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${ics.filename}"`,
    });
  });
}
