/**
 * Errors to HTTP answers: the use cases' typed errors to the seed's status codes, the framework's
 * own (malformed JSON, oversized or non-JSON bodies) to the same error envelope, a database that
 * cannot be reached to a 503 with Retry-After, and anything
 * else to a 500 that carries a reference id and nothing of the failure itself. The failure is
 * logged once, here, under that id.
 */
import { randomUUID } from 'node:crypto';
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import type { ZodError } from 'zod';
import { GoFastError, InputError, type ErrorCode } from '../../domain/errors.js';
import { ClubError } from '../../plans/club-errors.js';
import type { ApiErrorCode, ErrorBody } from './api-schemas.js';
import { loggedPath } from './page-response.js';

function errorBody(code: ApiErrorCode, message: string, extra: { fields?: Record<string, string>; ref?: string } = {}): ErrorBody {
  return { error: { code, message, ...extra } };
}

export function sendError(
  c: Context,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  extra: { fields?: Record<string, string>; ref?: string } = {},
): Response {
  return c.json(errorBody(code, message, extra), status);
}

/** The seed's statuses for the use cases' user-facing errors. */
const ANSWER_OF: Partial<Record<ErrorCode, readonly [ContentfulStatusCode, ApiErrorCode]>> = {
  INVALID_INPUT: [400, 'INVALID_INPUT'],
  WRONG_STATE: [409, 'WRONG_STATE'],
  PLAN_COMPLETE: [409, 'PLAN_COMPLETE'],
  CONFLICT: [409, 'CONFLICT'],
};

const PLAN_NOT_FOUND_MESSAGE = "no plan with that id for this API key's owner";
const CLUB_NOT_FOUND_MESSAGE = "no club with that id of which this API key's owner is an admin";

/** One message per field (the first), keyed by the field's path; body-level issues under `body`. */
function fieldErrors(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= 'unknown field';
      continue;
    }
    const path = issue.path.map(String).join('.') || 'body';
    fields[path] ??= issue.message;
  }
  return fields;
}

export function validationError(c: Context, error: ZodError): Response {
  const fields = fieldErrors(error);
  const [first] = Object.entries(fields);
  return sendError(c, 400, 'INVALID_INPUT', first ? `${first[0]}: ${first[1]}` : 'invalid request', { fields });
}

function frameworkError(c: Context, error: HTTPException): Response | undefined {
  switch (error.status) {
    case 400:
      // Hono's JSON validator: the body did not parse.
      return sendError(c, 400, 'INVALID_INPUT', 'malformed JSON in the request body', { fields: { body: 'must be valid JSON' } });
    case 413:
      return sendError(c, 413, 'PAYLOAD_TOO_LARGE', 'the request body is larger than the limit');
    case 415:
      return sendError(c, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
    case 404:
      return sendError(c, 404, 'NOT_FOUND', 'no such route');
    default:
      return undefined;
  }
}

/** Seconds a client is told to wait (Retry-After) when the database cannot be reached. */
const DEFAULT_STORAGE_RETRY_AFTER_SECONDS = 5;

export function createErrorHandler(logger: Logger, storageRetryAfterSeconds = DEFAULT_STORAGE_RETRY_AFTER_SECONDS): ErrorHandler {
  return (error, c) => {
    if (error instanceof HTTPException) {
      const answer = frameworkError(c, error);
      if (answer) return answer;
    }
    if (error instanceof ClubError && (error.code === 'PLAN_NOT_FOUND' || error.code === 'NOT_YOUR_PLAN')) {
      // A club the key's owner is not an admin of answers as an unknown id does, as plans do.
      return sendError(c, 404, 'CLUB_NOT_FOUND', CLUB_NOT_FOUND_MESSAGE);
    }
    if (error instanceof GoFastError && (error.code === 'PLAN_NOT_FOUND' || error.code === 'NOT_YOUR_PLAN')) {
      // Another owner's plan answers exactly as an unknown id does (status, code and message, no
      // id), so a key cannot learn which ids exist by probing them.
      return sendError(c, 404, 'PLAN_NOT_FOUND', PLAN_NOT_FOUND_MESSAGE);
    }
    if (error instanceof GoFastError && error.code === 'STORAGE_UNAVAILABLE') {
      // An outage, not a bug: one warning (no ref to quote) and an answer the client can retry on.
      logger.warn({ err: error, method: c.req.method, path: loggedPath(c.req.path) }, 'HTTP API: the database cannot be reached');
      c.header('Retry-After', String(storageRetryAfterSeconds));
      return sendError(
        c,
        503,
        'STORAGE_UNAVAILABLE',
        `the database cannot be reached right now; try again in ${storageRetryAfterSeconds} seconds`,
      );
    }
    if (error instanceof GoFastError && error.userFacing) {
      const answer = ANSWER_OF[error.code];
      if (answer !== undefined) {
        const fields = error instanceof InputError ? { fields: { ...error.fields } } : {};
        return sendError(c, answer[0], answer[1], error.message, fields);
      }
    }
    const ref = randomUUID();
    logger.error({ err: error, ref, method: c.req.method, path: loggedPath(c.req.path) }, 'HTTP API request failed');
    return sendError(c, 500, 'INTERNAL', `something went wrong on our side; quote ref ${ref} when reporting it`, { ref });
  };
}
