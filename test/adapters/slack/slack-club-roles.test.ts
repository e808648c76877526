/**
 * Who Slack lets run a club's admin commands, against the fake Slack over loopback: a workspace
 * admin (`users.info` `is_admin`) and the channel's creator (`conversations.info` `creator`) make a
 * club; a plain member's `/plan club new` and `/plan club close` get one private sentence and
 * nothing changes; a lookup that fails refuses (safer than letting anyone in).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import { slashCommand, type SlackPerson } from '../../fakes/slack/payloads.js';
import { ATHLETE, CLUB_CHANNEL, identityOf, startSlackWorld, STRANGER, type SlackWorld } from './slack-world.js';

const BOSS: SlackPerson = { teamId: 'T1', userId: 'U3BOSS', name: 'boss', tz: 'Europe/London' };
const OWNER: SlackPerson = { teamId: 'T1', userId: 'U4OWNER', name: 'owner', tz: 'Europe/London' };
/** A channel STRANGER made (a plain member otherwise). */
const BEN_CHANNEL = { id: 'C0BENS', name: 'bens-runners' } as const;
const QUIET_CHANNEL = { id: 'C0QUIET', name: 'quiet-runners' } as const;

const NOT_ADMIN = 'Only the club’s admins can do that; nothing was changed.';
const NEW_CLUB =
  'club new name="Riverside Runners" race="Riverside Half" date=2027-03-21 distance=half days="long sun quality tue easy thu"';

const textOf = (call: RecordedCall): string => JSON.stringify(call.args.blocks ?? call.args.text);

describe('Slack club roles', () => {
  let world: SlackWorld;
  let reply = 0;

  /** `/plan <text>` in `channel`; the answer on its response_url. */
  const command = async (person: SlackPerson, text: string, channel: { id: string; name: string }) => {
    reply += 1;
    const since = world.api.mark();
    const url = world.api.responseUrl(`${person.userId}-${reply}`);
    await world.transport.command(slashCommand(person, { text, channelId: channel.id, channelName: channel.name, responseUrl: url }));
    return world.api.waitForCall('response_url', { since });
  };
  const clubIn = (channelId: string) => world.service.clubs.clubInChannel('slack', channelId);
  /** `/plan club new` by `person`: the card of the club made goes to their DM (the channel gets a pointer). */
  const makeClub = async (person: SlackPerson, channel: { id: string; name: string }) => {
    const since = world.api.mark();
    await command(person, NEW_CLUB, channel);
    return textOf(await world.api.waitForCall('chat.postMessage', { since }));
  };

  beforeAll(async () => {
    world = await startSlackWorld('socket');
    world.api.addUser({ id: BOSS.userId, teamId: BOSS.teamId, tz: BOSS.tz, name: BOSS.name, isAdmin: true });
    world.api.addUser({ id: OWNER.userId, teamId: OWNER.teamId, tz: OWNER.tz, name: OWNER.name, isOwner: true });
    world.api.addChannel({ id: BEN_CHANNEL.id, name: BEN_CHANNEL.name, creator: STRANGER.userId });
    world.api.addChannel({ id: QUIET_CHANNEL.id, name: QUIET_CHANNEL.name });
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('refuses a plain member who makes a club, privately, with nothing stored', async () => {
    const since = world.api.mark();
    const refusal = await command(ATHLETE, NEW_CLUB, CLUB_CHANNEL);
    expect(refusal.args).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(refusal)).toContain(NOT_ADMIN);
    expect(await clubIn(CLUB_CHANNEL.id)).toBeUndefined();
    // Slack was asked: the workspace role, then who made the channel.
    expect(world.api.callsOf('users.info', since).map((c) => c.args.user)).toContain(ATHLETE.userId);
    expect(world.api.callsOf('conversations.info', since).map((c) => c.args.channel)).toContain(CLUB_CHANNEL.id);
  });

  it('lets a workspace admin make a club, and refuses a plain member’s close of it', async () => {
    const since = world.api.mark();
    expect(await makeClub(BOSS, CLUB_CHANNEL)).toContain('Made the club Riverside Runners for this channel.');
    expect(await clubIn(CLUB_CHANNEL.id)).toMatchObject({ createdBy: identityOf(BOSS), status: 'active' });

    const refusal = await command(ATHLETE, 'club close', CLUB_CHANNEL);
    expect(refusal.args).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(refusal)).toContain(NOT_ADMIN);
    expect(await clubIn(CLUB_CHANNEL.id)).toMatchObject({ status: 'active', members: [] });
    // The answer asked for the refused creation a moment ago still stands (cached for a minute).
    expect(world.api.callsOf('users.info', since).map((c) => c.args.user)).not.toContain(ATHLETE.userId);
  });

  it('counts a workspace owner as an admin of a club they did not make', async () => {
    const closed = await command(OWNER, 'club close', CLUB_CHANNEL);
    expect(textOf(closed)).not.toContain(NOT_ADMIN);
    expect(await clubIn(CLUB_CHANNEL.id)).toBeUndefined();
  });

  it('counts the channel’s creator as its admin', async () => {
    expect(await makeClub(STRANGER, BEN_CHANNEL)).toContain('Made the club Riverside Runners for this channel.');
    expect(await clubIn(BEN_CHANNEL.id)).toMatchObject({ createdBy: identityOf(STRANGER) });
  });

  it('refuses when Slack cannot say who administers the channel', async () => {
    world.api.failNext('users.info', 1, { error: 'internal_error' });
    const refusal = await command(OWNER, NEW_CLUB, QUIET_CHANNEL);
    expect(textOf(refusal)).toContain(NOT_ADMIN);
    expect(await clubIn(QUIET_CHANNEL.id)).toBeUndefined();
  });
});
