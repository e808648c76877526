/**
 * How the fake Slack delivers payloads to the app, one interface over both transports so a test can
 * run the same flow over each: HTTP (signed POSTs to /slack/events: slash commands and
 * interactions as `application/x-www-form-urlencoded`, events as JSON) or Socket Mode (envelopes
 * over the fake WebSocket server). Either way the result is the app's ack.
 */
import type { FakeSocketMode } from './fake-socket-mode.js';
import { signedHeaders } from './signing.js';

type Json = Record<string, unknown>;

/** The app's acknowledgement: HTTP status and JSON body, or the Socket Mode ack's payload. */
export type Delivered = { readonly status: number; readonly body: Json | null };

export type DeliveryOptions = { readonly retryNum?: number };

export interface SlackTransport {
  readonly name: 'http' | 'socket';
  command(fields: Record<string, string>): Promise<Delivered>;
  interaction(payload: Json, options?: DeliveryOptions): Promise<Delivered>;
  event(body: Json, options?: DeliveryOptions): Promise<Delivered>;
}

export type RawRequest = { readonly body: string; readonly contentType: string; readonly headers?: Record<string, string> };

/** POSTs a body as Slack does, signed with `signingSecret` at `timestamp` (seconds; default now). */
export async function postSigned(url: string, signingSecret: string, request: RawRequest, timestamp?: number): Promise<Delivered> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      ...signedHeaders(signingSecret, request.body, {
        contentType: request.contentType,
        ...(timestamp === undefined ? {} : { timestamp }),
      }),
      ...request.headers,
    },
    body: request.body,
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as Json) };
}

export function formRequest(fields: Record<string, string>): RawRequest {
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

export function interactionRequest(payload: Json, options: DeliveryOptions = {}): RawRequest {
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
    headers:
      options.retryNum === undefined ? {} : { 'X-Slack-Retry-Num': String(options.retryNum), 'X-Slack-Retry-Reason': 'http_timeout' },
  };
}

export function eventRequest(body: Json, options: DeliveryOptions = {}): RawRequest {
  return {
    body: JSON.stringify(body),
    contentType: 'application/json',
    headers:
      options.retryNum === undefined ? {} : { 'X-Slack-Retry-Num': String(options.retryNum), 'X-Slack-Retry-Reason': 'http_timeout' },
  };
}

/**
 * Slack signs each delivery as it sends it, and retries one only after the app failed to answer in
 * 3 s (then after 1 and 5 minutes), so a retry carries a later timestamp and another signature. The
 * fake does not wait that long: it stamps retry n 3·n seconds ahead, within the app's clock-skew
 * allowance, so that a retry is not mistaken for a replay of the original.
 */
function retryTimestamp(options: DeliveryOptions | undefined): number | undefined {
  if (options?.retryNum === undefined) return undefined;
  return Math.floor(Date.now() / 1000) + 3 * options.retryNum;
}

export function httpTransport(eventsUrl: string, signingSecret: string): SlackTransport {
  return {
    name: 'http',
    command: (fields) => postSigned(eventsUrl, signingSecret, formRequest(fields)),
    interaction: (payload, options) => postSigned(eventsUrl, signingSecret, interactionRequest(payload, options), retryTimestamp(options)),
    event: (body, options) => postSigned(eventsUrl, signingSecret, eventRequest(body, options), retryTimestamp(options)),
  };
}

function acked(payload: Json | undefined): Delivered {
  return { status: 200, body: payload === undefined || Object.keys(payload).length === 0 ? null : payload };
}

export function socketTransport(socket: FakeSocketMode): SlackTransport {
  return {
    name: 'socket',
    command: async (fields) => acked((await socket.push('slash_commands', fields)).payload),
    interaction: async (payload) => acked((await socket.push('interactive', payload)).payload),
    event: async (body, options) => acked((await socket.push('events_api', body, { retryAttempt: options?.retryNum ?? 0 })).payload),
  };
}
