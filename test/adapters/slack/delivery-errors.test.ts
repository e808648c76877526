/**
 * Slack's Web API failures mapped onto the core's neutral vocabulary of delivery failures, one by
 * one: the scheduler acts on the vocabulary and never sees a Slack code, which stays on the error
 * as its `detail` for the logs.
 */
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';

import { SLACK_DELIVERY_FAILURES, toDeliveryError } from '../../../src/adapters/slack/delivery-errors.js';
import { DeliveryError } from '../../../src/conversation/chat-poster.js';
import { DELIVERY_FAILURES } from '../../../src/plans/delivery-failures.js';

const platformError = (error: string, retryAfter?: number) =>
  new webApi.WebAPIPlatformError({ ok: false, error, ...(retryAfter === undefined ? {} : { response_metadata: { retryAfter } }) });

describe('Slack error codes in the vocabulary', () => {
  it.each([
    ['user_not_found', 'recipient-unreachable'],
    ['account_inactive', 'recipient-unreachable'],
    ['cannot_dm_bot', 'recipient-unreachable'],
    ['messages_tab_disabled', 'recipient-unreachable'],
    ['channel_not_found', 'channel-gone'],
    ['is_archived', 'channel-gone'],
    ['not_in_channel', 'channel-gone'],
    ['invalid_auth', 'app-removed'],
    ['token_revoked', 'app-removed'],
    ['missing_scope', 'app-removed'],
    ['team_access_not_granted', 'app-removed'],
    ['restricted_action', 'app-removed'],
    ['invalid_blocks', 'refused'],
    ['msg_too_long', 'refused'],
    ['internal_error', 'transient'],
    ['service_unavailable', 'transient'],
  ] as const)('%s is %s, with the code kept as the detail', (code, reason) => {
    expect(toDeliveryError(platformError(code))).toMatchObject({ reason, detail: code, retryAfterMs: null });
  });

  it('maps every listed code into the vocabulary, and a code it does not know to refused (no retry fixes it)', () => {
    for (const [code, reason] of SLACK_DELIVERY_FAILURES) {
      expect(DELIVERY_FAILURES).toContain(reason);
      expect(toDeliveryError(platformError(code)).reason).toBe(reason);
    }
    expect(toDeliveryError(platformError('brand_new_error'))).toMatchObject({ reason: 'refused', detail: 'brand_new_error' });
  });

  it('reads rate limits with the wait Slack asked for', () => {
    expect(toDeliveryError(new webApi.WebAPIRateLimitedError(7))).toMatchObject({
      reason: 'rate-limited',
      detail: 'ratelimited',
      retryAfterMs: 7000,
    });
    expect(toDeliveryError(platformError('ratelimited', 3))).toMatchObject({ reason: 'rate-limited', retryAfterMs: 3000 });
    expect(toDeliveryError(platformError('ratelimited'))).toMatchObject({ reason: 'rate-limited', retryAfterMs: null });
  });

  it('reads HTTP answers and network failures', () => {
    expect(toDeliveryError(new webApi.WebAPIHTTPError(429, 'Too Many Requests', {}))).toMatchObject({ reason: 'rate-limited' });
    expect(toDeliveryError(new webApi.WebAPIHTTPError(503, 'Service Unavailable', {}))).toMatchObject({
      reason: 'transient',
      detail: 'http_503',
    });
    expect(toDeliveryError(new webApi.WebAPIHTTPError(400, 'Bad Request', {}))).toMatchObject({ reason: 'refused', detail: 'http_400' });
    expect(toDeliveryError(new webApi.WebAPIRequestError(new Error('ECONNRESET')))).toMatchObject({
      reason: 'transient',
      detail: 'network',
    });
    // Anything else is worth another try rather than a pause.
    expect(toDeliveryError(new Error('socket hang up'))).toMatchObject({ reason: 'transient', detail: 'unknown' });
  });

  it('passes a DeliveryError through unchanged', () => {
    const error = new DeliveryError('channel-gone', 'channel_not_found', 'gone');
    expect(toDeliveryError(error)).toBe(error);
  });
});
