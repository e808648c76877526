/**
 * What HTTP mode checks before Bolt's HTTPReceiver sees a request to the events endpoint:
 *
 * - the signature (Bolt checks it again; ours must come first so that nothing unsigned reaches the
 *   replay memory or the payload parser);
 * - the timestamp: Bolt refuses old ones but takes any from the future, so a request signed for
 *   tomorrow would be replayable all day;
 * - replays: each (timestamp, signature) is remembered for the 5 minutes Bolt accepts a timestamp,
 *   and a second delivery is answered 401 without running a listener;
 * - the payload's shape: Bolt dereferences the parsed body unguarded, so a signed `payload=null`
 *   rejects a promise nobody awaits and, by default, ends the process. Anything that does not parse
 *   to a JSON object is answered 400 here.
 *
 * The body is buffered once; Bolt reuses the buffer (`rawBody`) instead of reading the stream again.
 */
import { parse as parseQuery } from 'node:querystring';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, defaultBodyLimit, isRawBodyError, verifySlackRequest } from '@slack/bolt';
import type { Logger } from 'pino';

/** Bolt's staleness limit for X-Slack-Request-Timestamp: the window a replay could be tried in. */
const SLACK_TIMESTAMP_WINDOW_MS = 5 * 60_000;
const FORM = 'application/x-www-form-urlencoded';

export type SlackRequestGuardOptions = {
  readonly signingSecret: string;
  readonly logger: Logger;
  /** The paths Bolt answers events on; other requests pass through untouched. */
  readonly endpoints: readonly string[];
  /** How far ahead of this clock a timestamp may be (clock skew). Default 60 s. */
  readonly maxFutureSkewMs?: number;
  /** Signed requests remembered at once; past this, new ones get 503 (Slack retries). Default 50,000. */
  readonly capacity?: number;
  readonly bodyLimit?: number;
  readonly now?: () => number;
};

/** Signed requests seen in the last window, oldest first, so expiry is a walk from the front. */
export class ReplayMemory {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
  ) {}

  /** 'new' the first time a key is seen within the window, 'replay' after, 'full' when at capacity. */
  claim(key: string, nowMs: number): 'new' | 'replay' | 'full' {
    for (const [oldest, expiry] of this.expiries) {
      if (expiry > nowMs) break;
      this.expiries.delete(oldest);
    }
    if (this.expiries.has(key)) return 'replay';
    // Evicting the oldest instead would make it replayable again; refusing keeps the guarantee.
    if (this.expiries.size >= this.capacity) return 'full';
    this.expiries.set(key, nowMs + this.ttlMs);
    return 'new';
  }

  get size(): number {
    return this.expiries.size;
  }
}

type Verdict = { readonly pass: true } | { readonly pass: false; readonly status: number; readonly reason: string };

const PASS: Verdict = { pass: true };
const refuse = (status: number, reason: string): Verdict => ({ pass: false, status, reason });

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the body as Bolt will (same content-type rule); true when the result is a JSON object. */
function parsesToObject(contentType: string | undefined, text: string): boolean {
  try {
    if (contentType === FORM) {
      const { payload } = parseQuery(text);
      // Without a single `payload` field Bolt hands on the form fields themselves: an object.
      return typeof payload === 'string' ? isJsonObject(JSON.parse(payload)) : true;
    }
    return isJsonObject(JSON.parse(text));
  } catch {
    return false;
  }
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

/** Wraps Bolt's request listener with the checks above. */
export function guardSlackRequests(listener: RequestListener, options: SlackRequestGuardOptions): RequestListener {
  const now = options.now ?? Date.now;
  const maxFutureSkewMs = options.maxFutureSkewMs ?? 60_000;
  // A timestamp up to the skew ahead stays acceptable to Bolt that much longer.
  const replays = new ReplayMemory(SLACK_TIMESTAMP_WINDOW_MS + maxFutureSkewMs, options.capacity ?? 50_000);
  const { logger } = options;

  async function screen(req: IncomingMessage): Promise<Verdict> {
    let body: Buffer;
    try {
      body = (await HTTPModuleFunctions.bufferIncomingMessage(req, options.bodyLimit ?? defaultBodyLimit)).rawBody;
    } catch (error) {
      if (isRawBodyError(error) && error.statusCode === 413) return refuse(413, 'body too large');
      return refuse(400, 'unreadable body');
    }
    const text = body.toString();
    const contentType = req.headers['content-type'];
    // Slack's SSL check is unsigned by design; Bolt answers it without running a listener.
    if (contentType === FORM && parseQuery(text).ssl_check === '1') return PASS;

    const signature = headerOf(req, 'x-slack-signature');
    const timestamp = Number(headerOf(req, 'x-slack-request-timestamp'));
    const nowMs = now();
    try {
      verifySlackRequest({
        signingSecret: options.signingSecret,
        body: text,
        headers: { 'x-slack-signature': signature ?? '', 'x-slack-request-timestamp': timestamp },
        nowMilliseconds: nowMs,
      });
    } catch {
      return refuse(401, 'bad signature or stale timestamp');
    }
    if (timestamp * 1000 > nowMs + maxFutureSkewMs) return refuse(401, 'timestamp in the future');
    if (!parsesToObject(contentType, text)) return refuse(400, 'payload is not a JSON object');
    switch (replays.claim(`${timestamp}:${signature ?? ''}`, nowMs)) {
      case 'replay':
        return refuse(401, 'replayed request');
      case 'full':
        return refuse(503, 'too many requests remembered for replay protection');
      default:
        return PASS;
    }
  }

  function handOver(req: IncomingMessage, res: ServerResponse): void {
    try {
      listener(req, res);
    } catch (error) {
      // Called from our promise, not Bolt's server callback, so Bolt's own try/catch is not around it.
      logger.error({ err: error, url: req.url }, 'slack request failed in the receiver');
      answer(res, 500);
    }
  }

  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method?.toUpperCase() !== 'POST' || !options.endpoints.includes(path)) {
      handOver(req, res);
      return;
    }
    screen(req)
      .then((verdict) => {
        if (verdict.pass) {
          handOver(req, res);
          return;
        }
        logger.warn({ status: verdict.status, reason: verdict.reason, bytes: req.headers['content-length'] }, 'slack request refused');
        answer(res, verdict.status);
      })
      .catch((error: unknown) => {
        logger.error({ err: error, url: req.url }, 'slack request check failed');
        answer(res, 500);
      });
  };
}
