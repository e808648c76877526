/**
 * A club's page for its admins over real HTTP on 127.0.0.1: `/plan club page` (through the
 * conversation core, in the club's channel) gives an admin a private link whose page lists every
 * member's progress — the coach's view in its own words, people by their chat user id only; a
 * non-admin is refused and no link is made; `off` and a newer link make it 404 at once; a plan's
 * token does not open a club page nor a club's a plan page; a closed club's page answers like an
 * unknown link; ETag and 304; a hostile club name is escaped; plan links stored before club pages
 * (no `kind`) still open their plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClubRoles } from '../../../src/conversation/club-roles.js';
import { parseCommandText } from '../../../src/conversation/command-parser.js';
import { createConversation, type Conversation } from '../../../src/conversation/conversation.js';
import type { IntentActor } from '../../../src/conversation/intents.js';
import { createLogger } from '../../../src/log.js';
import type { ClubRecord } from '../../../src/plans/club-record.js';
import type { PlanRecord } from '../../../src/plans/plan-record.js';
import { hashShareToken, SHARE_TOKEN_PATTERN } from '../../../src/plans/use-cases/share-plan.js';
import { MARATHON_FIELDS, SHARE_BASE_URL } from '../../support/plan-service.js';
import { textOf } from '../../support/intents.js';
import { startHttpWorld, type HttpWorld } from './http-world.js';

const HOSTILE = `<script>alert("x")</script> 'Ш' مراكش 🏃‍♀️ & "quotes"`;
const COACH = 'slack:T1:COACH';
const FAST = 'slack:T1:FAST';
const QUIET = 'slack:T1:QUIET';
const HURT = 'slack:T1:HURT';
const CHANNEL = 'C-PAGE';

let world: HttpWorld;
let core: Conversation;
let club: ClubRecord;
let fastWeeks: number[];
let quietPlanId: string;

/** COACH administers every channel, as a Slack workspace admin would. */
const roles: ClubRoles = { isChannelAdmin: async (identity) => identity === COACH };

const actor = (identity: string, channelId = CHANNEL): IntentActor => ({
  identity,
  timezone: 'Europe/London',
  origin: { kind: 'channel', channelId },
});

/** `/plan club …` in the channel; the answer must be one private message, as the person reads it. */
async function club_(identity: string, line: string, channelId = CHANNEL): Promise<string> {
  const views = await core.handle({ kind: 'command', actor: actor(identity, channelId), command: parseCommandText(`/plan club ${line}`) });
  expect(views).toHaveLength(1);
  expect(views[0]).toMatchObject({ kind: 'message', ephemeral: true });
  return textOf(views);
}

function linkIn(answer: string): { url: string; token: string } {
  const match = /(https:\/\/[^\s"]+\/c\/([A-Za-z0-9_-]+))/.exec(answer);
  if (!match?.[1] || !match[2]) throw new Error(`no club page link in: ${answer}`);
  return { url: match[1], token: match[2] };
}

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${world.api.url}${path}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const clubLinks = async () => world.service.connection.collection('share_links').countDocuments({ kind: 'club' });

beforeAll(async () => {
  world = await startHttpWorld();
  const { plans, clubs, clock } = world.service;
  core = createConversation({ plans, clubs, clubRoles: roles, logger: createLogger('silent'), clock });
  club = await clubs.createClub({
    creator: COACH,
    channelId: CHANNEL,
    name: HOSTILE,
    race: { name: 'Riverside Half', date: '2027-03-21', distance: 'half' },
    groupDays: { longDay: 7, qualityDays: [2], easyDays: [4] },
    delivery: { postingDay: 7, postingHour: 18, timezone: 'Europe/London' },
    admins: [],
  });
  const joined: Record<string, PlanRecord> = {};
  for (const [identity, fiveK] of [
    [FAST, '21:00'],
    [QUIET, '25:00'],
    [HURT, '27:00'],
  ] as const) {
    const outcome = await clubs.joinClub(identity, club.id, { fiveK, mileage: '20', weekDelivery: 'thread' });
    if (outcome.kind !== 'joined') throw new Error(`expected ${identity} to join`);
    joined[identity] = outcome.plan;
  }
  // Three weeks on: FAST logged every week, QUIET never did, HURT logged week 1 and paused injured.
  clock.advanceDays(21);
  for (const [identity, plan] of Object.entries(joined)) await plans.ensureWeek(identity, plan.id, 4);
  const fast = await plans.getPlan(FAST, joined[FAST]!.id);
  fastWeeks = fast.weeks.slice(0, 4).map((w) => w.miles);
  quietPlanId = joined[QUIET]!.id;
  for (const week of fast.weeks.slice(0, 3)) {
    const runDays = week.days.filter((d) => d.type !== 'rest').length;
    await plans.logExecution(FAST, fast.id, week.weekNumber, { completedDays: runDays, totalMiles: week.miles });
  }
  await plans.logExecution(HURT, joined[HURT]!.id, 1, { completedDays: 1, totalMiles: 3 });
  await plans.pausePlan(HURT, joined[HURT]!.id, { reason: 'injured' });
}, 60_000);

afterAll(async () => {
  await world.close();
});

const sum = (miles: readonly number[]) => Math.round(miles.reduce((a, b) => a + b, 0) * 10) / 10;

describe('/plan club page and the club page', () => {
  it('gives an admin a private link whose page lists every member’s progress, named by user id only', async () => {
    const answer = await club_(COACH, 'page');
    const { url, token } = linkIn(answer);
    expect(url.startsWith(`${SHARE_BASE_URL}/c/`)).toBe(true);
    expect(token).toMatch(SHARE_TOKEN_PATTERN);
    expect(answer).toContain('/plan club page off turns it off');

    const shown = await get(`/c/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
    expect(shown.headers.get('cache-control')).toBe('private, no-cache');
    expect(shown.headers.get('referrer-policy')).toBe('no-referrer');
    expect(shown.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(shown.text).not.toContain('<script');
    expect(shown.text).toContain('Riverside Half, half marathon, 21 Mar 2027');
    expect(shown.text).toMatch(/<dt>Weeks to go<\/dt><dd>14<\/dd>/);
    // One row a member, in the digest's words; today is Wednesday 16 Dec, week 4 of their plans.
    const rows = shown.text.split('<tr role="row">').slice(2);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('<th scope="row" role="rowheader">FAST</th>');
    expect(rows[0]).toContain('last log week 3');
    expect(rows[0]).toContain(`week 4: 0/${fastWeeks[3]} mi`);
    expect(rows[0]).toContain(`4 weeks: ${sum(fastWeeks.slice(0, 3))}/${sum(fastWeeks)} mi`);
    expect(rows[1]).toContain('>QUIET</th>');
    expect(rows[1]).toContain('no log yet');
    expect(rows[1]).toContain('⚑ missed 2 weeks');
    expect(rows[2]).toContain('>HURT</th>');
    expect(rows[2]).toContain('<td role="cell">paused</td>');
    expect(rows[2]).toContain('injury pause');
    expect(shown.text).toContain('3 members with a plan, 2 flagged. Miles are done/planned.');
    // No identity, workspace or mention: nothing the channel's mention does not already carry.
    for (const hidden of [COACH, FAST, 'T1', '&lt;@', club.id]) expect(shown.text).not.toContain(hidden);
  });

  it('refuses a non-admin privately and makes no link', async () => {
    const before = await clubLinks();
    expect(await club_(FAST, 'page')).toContain('Only the club’s admins can do that; nothing was changed.');
    expect(await club_(FAST, 'page off')).toContain('Only the club’s admins can do that; nothing was changed.');
    expect(await clubLinks()).toBe(before);
  });

  it('stops a link at once when turned off or replaced, with the one 404 for every link that does not work', async () => {
    const first = linkIn(await club_(COACH, 'page'));
    const second = linkIn(await club_(COACH, 'page'));
    expect((await get(`/c/${first.token}`)).status).toBe(404);
    expect((await get(`/c/${second.token}`)).status).toBe(200);
    expect(await club_(COACH, 'page off')).toContain('its link no longer works');
    const revoked = await get(`/c/${second.token}`);
    expect(revoked.status).toBe(404);
    expect(await club_(COACH, 'page off')).toContain('has no page link to turn off');
    const unknown = await get(`/c/${'A'.repeat(43)}`);
    const malformed = await get('/c/short');
    const under = await get(`/c/${second.token}/nothing-here`);
    // The plan page's 404, byte for byte: nothing tells a club's link from a plan's.
    const planUnknown = await get(`/p/${'A'.repeat(43)}`);
    for (const answer of [unknown, malformed, under, planUnknown]) {
      expect(answer.status).toBe(404);
      expect(answer.text).toBe(revoked.text);
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
    expect(revoked.text).toContain('This link does not work');
  });

  it('never opens a plan page with a club token, nor a club page with a plan token', async () => {
    const clubToken = linkIn(await club_(COACH, 'page')).token;
    const owner = 'slack:T1:SOLO';
    const preview = await world.service.plans.createPreview({ owner, fields: { ...MARATHON_FIELDS, raceName: 'Solo Marathon' } });
    await world.service.plans.confirmPlan(owner, preview.id);
    const planUrl = (await world.service.plans.sharePlan(owner, preview.id)).url;
    const planToken = planUrl.slice(planUrl.lastIndexOf('/') + 1);
    expect((await get(`/p/${planToken}`)).status).toBe(200);
    expect((await get(`/c/${clubToken}`)).status).toBe(200);
    for (const path of [`/p/${clubToken}`, `/p/${clubToken}.ics`, `/p/${clubToken}/fit`, `/c/${planToken}`]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('sends a strong ETag, answers 304, and a member’s log changes the page', async () => {
    const { token } = linkIn(await club_(COACH, 'page'));
    const first = await get(`/c/${token}`, { 'Accept-Encoding': 'gzip' });
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}-gz"$/);
    const cached = await get(`/c/${token}`, { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    expect(cached.status).toBe(304);
    expect(cached.text).toBe('');
    await world.service.plans.logExecution(QUIET, quietPlanId, 3, { completedDays: 3, totalMiles: 12 });
    const changed = await get(`/c/${token}`, { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.text.split('>QUIET</th>')[1]?.split('</tr>')[0]).toContain('last log week 3');
  });

  it('escapes a hostile club name and keeps RTL text and emoji', async () => {
    const { token } = linkIn(await club_(COACH, 'page'));
    const { text } = await get(`/c/${token}`);
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('"x")');
    expect(text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(text).toContain('مراكش');
    expect(text).toContain('🏃‍♀️');
    expect(text).toContain('&#39;Ш&#39;');
  });

  it('keeps tokens out of the logs and stores only their hash, marked as a club’s', async () => {
    const { token } = linkIn(await club_(COACH, 'page'));
    await get(`/c/${token}`);
    expect(world.logs.join('\n')).not.toContain(token);
    const stored = await world.service.connection.collection('share_links').find({ kind: 'club' }).toArray();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.filter((doc) => doc.revokedAt === null)).toEqual([
      expect.objectContaining({ hash: hashShareToken(token), clubId: club.id, createdBy: COACH }),
    ]);
  });

  it('still opens a plan link stored before club pages (no kind)', async () => {
    const owner = 'slack:T1:OLDLINK';
    const preview = await world.service.plans.createPreview({ owner, fields: { ...MARATHON_FIELDS, raceName: 'Old Link Marathon' } });
    await world.service.plans.confirmPlan(owner, preview.id);
    const token = 'L'.repeat(43);
    await world.service.connection.collection('share_links').insertOne({
      hash: hashShareToken(token),
      planId: preview.id,
      createdBy: owner,
      createdAt: new Date('2026-11-30T10:00:00Z'),
      revokedAt: null,
    });
    const shown = await get(`/p/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Old Link Marathon');
    expect((await get(`/c/${token}`)).status).toBe(404);
    expect(await world.service.plans.unsharePlan(owner, preview.id)).toBe(true);
    expect((await get(`/p/${token}`)).status).toBe(404);
  });

  it('answers a closed club’s page like an unknown link', async () => {
    const { token } = linkIn(await club_(COACH, 'page'));
    expect((await get(`/c/${token}`)).status).toBe(200);
    await world.service.clubs.closeClub(true, club.id);
    const closed = await get(`/c/${token}`);
    expect(closed.status).toBe(404);
    expect(closed.text).toBe((await get(`/c/${'A'.repeat(43)}`)).text);
  });
});
