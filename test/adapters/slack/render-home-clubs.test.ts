/**
 * The clubs on the App Home within Slack's 100 blocks: a coach of many large clubs gets a tab Slack
 * accepts, cut by the core (fewer members a club, flagged members first, then fewer clubs) with its
 * "and N more" lines, never the generic shortening; a club of 200 fits whole; with no room left by
 * the athlete's own part the clubs are left out, not the athlete's plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { unescapeMrkdwn } from '../../../src/adapters/slack/block-kit-limits.js';
import { renderHome } from '../../../src/adapters/slack/render-home.js';
import type { ClubHome } from '../../../src/conversation/club-home.js';
import { createConversation } from '../../../src/conversation/conversation.js';
import { message, type View } from '../../../src/conversation/views.js';
import type { ClubRecord } from '../../../src/plans/club-record.js';
import type { ClubUseCases } from '../../../src/plans/club-use-cases.js';
import type { PlanRecord } from '../../../src/plans/plan-record.js';
import { createLogger } from '../../../src/log.js';
import { blockKitProblems } from '../../fakes/slack/block-kit-checks.js';
import { startTestService, type TestService } from '../../support/plan-service.js';

const COACH = 'slack:T1:COACH';
let s: TestService;
let club: ClubRecord;
let steady: PlanRecord;
let hurt: PlanRecord;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  club = await s.clubs.createClub({
    creator: COACH,
    channelId: 'C1',
    name: 'Riverside Runners',
    race: { name: 'Riverside Half', date: '2027-03-21', distance: 'half' },
    groupDays: { longDay: 7, qualityDays: [2], easyDays: [4] },
    delivery: { postingDay: 7, postingHour: 18, timezone: 'Europe/London' },
    admins: [],
  });
  const joined = async (identity: string): Promise<PlanRecord> => {
    const outcome = await s.clubs.joinClub(identity, club.id, { fiveK: '24:00', mileage: '20', weekDelivery: 'thread' });
    if (outcome.kind !== 'joined') throw new Error('expected a join');
    return outcome.plan;
  };
  steady = await joined('slack:T1:STEADY');
  hurt = await s.plans.pausePlan('slack:T1:HURT', (await joined('slack:T1:HURT')).id, { reason: 'injured' });
});

afterAll(async () => {
  await s.close();
});

/** The home of a coach of `clubs` clubs of `members` members each, the last 5 of each injured. */
async function homeOf(clubs: number, members: number): Promise<ClubHome> {
  const records = Array.from({ length: clubs }, (_, i): ClubRecord => ({
    ...club,
    id: `club-${i}`,
    channelId: `C${i}`,
    name: `Club ${i}`,
  }));
  const plans = Array.from({ length: members }, (_, i) => ({ identity: `slack:T1:M${i}`, plan: i >= members - 5 ? hurt : steady }));
  const many: ClubUseCases = { ...s.clubs, listClubs: async () => records, memberPlans: async () => plans };
  const core = createConversation({ plans: s.plans, clubs: many, logger: createLogger('silent'), clock: s.clock });
  const home = await core.clubHome({ identity: COACH, timezone: 'Europe/London', origin: { kind: 'dm' } });
  if (home === null) throw new Error('expected the coach’s clubs');
  return home;
}

const textOf = (blocks: unknown): string => unescapeMrkdwn(JSON.stringify(blocks));

describe('the clubs on the App Home', () => {
  it('cuts twenty clubs of 150 into 100 blocks Slack accepts, with the flagged members and the counts of the rest', async () => {
    const view = renderHome([], await homeOf(20, 150));
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(blockKitProblems(view as unknown as Record<string, unknown>, 'home')).toEqual([]);
    const text = textOf(view.blocks);
    expect(text).toContain('Club 0');
    // Ten lines a club, the five injured members first.
    for (let i = 145; i < 150; i += 1) expect(text).toContain(`<@M${i}> — no log yet`);
    expect(text).toContain('…and 140 more — /plan club status in the channel lists everyone.');
    expect(text).toContain('150 members with a plan, 5 flagged.');
    expect(text).toMatch(/…and \d+ more clubs — \/plan club status in each club’s channel shows its members\./);
    expect(text).not.toContain('Shortened to fit Slack');
  });

  it('shows a club of 200 whole', async () => {
    const view = renderHome([], await homeOf(1, 200));
    expect(blockKitProblems(view as unknown as Record<string, unknown>, 'home')).toEqual([]);
    const text = textOf(view.blocks);
    for (const i of [0, 100, 199]) expect(text).toContain(`<@M${i}> — `);
    expect(text).not.toContain('more —');
  });

  it('leaves the clubs out, not the athlete’s own part, when that fills the tab', async () => {
    const own: View[] = [
      message(
        Array.from({ length: 98 }, (_, i) => ({ type: 'text' as const, text: `line ${i}` })),
        'own',
      ),
    ];
    const view = renderHome(own, await homeOf(1, 3));
    expect(view.blocks).toHaveLength(98);
    expect(textOf(view.blocks)).not.toContain('Club 0');
  });
});
