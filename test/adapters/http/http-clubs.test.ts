/**
 * Issue 19: a club's read endpoints over real HTTP on 127.0.0.1, on the embedded store. A coach's
 * key (the club's creator) and a listed admin's read the club and the coach's view — who logged,
 * miles planned against done, who is paused, the flags; a member's key, another owner's and an
 * unknown or malformed id all get the same 404; no key gets 401. Every answer is checked against
 * the OpenAPI document by the world's client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClubRecord } from '../../../src/plans/club-record.js';
import type { PlanRecord } from '../../../src/plans/plan-record.js';
import { startHttpWorld, type HttpWorld } from './http-world.js';

const COACH = 'slack:T1:COACH';
const ASSIST = 'slack:T1:ASSIST';
const FAST = 'slack:T1:FAST';
const QUIET = 'slack:T1:QUIET';
const HURT = 'slack:T1:HURT';

let world: HttpWorld;
let club: ClubRecord;
let plans: Record<string, PlanRecord>;
let keys: Record<string, string>;
/** FAST's plan's miles for weeks 1 to 4; FAST logged weeks 1 to 3 as planned. */
let fastWeeks: number[];
const sum = (miles: readonly number[]) => Math.round(miles.reduce((a, b) => a + b, 0) * 10) / 10;

let channel = 0;
const makeClub = (creator: string, name: string, admins: string[] = []) => {
  channel += 1;
  return world.service.clubs.createClub({
    creator,
    channelId: `C-HTTP-${channel}`,
    name,
    race: { name: 'Riverside Half', date: '2027-03-21', distance: 'half' },
    groupDays: { longDay: 7, qualityDays: [2], easyDays: [4] },
    delivery: { postingDay: 7, postingHour: 18, timezone: 'Europe/London' },
    admins,
  });
};

async function join(identity: string, fiveK: string, weekDelivery: 'thread' | 'dm' = 'thread'): Promise<PlanRecord> {
  const outcome = await world.service.clubs.joinClub(identity, club.id, { fiveK, mileage: '20', weekDelivery });
  if (outcome.kind !== 'joined') throw new Error(`expected ${identity} to join`);
  return outcome.plan;
}

beforeAll(async () => {
  world = await startHttpWorld();
  const { plans: use, clock } = world.service;
  // Wednesday 25 Nov 2026: the club is made and three athletes join.
  club = await makeClub(COACH, 'Riverside Runners', [ASSIST]);
  plans = { [FAST]: await join(FAST, '21:00'), [QUIET]: await join(QUIET, '25:00', 'dm'), [HURT]: await join(HURT, '27:00') };
  // Three weeks on: FAST logged every week, QUIET never did, HURT logged week 1 and paused injured.
  clock.advanceDays(21);
  for (const [identity, plan] of Object.entries(plans)) await use.ensureWeek(identity, plan.id, 4);
  const runDays = (week: PlanRecord['weeks'][number]) => week.days.filter((d) => d.type !== 'rest').length;
  const fast = await use.getPlan(FAST, plans[FAST]!.id);
  fastWeeks = fast.weeks.slice(0, 4).map((w) => w.miles);
  for (const week of fast.weeks.slice(0, 3)) {
    await use.logExecution(FAST, fast.id, week.weekNumber, { completedDays: runDays(week), totalMiles: week.miles });
  }
  await use.logExecution(HURT, plans[HURT]!.id, 1, { completedDays: 1, totalMiles: 3 });
  await use.pausePlan(HURT, plans[HURT]!.id, { reason: 'injured' });
  keys = {};
  for (const who of [COACH, ASSIST, FAST]) keys[who] = await world.keyFor(who);
});

afterAll(async () => {
  await world.close();
});

const NOT_FOUND = {
  error: { code: 'CLUB_NOT_FOUND', message: "no club with that id of which this API key's owner is an admin" },
};

describe('a club over HTTP, for its admins', () => {
  it('lists the clubs the key’s owner made or is listed an admin of, and only those', async () => {
    const other = await makeClub('slack:T1:OTHER', 'Canal Striders');
    const closed = await makeClub(COACH, 'Autumn Block');
    await world.service.clubs.closeClub(true, closed.id);
    const mine = await world.request('GET', '/api/training-plan/clubs', { key: keys[COACH] });
    expect(mine.status).toBe(200);
    expect(mine.body.clubs).toEqual([
      expect.objectContaining({ clubId: closed.id, name: 'Autumn Block', status: 'closed', memberCount: 0 }),
      expect.objectContaining({
        clubId: club.id,
        name: 'Riverside Runners',
        status: 'active',
        platform: 'slack',
        race: { name: 'Riverside Half', date: '2027-03-21', distance: 'half' },
        season: null,
        memberCount: 3,
      }),
    ]);
    const active = await world.request('GET', '/api/training-plan/clubs?status=active', { key: keys[COACH] });
    expect((active.body.clubs as { clubId: string }[]).map((c) => c.clubId)).toEqual([club.id]);
    const assisted = await world.request('GET', '/api/training-plan/clubs', { key: keys[ASSIST] });
    expect((assisted.body.clubs as { clubId: string }[]).map((c) => c.clubId)).toEqual([club.id]);
    // A member is no admin: nothing to list; nor is another club's coach's club listed for anyone else.
    expect((await world.request('GET', '/api/training-plan/clubs', { key: keys[FAST] })).body).toEqual({ clubs: [] });
    expect(JSON.stringify(mine.body)).not.toContain(other.id);
    const bad = await world.request('GET', '/api/training-plan/clubs?status=paused', { key: keys[COACH] });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields).toHaveProperty('status');
  });

  it('shows the club: its race, group days, weekly post, admins and members with their week delivery', async () => {
    const shown = await world.request('GET', `/api/training-plan/clubs/${club.id}`, { key: keys[COACH] });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      clubId: club.id,
      name: 'Riverside Runners',
      status: 'active',
      groupDays: { longDay: 7, qualityDays: [2], easyDays: [4] },
      weeklyPost: { postingDay: 7, postingHour: 18, timezone: 'Europe/London' },
      createdBy: COACH,
      admins: [ASSIST],
      closedAt: null,
      members: [
        { identity: FAST, planId: plans[FAST]!.id, weekDelivery: 'thread', joinedAt: '2026-11-25T12:00:00.000Z' },
        { identity: QUIET, planId: plans[QUIET]!.id, weekDelivery: 'dm', joinedAt: '2026-11-25T12:00:00.000Z' },
        { identity: HURT, planId: plans[HURT]!.id, weekDelivery: 'thread', joinedAt: '2026-11-25T12:00:00.000Z' },
      ],
    });
  });

  it('gives the coach’s view: who logged, miles planned against done, who is paused, and the flags', async () => {
    const status = await world.request('GET', `/api/training-plan/clubs/${club.id}/status`, { key: keys[COACH] });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ clubId: club.id, name: 'Riverside Runners', today: '2026-12-16', memberCount: 3 });
    const byIdentity = new Map((status.body.members as { identity: string; flags: string[] }[]).map((m) => [m.identity, m]));
    expect([...byIdentity.keys()]).toEqual([FAST, QUIET, HURT]);
    expect(byIdentity.get(FAST)).toEqual({
      identity: FAST,
      lastLoggedWeek: 3,
      weekNumber: 4,
      thisWeek: { planned: fastWeeks[3], done: 0 },
      fourWeeks: { planned: sum(fastWeeks), done: sum(fastWeeks.slice(0, 3)) },
      paused: false,
      flags: [],
    });
    expect(byIdentity.get(QUIET)).toMatchObject({ lastLoggedWeek: null, fourWeeks: { done: 0 }, paused: false, flags: ['missed-2-weeks'] });
    expect(byIdentity.get(HURT)).toMatchObject({ lastLoggedWeek: 1, fourWeeks: { done: 3 }, paused: true });
    expect(byIdentity.get(HURT)?.flags).toContain('injury-pause');
    // A listed admin sees the same.
    const assisted = await world.request('GET', `/api/training-plan/clubs/${club.id}/status`, { key: keys[ASSIST] });
    expect(assisted.body).toEqual(status.body);
  });

  it('refuses a member’s key, another owner’s and unknown or malformed ids with the same 404, and changes nothing', async () => {
    const before = await world.service.clubs.showClub(club.id);
    const stranger = await world.keyFor('http:club:stranger');
    const answers = [
      await world.request('GET', `/api/training-plan/clubs/${club.id}`, { key: keys[FAST] }),
      await world.request('GET', `/api/training-plan/clubs/${club.id}/status`, { key: keys[FAST] }),
      await world.request('GET', `/api/training-plan/clubs/${club.id}/status`, { key: stranger }),
      await world.request('GET', '/api/training-plan/clubs/6740a1f2c3d4e5f6a7b8c9d1', { key: keys[COACH] }),
      await world.request('GET', '/api/training-plan/clubs/nope/status', { key: keys[COACH] }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(NOT_FOUND);
    }
    expect(await world.service.clubs.showClub(club.id)).toEqual(before);
  });

  it('answers 401 without a key, as every plan route does', async () => {
    for (const path of ['/api/training-plan/clubs', `/api/training-plan/clubs/${club.id}`, `/api/training-plan/clubs/${club.id}/status`]) {
      const answer = await world.request('GET', path, { key: null });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      expect(answer.body.error?.code).toBe('UNAUTHORIZED');
    }
  });
});
