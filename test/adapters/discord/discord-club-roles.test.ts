/**
 * Who Discord lets make and run a club, against the fake Discord and the real core: the member's
 * permissions in the channel arrive with each interaction, so a member with Manage Channels makes a
 * club through the club form and may close it; a plain member's form and close get one private
 * sentence and nothing changes. A bot named as an admin is refused by its `bot` flag, which Discord
 * sends with the resolved mention. Wired as main.ts wires it (the running platforms' roles).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rolesFromPosters } from '../../../src/conversation/club-roles.js';
import { FakeDiscord, type Dispatched, type StoredMessage } from '../../fakes/discord/fake-discord.js';
import { MANAGE_CHANNELS_PERMISSIONS, OPTION_TYPES, type FakeUser } from '../../fakes/discord/interaction-payloads.js';
import { snowflake } from '../../fakes/discord/snowflakes.js';
import type { TestService } from '../../support/plan-service.js';
import { startDiscordWorld, type DiscordWorld } from './discord-world.js';

const EPHEMERAL = 64;
const NOT_ADMIN = 'Only the club’s admins can do that; nothing was changed.';
const CLUB = {
  name: 'Riverside Runners',
  race: 'Riverside Half',
  date: '2027-03-21',
  distance: ['half'],
  days: 'long sun quality tue easy thu',
};

let s: TestService;
let discord: FakeDiscord;
let world: DiscordWorld | undefined;
let coach: FakeUser;
let member: FakeUser;

async function lastAnswer(interaction: Dispatched): Promise<StoredMessage> {
  await discord.answered(interaction, (c) => c.method !== 'DELETE');
  const answer = discord.rest.followUpsOf(interaction.token).at(-1) ?? discord.rest.originalOf(interaction.token);
  if (!answer) throw new Error('no answer');
  return answer;
}

beforeAll(async () => {
  world = await startDiscordWorld({
    now: '2026-11-25T12:00:00Z',
    core: ({ service, posters }) => ({ clubs: service.clubs, clubRoles: rolesFromPosters(posters) }),
  });
  ({ service: s, discord } = world);
  coach = discord.user('coach');
  member = discord.user('member');
});

afterAll(async () => {
  await world?.stop();
});

describe('Discord club roles', () => {
  const channelId = () => {
    const place = discord.club();
    if (place.kind !== 'guild') throw new Error('the club place is a server channel');
    return place.channelId;
  };
  const clubHere = () => s.clubs.clubInChannel('discord', channelId());
  /** `/plan club action:new`, then the club form filled and sent from `place`. */
  const makeClub = async (user: FakeUser, place: ReturnType<FakeDiscord['club']>) => {
    const form = await discord.modalFor(
      discord.command(user, place, 'club', [{ name: 'action', type: OPTION_TYPES.string, value: 'new' }]),
    );
    return discord.submit(user, place, form, CLUB);
  };

  it('refuses a plain member’s /plan club new privately, before the form, with nothing stored', async () => {
    const callback = await discord.callbackOf(
      discord.command(member, discord.club(), 'club', [{ name: 'action', type: OPTION_TYPES.string, value: 'new' }]),
    );
    const answer = (callback.body as { data: { content: string; flags: number } }).data;
    expect(answer.content).toContain(NOT_ADMIN);
    expect(answer.flags ?? 0).toBe(EPHEMERAL);
    expect(await clubHere()).toBeUndefined();
  });

  it('lets a member with Manage Channels make the club', async () => {
    const sent = await makeClub(coach, discord.club(undefined, MANAGE_CHANNELS_PERMISSIONS));
    expect(JSON.stringify(await lastAnswer(sent))).toContain('Made the club Riverside Runners for this channel.');
    expect(await clubHere()).toMatchObject({ name: 'Riverside Runners', status: 'active' });
  });

  it('refuses a plain member’s close, and lets another with Manage Channels close it', async () => {
    const close = [{ name: 'action', type: OPTION_TYPES.string, value: 'close' }];
    const refused = await lastAnswer(discord.command(member, discord.club(), 'club', close));
    expect(refused.content).toContain(NOT_ADMIN);
    expect(await clubHere()).toMatchObject({ status: 'active' });
    const other = discord.user('manager');
    const closed = await lastAnswer(discord.command(other, discord.club(undefined, MANAGE_CHANNELS_PERMISSIONS), 'club', close));
    expect(closed.content).not.toContain(NOT_ADMIN);
    expect(await clubHere()).toBeUndefined();
  });

  it('refuses a bot in the admin list by the bot flag of the resolved mention, and adds a person', async () => {
    const place = discord.club(snowflake(), MANAGE_CHANNELS_PERMISSIONS);
    if (place.kind !== 'guild') throw new Error('the club place is a server channel');
    await lastAnswer(await makeClub(coach, place));
    const admins = (who: FakeUser) => [
      { name: 'action', type: OPTION_TYPES.string, value: 'admins' },
      { name: 'choice', type: OPTION_TYPES.string, value: 'add' },
      { name: 'member', type: OPTION_TYPES.string, value: `<@${who.id}>`, mentions: [who] },
    ];
    const pacer: FakeUser = { ...discord.user('Pacer Bot'), bot: true };
    const refused = await lastAnswer(discord.command(coach, place, 'club', admins(pacer)));
    expect(refused.content).toBe(`A club’s admins are people, and <@${pacer.id}> is a bot; nothing was changed.`);
    expect(refused.flags ?? 0).toBe(EPHEMERAL);
    const club = () => s.clubs.clubInChannel('discord', place.channelId);
    expect(await club()).toMatchObject({ admins: [] });
    const helper = discord.user('helper');
    const added = await lastAnswer(discord.command(coach, place, 'club', admins(helper)));
    expect(added.content).toBe(`Added <@${helper.id}> as an admin of Riverside Runners.`);
    expect(await club()).toMatchObject({ admins: [`discord:@me:${helper.id}`] });
  });
});
