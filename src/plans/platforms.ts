/**
 * The surfaces the coach runs on, as the core sees them: a name, how weeks reach the athlete, and
 * how fast posts may go. Each adapter describes itself with a `PlatformSpec`; the composition
 * root registers them. The core names none of them, so a new surface is a new adapter plus one
 * registration, not an edit here.
 */

/** How fast posts to one platform may go (the scheduler's rate limiter reads it). */
export type PlatformPacing = {
  /** Minimum time between two posts under the same pacing key (a channel, a DM). */
  readonly perKeyIntervalMs?: number;
  /** Posts per second across the platform. */
  readonly perSecond?: number;
};

export type PlatformSpec = {
  /**
   * The identity prefix (`name:workspace:user`) and the plan's stored `delivery.platform`: one
   * word, so identities stay readable in stored documents and logs.
   */
  readonly name: string;
  /**
   * `push`: a chat platform the scheduler posts weeks and reminders to. `pull`: clients fetch plans
   * themselves (the HTTP API); the scheduler never claims such plans, so they are never posted to
   * nor paused.
   */
  readonly delivery: 'push' | 'pull';
  readonly pacing?: PlatformPacing;
};

/** A platform name: lower-case, starting with a letter (`slack`, `matrix`, `ms-teams`). */
export const PLATFORM_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** `platform:workspace:user` with any platform name; the first group is the platform. */
export const IDENTITY_PATTERN = /^([a-z][a-z0-9-]{0,31}):[^:\s]+:[^:\s]+$/;

/** The platform part of an identity (`slack:T1:U1` → `slack`), or undefined when it is no identity. */
export function platformNameOf(identity: string): string | undefined {
  return IDENTITY_PATTERN.exec(identity)?.[1];
}

/** True for `name:workspace:user` whose name is one of `specs` (the check of operators' input). */
export function isRegisteredIdentity(specs: readonly PlatformSpec[], identity: string): boolean {
  const name = platformNameOf(identity);
  return name !== undefined && specs.some((spec) => spec.name === name);
}

/** The rate limiter's table: each platform's pacing under its name. */
export function pacingOf(specs: readonly PlatformSpec[]): Readonly<Record<string, PlatformPacing>> {
  const table: Record<string, PlatformPacing> = {};
  for (const spec of specs) if (spec.pacing) table[spec.name] = spec.pacing;
  return table;
}
