/**
 * `/plan club …` through the core (issue 19): an admin makes a club with the form, members join
 * with theirs or the Join button, an athlete with a plan is asked first (their choice of where
 * their weeks go kept across the question), members choose thread or DM for their weeks, the
 * coach's digest, admins' commands refused for anyone else (privately, nothing changed), people
 * named by their mention and never by identity, one sentence in a DM, Discord's options in any
 * order, and a console transcript of a club made and joined.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLUB_FORM_ID,
  CLUB_JOIN_ACTION,
  CLUB_JOIN_FORM_ID,
  CLUB_JOIN_REPLACE_ACTION,
  PLAN_KEEP_ACTION,
} from '../../src/conversation/action-ids.js';
import { parsePlanOptions } from '../../src/adapters/discord/command-options.js';
import type { ClubRoles } from '../../src/conversation/club-roles.js';
import { parseCommandText } from '../../src/conversation/command-parser.js';
import { createConversation, type Conversation } from '../../src/conversation/conversation.js';
import type { Intent, IntentActor } from '../../src/conversation/intents.js';
import type { View, ViewButton } from '../../src/conversation/views.js';
import { createLogger } from '../../src/log.js';
import { consoleTranscript } from '../support/console-transcript.js';
import { MARATHON_FIELDS, startTestService, type TestService } from '../support/plan-service.js';
import { buttonsOf as buttons, pressIntent as press, textOf as text } from '../support/intents.js';

let s: TestService;
let core: Conversation;
/** The platform's answer: COACH administers every channel; BOT is a bot. */
const roles: ClubRoles = {
  isChannelAdmin: async (identity) => identity === 'slack:T1:COACH',
  isBot: async (identity) => identity === 'slack:T1:BOT',
};

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  core = createConversation({ plans: s.plans, clubs: s.clubs, clubRoles: roles, logger: createLogger('silent'), clock: s.clock });
});

afterAll(async () => {
  await s.close();
});

const inChannel = (user: string, channelId: string): IntentActor => ({
  identity: `slack:T1:${user}`,
  timezone: 'Europe/London',
  origin: { kind: 'channel', channelId },
});
const command = (actor: IntentActor, line: string): Intent => ({ kind: 'command', actor, command: parseCommandText(line) });
const submit = (actor: IntentActor, formId: string, planId: string | null, values: Record<string, string>): Intent => ({
  kind: 'form',
  actor,
  formId,
  planId,
  values,
});
const button = (views: View[], actionId: string): ViewButton => {
  const found = buttons(views).find((b) => b.actionId === actionId);
  expect(found, `${actionId} in ${text(views)}`).toBeDefined();
  return found as ViewButton;
};
const only = (views: View[]): View => {
  expect(views).toHaveLength(1);
  return views[0] as View;
};
const isPrivateText = (views: View[], sentence: string) => {
  const view = only(views);
  expect(view).toMatchObject({ kind: 'message', ephemeral: true });
  expect(text([view])).toContain(sentence);
};

const CLUB_VALUES = {
  name: 'Riverside Runners',
  race: 'Riverside Half',
  date: '2027-03-21',
  distance: 'half',
  days: 'long sun quality tue easy thu',
};

async function clubIn(channelId: string) {
  const coach = inChannel('COACH', channelId);
  const form = only(await core.handle(command(coach, '/plan club new')));
  expect(form).toMatchObject({ kind: 'form', formId: CLUB_FORM_ID });
  const made = await core.handle(submit(coach, CLUB_FORM_ID, null, CLUB_VALUES));
  expect(text(made)).toContain('Made the club Riverside Runners for this channel.');
  const club = await s.clubs.clubInChannel('slack', channelId);
  expect(club).toBeDefined();
  return { club: club!, card: made };
}

describe('/plan club', () => {
  it('says in one sentence that a club lives in a channel', async () => {
    const dm: IntentActor = { identity: 'slack:T1:COACH', timezone: null, origin: { kind: 'dm' } };
    isPrivateText(await core.handle(command(dm, '/plan club new')), 'A club belongs to a channel');
    isPrivateText(await core.handle(command(dm, '/plan club')), 'A club belongs to a channel');
  });

  it('lets an admin make a club whose card has a Join button, and refuses a non-admin with nothing stored', async () => {
    const refused = await core.handle(submit(inChannel('MEMBER', 'C-REFUSE'), CLUB_FORM_ID, null, CLUB_VALUES));
    isPrivateText(refused, 'Only the club’s admins can do that; nothing was changed.');
    expect(await s.clubs.clubInChannel('slack', 'C-REFUSE')).toBeUndefined();
    const { card } = await clubIn('C-CARD');
    expect(text(card)).toContain("This week's group sessions: Tue: quality session at your own paces · Thu: easy run · Sun: long run");
    expect(button(card, CLUB_JOIN_ACTION).label).toBe('Join');
    const shown = await core.handle(command(inChannel('ANYONE', 'C-CARD'), '/plan club'));
    expect(text(shown)).toContain('"label":"Members","value":"0"');
    // A second club in the channel: one sentence, nothing stored.
    const again = await core.handle(submit(inChannel('COACH', 'C-CARD'), CLUB_FORM_ID, null, { ...CLUB_VALUES, name: 'Second' }));
    isPrivateText(again, 'This channel already has a club');
    expect((await s.clubs.listClubs({ channelId: 'C-CARD' })).map((c) => c.name)).toEqual(['Riverside Runners']);
  });

  it('takes the whole club typed, with its weekly post and admins', async () => {
    const coach = inChannel('COACH', 'C-TYPED');
    const line =
      '/plan club new name="Hill Harriers" date=2027-04-25 distance=marathon days="long sat quality wed easy mon,thu" ' +
      'posting-day=sun posting-hour=19 timezone=Europe/Paris admins=@HELPER,<@HELPER2>';
    const bad = await core.handle(command(coach, line.replace('posting-day=sun', 'posting-day=someday')));
    isPrivateText(bad, 'is not a day: write the posting day as sun or 7.');
    expect(await s.clubs.clubInChannel('slack', 'C-TYPED')).toBeUndefined();
    expect(text(await core.handle(command(coach, line)))).toContain('Made the club Hill Harriers for this channel.');
    expect(await s.clubs.clubInChannel('slack', 'C-TYPED')).toMatchObject({
      race: null,
      season: { name: 'Hill Harriers', endDate: '2027-04-25', distance: 'marathon' },
      groupDays: { longDay: 6, qualityDays: [3], easyDays: [1, 4] },
      delivery: { postingDay: 7, postingHour: 19, timezone: 'Europe/Paris' },
      admins: ['slack:T1:HELPER', 'slack:T1:HELPER2'],
    });
  });

  it('refuses a past race in the form with one sentence', async () => {
    const views = await core.handle(submit(inChannel('COACH', 'C-PAST'), CLUB_FORM_ID, null, { ...CLUB_VALUES, date: '2026-01-04' }));
    isPrivateText(views, 'The race date 2026-01-04 is not after today (2026-11-25): pick a day to come.');
    expect(await s.clubs.clubInChannel('slack', 'C-PAST')).toBeUndefined();
  });

  it('joins members through the form and the Join button, each with their own plan', async () => {
    const { club, card } = await clubIn('C-JOIN');
    const ana = inChannel('ANA', 'C-JOIN');
    const form = only(await core.handle(command(ana, '/plan club join')));
    expect(form).toMatchObject({ kind: 'form', formId: CLUB_JOIN_FORM_ID, planId: club.id });
    const joined = await core.handle(submit(ana, CLUB_JOIN_FORM_ID, club.id, { fiveK: '22:00', mileage: '25', extraDays: 'sat' }));
    expect(text(joined)).toContain('You joined Riverside Runners: your own plan for Riverside Half');
    expect(joined.some((v) => v.kind === 'message' && v.blocks.some((b) => b.type === 'week'))).toBe(true);
    const ben = inChannel('BEN', 'C-JOIN');
    const viaButton = only(await core.handle(press(ben, button(card, CLUB_JOIN_ACTION))));
    expect(viaButton).toMatchObject({ kind: 'form', formId: CLUB_JOIN_FORM_ID, planId: club.id });
    await core.handle(submit(ben, CLUB_JOIN_FORM_ID, club.id, { fiveK: '27:30', mileage: '15' }));
    const members = (await s.clubs.showClub(club.id)).members;
    expect(members.map((m) => m.identity)).toEqual(['slack:T1:ANA', 'slack:T1:BEN']);
    const [anaPlan, benPlan] = await Promise.all(members.map((m) => s.plans.getPlan(m.identity, m.planId)));
    expect(anaPlan?.inputs?.preferredDays).toEqual([2, 4, 6, 7]);
    expect(benPlan?.inputs?.preferredDays).toEqual([2, 4, 7]);
    expect(anaPlan?.paces?.threshold).toBeLessThan(benPlan?.paces?.threshold ?? 0);
    // Joining twice: one sentence.
    const twice = await core.handle(submit(ana, CLUB_JOIN_FORM_ID, club.id, { fiveK: '22:00', mileage: '25' }));
    isPrivateText(twice, 'You are already a member of Riverside Runners');
  });

  it('asks an athlete with an active plan first: Keep changes nothing, Replace and join joins', async () => {
    const { club } = await clubIn('C-ASK');
    const cy = inChannel('CY', 'C-ASK');
    const solo = await s.plans.confirmPlan(cy.identity, (await s.plans.createPreview({ owner: cy.identity, fields: MARATHON_FIELDS })).id);
    const question = await core.handle(command(cy, '/plan club join five-k=23:00 mileage=30'));
    expect(text(question)).toContain(
      'You already have an active plan: Boston Marathon on 18 Apr 2027. Replace it with a plan for Riverside Runners?',
    );
    await core.handle(press(cy, button(question, PLAN_KEEP_ACTION)));
    expect((await s.plans.getPlan(cy.identity, solo.id)).status).toBe('active');
    expect((await s.clubs.showClub(club.id)).members).toEqual([]);
    const again = await core.handle(command(cy, '/plan club join five-k=23:00 mileage=30'));
    const joined = await core.handle(press(cy, button(again, CLUB_JOIN_REPLACE_ACTION)));
    expect(text(joined)).toContain('You joined Riverside Runners');
    expect((await s.plans.getPlan(cy.identity, solo.id)).status).toBe('cancelled');
    expect((await s.clubs.showClub(club.id)).members).toEqual([expect.objectContaining({ identity: cy.identity, weekDelivery: 'thread' })]);
  });

  it('keeps a DM choice made with the join across Replace', async () => {
    const { club } = await clubIn('C-ASK-DM');
    const dot = inChannel('DOT', 'C-ASK-DM');
    await s.plans.confirmPlan(dot.identity, (await s.plans.createPreview({ owner: dot.identity, fields: MARATHON_FIELDS })).id);
    const question = await core.handle(command(dot, '/plan club join five-k=23:00 mileage=30 delivery=dm'));
    const joined = await core.handle(press(dot, button(question, CLUB_JOIN_REPLACE_ACTION)));
    expect(text(joined)).toContain('Your week comes to you by DM; /plan club weeks thread puts it in Riverside Runners');
    expect((await s.clubs.showClub(club.id)).members).toEqual([expect.objectContaining({ identity: dot.identity, weekDelivery: 'dm' })]);
    // A word that is neither: one sentence, and no question asked.
    const bad = await core.handle(command(inChannel('EDDY', 'C-ASK-DM'), '/plan club join five-k=23:00 mileage=30 delivery=email'));
    expect(only(bad)).toMatchObject({ ephemeral: true, summary: '"email" is not where weeks go: write delivery=thread or delivery=dm.' });
    expect((await s.clubs.showClub(club.id)).members.map((m) => m.identity)).toEqual([dot.identity]);
  });

  it('lets a member choose where their week goes, and tells anyone else in one sentence', async () => {
    const { club } = await clubIn('C-WEEKS');
    const fay = inChannel('FAY', 'C-WEEKS');
    isPrivateText(
      await core.handle(command(fay, '/plan club weeks dm')),
      'Only members choose where their weeks go, and you are not a member of Riverside Runners: /plan club join joins it.',
    );
    expect((await s.clubs.showClub(club.id)).members).toEqual([]);
    const joined = await core.handle(command(fay, '/plan club join five-k=24:00 mileage=20'));
    expect(text(joined)).toContain(
      "Your week comes as a reply in Riverside Runners's weekly thread; /plan club weeks dm sends it to you by DM instead.",
    );
    isPrivateText(
      await core.handle(command(fay, '/plan club weeks')),
      'Say where your weeks go: /plan club weeks thread (the club’s weekly thread) or /plan club weeks dm.',
    );
    isPrivateText(await core.handle(command(fay, '/plan club weeks dm')), 'Your week comes to you by DM;');
    expect((await s.clubs.showClub(club.id)).members).toEqual([expect.objectContaining({ identity: fay.identity, weekDelivery: 'dm' })]);
    isPrivateText(await core.handle(command(fay, '/plan club weeks thread')), 'Your week comes as a reply in Riverside Runners');
    expect((await s.clubs.showClub(club.id)).members).toEqual([expect.objectContaining({ weekDelivery: 'thread' })]);
    // Discord's options, in any order.
    const options = parsePlanOptions([
      {
        name: 'club',
        type: 1,
        options: [
          { name: 'choice', type: 3, value: 'dm' },
          { name: 'action', type: 3, value: 'weeks' },
        ],
      },
    ]);
    isPrivateText(await core.handle({ kind: 'command', actor: fay, command: options }), 'Your week comes to you by DM;');
  });

  it('gives admins the digest and their commands; anyone else is refused privately and nothing changes', async () => {
    const { club } = await clubIn('C-ADMIN');
    const dee = inChannel('DEE', 'C-ADMIN');
    await core.handle(command(dee, '/plan club join five-k=24:00 mileage=20'));
    for (const line of ['/plan club status', '/plan club close', '/plan club remove @DEE', '/plan club admins add @DEE']) {
      isPrivateText(await core.handle(command(dee, line)), 'Only the club’s admins can do that; nothing was changed.');
    }
    const unchanged = await s.clubs.showClub(club.id);
    expect(unchanged).toMatchObject({ status: 'active', admins: [], members: [expect.objectContaining({ identity: 'slack:T1:DEE' })] });
    const coach = inChannel('COACH', 'C-ADMIN');
    const digest = only(await core.handle(command(coach, '/plan club status')));
    expect(digest).toMatchObject({ kind: 'message', ephemeral: true });
    expect(text([digest])).toContain('<@DEE> — no log yet; week 1:');
    isPrivateText(
      await core.handle(command(coach, '/plan club admins add @BOT')),
      'A club’s admins are people, and <@BOT> is a bot; nothing was changed.',
    );
    isPrivateText(
      await core.handle(command(coach, '/plan club remove @NOBODY')),
      'There is no member <@NOBODY> in Riverside Runners, so nothing was changed.',
    );
    isPrivateText(await core.handle(command(coach, '/plan club admins add @DEE')), 'Added <@DEE> as an admin of Riverside Runners.');
    isPrivateText(await core.handle(command(coach, '/plan club admins add <@DEE>')), '<@DEE> is already an admin of Riverside Runners.');
    isPrivateText(
      await core.handle(command(coach, '/plan club admins remove @COACH')),
      '<@COACH> made the club and stays an admin of Riverside Runners.',
    );
    isPrivateText(
      await core.handle(command(coach, '/plan club admins')),
      'Admins of Riverside Runners: <@COACH>, <@DEE>, and whoever administers this channel.',
    );
    // A listed admin counts whatever the platform says.
    expect(text(await core.handle(command(dee, '/plan club status')))).toContain('how the members are doing');
    isPrivateText(
      await core.handle(command(dee, '/plan club leave keep')),
      'You left Riverside Runners; your plan for Riverside Half goes on as your own.',
    );
    isPrivateText(await core.handle(command(coach, '/plan club close')), 'Closed Riverside Runners.');
    const late = await core.handle(submit(inChannel('LATE', 'C-ADMIN'), CLUB_JOIN_FORM_ID, club.id, { fiveK: '24:00', mileage: '20' }));
    isPrivateText(late, 'The club Riverside Runners is closed and takes no new members.');
  });

  it('reads Discord’s options in any order as the typed words', () => {
    const parsed = parsePlanOptions([
      {
        name: 'club',
        type: 1,
        options: [
          { name: 'member', type: 3, value: '<@123456>' },
          { name: 'choice', type: 3, value: 'remove' },
          { name: 'action', type: 3, value: 'admins' },
        ],
      },
    ]);
    expect(parsed).toMatchObject({ name: 'club', positional: ['<@123456>', 'remove', 'admins'] });
    expect(parseCommandText('/plan club admins remove <@123456>')).toMatchObject({
      name: 'club',
      positional: ['admins', 'remove', '<@123456>'],
    });
  });

  it('in the console: an admin makes a club and a member joins', async () => {
    const run = (user: string, lines: string[]) =>
      consoleTranscript({
        handle: (intent) => core.handle(intent),
        actor: { identity: `slack:T1:${user}`, timezone: 'Europe/London', origin: { kind: 'channel', channelId: 'C-CONSOLE' } },
        clock: s.clock,
        lines,
      });
    const admin = await run('COACH', [
      '/plan club new name="Canal Striders" race="Canal 10K" date=2027-02-14 distance=10k days="long sun quality wed easy fri"',
    ]);
    expect(admin).toContain('Made the club Canal Striders for this channel.');
    expect(admin).toContain('Wed: quality session at your own paces · Fri: easy run · Sun: long run');
    const member = await run('EVE', ['/plan club join five-k=25:00 mileage=18', '/plan club']);
    expect(member).toContain('You joined Canal Striders: your own plan for Canal 10K');
    expect(member).toMatch(/Members\W+1/);
  });
});
