/**
 * A failed Discord REST call in the core's neutral vocabulary of delivery failures: retry what is
 * passing (rate limits, outages), pause what is not (closed DMs, a deleted channel, lost access).
 * Discord's own code stays on the error as its `detail` (`50007 CannotSendMessagesToThisUser`),
 * for the logs. discord.js has by then already retried 5xx answers and waited out short rate limits.
 */
import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';

import { DeliveryError, type DeliveryFailureReason } from '../../conversation/chat-poster.js';

/** Discord JSON error codes that no retry will fix, and what each means for delivery. */
export const DISCORD_DELIVERY_FAILURES: ReadonlyMap<number, DeliveryFailureReason> = new Map<number, DeliveryFailureReason>([
  [RESTJSONErrorCodes.CannotSendMessagesToThisUser, 'recipient-unreachable'],
  [RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds, 'recipient-unreachable'],
  [RESTJSONErrorCodes.UnknownUser, 'recipient-unreachable'],
  [RESTJSONErrorCodes.UnknownChannel, 'channel-gone'],
  // The bot can no longer see or write in the channel: like Slack's not_in_channel.
  [RESTJSONErrorCodes.MissingAccess, 'channel-gone'],
  [RESTJSONErrorCodes.MissingPermissions, 'channel-gone'],
  // The bot is no longer in the server.
  [RESTJSONErrorCodes.UnknownGuild, 'app-removed'],
]);

/** `50007 CannotSendMessagesToThisUser`: the number Discord documents, and its name. */
function codeDetail(code: number): string {
  const name: unknown = (RESTJSONErrorCodes as unknown as Record<number, unknown>)[code];
  return typeof name === 'string' ? `${code} ${name}` : String(code);
}

function byStatus(status: number, message: string, retryAfterMs: number | null = null): DeliveryError {
  const detail = `http_${status}`;
  if (status === 429) return new DeliveryError('rate-limited', detail, message, retryAfterMs);
  if (status >= 500) return new DeliveryError('transient', detail, message);
  // The token is no longer valid, or the bot lost its access: only reinstalling helps.
  if (status === 401 || status === 403) return new DeliveryError('app-removed', detail, message);
  if (status === 404) return new DeliveryError('channel-gone', detail, message);
  return new DeliveryError('refused', detail, message);
}

/** `error` (from a REST call described by `what`) as a classified delivery failure. */
export function deliveryErrorOf(error: unknown, what: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    return new DeliveryError(
      'rate-limited',
      'ratelimited',
      `${what}: Discord rate limit on ${error.route}, retry in ${error.retryAfter} ms`,
      error.retryAfter,
    );
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const message = `${what}: ${error.message} (Discord error ${error.code}, HTTP ${error.status})`;
    const reason = DISCORD_DELIVERY_FAILURES.get(code);
    return reason ? new DeliveryError(reason, codeDetail(code), message) : byStatus(error.status, message);
  }
  if (error instanceof HTTPError) return byStatus(error.status, `${what}: HTTP ${error.status} ${error.message}`);
  // Network failures and timeouts: the next attempt may well get through.
  const detail = error instanceof Error ? error.message : String(error);
  return new DeliveryError('transient', 'network', `${what}: ${detail}`);
}
