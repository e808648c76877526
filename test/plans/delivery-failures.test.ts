/**
 * The neutral vocabulary of delivery failures: what retries and what pauses, and pause reasons
 * stored before it (platform codes) read back in it.
 */
import { describe, expect, it } from 'vitest';

import { DELIVERY_FAILURES, isDeliveryFailure, isRetryable, pauseReasonOf } from '../../src/plans/delivery-failures.js';

describe('the vocabulary', () => {
  it('retries rate limits and outages, and nothing else', () => {
    expect(DELIVERY_FAILURES.filter(isRetryable)).toEqual(['rate-limited', 'transient']);
  });

  it('knows a delivery failure by its reason', () => {
    expect(isDeliveryFailure(Object.assign(new Error('x'), { reason: 'channel-gone', detail: 'c', retryAfterMs: null }))).toBe(true);
    // A platform's code is not a reason the core acts on.
    expect(isDeliveryFailure(Object.assign(new Error('x'), { reason: 'dm_closed' }))).toBe(false);
    expect(isDeliveryFailure({ reason: 'transient' })).toBe(false);
  });
});

describe('stored pause reasons', () => {
  it('read as they are when they are in the vocabulary', () => {
    for (const reason of ['recipient-unreachable', 'channel-gone', 'app-removed', 'refused'] as const)
      expect(pauseReasonOf(reason)).toEqual({ reason, known: true });
  });

  it('read legacy stored reasons as the coach read them before the vocabulary: six named, any other code quoted', () => {
    expect(pauseReasonOf('dm_closed')).toEqual({ reason: 'recipient-unreachable', known: true });
    expect(pauseReasonOf('user_not_found')).toEqual({ reason: 'recipient-unreachable', known: true });
    expect(pauseReasonOf('is_archived')).toEqual({ reason: 'channel-gone', known: true });
    expect(pauseReasonOf('not_in_channel')).toEqual({ reason: 'channel-gone', known: true });
    expect(pauseReasonOf('app_removed')).toEqual({ reason: 'app-removed', known: true });
    // The old coach quoted codes outside its six ("the platform refused (token_revoked)"): still so.
    expect(pauseReasonOf('token_revoked')).toEqual({ reason: 'refused', known: false });
    expect(pauseReasonOf('invalid_blocks')).toEqual({ reason: 'refused', known: false });
    expect(pauseReasonOf('constructor')).toEqual({ reason: 'refused', known: false });
  });
});
