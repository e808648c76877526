/**
 * How every request to Strava goes out (issue 21): through one budget per application (Strava
 * counts per application, so all athletes share it), a few at a time, each with a timeout. A
 * window known to be used up is waited out before sending; a 429 is waited out until the spent
 * window resets (or, when the headers do not say which, with exponential backoff) and retried.
 * When the wait for one call would pass `maxWaitMs`, the call fails with `rate-limited` and the
 * time it is worth retrying: the caller (a queue) would rather put the work back than hold it.
 *
 * Statuses become `StravaApiError` codes. Messages name the endpoint and status, never a token,
 * code or the client secret: every secret the request carried is scrubbed from what Strava said.
 */
import { type ZodType } from 'zod';
import { StravaApiError, type StravaApiErrorCode } from '../../plans/strava/strava-api.js';
import { createConcurrencyGate, type ConcurrencyGate } from './concurrency-gate.js';
import { backoffMs, parseRateLimitHeaders, RateLimitBudget } from './strava-rate-limits.js';
import { errorResponseSchema, type StravaErrorBody } from './strava-wire-schemas.js';

export type StravaTransportOptions = {
  readonly fetch?: typeof fetch;
  /** Milliseconds since the epoch; the windows reset on this clock. */
  readonly clock?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** The longest one call waits for limits before failing with `rate-limited` (default 60 s). */
  readonly maxWaitMs?: number;
  /** Per request, until the whole body is read (default 10 s). */
  readonly timeoutMs?: number;
  /** Requests in flight at once (default 4). */
  readonly maxConcurrent?: number;
};

const DEFAULT_MAX_WAIT_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_CONCURRENT = 4;

type StravaRequest = {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  /** The endpoint as messages name it (`GET /activities/{id}`): no query, no secrets. */
  readonly label: string;
  readonly bearer?: string;
  /** Sent as application/x-www-form-urlencoded, as Strava's OAuth and subscription endpoints document. */
  readonly form?: Readonly<Record<string, string>>;
  /** Values that must never appear in a message (the client secret, codes, tokens in the URL). */
  readonly secrets?: readonly string[];
  /**
   * The code of a 4xx when the endpoint's errors say more than its status: the token endpoint
   * answers 400 naming `refresh_token` (or `code`) for a revoked or spent credential, and names
   * `client_secret` when the application's own credentials are wrong. Undefined: by status.
   */
  readonly classify?: (status: number, body: StravaErrorBody | undefined) => StravaApiErrorCode | undefined;
};

type StravaResponse = { readonly status: number; readonly body: unknown };

export type StravaTransport = {
  /** Sends the request, riding out rate limits; a non-2xx answer throws `StravaApiError`. */
  send(request: StravaRequest): Promise<StravaResponse>;
  /** The body read with `schema`, or `bad-response`. */
  read<T>(request: StravaRequest, schema: ZodType<T>): Promise<T>;
};

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out;
}

/** What Strava said went wrong (`field: code` of each error), scrubbed and short, for operators. */
function detail(body: StravaErrorBody | undefined, secrets: readonly string[]): string {
  if (body === undefined) return '';
  const parts = (body.errors ?? [])
    .map((e) => [e.resource, e.field, e.code].filter((p) => p !== undefined && p !== '').join(' '))
    .filter((p) => p !== '');
  const text = (parts.length > 0 ? parts.join('; ') : (body.message ?? '')).slice(0, 200);
  return text === '' ? '' : ` (${scrub(text, secrets)})`;
}

function codeFor(status: number): StravaApiErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status >= 500) return 'unavailable';
  return 'bad-response';
}

async function readBody(response: Response): Promise<{ json: unknown; ok: boolean }> {
  const text = await response.text();
  if (text.trim() === '') return { json: undefined, ok: true };
  try {
    return { json: JSON.parse(text) as unknown, ok: true };
  } catch {
    // Not JSON: a proxy's error page, or a broken server. The caller decides what that means.
    return { json: undefined, ok: false };
  }
}

export function createStravaTransport(options: StravaTransportOptions = {}): StravaTransport {
  const doFetch = options.fetch ?? fetch;
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const gate: ConcurrencyGate = createConcurrencyGate(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
  const budget = new RateLimitBudget();

  /** One attempt: the status, the headers' counts recorded, the body read. */
  async function attempt(request: StravaRequest): Promise<{ status: number; json: unknown; jsonOk: boolean }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.bearer !== undefined) headers.authorization = `Bearer ${request.bearer}`;
    let body: string | undefined;
    if (request.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    }
    try {
      const response = await doFetch(request.url, {
        method: request.method,
        headers,
        ...(body === undefined ? {} : { body }),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      budget.observe(
        parseRateLimitHeaders((name) => response.headers.get(name)),
        clock(),
      );
      const { json, ok } = await readBody(response);
      return { status: response.status, json, jsonOk: ok };
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new StravaApiError(
        'unavailable',
        timedOut
          ? `Strava did not answer ${request.label} within ${timeoutMs} ms`
          : `Strava could not be reached for ${request.label}${error instanceof Error ? `: ${scrub(error.message, secretsOf(request))}` : ''}`,
      );
    }
  }

  function secretsOf(request: StravaRequest): string[] {
    return [...(request.secrets ?? []), ...(request.bearer === undefined ? [] : [request.bearer]), ...Object.values(request.form ?? {})];
  }

  async function send(request: StravaRequest): Promise<StravaResponse> {
    let waited = 0;
    let unexplained429s = 0;
    /** Waits `ms`, or fails when the call's total wait would pass maxWaitMs. */
    const wait = async (ms: number, why: string): Promise<void> => {
      if (waited + ms > maxWaitMs) {
        throw new StravaApiError('rate-limited', `Strava's ${why} for ${request.label}; retry after the reset`, new Date(clock() + ms));
      }
      waited += ms;
      await sleep(ms);
    };
    for (;;) {
      const now = clock();
      const spent = budget.exhausted(now);
      if (spent !== null) {
        await wait(spent.resetAt - now, `${spent.window} rate limit is used up`);
        continue;
      }
      budget.take(now);
      const { status, json, jsonOk } = await gate(() => attempt(request));
      if (status === 429) {
        const after = clock();
        const exhausted = budget.exhausted(after);
        if (exhausted !== null) await wait(exhausted.resetAt - after, `${exhausted.window} rate limit is used up (429)`);
        else await wait(backoffMs(unexplained429s++), 'rate limit was hit (429, no window named)');
        continue;
      }
      if (status >= 200 && status < 300) {
        if (!jsonOk) throw new StravaApiError('bad-response', `Strava answered ${request.label} with a body that is not JSON`);
        return { status, body: json };
      }
      const parsed = errorResponseSchema.safeParse(json);
      const errorBody = parsed.success ? parsed.data : undefined;
      const code = (status >= 400 && status < 500 ? request.classify?.(status, errorBody) : undefined) ?? codeFor(status);
      throw new StravaApiError(code, `Strava answered ${status} to ${request.label}${detail(errorBody, secretsOf(request))}`);
    }
  }

  return {
    send,
    async read(request, schema) {
      const { body } = await send(request);
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const where = parsed.error.issues[0]?.path.join('.') ?? '';
        throw new StravaApiError(
          'bad-response',
          `Strava's answer to ${request.label} is not what the API documents${where === '' ? '' : ` (at ${where})`}`,
        );
      }
      return parsed.data;
    },
  };
}
