/**
 * The HTTP API as the core knows it: the `http:` identity prefix of API-key owners, pull-only.
 * Clients fetch their weeks (`POST /api/training-plan/week/generate`), so the scheduler never
 * claims an http plan's weeks: it is neither posted to nor paused. A plan made through the API
 * for a chat identity, or naming a chat destination, is delivered on that chat platform.
 */
import type { PlatformSpec } from '../../plans/platforms.js';

export const HTTP_PLATFORM: PlatformSpec = { name: 'http', delivery: 'pull' };
