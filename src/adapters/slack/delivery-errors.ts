/**
 * Slack Web API failures in the core's neutral vocabulary, so the scheduler can wait out a rate
 * limit, retry an outage later, and pause delivery for what will not fix itself (the user left,
 * the channel was archived, the app lost its token or a scope). Slack's own code stays on the
 * error as its `detail`, for the logs.
 */
import { webApi } from '@slack/bolt';

import { DeliveryError, type DeliveryFailureReason } from '../../conversation/chat-poster.js';

/** Slack `error` codes and what they mean for delivery. Codes not listed are `refused`: no retry fixes them. */
export const SLACK_DELIVERY_FAILURES: ReadonlyMap<string, DeliveryFailureReason> = new Map<string, DeliveryFailureReason>([
  ['user_not_found', 'recipient-unreachable'],
  ['users_not_found', 'recipient-unreachable'],
  ['user_disabled', 'recipient-unreachable'],
  ['account_inactive', 'recipient-unreachable'],
  ['cannot_dm_bot', 'recipient-unreachable'],
  // The user turned off the app's Messages tab: their DMs are closed to the coach.
  ['messages_tab_disabled', 'recipient-unreachable'],
  ['channel_not_found', 'channel-gone'],
  ['is_archived', 'channel-gone'],
  ['not_in_channel', 'channel-gone'],
  ['invalid_auth', 'app-removed'],
  ['not_authed', 'app-removed'],
  ['token_revoked', 'app-removed'],
  ['token_expired', 'app-removed'],
  ['no_permission', 'app-removed'],
  ['missing_scope', 'app-removed'],
  ['ekm_access_denied', 'app-removed'],
  ['team_access_not_granted', 'app-removed'],
  ['org_login_required', 'app-removed'],
  // A workspace preference keeps the app from posting: only an admin can give it back.
  ['restricted_action', 'app-removed'],
  ['invalid_blocks', 'refused'],
  ['msg_too_long', 'refused'],
  ['ratelimited', 'rate-limited'],
  ['internal_error', 'transient'],
  ['fatal_error', 'transient'],
  ['service_unavailable', 'transient'],
  ['request_timeout', 'transient'],
]);

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new DeliveryError('rate-limited', 'ratelimited', 'Slack rate-limited the post', error.retryAfter * 1000);
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    const reason = SLACK_DELIVERY_FAILURES.get(code) ?? 'refused';
    if (reason === 'rate-limited') {
      const seconds = error.data.response_metadata?.retryAfter;
      return new DeliveryError(reason, code, 'Slack rate-limited the post', seconds === undefined ? null : seconds * 1000);
    }
    if (reason === 'transient') return new DeliveryError(reason, code, `Slack answered ${code}`);
    return new DeliveryError(reason, code, `Slack refused the post: ${code}`);
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const detail = `http_${error.statusCode}`;
    if (error.statusCode === 429) return new DeliveryError('rate-limited', 'ratelimited', 'Slack rate-limited the post');
    if (error.statusCode >= 500) return new DeliveryError('transient', detail, `Slack answered HTTP ${error.statusCode}`);
    return new DeliveryError('refused', detail, `Slack answered HTTP ${error.statusCode}`);
  }
  if (error instanceof webApi.WebAPIRequestError)
    return new DeliveryError('transient', 'network', `could not reach Slack: ${message(error.original)}`);
  // Anything else (a timeout, a bug in between) is worth another try later rather than a pause.
  return new DeliveryError('transient', 'unknown', message(error));
}
