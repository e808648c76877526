/**
 * The HTTP API (the seed's endpoints) as a Hono app: JSON routes validated by zod, documented by
 * an OpenAPI 3.1 document generated from the same schemas, each mapped onto the plan use cases.
 * Every `/api/training-plan*` route takes `Authorization: Bearer <key>` and acts as the key's
 * owner; bodies are size-limited, each key is rate-limited, and so are failed authentications per
 * client address. A share link's page (`/p/<token>…`, a club's `/c/<token>`) takes no key: its
 * token is the credential (shared-plan-routes.ts, shared-club-routes.ts). It holds no business logic.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { Conversation } from '../../conversation/conversation.js';
import type { ApiKeyUseCases } from '../../plans/api-keys.js';
import type { ClubUseCases } from '../../plans/club-use-cases.js';
import type { PlanUseCases } from '../../plans/plan-use-cases.js';
import type { ApiEnv } from './api-env.js';
import { createErrorHandler, sendError, validationError } from './api-errors.js';
import { BEARER_SCHEME, healthRoute, readyRoute } from './api-routes.js';
import { AuthFailureLimiter, DEFAULT_AUTH_FAILURE_LIMIT, type AuthFailureLimit } from './auth-failure-limiter.js';
import { bearerAuth } from './bearer-auth.js';
import { bodySizeLimit } from './body-size-limit.js';
import { registerClubRoutes } from './club-routes.js';
import { registerConversationRoutes } from './conversation-routes.js';
import { registerFitRoute } from './fit-route.js';
import { registerIcsRoute } from './ics-route.js';
import { KeyRateLimiter, rateLimit } from './key-rate-limiter.js';
import { registerPlanRoutes } from './plan-routes.js';
import { loggedPath } from './page-response.js';
import { registerSharedClubRoutes } from './shared-club-routes.js';
import { registerSharedPlanRoutes } from './shared-plan-routes.js';
import { registerStravaRoutes, type StravaRoutesOptions } from './strava-routes.js';

export type HttpApiOptions = {
  readonly plans: PlanUseCases;
  /** Clubs (issue 19): the read endpoints of a club's admins (`/api/training-plan/clubs*`). */
  readonly clubs: Pick<ClubUseCases, 'listClubs' | 'showClub' | 'memberPlans' | 'sharedClub'>;
  /**
   * The conversation core: every chat command, button and form over HTTP
   * (`/api/training-plan/conversation/*`), so a command needs no route of its own.
   */
  readonly conversation: Conversation;
  readonly apiKeys: Pick<ApiKeyUseCases, 'authenticate'>;
  readonly logger: Logger;
  /** Whether the service can do its work (the database answers): `GET /readyz`. */
  readonly ready: () => Promise<boolean>;
  /** Largest request body accepted; larger ones get 413 before they are read. */
  readonly bodyLimitBytes: number;
  /** Requests per key per minute; beyond that 429 with Retry-After. */
  readonly rateLimitPerMinute: number;
  /**
   * Failed authentications (missing, unknown or revoked keys) per client address before it gets
   * 429 for the rest of the window. Default `DEFAULT_AUTH_FAILURE_LIMIT`: 20 in 5 minutes.
   */
  readonly authFailureLimit?: AuthFailureLimit;
  /**
   * The Retry-After, in seconds, of the 503 answered while the database cannot be reached.
   * Default `DEFAULT_STORAGE_RETRY_AFTER_SECONDS`: 5.
   */
  readonly storageRetryAfterSeconds?: number;
  /**
   * Milliseconds since the epoch, for the rate limit's windows and "today" of a draft without a
   * start date; pass the clock the use cases run on. Default `Date.now`.
   */
  readonly clock?: () => number;
  /** Strava's callback and webhook (issue 21); absent: Strava is not set up and those routes are 404. */
  readonly strava?: Omit<StravaRoutesOptions, 'logger'>;
};

const OPENAPI_PATH = '/api/openapi.json';
const PLAN_ROUTES = ['/api/training-plan', '/api/training-plan/*'];

export function createHttpApi(options: HttpApiOptions): OpenAPIHono<ApiEnv> {
  const clock = options.clock ?? Date.now;
  const app = new OpenAPIHono<ApiEnv>({
    // Request validation failures of every route: 400 with one message per field.
    defaultHook: (result, c) => (result.success ? undefined : validationError(c, result.error)),
  });
  app.onError(createErrorHandler(options.logger, options.storageRetryAfterSeconds));
  app.notFound((c) => sendError(c, 404, 'NOT_FOUND', `no route ${c.req.method} ${c.req.path}`));

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    options.logger.debug(
      { method: c.req.method, path: loggedPath(c.req.path), status: c.res.status, ms: Math.round(performance.now() - started) },
      'http request',
    );
  });

  const limiter = new KeyRateLimiter(options.rateLimitPerMinute, clock);
  const tooLarge = bodySizeLimit<ApiEnv>(options.bodyLimitBytes, (c) =>
    sendError(c, 413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${options.bodyLimitBytes} bytes`),
  );
  const failures = new AuthFailureLimiter(options.authFailureLimit ?? DEFAULT_AUTH_FAILURE_LIMIT, clock);
  const auth = bearerAuth(options.apiKeys, failures, options.logger);
  for (const path of PLAN_ROUTES) app.use(path, tooLarge, auth, rateLimit(limiter));

  app.openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(readyRoute, async (c) => {
    let ready = false;
    try {
      ready = await options.ready();
    } catch (error) {
      options.logger.debug({ err: error }, 'readiness check failed');
    }
    return ready ? c.json({ status: 'ready' as const }, 200) : c.json({ status: 'unavailable' as const }, 503);
  });

  // Share links' pages (`/p/<token>`): no API key, the token is the credential.
  registerSharedPlanRoutes(app, { plans: options.plans, clock });
  registerSharedClubRoutes(app, { clubs: options.clubs, clock });
  registerIcsRoute(app, options.plans);
  registerFitRoute(app, options.plans);
  registerClubRoutes(app, { clubs: options.clubs, clock });
  registerPlanRoutes(app, { plans: options.plans, clock });
  registerConversationRoutes(app, options.conversation);
  if (options.strava !== undefined) registerStravaRoutes(app, { ...options.strava, logger: options.logger });

  app.openAPIRegistry.registerComponent('securitySchemes', BEARER_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from `gofast apikey create --owner PLATFORM:WORKSPACE:USER`; it acts as that owner.',
  });
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'GoFast Coach API',
      version: '1.0.0',
      description:
        'Training plans from the GoFast rules: create a draft, generate phases and Week 1, confirm, then generate week by week. ' +
        'The same use cases as the Slack, Discord and console surfaces.',
    },
    security: [{ [BEARER_SCHEME]: [] }],
  });
  return app;
}
