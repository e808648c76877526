/** What the middleware hands the route handlers through the request context. */
import type { IncomingMessage } from 'node:http';
import type { Identity } from '../../plans/plan-record.js';

export type ApiEnv = {
  /** What @hono/node-server passes each request: the client's address is read from its socket. */
  Bindings: { incoming?: IncomingMessage };
  Variables: {
    /** The owner the request's API key acts as: the use cases' owner checks apply to it. */
    owner: Identity;
    /** The key's hash: what the rate limit counts requests by (the key itself is not kept). */
    keyId: string;
  };
};
