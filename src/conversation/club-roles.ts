/**
 * Who may run a club's admin commands, as the core asks it: the `ClubRoles` port, which each chat
 * platform implements from what it knows (Slack: workspace admins and owners, the channel's
 * creator; Discord: Manage Channels or Manage Server in the channel), and the club's own list —
 * its creator and the admins named in its settings always count, whatever the platform says.
 * Without the port (the console, tests) only that list counts, and anyone may make a club.
 *
 * The platform's answers are cached for a minute (`cachedClubRoles`): an admin's few commands in a
 * row cost one lookup, and a role taken away stops counting within the minute.
 */
import { isListedAdmin } from '../plans/club-use-cases.js';
import type { ClubRecord } from '../plans/club-record.js';
import type { Clock } from '../plans/plan-context.js';

export interface ClubRoles {
  /** Whether the platform makes `identity` an admin of the channel (and so of its club). */
  isChannelAdmin(identity: string, channelId: string): Promise<boolean>;
  /** Whether `identity` is a bot (an admin list refuses them); absent: nobody is. */
  isBot?(identity: string): Promise<boolean>;
}

const ROLE_CACHE_MS = 60_000;
const MAX_ENTRIES = 5_000;

/** `roles` with each answer kept for `ttlMs` (default 60 s) by the clock. */
export function cachedClubRoles(roles: ClubRoles, clock: Clock, ttlMs = ROLE_CACHE_MS): ClubRoles {
  const answers = new Map<string, { value: boolean; until: number }>();
  async function cached(key: string, ask: () => Promise<boolean>): Promise<boolean> {
    const now = clock.now().getTime();
    const hit = answers.get(key);
    if (hit !== undefined && hit.until > now) return hit.value;
    const value = await ask();
    // A bounded cache: past its size the oldest answers go first (Map keeps insertion order).
    if (answers.size >= MAX_ENTRIES) answers.delete(answers.keys().next().value ?? '');
    answers.set(key, { value, until: now + ttlMs });
    return value;
  }
  const { isBot } = roles;
  return {
    isChannelAdmin: (identity, channelId) => cached(`admin|${identity}|${channelId}`, () => roles.isChannelAdmin(identity, channelId)),
    ...(isBot === undefined ? {} : { isBot: (identity: string) => cached(`bot|${identity}`, () => isBot.call(roles, identity)) }),
  };
}

/**
 * One `ClubRoles` over every running platform: each question goes to the port of the identity's
 * platform (`slack:T:U` → Slack's poster's). A platform without one answers no — its admins are
 * the club's list, and those its requests mark as channel admins (`IntentActor.channelAdmin`).
 */
export function rolesFromPosters(posters: () => readonly { readonly platform: string; readonly clubRoles?: ClubRoles }[]): ClubRoles {
  const rolesOf = (identity: string): ClubRoles | undefined => {
    const platform = identity.slice(0, identity.indexOf(':'));
    return posters().find((p) => p.platform === platform)?.clubRoles;
  };
  return {
    isChannelAdmin: async (identity, channelId) => (await rolesOf(identity)?.isChannelAdmin(identity, channelId)) ?? false,
    isBot: async (identity) => (await rolesOf(identity)?.isBot?.(identity)) ?? false,
  };
}

/**
 * Whether `identity` may run `club`'s admin commands: listed in the club, marked a channel admin
 * by the request itself (`channelAdmin`), or a channel admin by the platform's port.
 */
export async function isClubAdmin(
  club: Pick<ClubRecord, 'createdBy' | 'admins' | 'channelId'>,
  identity: string,
  roles: ClubRoles | undefined,
  channelAdmin = false,
): Promise<boolean> {
  if (isListedAdmin(club, identity) || channelAdmin) return true;
  return roles !== undefined && (await roles.isChannelAdmin(identity, club.channelId));
}

/** Whether `identity` may make a club in `channelId`: a channel admin, or anyone where no platform says. */
export async function mayCreateClub(
  identity: string,
  channelId: string,
  roles: ClubRoles | undefined,
  channelAdmin = false,
): Promise<boolean> {
  return channelAdmin || roles === undefined || roles.isChannelAdmin(identity, channelId);
}
