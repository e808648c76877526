/**
 * `Authorization: Bearer <key>` on the plan routes: the key is checked by the API key use cases
 * (hash lookup, revoked keys refused) and the request then acts as the key's owner. Failed
 * authentications are counted per client address; an address that used up its failures gets 429
 * before its key is even looked up (see auth-failure-limiter.ts).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { hashApiKey, type ApiKeyUseCases } from '../../plans/api-keys.js';
import type { ApiEnv } from './api-env.js';
import { sendError } from './api-errors.js';
import type { AuthFailureLimiter } from './auth-failure-limiter.js';

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** The TCP peer's address; requests handed to the app without a socket (app.request) share one. */
function clientAddress(c: Context<ApiEnv>): string {
  // Typed as always present, but absent when the app is called without @hono/node-server.
  const env: ApiEnv['Bindings'] | undefined = c.env;
  return env?.incoming?.socket.remoteAddress ?? 'unknown';
}

export function bearerAuth(
  apiKeys: Pick<ApiKeyUseCases, 'authenticate'>,
  failures: AuthFailureLimiter,
  logger: Logger,
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const address = clientAddress(c);
    const allowed = failures.check(address);
    if (!allowed.allowed) {
      c.header('Retry-After', String(allowed.retryAfterSeconds));
      return sendError(
        c,
        429,
        'RATE_LIMITED',
        `too many failed authentications from this address; try again in ${allowed.retryAfterSeconds} s`,
      );
    }
    const refuse = (message: string, challenge: string): Response => {
      // Logged once per window, when the address is cut off: operators see the guessing, not each guess.
      if (failures.fail(address)) logger.warn({ address }, 'HTTP API: too many failed authentications from one address');
      c.header('WWW-Authenticate', challenge);
      return sendError(c, 401, 'UNAUTHORIZED', message);
    };
    const key = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    if (key === undefined) return refuse('missing API key: send "Authorization: Bearer <key>"', 'Bearer');
    const owner = await apiKeys.authenticate(key);
    // One answer for unknown, malformed and revoked keys: which it was is no one's business.
    if (owner === undefined) return refuse('the API key is not valid (unknown or revoked)', 'Bearer error="invalid_token"');
    c.set('owner', owner);
    c.set('keyId', hashApiKey(key));
    await next();
    return undefined;
  };
}
