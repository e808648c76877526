/**
 * Why delivery paused, in the athlete's words: the stored pause reason (the neutral vocabulary,
 * or a platform code stored before it) as the clause the coach's notice uses.
 */
import { pauseReasonOf, type PausingFailure } from '../plans/delivery-failures.js';

const PAUSE_TEXT: Readonly<Record<PausingFailure, string>> = {
  'recipient-unreachable': 'your direct messages are closed to the coach, or your account could not be found',
  'channel-gone': 'the channel is gone, archived, or closed to the coach',
  'app-removed': 'the app was removed or lost its access',
  refused: 'the platform refused the message',
};

export function pauseReasonText(stored: string | null): string {
  if (stored === null) return 'the platform refused (unknown)';
  const { reason, known } = pauseReasonOf(stored);
  // A legacy code the vocabulary does not place is shown as it was stored, as before.
  return known ? PAUSE_TEXT[reason] : `the platform refused (${stored})`;
}
