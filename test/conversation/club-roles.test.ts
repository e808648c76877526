/** The club roles port as the core uses it: the platform asked once a minute per person and channel, the club's own list always counting. */
import { describe, expect, it } from 'vitest';
import { cachedClubRoles, isClubAdmin, mayCreateClub, rolesFromPosters, type ClubRoles } from '../../src/conversation/club-roles.js';
import { FakeClock } from '../support/plan-service.js';

function countingRoles(admins: readonly string[]): { roles: ClubRoles; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    roles: {
      isChannelAdmin: async (identity, channelId) => {
        calls.push(`${identity}@${channelId}`);
        return admins.includes(identity);
      },
      isBot: async (identity) => {
        calls.push(`bot?${identity}`);
        return identity.endsWith(':BOT');
      },
    },
  };
}

const club = { createdBy: 'slack:T1:MAKER', admins: ['slack:T1:LISTED'], channelId: 'C1' };

describe('club roles', () => {
  it('asks the platform once a minute per person and channel', async () => {
    const clock = new FakeClock('2026-11-25T12:00:00Z');
    const { roles, calls } = countingRoles(['slack:T1:BOSS']);
    const cached = cachedClubRoles(roles, clock);
    expect(await cached.isChannelAdmin('slack:T1:BOSS', 'C1')).toBe(true);
    expect(await cached.isChannelAdmin('slack:T1:BOSS', 'C1')).toBe(true);
    expect(await cached.isChannelAdmin('slack:T1:BOSS', 'C2')).toBe(true);
    expect(await cached.isBot?.('slack:T1:BOT')).toBe(true);
    expect(await cached.isBot?.('slack:T1:BOT')).toBe(true);
    expect(calls).toEqual(['slack:T1:BOSS@C1', 'slack:T1:BOSS@C2', 'bot?slack:T1:BOT']);
    clock.set('2026-11-25T12:01:01Z');
    await cached.isChannelAdmin('slack:T1:BOSS', 'C1');
    expect(calls).toHaveLength(4);
  });

  it('counts the club’s creator and listed admins whatever the platform says', async () => {
    const { roles } = countingRoles(['slack:T1:BOSS']);
    expect(await isClubAdmin(club, 'slack:T1:MAKER', roles)).toBe(true);
    expect(await isClubAdmin(club, 'slack:T1:LISTED', roles)).toBe(true);
    expect(await isClubAdmin(club, 'slack:T1:BOSS', roles)).toBe(true);
    expect(await isClubAdmin(club, 'slack:T1:MEMBER', roles)).toBe(false);
    // Without the port, only the club's own list.
    expect(await isClubAdmin(club, 'slack:T1:BOSS', undefined)).toBe(false);
    expect(await mayCreateClub('slack:T1:MEMBER', 'C1', roles)).toBe(false);
    expect(await mayCreateClub('slack:T1:MEMBER', 'C1', undefined)).toBe(true);
  });

  it('takes a request marked by its platform as the channel admin’s', async () => {
    const { roles, calls } = countingRoles([]);
    expect(await isClubAdmin(club, 'discord:@me:1', roles, true)).toBe(true);
    expect(await mayCreateClub('discord:@me:1', 'C1', roles, true)).toBe(true);
    expect(calls).toEqual([]);
  });

  it('asks the port of the identity’s platform, and a platform without one says no', async () => {
    const slack = countingRoles(['slack:T1:BOSS']);
    const roles = rolesFromPosters(() => [{ platform: 'slack', clubRoles: slack.roles }, { platform: 'discord' }]);
    expect(await roles.isChannelAdmin('slack:T1:BOSS', 'C1')).toBe(true);
    expect(await roles.isBot?.('slack:T1:BOT')).toBe(true);
    expect(await roles.isChannelAdmin('discord:@me:1', 'C1')).toBe(false);
    expect(await roles.isBot?.('discord:@me:1')).toBe(false);
    expect(await roles.isChannelAdmin('console:local:me', 'C1')).toBe(false);
    expect(slack.calls).toEqual(['slack:T1:BOSS@C1', 'bot?slack:T1:BOT']);
  });
});
