/** Slack as the core knows it: the `slack:` identity prefix, a push platform, and its pacing. */
import type { PlatformSpec } from '../../conversation/platform-registry.js';

export const SLACK_PLATFORM: PlatformSpec = {
  name: 'slack',
  delivery: 'push',
  // Slack allows about one message a second per channel; 10% over it, so network jitter does not
  // turn paced posts into 429s.
  pacing: { perKeyIntervalMs: 1100 },
};
