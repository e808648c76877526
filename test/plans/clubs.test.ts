/**
 * Issue 19, slice 1: the club use cases over the embedded store — a club made, three athletes
 * joining with their own 5Ks (their own paces, the club's race and long-run day), leaving with
 * their plan kept or cancelled, closing, the admin checks, where members' weeks go, and bad input
 * refused with one sentence and nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePlan } from '../../src/domain/validator.js';
import { ClubError } from '../../src/plans/club-errors.js';
import type { CreateClubRequest } from '../../src/plans/club-use-cases.js';
import { plannedWeeks } from '../../src/plans/plan-weeks.js';
import type { PlanRecord } from '../../src/plans/plan-record.js';
import { clubRequest as sharedClubRequest } from '../support/club-fixtures.js';
import { MARATHON_FIELDS, startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
});

afterAll(async () => {
  await s.close();
});

const COACH = 'slack:T1:COACH';

const clubRequest = (extra: Partial<CreateClubRequest> = {}): CreateClubRequest => sharedClubRequest({ creator: COACH, ...extra });

const join = (identity: string, clubId: string, fiveK: string, mileage = '20') =>
  s.clubs.joinClub(identity, clubId, { fiveK, mileage, weekDelivery: 'thread' });

async function joined(identity: string, clubId: string, fiveK: string, mileage?: string): Promise<PlanRecord> {
  const outcome = await join(identity, clubId, fiveK, mileage);
  if (outcome.kind !== 'joined') throw new Error(`expected ${identity} to join`);
  return outcome.plan;
}

/** The whole plan, every week made, passes the validator. */
async function expectValid(plan: PlanRecord): Promise<void> {
  const { plan: full } = await s.plans.ensureWeek(plan.owner, plan.id, plan.totalWeeks ?? 1);
  expect(validatePlan({ inputs: full.inputs!, phases: full.phases, weeks: plannedWeeks(full.weeks) })).toEqual([]);
}

const clubCount = async () => (await s.clubs.listClubs({})).length;

describe('a club', () => {
  it('is made for a channel and shown by id and by channel', async () => {
    const club = await s.clubs.createClub(clubRequest({ admins: ['slack:T1:ASSIST'] }));
    expect(club).toMatchObject({ status: 'active', platform: 'slack', admins: ['slack:T1:ASSIST'], members: [], createdBy: COACH });
    expect((await s.clubs.showClub(club.id)).name).toBe('Riverside Runners');
    expect((await s.clubs.clubInChannel('slack', club.channelId))?.id).toBe(club.id);
  });

  it('gives three members their own paces for the same race and the same long-run day, every plan valid', async () => {
    const club = await s.clubs.createClub(clubRequest());
    const plans = [
      await joined('slack:T1:FAST', club.id, '19:30', '30'),
      await joined('slack:T1:MID', club.id, '24:00', '22'),
      await joined('slack:T1:NEW', club.id, '29:00', '15'),
    ];
    const paces = plans.map((p) => p.paces?.easy);
    expect(new Set(paces).size).toBe(3);
    for (const plan of plans) {
      // Until the club's weekly thread (slice 2), a member's weeks go by DM, never as one more channel post.
      expect(plan).toMatchObject({ status: 'active', clubId: club.id, delivery: { target: 'dm', channelId: null, postingDay: 7 } });
      expect(plan.inputs).toMatchObject({ raceDate: '2027-03-21', distance: 'half', raceName: 'Riverside Half', longRunDay: 7 });
      // The group days are the athlete's run days.
      expect(plan.inputs?.preferredDays).toEqual(expect.arrayContaining([2, 4, 7]));
      const longDays = plan.weeks.flatMap((w) => w.days.filter((d) => d.type === 'long').map((d) => d.dayNumber));
      expect(longDays.every((d) => d === 7)).toBe(true);
      await expectValid(plan);
    }
    const after = await s.clubs.showClub(club.id);
    expect(after.members.map((m) => m.identity)).toEqual(['slack:T1:FAST', 'slack:T1:MID', 'slack:T1:NEW']);
    expect(after.members.map((m) => m.planId)).toEqual(plans.map((p) => p.id));
  });

  it('gives a season club’s members a plan to a time trial at the season’s end', async () => {
    const { race: _race, ...noRace } = clubRequest();
    const club = await s.clubs.createClub({ ...noRace, season: { name: 'Winter Block', endDate: '2027-02-28', distance: '10k' } });
    const plan = await joined('slack:T1:SEASON', club.id, '25:00', '18');
    expect(plan.inputs).toMatchObject({ raceName: 'Winter Block time trial', raceDate: '2027-02-28', distance: '10k', longRunDay: 7 });
    await expectValid(plan);
  });

  it('asks an athlete with an active solo plan first: Keep leaves them as they were, Replace joins', async () => {
    const club = await s.clubs.createClub(clubRequest());
    const athlete = 'slack:T1:SOLO';
    const solo = await s.plans.confirmPlan(athlete, (await s.plans.createPreview({ owner: athlete, fields: MARATHON_FIELDS })).id);
    const asked = await join(athlete, club.id, '22:30');
    expect(asked.kind).toBe('ask');
    if (asked.kind !== 'ask') return;
    expect(asked.active.id).toBe(solo.id);
    expect((await s.clubs.showClub(club.id)).members).toEqual([]);
    expect((await s.plans.getPlan(athlete, solo.id)).status).toBe('active');
    const replaced = await s.clubs.completeJoin(athlete, asked.draftId);
    expect(replaced.kind).toBe('joined');
    expect((await s.plans.getPlan(athlete, solo.id)).status).toBe('cancelled');
    expect((await s.plans.activeSoloPlan(athlete))?.clubId).toBe(club.id);
    // A second Replace press finds it done.
    expect((await s.clubs.completeJoin(athlete, asked.draftId)).kind).toBe('joined');
    expect((await s.clubs.showClub(club.id)).members).toHaveLength(1);
  });

  it('lets a member leave keeping the plan as a solo plan, or cancelling it', async () => {
    const club = await s.clubs.createClub(clubRequest());
    const keeper = await joined('slack:T1:KEEP', club.id, '23:00');
    const quitter = await joined('slack:T1:QUIT', club.id, '26:00');
    const kept = await s.clubs.leaveClub('slack:T1:KEEP', club.id, 'keep');
    expect(kept.plan).toMatchObject({ id: keeper.id, status: 'active', clubId: null });
    const cancelled = await s.clubs.leaveClub('slack:T1:QUIT', club.id, 'cancel');
    expect(cancelled.plan).toMatchObject({ id: quitter.id, status: 'cancelled' });
    expect((await s.clubs.showClub(club.id)).members).toEqual([]);
    await expect(s.clubs.leaveClub('slack:T1:KEEP', club.id, 'keep')).rejects.toThrow('you are not a member of Riverside Runners');
  });

  it('closes: members keep their plans as solo plans, and the closed club takes no one', async () => {
    const club = await s.clubs.createClub(clubRequest());
    const plan = await joined('slack:T1:STAY', club.id, '24:30');
    await expect(s.clubs.closeClub(false, club.id)).rejects.toThrow('only the club’s admins can do that');
    expect((await s.clubs.showClub(club.id)).status).toBe('active');
    const closed = await s.clubs.closeClub(true, club.id);
    expect(closed.status).toBe('closed');
    expect(await s.plans.getPlan('slack:T1:STAY', plan.id)).toMatchObject({ status: 'active', clubId: null });
    await expect(join('slack:T1:LATE', club.id, '25:00')).rejects.toThrow('the club Riverside Runners is closed and takes no new members');
    expect(await s.plans.currentPlan('slack:T1:LATE')).toBeUndefined();
    // The channel is free for a new club.
    const again = await s.clubs.createClub({ ...clubRequest(), channelId: club.channelId });
    expect(again.status).toBe('active');
  });

  it('lets admins list and unlist admins and remove members; a member’s plan stays theirs', async () => {
    const club = await s.clubs.createClub(clubRequest());
    const plan = await joined('slack:T1:GONE', club.id, '25:00');
    await expect(s.clubs.removeMember(false, club.id, 'slack:T1:GONE')).rejects.toThrow('only the club’s admins');
    const withAdmin = await s.clubs.addAdmin(true, club.id, 'slack:T1:HELPER');
    expect(withAdmin.admins).toEqual(['slack:T1:HELPER']);
    expect((await s.clubs.removeAdmin(true, club.id, 'slack:T1:HELPER')).admins).toEqual([]);
    await expect(s.clubs.removeAdmin(true, club.id, COACH)).rejects.toThrow('made the club and stays an admin');
    const removed = await s.clubs.removeMember(true, club.id, 'slack:T1:GONE');
    expect(removed.members).toEqual([]);
    expect(await s.plans.getPlan('slack:T1:GONE', plan.id)).toMatchObject({ status: 'active', clubId: null });
  });
});

describe('bad input: one sentence, nothing stored', () => {
  it('refuses a past race', async () => {
    const before = await clubCount();
    await expect(s.clubs.createClub(clubRequest({ race: { name: 'Old Race', date: '2026-10-01', distance: 'half' } }))).rejects.toThrow(
      'the race date 2026-10-01 is not after today (2026-11-25): pick a day to come',
    );
    expect(await clubCount()).toBe(before);
  });

  it('refuses a second active club in the channel', async () => {
    const first = await s.clubs.createClub(clubRequest());
    const before = await clubCount();
    await expect(s.clubs.createClub({ ...clubRequest(), channelId: first.channelId })).rejects.toThrow(
      'this channel already has a club: /plan club shows it, and an admin can close it first',
    );
    expect(await clubCount()).toBe(before);
  });

  it('keeps one active club a channel when two creations race: the database decides', async () => {
    const request = clubRequest();
    const results = await Promise.allSettled([s.clubs.createClub(request), s.clubs.createClub({ ...request, name: 'Rivals' })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await s.clubs.listClubs({ channelId: request.channelId })).toHaveLength(1);
    // The store itself refuses a second active club in the channel, whatever was read before.
    const [first] = await s.clubs.listClubs({ channelId: request.channelId });
    const { id: _id, revision: _r, createdAt: _c, updatedAt: _u, ...copy } = first!;
    expect(await s.clubStore.insert({ ...copy, name: 'Copy' }, s.clock.now())).toBeUndefined();
  });

  it('refuses an admin list holding a bot, or something that is no person', async () => {
    const before = await clubCount();
    const isBot = async (identity: string) => identity === 'slack:T1:BOT';
    await expect(s.clubs.createClub(clubRequest({ admins: ['slack:T1:BOT'], isBot }))).rejects.toThrow(
      'a club’s admins are people, and slack:T1:BOT is a bot; nothing was changed',
    );
    await expect(s.clubs.createClub(clubRequest({ admins: ['everyone'] }))).rejects.toThrow(
      '"everyone" is not a person of this workspace, so it cannot be a club admin',
    );
    expect(await clubCount()).toBe(before);
    const club = await s.clubs.createClub(clubRequest());
    await expect(s.clubs.addAdmin(true, club.id, 'slack:T1:BOT', isBot)).rejects.toThrow('is a bot');
    expect((await s.clubs.showClub(club.id)).admins).toEqual([]);
  });

  it('refuses removing a non-member', async () => {
    const club = await s.clubs.createClub(clubRequest());
    const revision = (await s.clubs.showClub(club.id)).revision;
    await expect(s.clubs.removeMember(true, club.id, 'slack:T1:NOBODY')).rejects.toThrow(
      'there is no member slack:T1:NOBODY in Riverside Runners, so nothing was changed',
    );
    expect((await s.clubs.showClub(club.id)).revision).toBe(revision);
  });

  it('names the person of a refusal by identity, and as a surface names people when asked', async () => {
    const club = await s.clubs.createClub(clubRequest());
    const refusal = await s.clubs.removeMember(true, club.id, 'slack:T1:NOBODY').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ClubError);
    expect((refusal as ClubError).namedBy((identity) => `[${identity.split(':')[2]}]`)).toBe(
      'there is no member [NOBODY] in Riverside Runners, so nothing was changed',
    );
  });

  it('keeps where a member wants their weeks: chosen at join, kept across Replace, changed by the member', async () => {
    const club = await s.clubs.createClub(clubRequest());
    const athlete = 'slack:T1:WEEKS';
    await s.plans.confirmPlan(athlete, (await s.plans.createPreview({ owner: athlete, fields: MARATHON_FIELDS })).id);
    const asked = await s.clubs.joinClub(athlete, club.id, { fiveK: '23:00', mileage: '20', weekDelivery: 'dm' });
    if (asked.kind !== 'ask') throw new Error('expected the Replace question');
    await s.clubs.completeJoin(athlete, asked.draftId, 'dm');
    const weeksOf = async () => (await s.clubs.showClub(club.id)).members.find((m) => m.identity === athlete)?.weekDelivery;
    expect(await weeksOf()).toBe('dm');
    await s.clubs.setWeekDelivery(athlete, club.id, 'thread');
    expect(await weeksOf()).toBe('thread');
    const revision = (await s.clubs.showClub(club.id)).revision;
    // The same choice again changes nothing; a non-member and a closed club are refused.
    await s.clubs.setWeekDelivery(athlete, club.id, 'thread');
    await expect(s.clubs.setWeekDelivery('slack:T1:OTHER', club.id, 'dm')).rejects.toThrow('you are not a member of Riverside Runners');
    expect((await s.clubs.showClub(club.id)).revision).toBe(revision);
    await s.clubs.closeClub(true, club.id);
    await expect(s.clubs.setWeekDelivery(athlete, club.id, 'dm')).rejects.toThrow('is closed and posts no more weeks');
  });

  it('refuses a join the plan rules refuse, storing no plan', async () => {
    const club = await s.clubs.createClub(clubRequest());
    await expect(join('slack:T1:SLOW', club.id, '99:00')).rejects.toThrow();
    await expect(
      s.clubs.joinClub('slack:T1:GOAL', club.id, { fiveK: '30:00', mileage: '20', goal: '1:20:00', weekDelivery: 'dm' }),
    ).rejects.toThrow('more than 8% faster');
    expect(await s.plans.currentPlan('slack:T1:SLOW')).toBeUndefined();
    expect(await s.plans.currentPlan('slack:T1:GOAL')).toBeUndefined();
    expect((await s.clubs.showClub(club.id)).members).toEqual([]);
  });

  it('refuses clashing group days', async () => {
    await expect(s.clubs.createClub(clubRequest({ groupDays: { longDay: 7, qualityDays: [1], easyDays: [3] } }))).rejects.toThrow(
      'the long-run and quality days must not follow one another',
    );
  });
});
