/**
 * Slack Web API failures as the core's `DeliveryError` kinds, so the scheduler can wait out a rate
 * limit, retry an outage later, and pause delivery for what will not fix itself (the user left,
 * the channel was archived, the app lost its token or a scope).
 */
import { webApi } from '@slack/bolt';

import { DeliveryError } from '../../conversation/chat-poster.js';

/** Slack `error` codes that retrying cannot fix. Anything not listed as transient is permanent too. */
export const PERMANENT_SLACK_ERRORS = new Set([
  'user_not_found',
  'users_not_found',
  'user_disabled',
  'account_inactive',
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'cannot_dm_bot',
  'messages_tab_disabled',
  'restricted_action',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'ekm_access_denied',
  'team_access_not_granted',
  'org_login_required',
  'invalid_blocks',
  'msg_too_long',
]);

/** Slack `error` codes that mean "try again later". */
export const TRANSIENT_SLACK_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new DeliveryError('rate-limited', 'ratelimited', 'Slack rate-limited the post', error.retryAfter * 1000);
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const reason = error.data.error;
    if (reason === 'ratelimited') {
      const seconds = error.data.response_metadata?.retryAfter;
      return new DeliveryError('rate-limited', reason, 'Slack rate-limited the post', seconds === undefined ? null : seconds * 1000);
    }
    if (TRANSIENT_SLACK_ERRORS.has(reason)) return new DeliveryError('transient', reason, `Slack answered ${reason}`);
    return new DeliveryError('permanent', reason, `Slack refused the post: ${reason}`);
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    if (error.statusCode === 429) return new DeliveryError('rate-limited', 'ratelimited', 'Slack rate-limited the post');
    if (error.statusCode >= 500) return new DeliveryError('transient', `http_${error.statusCode}`, `Slack answered HTTP ${error.statusCode}`);
    return new DeliveryError('permanent', `http_${error.statusCode}`, `Slack answered HTTP ${error.statusCode}`);
  }
  if (error instanceof webApi.WebAPIRequestError) return new DeliveryError('transient', 'network', `could not reach Slack: ${message(error.original)}`);
  // Anything else (a timeout, a bug in between) is worth another try later rather than a pause.
  return new DeliveryError('transient', 'unknown', message(error));
}
