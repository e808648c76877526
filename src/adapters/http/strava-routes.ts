/**
 * Strava's routes on the HTTP server (issue 21), with no API key — Strava and the athlete's browser
 * call them:
 *
 * - `GET /strava/callback`: where Strava sends the athlete after the consent page. The code is
 *   exchanged and the link stored; the page says what happened, and the athlete is also told in
 *   chat. The URL carries a one-time code and state, so the page leaks no referrer and is not kept.
 * - `GET /strava/webhook`: the subscription challenge (`hub.challenge` echoed when
 *   `hub.verify_token` is ours).
 * - `POST /strava/webhook`: an event, stored with one write and answered 200 at once (Strava
 *   wants an answer within 2 s); the inbox runner is woken to fetch the activity afterwards.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import { STRAVA_CALLBACK_PATH, STRAVA_WEBHOOK_PATH } from '../../plans/strava/strava-context.js';
import type { StravaUseCases } from '../../plans/strava/strava-use-cases.js';
import { InputError } from '../../domain/errors.js';
import type { ApiEnv } from './api-env.js';
import { sendError } from './api-errors.js';
import { bodySizeLimit } from './body-size-limit.js';
import { escaped, trustedMarkup } from './html.js';
import { COMMON_HEADERS } from './page-response.js';
import { PAGE_STYLE } from './plan-page-html.js';

export type StravaRoutesOptions = {
  readonly strava: Pick<StravaUseCases, 'completeConnection' | 'tellConnected' | 'answerChallenge' | 'receiveEvent'>;
  /** Called after a new event is stored: the inbox runner works on it once its group window passes. */
  readonly wake: () => void;
  readonly logger: Logger;
};

/** A webhook event is a few hundred bytes; anything near this is not Strava. */
const EVENT_BODY_LIMIT = 16 * 1024;

function callbackPage(title: string, text: string): string {
  return escaped`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title} · GoFast Coach</title>
<style>${trustedMarkup(PAGE_STYLE)}</style></head>
<body><div class="wrap"><main><h1>${title}</h1>
<p>${text}</p>
</main></div></body></html>
`.markup;
}

export function registerStravaRoutes(app: OpenAPIHono<ApiEnv>, options: StravaRoutesOptions): void {
  const { strava, logger } = options;

  app.get(STRAVA_CALLBACK_PATH, async (c) => {
    const outcome = await strava.completeConnection({
      state: c.req.query('state'),
      code: c.req.query('code'),
      scope: c.req.query('scope'),
      error: c.req.query('error'),
    });
    const headers = { ...COMMON_HEADERS, 'Cache-Control': 'no-store', 'Content-Type': 'text/html; charset=utf-8' };
    if (outcome.kind === 'refused') {
      logger.info({ identity: outcome.identity, outcome: outcome.message }, 'strava connection refused');
      return c.body(callbackPage('Strava was not connected', outcome.message), 400, headers);
    }
    logger.info({ identity: outcome.identity }, 'strava connected');
    // Told in chat after the page is answered: a chat platform that is slow must not hold the browser.
    void strava.tellConnected(outcome.identity, outcome.athleteName).catch((error: unknown) => {
      logger.warn({ err: error, identity: outcome.identity }, 'could not tell the athlete in chat that Strava is connected');
    });
    const who = outcome.athleteName === null ? '' : ` as ${outcome.athleteName}`;
    return c.body(
      callbackPage(
        'Strava connected',
        `Connected${who}. Your runs will log themselves on your plan; you can close this tab and go back to the chat.`,
      ),
      200,
      headers,
    );
  });

  app.get(STRAVA_WEBHOOK_PATH, (c) => {
    const challenge = strava.answerChallenge({
      mode: c.req.query('hub.mode'),
      verifyToken: c.req.query('hub.verify_token'),
      challenge: c.req.query('hub.challenge'),
    });
    if (challenge === null) return sendError(c, 403, 'UNAUTHORIZED', 'not a subscription challenge with this server’s verify token');
    return c.json({ 'hub.challenge': challenge }, 200);
  });

  app.post(
    STRAVA_WEBHOOK_PATH,
    bodySizeLimit<ApiEnv>(EVENT_BODY_LIMIT, (c) => sendError(c, 413, 'PAYLOAD_TOO_LARGE', 'a Strava event is far smaller than this')),
    async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch (error) {
        logger.debug({ err: error }, 'strava webhook body is not JSON');
        return sendError(c, 400, 'INVALID_INPUT', 'the body is not JSON');
      }
      try {
        const received = await strava.receiveEvent(body);
        if (received === 'received') options.wake();
      } catch (error) {
        if (error instanceof InputError) return sendError(c, 400, 'INVALID_INPUT', error.message, { fields: { ...error.fields } });
        throw error;
      }
      return c.json({}, 200);
    },
  );
}
