/**
 * The coach's view on a home screen (issue 19, item 5) through the core: the clubs of the person's
 * own workspace they administer — by the club's list or the platform's `ClubRoles` — each with its
 * race, weeks to go and one digest line a member; nothing for anyone else; a role lookup that
 * fails leaves that club out, logged once, and never breaks the home; a cut shows the flagged
 * members first and counts the rest in one line pointing at `/plan club status`.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ClubRoles } from '../../src/conversation/club-roles.js';
import { createConversation, type Conversation } from '../../src/conversation/conversation.js';
import type { IntentActor } from '../../src/conversation/intents.js';
import type { ClubRecord } from '../../src/plans/club-record.js';
import type { CreateClubRequest } from '../../src/plans/club-use-cases.js';
import { createLogger } from '../../src/log.js';
import { clubRequest } from '../support/club-fixtures.js';
import { startTestService, type TestService } from '../support/plan-service.js';
import { textOf } from '../support/intents.js';

let s: TestService;
let club: ClubRecord;
/** Slack says BOSS administers every channel of workspace T1 (a workspace admin), and nobody else anything. */
const roles: ClubRoles = { isChannelAdmin: async (identity) => identity === 'slack:T1:BOSS' };
let core: Conversation;

const actor = (identity: string): IntentActor => ({ identity, timezone: 'Europe/London', origin: { kind: 'dm' } });
const request = (creator: string, channelId: string, extra: Partial<CreateClubRequest> = {}): CreateClubRequest =>
  clubRequest({ creator, channelId, ...extra });

async function join(identity: string, clubId: string, fiveK: string) {
  const outcome = await s.clubs.joinClub(identity, clubId, { fiveK, mileage: '20', weekDelivery: 'thread' });
  if (outcome.kind !== 'joined') throw new Error(`expected ${identity} to join`);
  return outcome.plan;
}

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  core = createConversation({ plans: s.plans, clubs: s.clubs, clubRoles: roles, logger: createLogger('silent'), clock: s.clock });
  club = await s.clubs.createClub(request('slack:T1:COACH', 'C1', { admins: ['slack:T1:ASSIST'] }));
  await join('slack:T1:ANA', club.id, '22:00');
  await join('slack:T1:BEN', club.id, '25:00');
  const hurt = await join('slack:T1:CY', club.id, '27:00');
  await s.plans.pausePlan('slack:T1:CY', hurt.id, { reason: 'injured' });
  // A club of another workspace: T1's admins have no say there.
  await s.clubs.createClub(request('slack:T2:OTHER', 'C2', { name: 'Far Runners' }));
});

afterAll(async () => {
  await s.close();
});

describe('the clubs on a home screen', () => {
  it('shows the creator each club member’s figures, the race and the weeks to go', async () => {
    const home = await core.clubHome(actor('slack:T1:COACH'));
    expect(home).toMatchObject({ clubs: 1, members: 3 });
    const [view] = home?.views() ?? [];
    expect(view?.blocks[0]).toEqual({ type: 'header', text: 'Riverside Runners' });
    const text = textOf(home?.views() ?? []);
    expect(text).toContain('Riverside Half, half marathon, 21 Mar 2027 · 17 weeks to go');
    for (const user of ['ANA', 'BEN', 'CY']) expect(text).toMatch(new RegExp(`<@${user}> — no log yet; week 1: 0/[\\d.]+ mi`));
    expect(text).toContain('paused ⚑ injury pause');
    expect(text).toContain('3 members with a plan, 1 flagged. Miles are done/planned.');
    expect(text).not.toContain('more');
  });

  it('shows it to the club’s listed admins and to the platform’s channel admins, of their own workspace only', async () => {
    expect((await core.clubHome(actor('slack:T1:ASSIST')))?.clubs).toBe(1);
    const boss = await core.clubHome(actor('slack:T1:BOSS'));
    expect(boss?.clubs).toBe(1);
    expect(textOf(boss?.views() ?? [])).not.toContain('Far Runners');
  });

  it('shows nothing to a member, or to anyone without a club', async () => {
    expect(await core.clubHome(actor('slack:T1:ANA'))).toBeNull();
    expect(await core.clubHome(actor('slack:T9:NOBODY'))).toBeNull();
  });

  it('leaves the members the surface has no room for in one line, the flagged first', async () => {
    const home = await core.clubHome(actor('slack:T1:COACH'));
    const cut = textOf(home?.views({ maxClubs: 1, maxMembers: 1 }) ?? []);
    expect(cut).toContain('<@CY>');
    expect(cut).not.toContain('<@ANA>');
    expect(cut).toContain('…and 2 more — /plan club status in the channel lists everyone.');
    // The count is the club's, not the lines shown.
    expect(cut).toContain('3 members with a plan, 1 flagged.');
    expect(textOf(home?.views({ maxClubs: 0, maxMembers: 0 }) ?? [])).toContain(
      '…and 1 more club — /plan club status in each club’s channel shows its members.',
    );
  });

  it('leaves a club out when the platform cannot say, logged once, and keeps the clubs that list the person', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const failing: ClubRoles = {
      isChannelAdmin: async () => {
        throw new Error('platform unreachable');
      },
    };
    const shaky = createConversation({ plans: s.plans, clubs: s.clubs, clubRoles: failing, logger, clock: s.clock });
    await s.clubs.createClub(request('slack:T1:COACH', 'C3', { name: 'Hill Runners' }));
    expect(await shaky.clubHome(actor('slack:T1:BOSS'))).toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('could not ask who administers club channels for the home');
    expect(lines[0]).toContain('C1');
    expect(lines[0]).toContain('C3');
    expect((await shaky.clubHome(actor('slack:T1:COACH')))?.clubs).toBe(2);
  });
});
