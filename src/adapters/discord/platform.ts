/** Discord as the core knows it: the `discord:` identity prefix, a push platform, and its pacing. */
import type { PlatformSpec } from '../../conversation/platform-registry.js';

export const DISCORD_PLATFORM: PlatformSpec = {
  name: 'discord',
  delivery: 'push',
  // Discord allows 50 requests a second per bot: paced at 45 for headroom, a post that opens a DM
  // first counting two (`requestsFor`).
  pacing: { perSecond: 45 },
};
