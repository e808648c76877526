/**
 * A failed Discord REST call as the `DeliveryError` the scheduler acts on: retry what is passing
 * (rate limits, outages), pause what is not (closed DMs, a deleted channel, lost access).
 * discord.js has by then already retried 5xx answers and waited out short rate limits.
 */
import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';

import { DeliveryError } from '../../conversation/chat-poster.js';

/** Discord error codes that no retry will fix, with the reason the scheduler records. */
const PERMANENT_CODES: ReadonlyMap<number, string> = new Map([
  [RESTJSONErrorCodes.CannotSendMessagesToThisUser, 'dm_closed'],
  [RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds, 'dm_closed'],
  [RESTJSONErrorCodes.UnknownChannel, 'channel_not_found'],
  [RESTJSONErrorCodes.UnknownUser, 'user_not_found'],
  [RESTJSONErrorCodes.UnknownGuild, 'guild_not_found'],
  [RESTJSONErrorCodes.MissingAccess, 'missing_access'],
  [RESTJSONErrorCodes.MissingPermissions, 'missing_permissions'],
]);

function byStatus(status: number, message: string, retryAfterMs: number | null = null): DeliveryError {
  if (status === 429) return new DeliveryError('rate-limited', 'ratelimited', message, retryAfterMs);
  if (status >= 500) return new DeliveryError('transient', 'server_error', message);
  if (status === 401) return new DeliveryError('permanent', 'unauthorized', message);
  if (status === 403) return new DeliveryError('permanent', 'forbidden', message);
  if (status === 404) return new DeliveryError('permanent', 'not_found', message);
  return new DeliveryError('permanent', 'rejected', message);
}

/** `error` (from a REST call described by `what`) as a classified delivery failure. */
export function deliveryErrorOf(error: unknown, what: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    return new DeliveryError('rate-limited', 'ratelimited', `${what}: Discord rate limit on ${error.route}, retry in ${error.retryAfter} ms`, error.retryAfter);
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const message = `${what}: ${error.message} (Discord error ${error.code}, HTTP ${error.status})`;
    const reason = PERMANENT_CODES.get(code);
    return reason ? new DeliveryError('permanent', reason, message) : byStatus(error.status, message);
  }
  if (error instanceof HTTPError) return byStatus(error.status, `${what}: HTTP ${error.status} ${error.message}`);
  // Network failures and timeouts: the next attempt may well get through.
  const detail = error instanceof Error ? error.message : String(error);
  return new DeliveryError('transient', 'network', `${what}: ${detail}`);
}
