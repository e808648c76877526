/**
 * Discord's REST failures mapped onto the core's neutral vocabulary of delivery failures. Discord
 * speaks for itself now: its codes are no longer translated into Slack's names, and stay on the
 * error as its `detail` (`50007 CannotSendMessagesToThisUser`) for the logs.
 */
import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { describe, expect, it } from 'vitest';

import { DISCORD_DELIVERY_FAILURES, deliveryErrorOf } from '../../../src/adapters/discord/delivery-errors.js';
import { DeliveryError } from '../../../src/conversation/chat-poster.js';
import { DELIVERY_FAILURES } from '../../../src/plans/delivery-failures.js';

const request = { body: undefined, files: undefined };

function apiError(code: number, status: number): DiscordAPIError {
  return new DiscordAPIError({ code, message: 'refused' }, code, status, 'POST', 'https://discord.test/api/channels/1/messages', request);
}

describe('Discord errors in the vocabulary', () => {
  it.each([
    [RESTJSONErrorCodes.CannotSendMessagesToThisUser, 403, 'recipient-unreachable', '50007 CannotSendMessagesToThisUser'],
    [
      RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
      403,
      'recipient-unreachable',
      '50278 CannotSendMessagesToThisUserDueToHavingNoMutualGuilds',
    ],
    [RESTJSONErrorCodes.UnknownUser, 404, 'recipient-unreachable', '10013 UnknownUser'],
    [RESTJSONErrorCodes.UnknownChannel, 404, 'channel-gone', '10003 UnknownChannel'],
    [RESTJSONErrorCodes.MissingAccess, 403, 'channel-gone', '50001 MissingAccess'],
    [RESTJSONErrorCodes.MissingPermissions, 403, 'channel-gone', '50013 MissingPermissions'],
    [RESTJSONErrorCodes.UnknownGuild, 404, 'app-removed', '10004 UnknownGuild'],
  ] as const)('code %i (HTTP %i) is %s', (code, status, reason, detail) => {
    expect(deliveryErrorOf(apiError(code, status), 'posting')).toMatchObject({ reason, detail, retryAfterMs: null });
  });

  it('maps every listed code into the vocabulary, never into Slack’s names', () => {
    for (const [code, reason] of DISCORD_DELIVERY_FAILURES) {
      expect(DELIVERY_FAILURES).toContain(reason);
      expect(deliveryErrorOf(apiError(code, 403), 'posting').reason).toBe(reason);
    }
  });

  it('falls back on the HTTP status for codes it does not list', () => {
    const unlisted = RESTJSONErrorCodes.InvalidFormBodyOrContentType;
    expect(deliveryErrorOf(apiError(unlisted, 400), 'posting')).toMatchObject({ reason: 'refused', detail: 'http_400' });
    expect(deliveryErrorOf(apiError(0, 401), 'posting')).toMatchObject({ reason: 'app-removed', detail: 'http_401' });
    expect(deliveryErrorOf(apiError(0, 403), 'posting')).toMatchObject({ reason: 'app-removed', detail: 'http_403' });
    expect(deliveryErrorOf(apiError(0, 404), 'posting')).toMatchObject({ reason: 'channel-gone', detail: 'http_404' });
    expect(deliveryErrorOf(apiError(0, 500), 'posting')).toMatchObject({ reason: 'transient', detail: 'http_500' });
    expect(deliveryErrorOf(new HTTPError(502, 'Bad Gateway', 'POST', 'https://discord.test/api', request), 'posting')).toMatchObject({
      reason: 'transient',
      detail: 'http_502',
    });
    expect(deliveryErrorOf(new HTTPError(429, 'Too Many Requests', 'POST', 'https://discord.test/api', request), 'posting')).toMatchObject({
      reason: 'rate-limited',
    });
  });

  it('reads a rate limit with its wait, and a network failure as transient', () => {
    const limited = new RateLimitError({
      timeToReset: 30_000,
      limit: 5,
      method: 'POST',
      hash: 'h',
      url: 'https://discord.test/api/channels/1/messages',
      route: '/channels/:id/messages',
      majorParameter: '1',
      global: false,
      retryAfter: 30_000,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(deliveryErrorOf(limited, 'posting')).toMatchObject({ reason: 'rate-limited', retryAfterMs: 30_000 });
    expect(deliveryErrorOf(new Error('ECONNREFUSED'), 'opening a DM')).toMatchObject({
      reason: 'transient',
      detail: 'network',
      message: 'opening a DM: ECONNREFUSED',
    });
  });

  it('passes a DeliveryError through unchanged', () => {
    const error = new DeliveryError('recipient-unreachable', 'not_discord', 'no');
    expect(deliveryErrorOf(error, 'posting')).toBe(error);
  });
});
