/**
 * Every surface this build knows, for the composition roots: `main.ts` registers them with the
 * core (with the posters of those it runs), and the CLI checks operators' identities against them.
 * A new surface is its adapter plus one entry here.
 */
import { CONSOLE_PLATFORM } from '../adapters/console/platform.js';
import { DISCORD_PLATFORM } from '../adapters/discord/platform.js';
import { HTTP_PLATFORM } from '../adapters/http/platform.js';
import { SLACK_PLATFORM } from '../adapters/slack/platform.js';
import { isRegisteredIdentity, type PlatformSpec } from '../plans/platforms.js';

export const SURFACES: readonly PlatformSpec[] = [CONSOLE_PLATFORM, SLACK_PLATFORM, DISCORD_PLATFORM, HTTP_PLATFORM];

/** True for `platform:workspace:user` on one of the surfaces (operators' `--owner` and `--as`). */
export function isSurfaceIdentity(text: string): boolean {
  return isRegisteredIdentity(SURFACES, text);
}
