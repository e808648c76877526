/**
 * Issue 19 on Discord, end to end against the fake REST API and gateway and the real core: a member
 * with Manage Server makes a club through the club form, twelve members join through the join form
 * (from `/plan club join` and from the card's Join button), three of them take their weeks by DM;
 * then two scheduler instances, each with its own Discord client, tick at the same moment. Discord
 * shows one message in the club's channel, one thread started on it named for the club and week,
 * each thread member's week in the thread once and each DM member's in their DM once; a second tick
 * adds nothing. Who may run a club is read from the interaction's member permissions: a plain
 * member's club form and close get one private sentence and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { DISCORD_PLATFORM } from '../../../src/adapters/discord/platform.js';
import { rolesFromPosters } from '../../../src/conversation/club-roles.js';
import { textView } from '../../../src/conversation/plan-views.js';
import { createPlatformRegistry } from '../../../src/conversation/platform-registry.js';
import { createRulesEngine } from '../../../src/engine/rules/rules-engine.js';
import { createLogger } from '../../../src/log.js';
import type { ClubRecord } from '../../../src/plans/club-record.js';
import type { DeliveryContext } from '../../../src/plans/use-cases/deliver-due-week.js';
import { runDeliveryTick } from '../../../src/scheduler/delivery-runner.js';
import { RateLimiter } from '../../../src/scheduler/rate-limiter.js';
import { withClubRetries, withRetries } from '../../../src/scheduler/retrying-notifier.js';
import { FakeDiscord, type Dispatched, type StoredMessage } from '../../fakes/discord/fake-discord.js';
import { MANAGE_CHANNELS_PERMISSIONS, OPTION_TYPES, type FakeUser } from '../../fakes/discord/interaction-payloads.js';
import type { TestService } from '../../support/plan-service.js';
import { startDiscordWorld, type DiscordWorld } from './discord-world.js';

const EPHEMERAL = 64;
const NOT_ADMIN = 'Only the club’s admins can do that; nothing was changed.';
/** A plain member's permissions with Manage Server (1 << 5) instead of Manage Channels (1 << 4). */
const MANAGE_SERVER_PERMISSIONS = ((BigInt(MANAGE_CHANNELS_PERMISSIONS) & ~(1n << 4n)) | (1n << 5n)).toString();
const CLUB = {
  name: 'Riverside Runners',
  race: 'Riverside Half',
  date: '2027-04-18',
  distance: ['half'],
  days: 'long sun quality tue easy thu',
};
const MEMBERS = 12;
/** Members (by index) who take their weeks by DM; the others in the weekly thread. */
const BY_DM = [2, 6, 9];
/** Members (by index) who join from the club card's Join button; the others with `/plan club join`. */
const BY_BUTTON = [1, 4, 7, 10];

const silent = createLogger('silent');
let s: TestService;
let discord: FakeDiscord;
let world: DiscordWorld | undefined;
const schedulerAdapters: DiscordAdapter[] = [];

beforeAll(async () => {
  world = await startDiscordWorld({
    // A Wednesday: the club's post is due on Sunday at 18:00 (the creator's zone, UTC on Discord).
    now: '2027-01-06T12:00:00Z',
    core: ({ service, posters }) => ({ clubs: service.clubs, clubRoles: rolesFromPosters(posters) }),
  });
  ({ service: s, discord } = world);
});

afterAll(async () => {
  for (const other of schedulerAdapters) await other.stop();
  await world?.stop();
});

/** The message the interaction's answer left for the user (its reply, or the last follow-up). */
async function lastAnswer(interaction: Dispatched): Promise<StoredMessage> {
  await discord.answered(interaction, (c) => c.method !== 'DELETE');
  const answer = discord.rest.followUpsOf(interaction.token).at(-1) ?? discord.rest.originalOf(interaction.token);
  if (!answer) throw new Error('no answer');
  return answer;
}

const clubOption = (action: string, choice?: string) => [
  { name: 'action', type: OPTION_TYPES.string, value: action },
  ...(choice === undefined ? [] : [{ name: 'choice', type: OPTION_TYPES.string, value: choice }]),
];
const identityOf = (user: FakeUser): string => `discord:@me:${user.id}`;
const channelPosts = (channelId: string) => discord.rest.callsTo('POST', new RegExp(`^/channels/${channelId}/messages$`));
/** What the bot posted itself (REST), as opposed to the answers to interactions. */
const postedIn = (channelId: string) => discord.rest.messagesIn(channelId).filter((m) => m.interactionToken === null);
const threadStarts = () => discord.rest.callsTo('POST', /^\/channels\/\d+\/messages\/\d+\/threads$/);
const says = (message: StoredMessage, text: string) => JSON.stringify([message.content, message.embeds]).includes(text);

/**
 * A scheduler instance as `main.ts` wires one: its own Discord client (started only now, once the
 * interactions are over, so it never answers one), the platform registry over its poster, and one
 * rate limiter shared by the plans' and the clubs' notifiers.
 */
async function schedulerInstance(instanceId: string): Promise<DeliveryContext> {
  const own = await startDiscordAdapter({
    conversation: { handle: () => Promise.resolve([textView('unused')]) },
    logger: silent,
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    maxDeliveryWaitMs: 2000,
  });
  schedulerAdapters.push(own);
  const platforms = createPlatformRegistry([{ ...DISCORD_PLATFORM, poster: own.poster }]);
  const limiter = new RateLimiter(platforms.pacing);
  const retry = { limiter, random: () => 0.5 };
  return {
    store: s.store,
    engine: createRulesEngine(),
    clock: s.clock,
    notifier: withRetries(platforms.notifier(), retry),
    clubs: { store: s.clubStore, weeks: s.clubWeeks, notifier: withClubRetries(platforms.clubNotifier(), retry) },
    instanceId,
    leaseMs: 60_000,
  };
}

describe('a Discord club’s week', () => {
  let admin: FakeUser;
  let plain: FakeUser;
  let members: FakeUser[];
  let card: StoredMessage;
  let club: ClubRecord;
  const channelId = () => discord.clubChannelId;
  const clubHere = () => s.clubs.clubInChannel('discord', channelId());
  const clubForm = async (user: FakeUser, permissions?: string) => {
    const place = discord.club(undefined, permissions);
    const form = await discord.modalFor(discord.command(user, place, 'club', clubOption('new')));
    return lastAnswer(discord.submit(user, place, form, CLUB));
  };

  beforeAll(() => {
    admin = discord.user('coach');
    plain = discord.user('plain');
    members = Array.from({ length: MEMBERS }, (_, i) => discord.user(`runner${i}`));
  });

  it('refuses a plain member’s /plan club new privately, before any form, with nothing stored or posted', async () => {
    const callback = await discord.callbackOf(discord.command(plain, discord.club(), 'club', clubOption('new')));
    const answer = (callback.body as { data: { content: string; flags: number } }).data;
    expect(answer.content).toContain(NOT_ADMIN);
    expect(answer.flags).toBe(EPHEMERAL);
    expect(await clubHere()).toBeUndefined();
    expect(await s.clubStore.list({})).toEqual([]);
    expect(discord.rest.messagesIn(channelId()).filter((m) => (m.flags & EPHEMERAL) === 0)).toEqual([]);
  });

  it('lets a member with Manage Server make the club, whose card is for the whole channel', async () => {
    card = await clubForm(admin, MANAGE_SERVER_PERMISSIONS);
    expect(says(card, 'Made the club Riverside Runners for this channel.')).toBe(true);
    expect(card.flags & EPHEMERAL).toBe(0);
    expect(await clubHere()).toMatchObject({ name: 'Riverside Runners', status: 'active', createdBy: identityOf(admin) });
  });

  it(`takes ${MEMBERS} members through the join form, ${BY_DM.length} of them choosing DMs`, async () => {
    const cardId = card.id;
    for (const [i, member] of members.entries()) {
      const place = discord.club();
      // The card the admin's form left in the channel, as members see it now.
      const shown = discord.rest.messages.get(cardId);
      if (!shown) throw new Error('the club card is gone');
      const opening = BY_BUTTON.includes(i)
        ? discord.click(member, place, shown, 'Join')
        : discord.command(member, place, 'club', clubOption('join'));
      const form = await discord.modalFor(opening);
      expect(form.title).toBe('Join the club');
      const joined = await lastAnswer(discord.submit(member, place, form, { fiveK: `${20 + (i % 8)}:00`, mileage: String(15 + (i % 10)) }));
      expect(joined.flags).toBe(EPHEMERAL);
      if (BY_DM.includes(i)) {
        const chosen = await lastAnswer(discord.command(member, place, 'club', clubOption('weeks', 'dm')));
        expect(chosen.content).not.toContain('Only members');
      }
    }
    const stored = await clubHere();
    if (!stored) throw new Error('no club');
    club = stored;
    expect(club.members.map((m) => m.identity).sort()).toEqual(members.map(identityOf).sort());
    const dmIds = BY_DM.map((i) => identityOf(members[i] as FakeUser)).sort();
    expect(
      club.members
        .filter((m) => m.weekDelivery === 'dm')
        .map((m) => m.identity)
        .sort(),
    ).toEqual(dmIds);
    // Joining answered each member privately; the bot posted nothing in the channel itself.
    expect(postedIn(channelId())).toEqual([]);
  });

  it('refuses a plain member’s close privately, and the club stays as it was', async () => {
    const before = await clubHere();
    const refused = await lastAnswer(discord.command(plain, discord.club(), 'club', clubOption('close')));
    expect(refused.content).toContain(NOT_ADMIN);
    expect(refused.flags).toBe(EPHEMERAL);
    // A member who joined is no admin either.
    const member = await lastAnswer(discord.command(members[0] as FakeUser, discord.club(), 'club', clubOption('close')));
    expect(member.content).toContain(NOT_ADMIN);
    expect(await clubHere()).toEqual(before);
  });

  it('one tick of two instances at once: one message, one thread, each week once in the thread or by DM', async () => {
    const [a, b] = [await schedulerInstance('bot-a'), await schedulerInstance('bot-b')];
    const dmMembers = BY_DM.map((i) => members[i] as FakeUser);
    const inThread = members.filter((_, i) => !BY_DM.includes(i));
    const dmBefore = new Map(dmMembers.map((m) => [m.id, discord.rest.messagesIn(discord.rest.dmChannelOf(m.id) ?? 'none').length]));

    s.clock.set('2027-01-10T18:01:00Z');
    const started = performance.now();
    const summaries = await Promise.all([runDeliveryTick(a, silent), runDeliveryTick(b, silent)]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(summaries.map((t) => t.failed)).toEqual([0, 0]);
    expect(summaries.reduce((n, t) => n + t['club-posts'], 0)).toBe(1);
    expect(summaries.reduce((n, t) => n + t.posted, 0)).toBe(MEMBERS);

    // One message in the club's channel, and one thread started on it, named for the club and week.
    const [parent, ...others] = postedIn(channelId());
    expect(others).toEqual([]);
    if (!parent) throw new Error('no weekly post');
    // The group's sessions of the week, for everyone in the channel; each member's own week is below.
    expect(parent.embeds[0]?.title).toContain('Riverside Runners · week of 11 Jan 2027');
    for (const day of ['Tue: ', 'Thu: ', 'Sun: Long run']) expect(says(parent, day)).toBe(true);
    expect(channelPosts(channelId()).map((c) => c.status)).toEqual([200]);
    expect(threadStarts().map((c) => [c.path, c.status])).toEqual([[`/channels/${channelId()}/messages/${parent.id}/threads`, 201]]);
    expect([...discord.rest.threads.entries()]).toEqual([
      [parent.id, { parentId: channelId(), name: 'Riverside Runners · week of 11 Jan 2027' }],
    ]);

    // Each thread member's week in the thread (its channel id is the parent's), opening with their name, once.
    const thread = postedIn(parent.id);
    for (const member of inThread) {
      expect(thread.filter((m) => says(m, `<@${member.id}>, here is your week 2.`))).toHaveLength(1);
    }
    expect(thread).toHaveLength(inThread.length);
    // Each DM member's week in their DM, and not in the thread.
    for (const member of dmMembers) {
      expect(thread.filter((m) => says(m, `<@${member.id}>`))).toEqual([]);
      const dm = discord.rest.dmChannelOf(member.id);
      if (!dm) throw new Error(`no DM opened with ${member.username}`);
      const week = discord.rest.messagesIn(dm).slice(dmBefore.get(member.id) ?? 0);
      expect(week).toHaveLength(1);
      expect(says(week[0] as StoredMessage, 'Week 2')).toBe(true);
    }
    // No member's week went anywhere else (not to the other members' DMs, not twice).
    const weekPosts = discord.rest.callsTo('POST', /^\/channels\/\d+\/messages$/).filter((c) => c.status === 200);
    expect(weekPosts).toHaveLength(1 + MEMBERS);

    const [week] = await s.clubWeeks.listForClub(club.id, 5);
    expect(week).toMatchObject({
      weekOf: '2027-01-11',
      status: 'done',
      parentRef: `${channelId()}:${parent.id}`,
      threadRef: parent.id,
      outcome: { posted: MEMBERS, alreadyPosted: 0, skipped: 0 },
    });
  });

  it('a second tick, at once and an hour later, adds nothing', async () => {
    const [a, b] = [await schedulerInstance('bot-c'), await schedulerInstance('bot-d')];
    const calls = discord.rest.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/channels/')).length;
    const messages = discord.rest.messages.size;
    for (const at of ['2027-01-10T18:02:00Z', '2027-01-10T19:02:00Z']) {
      s.clock.set(at);
      const summaries = await Promise.all([runDeliveryTick(a, silent), runDeliveryTick(b, silent)]);
      for (const summary of summaries) expect(summary).toMatchObject({ posted: 0, 'club-posts': 0, failed: 0 });
    }
    expect(discord.rest.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/channels/')).length).toBe(calls);
    expect(discord.rest.messages.size).toBe(messages);
    expect(discord.rest.threads.size).toBe(1);
  });

  it('goes on in the thread it started when the record of it was lost (Discord: "already created", 160004)', async () => {
    const poster = (await schedulerInstance('bot-e')).clubs?.notifier;
    if (!poster) throw new Error('no club notifier');
    const [club] = await s.clubs.listClubs({ platform: 'discord', statuses: ['active'] });
    if (!club) throw new Error('no club');
    const [week] = await s.clubWeeks.listForClub(club.id, 1);
    const parentRef = week?.parentRef ?? '';
    // The thread on this week's parent exists: starting it again finds it, and nothing new is made.
    await expect(poster.startThread(club, parentRef, '2027-01-11')).resolves.toBe(week?.threadRef);
    expect(discord.rest.threads.size).toBe(1);
  });
});
