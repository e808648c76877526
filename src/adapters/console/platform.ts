/** The console as the core knows it: the `console:` identity prefix, a push platform with no pacing. */
import type { PlatformSpec } from '../../conversation/platform-registry.js';

export const CONSOLE_PLATFORM: PlatformSpec = { name: 'console', delivery: 'push' };
