/**
 * The plan routes: each maps its validated request onto one use case and its result onto the
 * response schema. Errors are thrown on to the error handler, which maps them to status codes.
 */
import { createHash } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import { parsePlanInputs } from '../../domain/plan-inputs.js';
import type { Draft } from '../../plans/plan-record.js';
import { todayFor } from '../../plans/plan-schedule.js';
import type { PlanUseCases } from '../../plans/plan-use-cases.js';
import type { ApiEnv } from './api-env.js';
import { cancelRoute, confirmRoute, createPlanRoute, getPlanRoute, previewRoute, weekRoute } from './api-routes.js';
import type { CreatePlanBody } from './api-schemas.js';
import { generatedPlanJson, generatedWeekJson, planJson, planJsonText, type JsonText } from './plan-responses.js';

export type PlanRouteDeps = {
  readonly plans: PlanUseCases;
  /** Milliseconds since the epoch: "today" for a draft without a start date. */
  readonly clock: () => number;
};

/** The body as the draft's typed fields (numbers and day lists written as a person would type them). */
function draftOf(body: CreatePlanBody): Draft {
  const text = (value: string | number | undefined): string | undefined => (value === undefined ? undefined : String(value));
  const fields: Draft = {
    raceName: body.raceName,
    distance: text(body.distance),
    raceDate: body.raceDate,
    startDate: body.startDate,
    goal: body.goal,
    fiveK: body.fiveK,
    mileage: text(body.mileage),
    days: Array.isArray(body.days) ? body.days.join(',') : body.days,
    units: body.units,
    recentLong: text(body.recentLong),
    longDay: text(body.longDay),
  };
  // Left-out fields stay out of the stored draft rather than being stored as undefined.
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Draft;
}

/** JSON with object keys sorted at every depth, so equal values always give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What a create asks for, as a digest: the draft as it will be stored and the time zone. Hashed
 * after `draftOf`, so spellings that make the same draft (`days: [2, 4]` or `"2,4"`, key order,
 * white space) count as the same request when an Idempotency-Key is repeated.
 */
function requestHashOf(fields: Draft, timezone: string): string {
  return createHash('sha256').update(canonicalJson({ fields, timezone })).digest('base64url');
}

/** A 200 JSON response from text already serialized, typed as the value it serializes. */
function sendJsonText<T>(c: Context, text: JsonText<T>): Response & TypedResponse<T, 200, 'json'> {
  // JsonText<T> is only made by serializing a T, so the typed response is true to its body.
  const response: Response = c.body(text, 200, { 'content-type': 'application/json' });
  return response as Response & TypedResponse<T, 200, 'json'>;
}

export function registerPlanRoutes(app: OpenAPIHono<ApiEnv>, deps: PlanRouteDeps): void {
  const { plans } = deps;

  app.openapi(createPlanRoute, async (c) => {
    const body = c.req.valid('json');
    const idempotencyKey = c.req.valid('header')['idempotency-key'];
    const owner = c.get('owner');
    const fields = draftOf(body);
    const timezone = body.timezone ?? 'UTC';
    // Validated in full now, so that a draft that could never become a plan is refused here. A
    // start already past is accepted (no `refusePastStart`): API clients backfill plans.
    parsePlanInputs(fields, todayFor({ timezone }, new Date(deps.clock())));
    const requestHash = requestHashOf(fields, timezone);
    const plan = await plans.startDraft({
      owner,
      fields,
      delivery: { timezone },
      // Scoped to the owner: two clients choosing the same key never meet.
      ...(idempotencyKey === undefined ? {} : { requestKey: `http:${owner}:${idempotencyKey}`, requestHash }),
    });
    // The key found a plan made by another request: answering with that plan would tell the client
    // its new inputs were taken. A plan stored before digests were kept has none and is answered.
    if (idempotencyKey !== undefined && plan.requestHash !== undefined && plan.requestHash !== requestHash) {
      return c.json(
        {
          error: {
            code: 'IDEMPOTENCY_KEY_REUSED' as const,
            message: 'this Idempotency-Key was already used with a different request body; send a new key for a new plan',
          },
        },
        422,
      );
    }
    return c.json({ trainingPlanId: plan.id, status: plan.status }, 201);
  });

  app.openapi(previewRoute, async (c) => {
    const { trainingPlanId } = c.req.valid('json');
    const plan = await plans.previewPlan(c.get('owner'), trainingPlanId);
    const { preview, inputs } = plan;
    if (!preview || !inputs) throw new Error(`plan ${plan.id} has no preview after previewPlan`);
    return c.json(generatedPlanJson({ ...plan, inputs }, preview), 200);
  });

  app.openapi(confirmRoute, async (c) => {
    const { trainingPlanId } = c.req.valid('json');
    const plan = await plans.confirmPlan(c.get('owner'), trainingPlanId);
    return c.json({ trainingPlanId: plan.id, status: plan.status }, 200);
  });

  app.openapi(weekRoute, async (c) => {
    const request = c.req.valid('json');
    const owner = c.get('owner');
    const { trainingPlanId, weekNumber, previousWeekExecution } = request;
    const { plan, week } = await plans.requestWeek(owner, trainingPlanId, weekNumber, previousWeekExecution);
    return c.json(generatedWeekJson(plan, week), 200);
  });

  app.openapi(getPlanRoute, async (c) => {
    const plan = await plans.getPlan(c.get('owner'), c.req.valid('param').id);
    return sendJsonText(c, planJsonText(plan));
  });

  app.openapi(cancelRoute, async (c) => {
    const plan = await plans.cancelPlan(c.get('owner'), c.req.valid('param').id);
    return c.json(planJson(plan), 200);
  });
}
