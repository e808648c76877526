/**
 * `Authorization: Bearer <key>` on the plan routes: the key is checked by the API key use cases
 * (hash lookup, revoked keys refused) and the request then acts as the key's owner.
 */
import type { MiddlewareHandler } from 'hono';
import { hashApiKey, type ApiKeyUseCases } from '../../plans/api-keys.js';
import type { ApiEnv } from './api-env.js';
import { sendError } from './api-errors.js';

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

export function bearerAuth(apiKeys: Pick<ApiKeyUseCases, 'authenticate'>): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const key = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    if (key === undefined) {
      c.header('WWW-Authenticate', 'Bearer');
      return sendError(c, 401, 'UNAUTHORIZED', 'missing API key: send "Authorization: Bearer <key>"');
    }
    const owner = await apiKeys.authenticate(key);
    if (owner === undefined) {
      // One answer for unknown, malformed and revoked keys: which it was is no one's business.
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return sendError(c, 401, 'UNAUTHORIZED', 'the API key is not valid (unknown or revoked)');
    }
    c.set('owner', owner);
    c.set('keyId', hashApiKey(key));
    await next();
    return undefined;
  };
}
