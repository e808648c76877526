/**
 * Platforms register themselves here. Each adapter describes itself with a `PlatformSpec` (its
 * identity prefix, push or pull, its pacing) and the composition root registers every surface it
 * knows, with the poster of each push platform this instance runs. The scheduler learns which
 * plans to claim, how fast to post and where to post from the registry alone, so a new surface
 * needs no change in the core.
 */
import { PLATFORM_NAME, isRegisteredIdentity, pacingOf, type PlatformPacing, type PlatformSpec } from '../plans/platforms.js';
import type { ClubNotifier } from '../plans/club-notifier.js';
import type { WeekNotifier } from '../plans/week-notifier.js';
import type { ChatPoster } from './chat-poster.js';
import { createClubNotifier } from './club-week-delivery.js';
import { mentionOf } from './mentions.js';
import { createWeekNotifier } from './week-delivery.js';

// Chat adapters may import only the conversation layer: they describe themselves through these.
export type { PlatformSpec } from '../plans/platforms.js';

export type PlatformRegistration = PlatformSpec & {
  /**
   * The poster of a push platform this instance runs. Absent for a pull platform, and for a push
   * platform that is not configured here: its plans are left to an instance that runs it.
   */
  readonly poster?: ChatPoster | undefined;
};

export type PlatformRegistry = {
  /** The rate limiter's table: each platform's pacing under its name. */
  readonly pacing: Readonly<Record<string, PlatformPacing>>;
  /** The scheduler's notifier over the posters of the running push platforms. */
  notifier(): WeekNotifier;
  /** The clubs' weekly fan-out's notifier over the same posters. */
  clubNotifier(): ClubNotifier;
  /** True for `name:workspace:user` with a registered name (the check of operators' input). */
  isIdentity(text: string): boolean;
};

export function createPlatformRegistry(registrations: readonly PlatformRegistration[]): PlatformRegistry {
  const names = new Set<string>();
  for (const { name, delivery, poster } of registrations) {
    // Wiring mistakes, caught at start-up rather than as plans that are silently never posted.
    if (!PLATFORM_NAME.test(name)) throw new Error(`platform name "${name}" must be a lower-case word (it prefixes identities)`);
    if (names.has(name)) throw new Error(`platform "${name}" is registered twice`);
    if (poster && poster.platform !== name) throw new Error(`platform "${name}" was registered with the poster of "${poster.platform}"`);
    if (poster && delivery === 'pull')
      throw new Error(`platform "${name}" is pull-only: the scheduler posts nothing to it, so it takes no poster`);
    names.add(name);
  }
  const specs: PlatformSpec[] = registrations.map(({ name, delivery, pacing }) =>
    pacing ? { name, delivery, pacing } : { name, delivery },
  );
  const posters = registrations.flatMap(({ poster }) => (poster ? [poster] : []));
  return {
    pacing: pacingOf(specs),
    notifier: () => createWeekNotifier(posters),
    clubNotifier: () => createClubNotifier(posters, mentionOf),
    isIdentity: (text) => isRegisteredIdentity(specs, text),
  };
}
