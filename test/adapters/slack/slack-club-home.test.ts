/**
 * The coach's view on Slack's App Home (issue 19, item 5), through signed HTTP requests to the real
 * adapter and the fake Web API: the club's creator and a workspace admin who is not on the club's
 * list (`users.info` `is_admin`) see the club, its race and each member's figures under their own
 * plan; a member sees the App Home as before, nothing about the clubs, at the cost of one role
 * lookup a minute; when Slack cannot say who administers the channel the App Home is still
 * published, without the club.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { unescapeMrkdwn } from '../../../src/adapters/slack/block-kit-limits.js';
import type { ClubRecord } from '../../../src/plans/club-record.js';
import type { PlanRecord } from '../../../src/plans/plan-record.js';
import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import { appHomeOpened, type SlackPerson } from '../../fakes/slack/payloads.js';
import { ATHLETE, CLUB_CHANNEL, dmOf, identityOf, startSlackWorld, STRANGER, type SlackWorld } from './slack-world.js';

type Json = Record<string, unknown>;

const COACH: SlackPerson = { teamId: 'T1', userId: 'U5COACH', name: 'coach', tz: 'Europe/London' };
const BOSS: SlackPerson = { teamId: 'T1', userId: 'U3BOSS', name: 'boss', tz: 'Europe/London' };
const OWNER: SlackPerson = { teamId: 'T1', userId: 'U4OWNER', name: 'owner', tz: 'Europe/London' };
const MIA: SlackPerson = { teamId: 'T1', userId: 'U6MIA', name: 'mia', tz: 'Europe/London' };
const QUIET_CHANNEL = { id: 'C0QUIET', name: 'quiet-runners' } as const;

const blocksOf = (call: RecordedCall): Json[] => (call.args.view as Json).blocks as Json[];
const textOf = (call: RecordedCall): string => unescapeMrkdwn(JSON.stringify(blocksOf(call)));
const clubHeader = (call: RecordedCall): boolean =>
  blocksOf(call).some((b) => b.type === 'header' && JSON.stringify(b.text).includes('Riverside Runners'));

describe('Slack App Home: the coach’s view of a club', () => {
  let world: SlackWorld;
  let club: ClubRecord;
  const plans = new Map<string, PlanRecord>();

  /** Opens `person`'s App Home; the `views.publish` it brings. */
  const openHome = async (person: SlackPerson): Promise<RecordedCall> => {
    const since = world.api.mark();
    const ack = await world.transport.event(appHomeOpened(person, dmOf(person)));
    expect(ack.status).toBe(200);
    const published = await world.api.waitForCall('views.publish', { since });
    expect(published.args.user_id).toBe(person.userId);
    return published;
  };

  beforeAll(async () => {
    world = await startSlackWorld('http');
    world.api.addUser({ id: COACH.userId, teamId: COACH.teamId, tz: COACH.tz, name: COACH.name });
    world.api.addUser({ id: BOSS.userId, teamId: BOSS.teamId, tz: BOSS.tz, name: BOSS.name, isAdmin: true });
    world.api.addUser({ id: OWNER.userId, teamId: OWNER.teamId, tz: OWNER.tz, name: OWNER.name, isOwner: true });
    world.api.addUser({ id: MIA.userId, teamId: MIA.teamId, tz: MIA.tz, name: MIA.name });
    // The club as the club use cases make it: COACH made it; three members with their own 5Ks.
    club = await world.service.clubs.createClub({
      creator: identityOf(COACH),
      channelId: CLUB_CHANNEL.id,
      name: 'Riverside Runners',
      race: { name: 'Riverside Half', date: '2027-03-21', distance: 'half' },
      groupDays: { longDay: 7, qualityDays: [2], easyDays: [4] },
      delivery: { postingDay: 7, postingHour: 18, timezone: 'Europe/London' },
      admins: [],
    });
    for (const [person, fiveK] of [
      [ATHLETE, '21:30'],
      [STRANGER, '25:00'],
      [MIA, '28:00'],
    ] as const) {
      const outcome = await world.service.clubs.joinClub(identityOf(person), club.id, { fiveK, mileage: '20', weekDelivery: 'thread' });
      if (outcome.kind !== 'joined') throw new Error(`expected ${person.name} to join`);
      plans.set(person.userId, outcome.plan);
    }
    // A second club of the workspace, which MIA made and nobody else administers but Slack's admins.
    world.api.addChannel({ id: QUIET_CHANNEL.id, name: QUIET_CHANNEL.name });
    await world.service.clubs.createClub({
      creator: identityOf(MIA),
      channelId: QUIET_CHANNEL.id,
      name: 'Quiet Runners',
      season: { name: 'Winter Block', endDate: '2027-02-28', distance: '10k' },
      groupDays: { longDay: 6, qualityDays: [3], easyDays: [] },
      delivery: { postingDay: 7, postingHour: 18, timezone: 'Europe/London' },
      admins: [],
    });
  });

  afterAll(async () => {
    await world?.stop();
  });

  /** The digest line of each member: their mention and this week's done/planned miles. */
  const expectMembersIn = (text: string) => {
    for (const person of [ATHLETE, STRANGER, MIA]) {
      const week1 = plans.get(person.userId)?.weeks[0]?.miles;
      expect(week1).toBeGreaterThan(0);
      expect(text).toContain(`<@${person.userId}> — no log yet; week 1: 0/${week1} mi`);
    }
    expect(text).toContain('3 members with a plan, 0 flagged. Miles are done/planned.');
  };

  it('shows the club’s creator the club, its race and each member’s figures', async () => {
    const published = await openHome(COACH);
    expect(clubHeader(published)).toBe(true);
    const text = textOf(published);
    expect(text).toContain('Riverside Half, half marathon, 21 Mar 2027');
    expectMembersIn(text);
  });

  it('shows a member their own plan as before, and nothing about the clubs, for one role lookup a minute', async () => {
    const lookups = (since: number) => ({
      users: world.api.callsOf('users.info', since).filter((c) => c.args.user === ATHLETE.userId).length,
      channels: world.api.callsOf('conversations.info', since).map((c) => c.args.channel),
    });
    let since = world.api.mark();
    const published = await openHome(ATHLETE);
    expect(textOf(published)).toContain('Plan status · Riverside Half');
    expect(clubHeader(published)).toBe(false);
    expect(textOf(published)).not.toContain('Quiet Runners');
    expect(textOf(published)).not.toContain('members with a plan');
    // The time zone's users.info and one for both clubs' role checks; who made the club's channel
    // (the quiet channel's was asked when the coach opened the tab, and is not asked again).
    expect(lookups(since)).toEqual({ users: 2, channels: [CLUB_CHANNEL.id] });
    // A minute on, the role is asked again; who made a channel does not change.
    world.service.clock.set(new Date(world.service.clock.now().getTime() + 61_000).toISOString());
    since = world.api.mark();
    expect(clubHeader(await openHome(ATHLETE))).toBe(false);
    expect(lookups(since)).toEqual({ users: 1, channels: [] });
  });

  it('shows a workspace admin who is not on the club’s list the club, as Slack says', async () => {
    const since = world.api.mark();
    const published = await openHome(BOSS);
    expect(world.api.callsOf('users.info', since).map((c) => c.args.user)).toContain(BOSS.userId);
    expect(clubHeader(published)).toBe(true);
    expectMembersIn(textOf(published));
    expect(textOf(published)).toContain('Quiet Runners');
    expect(textOf(published)).toContain('Winter Block: a season to 28 Feb 2027');
  });

  it('still publishes the App Home when Slack cannot say who administers the channel, and shows the club once it can', async () => {
    // The first two users.info calls fail: the time zone's, then the role's.
    world.api.failNext('users.info', 2, { error: 'internal_error' });
    const since = world.api.mark();
    const without = await openHome(OWNER);
    const failed = world.api.callsOf('users.info', since).filter((c) => (c.response as Json).ok === false);
    expect(failed).toHaveLength(2);
    expect(clubHeader(without)).toBe(false);
    expect(textOf(without)).not.toContain('members with a plan');
    // The refusal is kept for the roles' minute; after it, Slack is asked again.
    world.service.clock.set(new Date(world.service.clock.now().getTime() + 61_000).toISOString());
    expect(clubHeader(await openHome(OWNER))).toBe(true);
  });
});
