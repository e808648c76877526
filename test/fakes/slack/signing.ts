/**
 * Slack's request signing (v0): `v0=` + HMAC-SHA256 over `v0:<timestamp>:<raw body>` with the app's
 * signing secret, sent with the timestamp in `X-Slack-Request-Timestamp`.
 */
import { createHmac } from 'node:crypto';

function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(
  signingSecret: string,
  body: string,
  options: { timestamp?: number; contentType: string },
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'Content-Type': options.contentType,
    'X-Slack-Request-Timestamp': String(timestamp),
    'X-Slack-Signature': slackSignature(signingSecret, timestamp, body),
  };
}
