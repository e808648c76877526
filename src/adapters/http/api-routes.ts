/**
 * The routes of the HTTP API as OpenAPI route definitions: method, path, request schemas and every
 * response each can give. The app validates requests against them and the OpenAPI document is
 * generated from them.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  confirmBodySchema,
  confirmedPlanSchema,
  createPlanBodySchema,
  createdPlanSchema,
  errorBodySchema,
  fitQuerySchema,
  generatedPlanSchema,
  generatedWeekSchema,
  healthSchema,
  idempotencyHeadersSchema,
  planIdBodySchema,
  planIdParamsSchema,
  planSchema,
  weekRequestSchema,
} from './api-schemas.js';
import { clubIdParamsSchema, clubListQuerySchema, clubListSchema, clubSchema, clubStatusSchema } from './club-schemas.js';
import { buttonBodySchema, commandBodySchema, formBodySchema, viewsSchema } from './conversation-schemas.js';

export const BEARER_SCHEME = 'bearerAuth';
const security = [{ [BEARER_SCHEME]: [] }];

const ERROR_DESCRIPTIONS = {
  400: 'Invalid input (field errors in error.fields), or malformed JSON.',
  401: 'Missing, unknown or revoked API key.',
  404: 'No plan with that id for the key’s owner (PLAN_NOT_FOUND); another owner’s plan answers exactly the same.',
  409: 'The plan is in the wrong state for this (WRONG_STATE), complete (PLAN_COMPLETE), or kept changing (CONFLICT).',
  413: 'The body is larger than the limit.',
  415: 'The body is not application/json.',
  422: 'The Idempotency-Key was already used with a different body (IDEMPOTENCY_KEY_REUSED).',
  429: 'Too many requests for this key, or too many failed authentications from this address; Retry-After says when to try again.',
  500: 'Failure on our side; error.ref identifies it in the logs.',
  503: 'The database cannot be reached for now (STORAGE_UNAVAILABLE); send the request again after Retry-After seconds.',
} as const;
type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

type HeaderDoc = { description: string; schema: { type: 'integer' | 'string' } };

const ERROR_HEADERS: Partial<Record<ErrorStatus, Record<string, HeaderDoc>>> = {
  401: { 'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } } },
  429: { 'Retry-After': { description: 'Seconds until the key (or address) may make requests again.', schema: { type: 'integer' } } },
  503: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } },
};

function errorResponse(status: ErrorStatus) {
  const headers: Record<string, HeaderDoc> = ERROR_HEADERS[status] ?? {};
  return { description: ERROR_DESCRIPTIONS[status], headers, content: { 'application/json': { schema: errorBodySchema } } };
}

/** Errors every authenticated route can answer with. */
const AUTHED_ERRORS = {
  400: errorResponse(400),
  401: errorResponse(401),
  429: errorResponse(429),
  500: errorResponse(500),
  503: errorResponse(503),
} as const;
/** And those of a route that takes a JSON body. */
const BODY_ERRORS = { ...AUTHED_ERRORS, 413: errorResponse(413), 415: errorResponse(415) } as const;
/** And those of a route that acts on one plan. */
const PLAN_ERRORS = { 404: errorResponse(404), 409: errorResponse(409) } as const;

const jsonBody = <T extends z.ZodType>(schema: T, description: string) => ({
  required: true,
  description,
  content: { 'application/json': { schema } },
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const createPlanRoute = createRoute({
  method: 'post',
  path: '/api/training-plan',
  summary: 'Create a draft plan from the athlete’s inputs',
  description: 'The inputs are validated in full now, so a draft that could not become a plan is refused with field errors.',
  security,
  request: { headers: idempotencyHeadersSchema, body: jsonBody(createPlanBodySchema, 'The plan inputs as typed.') },
  responses: {
    201: json(createdPlanSchema, 'The draft was created (or, with a repeated Idempotency-Key and the same body, found).'),
    ...BODY_ERRORS,
    422: errorResponse(422),
  },
});

export const previewRoute = createRoute({
  method: 'post',
  path: '/api/training-plan/generate',
  summary: 'Generate phases and Week 1 for review',
  description: 'The preview is stored on the plan (status preview); calling again returns the same preview.',
  security,
  request: { body: jsonBody(planIdBodySchema, 'The draft to generate.') },
  responses: { 200: json(generatedPlanSchema, 'The seed’s GeneratedPlan with paces and warnings.'), ...BODY_ERRORS, ...PLAN_ERRORS },
});

export const confirmRoute = createRoute({
  method: 'put',
  path: '/api/training-plan/generate',
  summary: 'Confirm the preview: the plan becomes active with Week 1',
  description: 'Idempotent: confirming an active plan again returns the same answer.',
  security,
  request: { body: jsonBody(confirmBodySchema, 'The plan to confirm.') },
  responses: { 200: json(confirmedPlanSchema, 'The plan is active.'), ...BODY_ERRORS, ...PLAN_ERRORS },
});

export const weekRoute = createRoute({
  method: 'post',
  path: '/api/training-plan/week/generate',
  summary: 'Generate week N of an active plan (or return it if it exists)',
  description:
    'Week N − 1 must exist (400 names the missing week). previousWeekExecution, when given, is logged on week N − 1 first. ' +
    'An existing week is returned as it is, never made twice.',
  security,
  request: { body: jsonBody(weekRequestSchema, 'The plan, the week, and optionally what the athlete did the week before.') },
  responses: { 200: json(generatedWeekSchema, 'The week.'), ...BODY_ERRORS, ...PLAN_ERRORS },
});

export const getPlanRoute = createRoute({
  method: 'get',
  path: '/api/training-plan/{id}',
  summary: 'The whole plan',
  security,
  request: { params: planIdParamsSchema },
  responses: { 200: json(planSchema, 'The plan.'), ...AUTHED_ERRORS, 404: errorResponse(404) },
});

export const icsRoute = createRoute({
  method: 'get',
  path: '/api/training-plan/{id}.ics',
  summary: 'The plan as an iCalendar file: the weeks made, the rest projected (tentative), the race',
  security,
  request: { params: planIdParamsSchema },
  responses: {
    200: {
      description:
        'One all-day event per run day: the weeks made, the weeks not made yet as STATUS:TENTATIVE, the race day and tune-ups. UIDs are the plan and the date, so calendar apps update them in place.',
      headers: { 'Content-Disposition': { description: 'attachment; filename=…', schema: { type: 'string' as const } } },
      content: { 'text/calendar': { schema: z.string() } },
    },
    ...AUTHED_ERRORS,
    ...PLAN_ERRORS,
  },
});

export const fitRoute = createRoute({
  method: 'get',
  path: '/api/training-plan/{id}/fit',
  summary: 'A week of the plan as workouts for a watch: a zip of FIT workout files, one per run day',
  description:
    'Without week, this week in the plan’s time zone. Each file (`2027-01-12-intervals.fit`) has warm-up, work, recovery and cool-down steps with distances and pace ranges, repeats as repeat steps; rest and cross-training days have none. A week outside the plan is 400; one not made yet, or a plan not confirmed, 409.',
  security,
  request: { params: planIdParamsSchema, query: fitQuerySchema },
  responses: {
    200: {
      description: 'The zip.',
      headers: { 'Content-Disposition': { description: 'attachment; filename=…', schema: { type: 'string' as const } } },
      content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...AUTHED_ERRORS,
    ...PLAN_ERRORS,
  },
});

export const cancelRoute = createRoute({
  method: 'delete',
  path: '/api/training-plan/{id}',
  summary: 'Cancel the plan',
  description: 'Idempotent: cancelling a cancelled plan returns it unchanged.',
  security,
  request: { params: planIdParamsSchema },
  responses: { 200: json(planSchema, 'The cancelled plan.'), ...AUTHED_ERRORS, ...PLAN_ERRORS },
});

export const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness: the process answers',
  security: [],
  responses: { 200: json(healthSchema, 'Alive.') },
});

export const readyRoute = createRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Readiness: the database is reachable',
  security: [],
  responses: { 200: json(healthSchema, 'Ready.'), 503: json(healthSchema, 'Not ready: the database cannot be reached.') },
});

// The conversation over HTTP (conversation-routes.ts): what the core answers is its views; what it
// refuses (bad input, not your plan) is one of them too, as in chat.
const conversationAnswer = { 200: json(viewsSchema, 'The coach’s answer, as views.'), ...BODY_ERRORS } as const;

export const conversationCommandRoute = createRoute({
  method: 'post',
  path: '/api/training-plan/conversation/command',
  summary: 'Run a chat command as the key’s owner',
  description:
    'Any command `/plan help` lists, typed as in chat (`pause until=2027-01-10`, `week 3`); the answer is the views a chat surface shows.',
  security,
  request: { body: jsonBody(commandBodySchema, 'The command as typed.') },
  responses: conversationAnswer,
});

export const conversationButtonRoute = createRoute({
  method: 'post',
  path: '/api/training-plan/conversation/button',
  summary: 'Press a button of a view',
  description: 'The actionId, planId and value of a button in an earlier answer (Confirm, Accept, Done).',
  security,
  request: { body: jsonBody(buttonBodySchema, 'The button pressed.') },
  responses: conversationAnswer,
});

export const conversationFormRoute = createRoute({
  method: 'post',
  path: '/api/training-plan/conversation/form',
  summary: 'Send a form of a view',
  description: 'The formId and planId of a form in an earlier answer, with the field values as typed.',
  security,
  request: { body: jsonBody(formBodySchema, 'The form’s values.') },
  responses: conversationAnswer,
});

// The club read endpoints (club-routes.ts, issue 19): what a club's admins may read with their key.
// Over HTTP no platform can be asked about roles, so the admins are the club's creator and the
// admins listed in its settings; a club the key's owner is not an admin of answers as an unknown
// id does, as another owner's plan does.
const CLUB_NOT_FOUND = {
  ...errorResponse(404),
  description:
    'No club with that id of which the key’s owner is an admin (CLUB_NOT_FOUND); a club the owner is not an admin of answers exactly the same.',
};

export const listClubsRoute = createRoute({
  method: 'get',
  path: '/api/training-plan/clubs',
  summary: 'The clubs the key’s owner is an admin of',
  description:
    'Clubs whose creator, or one of whose listed admins, is the key’s owner (a chat identity such as slack:T123:U456). ' +
    'Channel admins by the platform’s own roles count in chat only: they are not known here.',
  security,
  request: { query: clubListQuerySchema },
  responses: { 200: json(clubListSchema, 'The clubs, newest first.'), ...AUTHED_ERRORS },
});

export const getClubRoute = createRoute({
  method: 'get',
  path: '/api/training-plan/clubs/{id}',
  summary: 'A club: its race or season, group days, weekly post, admins and members',
  security,
  request: { params: clubIdParamsSchema },
  responses: { 200: json(clubSchema, 'The club.'), ...AUTHED_ERRORS, 404: CLUB_NOT_FOUND },
});

export const clubStatusRoute = createRoute({
  method: 'get',
  path: '/api/training-plan/clubs/{id}/status',
  summary: 'The coach’s view: how each member is doing',
  description:
    'As `/plan club status` in chat: for each member with an active plan, the last week logged, miles planned against done this week and over 4 weeks, whether they are paused, and the flags a coach acts on.',
  security,
  request: { params: clubIdParamsSchema },
  responses: { 200: json(clubStatusSchema, 'The members’ figures.'), ...AUTHED_ERRORS, 404: CLUB_NOT_FOUND },
});
