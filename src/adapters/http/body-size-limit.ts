/**
 * The request body limit. A body whose size is declared (`Content-Length`, no
 * `Transfer-Encoding`) is judged by that header alone, so the body is never opened as a web
 * stream here and the route can read it through the Node server's direct path; asking
 * `Request.body` turns every request into a full undici Request with a ReadableStream (a fifth of
 * an API request's time, measured). A chunked body, whose size nobody declared, is counted as it
 * streams in by Hono's own limiter.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export function bodySizeLimit<E extends object>(maxBytes: number, tooLarge: (c: Context<E>) => Response): MiddlewareHandler<E> {
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    const chunked = c.req.header('transfer-encoding') !== undefined;
    const declared = c.req.header('content-length');
    if (!chunked) {
      // HTTP/1.1: with neither header there is no body at all.
      if (declared === undefined) return next();
      const bytes = Number(declared);
      if (Number.isSafeInteger(bytes) && bytes >= 0) return bytes > maxBytes ? tooLarge(c) : next();
    }
    return streamed(c, next);
  };
}
