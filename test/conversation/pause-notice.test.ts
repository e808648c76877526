/** The clause the coach's pause notice uses, for current and legacy stored pause reasons. */
import { describe, expect, it } from 'vitest';

import { pauseReasonText } from '../../src/conversation/pause-notice.js';

describe('pauseReasonText', () => {
  it('explains each pausing failure of the vocabulary', () => {
    expect(pauseReasonText('recipient-unreachable')).toContain('your direct messages are closed to the coach');
    expect(pauseReasonText('channel-gone')).toContain('the channel is gone');
    expect(pauseReasonText('app-removed')).toContain('the app was removed');
    expect(pauseReasonText('refused')).toBe('the platform refused the message');
  });

  it('reads reasons stored before the vocabulary, and shows a code it cannot place as it was', () => {
    expect(pauseReasonText('dm_closed')).toBe(pauseReasonText('recipient-unreachable'));
    expect(pauseReasonText('is_archived')).toBe(pauseReasonText('channel-gone'));
    expect(pauseReasonText('app_removed')).toBe(pauseReasonText('app-removed'));
    expect(pauseReasonText('msg_too_long')).toBe('the platform refused (msg_too_long)');
    expect(pauseReasonText(null)).toBe('the platform refused (unknown)');
  });
});
