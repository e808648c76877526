/**
 * Issue 19, the clubs' weekly post through the scheduler's tick, over the embedded store and fake
 * posters: one parent a club and week in the channel, each member's week as a reply in its thread
 * or by DM as they chose, nothing posted twice by two instances at once or after a restart in the
 * middle, the plans' own schedule leaving members' weeks to the club, and the settlements (a
 * channel that refuses the parent: members' weeks by DM).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError, type PostTarget } from '../../src/conversation/chat-poster.js';
import { createClubNotifier } from '../../src/conversation/club-week-delivery.js';
import { mentionOf } from '../../src/conversation/mentions.js';
import { createWeekNotifier } from '../../src/conversation/week-delivery.js';
import type { MessageView } from '../../src/conversation/views.js';
import { createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import { createLogger } from '../../src/log.js';
import type { ClubRecord } from '../../src/plans/club-record.js';
import { dueClubWeek, nextClubPostAt } from '../../src/plans/club-schedule.js';
import type { CreateClubRequest } from '../../src/plans/club-use-cases.js';
import type { DeliveryContext } from '../../src/plans/use-cases/deliver-due-week.js';
import { runDeliveryTick } from '../../src/scheduler/delivery-runner.js';
import { clubRequest as sharedClubRequest } from '../support/club-fixtures.js';
import { FakePoster } from '../support/fake-poster.js';
import { startTestService, type TestService } from '../support/plan-service.js';

const silent = createLogger('silent');
let s: TestService;

beforeAll(async () => {
  // A Wednesday; the clubs below post on Sundays at 18:00 London time.
  s = await startTestService({ now: '2027-01-06T12:00:00Z' });
});

afterAll(async () => {
  await s.close();
});

/** The club's race is in April, so January's weeks are its weeks 2, 3, … for members who join now. */
const clubRequest = (extra: Partial<CreateClubRequest> = {}): CreateClubRequest =>
  sharedClubRequest({ race: { name: 'Riverside Half', date: '2027-04-18', distance: 'half' }, ...extra });

/** A poster that records every post, and can hold the next ones forever (the process "dies" mid-post). */
class RecordingPoster extends FakePoster {
  frozenAfter: number | null = null;
  override async post(target: PostTarget, view: MessageView): Promise<{ messageRef: string }> {
    if (this.frozenAfter !== null && this.posts.length >= this.frozenAfter) return new Promise(() => undefined);
    return super.post(target, view);
  }
}

function instance(name: string, poster: FakePoster): DeliveryContext {
  return {
    store: s.store,
    engine: createRulesEngine(),
    clock: s.clock,
    notifier: createWeekNotifier([poster]),
    clubs: { store: s.clubStore, weeks: s.clubWeeks, notifier: createClubNotifier([poster], mentionOf) },
    instanceId: name,
    leaseMs: 60_000,
  };
}

async function clubWith(members: number, dms: readonly number[] = [], extra: Partial<CreateClubRequest> = {}): Promise<ClubRecord> {
  const club = await s.clubs.createClub(clubRequest(extra));
  for (let i = 0; i < members; i += 1) {
    const outcome = await s.clubs.joinClub(`slack:T1:M${club.channelId.replace(/\D/g, '')}X${i}`, club.id, {
      fiveK: `${20 + (i % 8)}:00`,
      mileage: String(15 + (i % 10)),
      weekDelivery: dms.includes(i) ? 'dm' : 'thread',
    });
    if (outcome.kind !== 'joined') throw new Error('expected a join');
  }
  return s.clubs.showClub(club.id);
}

const parents = (poster: FakePoster, club: ClubRecord) =>
  poster.posts.filter((p) => p.target.target === 'channel' && p.target.channelId === club.channelId && p.target.threadRef === undefined);
const replies = (poster: FakePoster, club: ClubRecord) =>
  poster.posts.filter((p) => p.target.channelId === club.channelId && p.target.threadRef !== undefined);
/** Whose week a post is: the DM's owner, or the member a thread reply names. */
const memberOf = (post: FakePoster['posts'][number]): string =>
  post.target.target === 'dm'
    ? post.target.owner.slice(post.target.owner.lastIndexOf(':') + 1)
    : (/<@(M\d+X\d+)>/.exec(JSON.stringify(post.view.blocks))?.[1] ?? 'nobody');
const dms = (poster: FakePoster) => poster.posts.filter((p) => p.target.target === 'dm');

describe('when a club posts', () => {
  it('first posts on the posting time after it was made, never for a week whose time had passed, and never past race week', () => {
    const club = {
      delivery: { postingDay: 7, postingHour: 18, timezone: 'Europe/London' },
      createdAt: new Date('2027-01-06T12:00:00Z'),
      race: { name: 'R', date: '2027-01-24', distance: 'half' },
      season: null,
    };
    expect(dueClubWeek(club, new Date('2027-01-06T12:00:00Z'))).toBeNull();
    expect(nextClubPostAt(club, new Date('2027-01-06T12:00:00Z'))?.toISOString()).toBe('2027-01-10T18:00:00.000Z');
    expect(dueClubWeek(club, new Date('2027-01-10T17:59:00Z'))).toBeNull();
    expect(dueClubWeek(club, new Date('2027-01-10T18:00:00Z'))).toBe('2027-01-11');
    // After an outage, only the latest week: no flood.
    expect(dueClubWeek(club, new Date('2027-01-20T09:00:00Z'))).toBe('2027-01-18');
    // Race week (the race on Sunday 24th) is the last post: after it, nothing is due.
    expect(dueClubWeek(club, new Date('2027-01-24T09:00:00Z'))).toBe('2027-01-18');
    expect(dueClubWeek(club, new Date('2027-01-26T09:00:00Z'))).toBeNull();
    expect(nextClubPostAt(club, new Date('2027-01-26T09:00:00Z'))).toBeNull();
  });
});

describe('a club’s weekly post', () => {
  it('is one parent in the channel, each member’s week in its thread or by DM, once, and the plans’ own schedule posts none of them', async () => {
    s.clock.set('2027-01-06T12:00:00Z');
    const club = await clubWith(6, [1, 4]);
    const poster = new RecordingPoster('slack', () => s.clock.now());
    const ctx = instance('bot-a', poster);
    expect((await runDeliveryTick(ctx, silent)).posted).toBe(0);

    s.clock.set('2027-01-10T18:01:00Z');
    const summary = await runDeliveryTick(ctx, silent);
    expect(summary).toMatchObject({ 'club-posts': 1, posted: 6, failed: 0 });
    const [parent] = parents(poster, club);
    expect(parents(poster, club)).toHaveLength(1);
    expect(parent?.view.blocks[0]).toMatchObject({
      type: 'header',
      text: expect.stringContaining('Riverside Runners · week of 11 Jan 2027'),
    });
    const text = JSON.stringify(parent?.view.blocks);
    expect(text).toContain('Tue: ');
    expect(text).toContain('Sun: Long run');
    // The reply names the parent's thread; each opens with the member's name.
    const inThread = replies(poster, club);
    expect(inThread).toHaveLength(4);
    for (const reply of inThread) {
      expect(reply.target.threadRef).toBe(parent?.ref);
      expect(JSON.stringify(reply.view.blocks)).toMatch(/<@M\d+X\d>, here is your week 2\./);
    }
    expect(
      dms(poster)
        .map((p) => p.target.owner)
        .sort(),
    ).toEqual(
      club.members
        .filter((m) => m.weekDelivery === 'dm')
        .map((m) => m.identity)
        .sort(),
    );

    // Next tick, and an hour later: nothing again.
    expect((await runDeliveryTick(ctx, silent)).posted).toBe(0);
    s.clock.set('2027-01-10T19:01:00Z');
    expect((await runDeliveryTick(ctx, silent)).posted).toBe(0);
    expect(poster.posts).toHaveLength(7);
    const [week] = await s.clubWeeks.listForClub(club.id, 5);
    expect(week).toMatchObject({ weekOf: '2027-01-11', status: 'done', outcome: { posted: 6, alreadyPosted: 0, skipped: 0 } });

    // The week after: a digest of what they logged.
    const first = club.members[0];
    if (!first) throw new Error('no member');
    await s.plans.logExecution(first.identity, first.planId, 2, { completedDays: 3, totalMiles: 18, averagePace: null });
    s.clock.set('2027-01-17T18:01:00Z');
    expect(await runDeliveryTick(ctx, silent)).toMatchObject({ 'club-posts': 1, posted: 6 });
    const second = parents(poster, club)[1];
    expect(JSON.stringify(second?.view.blocks)).toContain('1 of 6 logged · 18 club miles');
  });

  it('goes out once when two scheduler instances tick at the same moment', async () => {
    s.clock.set('2027-01-06T12:00:00Z');
    const club = await clubWith(8, [3]);
    const a = new RecordingPoster('slack', () => s.clock.now());
    const b = new RecordingPoster('slack', () => s.clock.now());
    s.clock.set('2027-01-10T18:02:00Z');
    await Promise.all([runDeliveryTick(instance('bot-a', a), silent), runDeliveryTick(instance('bot-b', b), silent)]);
    const all = [...a.posts, ...b.posts].filter(
      (p) => p.target.channelId === club.channelId || club.members.some((m) => m.identity === p.target.owner),
    );
    expect(all.filter((p) => p.target.threadRef === undefined && p.target.target === 'channel')).toHaveLength(1);
    const members = all.filter((p) => p.target.threadRef !== undefined || p.target.target === 'dm').map(memberOf);
    expect(members).toHaveLength(8);
    expect(new Set(members).size).toBe(8);
  });

  it('taken up after a restart in the middle goes on where it stopped: no duplicate, no gap', async () => {
    s.clock.set('2027-01-06T12:00:00Z');
    const club = await clubWith(30, [5, 17]);
    const dying = new RecordingPoster('slack', () => s.clock.now());
    // The parent and 11 weeks go out; the 13th post never returns (the process died while posting it).
    dying.frozenAfter = 12;
    s.clock.set('2027-01-10T18:03:00Z');
    void runDeliveryTick(instance('bot-dies', dying), silent);
    await expect.poll(() => dying.posts.length).toBe(12);
    // Another instance, while the lease is still held: nothing.
    const next = new RecordingPoster('slack', () => s.clock.now());
    await runDeliveryTick(instance('bot-next', next), silent);
    expect(next.posts.filter((p) => p.target.channelId === club.channelId)).toHaveLength(0);
    // Past the lease: the rest, and only the rest, in the same thread.
    s.clock.set('2027-01-10T18:05:00Z');
    await runDeliveryTick(instance('bot-next', next), silent);
    const parent = parents(dying, club)[0];
    expect(parents(next, club)).toHaveLength(0);
    const rest = [...replies(next, club), ...dms(next)];
    expect(rest).toHaveLength(19);
    expect(replies(next, club).every((r) => r.target.threadRef === parent?.ref)).toBe(true);
    const everyWeek = [...replies(dying, club), ...dms(dying), ...rest].map(memberOf);
    expect(everyWeek).toHaveLength(30);
    expect(new Set(everyWeek).size).toBe(30);
  });

  it('sends members’ weeks by DM that week when the channel refuses the parent for good', async () => {
    s.clock.set('2027-01-06T12:00:00Z');
    const club = await clubWith(3);
    const poster = new RecordingPoster('slack', () => s.clock.now());
    poster.failNext(
      1,
      () => new DeliveryError('channel-gone', 'is_archived', 'archived'),
      (t) => t.channelId === club.channelId,
    );
    s.clock.set('2027-01-10T18:04:00Z');
    await runDeliveryTick(instance('bot-a', poster), silent);
    expect(parents(poster, club)).toHaveLength(0);
    expect(dms(poster).filter((p) => club.members.some((m) => m.identity === p.target.owner))).toHaveLength(3);
  });
});
