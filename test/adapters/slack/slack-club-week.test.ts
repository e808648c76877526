/**
 * Issue 19 end to end in Slack, over signed HTTP requests to the real adapter and the fake Web API:
 * a plain member's `/plan club new` (through its form) and `/plan club close` are refused
 * privately with nothing stored; a workspace admin makes the club through its form; 30 members
 * join through the join form (some reaching it by the club card's Join button, some then choosing
 * DMs with `/plan club weeks dm`). Then two scheduler instances — each with its own Web API client
 * and poster, as two processes would have, over one store — tick at the same moment: Slack gets
 * exactly one parent message in the channel, each thread member's week as a reply with the
 * parent's `thread_ts`, each DM member's week in their DM, nobody's week twice, and a second tick
 * posts nothing. The fake's per-channel limit and the scheduler's pacing are Slack's, scaled down
 * (about 1 s → 25 ms, paced at twice that) so the test stays quick.
 */
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSlackPoster } from '../../../src/adapters/slack/slack-poster.js';
import { SlackDirectory } from '../../../src/adapters/slack/slack-directory.js';
import { SURFACES } from '../../../src/app/surfaces.js';
import { CLUB_FORM_ID, CLUB_JOIN_ACTION, CLUB_JOIN_FORM_ID } from '../../../src/conversation/action-ids.js';
import { createPlatformRegistry } from '../../../src/conversation/platform-registry.js';
import { createRulesEngine } from '../../../src/engine/rules/rules-engine.js';
import { createLogger } from '../../../src/log.js';
import type { ClubRecord } from '../../../src/plans/club-record.js';
import type { DeliveryContext } from '../../../src/plans/use-cases/deliver-due-week.js';
import { runDeliveryTick, type TickSummary } from '../../../src/scheduler/delivery-runner.js';
import { RateLimiter } from '../../../src/scheduler/rate-limiter.js';
import { withClubRetries, withRetries } from '../../../src/scheduler/retrying-notifier.js';
import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import { blockActions, findButton, slashCommand, viewSubmission, type SlackPerson } from '../../fakes/slack/payloads.js';
import { startTestService, type TestService } from '../../support/plan-service.js';
import { ATHLETE, BOT_TOKEN, CLUB_CHANNEL, dmOf, identityOf, startSlackWorld, type SlackWorld } from './slack-world.js';

type Json = Record<string, unknown>;

const silent = createLogger('silent');
/** Slack's one message a second per channel, scaled down; the scheduler paces at twice it (production: 1.1×). */
const CHANNEL_INTERVAL_MS = 25;
const PACED_MS = 50;

/** A workspace admin (`users.info` `is_admin`); the club channel was made by nobody in particular. */
const COACH: SlackPerson = { teamId: 'T1', userId: 'U0COACH', name: 'coach', tz: 'Europe/London' };
const MEMBERS: readonly SlackPerson[] = Array.from({ length: 30 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return { teamId: 'T1', userId: `U7M${n}`, name: `runner${n}`, tz: 'Europe/London' };
});
/** Who reaches the join form by the club card's Join button (the others type /plan club join). */
const BY_BUTTON = new Set([4, 10, 16, 22, 28]);
/** Who then chooses their week by DM (the others keep the club's thread). */
const BY_DM = new Set([2, 9, 16, 23, 29]);
const inThread = MEMBERS.filter((_, i) => !BY_DM.has(i));
const byDm = MEMBERS.filter((_, i) => BY_DM.has(i));

const NOT_ADMIN = 'Only the club’s admins can do that; nothing was changed.';
const CLUB_ANSWERS = {
  name: 'Riverside Runners',
  race: 'Riverside Half',
  date: '2027-04-18',
  distance: 'half',
  days: 'long sun quality tue easy thu',
};

const textOf = (call: RecordedCall): string => JSON.stringify([call.args.text, call.args.blocks]);
const accepted = (call: RecordedCall): boolean => (call.response as { ok?: unknown }).ok === true;
const tsOf = (call: RecordedCall): string => String((call.response as Json).ts);

describe('Slack: a club of 30 and its weekly post, over signed requests', () => {
  let service: TestService;
  let world: SlackWorld;
  let club: ClubRecord;
  let sequence = 0;

  /** `/plan <text>` typed in the club channel; the trigger id (for the modal it opens) and the response_url's id. */
  const command = async (person: SlackPerson, text: string): Promise<{ triggerId: string; responseId: string }> => {
    sequence += 1;
    const responseId = `${person.userId}-${sequence}`;
    const fields = slashCommand(person, {
      text,
      channelId: CLUB_CHANNEL.id,
      channelName: CLUB_CHANNEL.name,
      responseUrl: world.api.responseUrl(responseId),
    });
    expect(await world.transport.command(fields)).toEqual({ status: 200, body: null });
    return { triggerId: String(fields.trigger_id), responseId };
  };
  /** The private answer a command got on its response_url. */
  const answerTo = (responseId: string): Promise<RecordedCall> =>
    world.api.waitForCall('response_url', { where: (c) => c.args.responseId === responseId });
  /** The modal Slack opened with `triggerId`, checked to be `formId`. */
  const modalFor = async (triggerId: string, formId: string): Promise<Json> => {
    const opened = await world.api.waitForCall('views.open', { where: (c) => c.args.trigger_id === triggerId });
    const view = opened.args.view as Json;
    expect(view.callback_id).toBe(formId);
    return view;
  };
  /** Sends the modal with `answers`; Slack closes it (an empty ack). */
  const submit = async (person: SlackPerson, view: Json, answers: Record<string, string>): Promise<void> => {
    sequence += 1;
    const ack = await world.transport.interaction(viewSubmission(person, view, `V0FORM${sequence}`, answers));
    expect(ack).toEqual({ status: 200, body: null });
  };
  /** The first call of `method` to `person`'s DM, after `since`, whose text holds `words`. */
  const inDm = (method: string, person: SlackPerson, words: string, since: number): Promise<RecordedCall> =>
    world.api.waitForCall(method, { since, where: (c) => c.args.channel === dmOf(person) && textOf(c).includes(words) });

  /** A member's way to the join form: typed, or the Join button on the club card `/plan club` sent to their DM. */
  const openJoinForm = async (person: SlackPerson, byButton: boolean): Promise<Json> => {
    const since = world.api.mark();
    if (!byButton) return modalFor((await command(person, 'club join')).triggerId, CLUB_JOIN_FORM_ID);
    await command(person, 'club');
    const card = await inDm('chat.postMessage', person, 'Riverside Half', since);
    const press = blockActions(person, findButton(card.args.blocks as unknown[], CLUB_JOIN_ACTION), {
      kind: 'message',
      channelId: dmOf(person),
      channelName: 'directmessage',
      ts: tsOf(card),
    });
    expect(await world.transport.interaction(press)).toEqual({ status: 200, body: null });
    return modalFor(String(press.trigger_id), CLUB_JOIN_FORM_ID);
  };

  const join = async (person: SlackPerson, i: number): Promise<void> => {
    const since = world.api.mark();
    const form = await openJoinForm(person, BY_BUTTON.has(i));
    await submit(person, form, { fiveK: `${19 + (i % 9)}:${i % 2 === 0 ? '00' : '30'}`, mileage: String(15 + (i % 12)) });
    await inDm('chat.postEphemeral', person, 'You joined Riverside Runners', since);
    if (!BY_DM.has(i)) return;
    const { responseId } = await command(person, 'club weeks dm');
    expect(textOf(await answerTo(responseId))).toContain('Your week comes to you by DM');
  };

  /** One scheduler instance, wired as main.ts wires it: its own Web API client, poster and limiter. */
  const schedulerInstance = (instanceId: string): DeliveryContext => {
    const client = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: world.api.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    const poster = createSlackPoster(client, new SlackDirectory(client, silent));
    const platforms = createPlatformRegistry(
      SURFACES.map((spec) => (spec.name === poster.platform ? { ...spec, pacing: { perKeyIntervalMs: PACED_MS }, poster } : spec)),
    );
    const limiter = new RateLimiter(platforms.pacing);
    return {
      store: service.store,
      engine: createRulesEngine(),
      clock: service.clock,
      notifier: withRetries(platforms.notifier(), { limiter, random: () => 0.5 }),
      clubs: {
        store: service.clubStore,
        weeks: service.clubWeeks,
        notifier: withClubRetries(platforms.clubNotifier(), { limiter, random: () => 0.5 }),
      },
      instanceId,
      leaseMs: 60_000,
    };
  };
  const tickBoth = async (): Promise<TickSummary[]> =>
    Promise.all([runDeliveryTick(schedulerInstance('bot-a'), silent), runDeliveryTick(schedulerInstance('bot-b'), silent)]);

  beforeAll(async () => {
    // A Wednesday; the club posts on Sundays at 18:00 in the coach's zone (the form's default).
    service = await startTestService({ now: '2027-01-06T12:00:00Z' });
    world = await startSlackWorld('http', { service, channelIntervalMs: CHANNEL_INTERVAL_MS });
    world.api.addUser({ id: COACH.userId, teamId: COACH.teamId, tz: COACH.tz, name: COACH.name, isAdmin: true });
    for (const m of MEMBERS) world.api.addUser({ id: m.userId, teamId: m.teamId, tz: m.tz, name: m.name });
  });

  afterAll(async () => {
    await world?.stop();
    await service?.close();
  });

  it('refuses a plain member’s /plan club new privately, before any form, and stores nothing', async () => {
    const since = world.api.mark();
    const { responseId } = await command(ATHLETE, 'club new');
    const refusal = await answerTo(responseId);
    expect(refusal.args).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(refusal)).toContain(NOT_ADMIN);
    expect(world.api.callsOf('views.open', since)).toEqual([]);
    expect(await service.clubs.listClubs({ channelId: CLUB_CHANNEL.id })).toEqual([]);
    expect(world.api.callsOf('chat.postMessage', since)).toEqual([]);
  });

  it('lets a workspace admin make the club through its form', async () => {
    const since = world.api.mark();
    const form = await modalFor((await command(COACH, 'club new')).triggerId, CLUB_FORM_ID);
    await submit(COACH, form, CLUB_ANSWERS);
    await inDm('chat.postMessage', COACH, 'Made the club Riverside Runners for this channel.', since);
    const made = await service.clubs.clubInChannel('slack', CLUB_CHANNEL.id);
    expect(made).toMatchObject({
      createdBy: identityOf(COACH),
      status: 'active',
      race: { name: 'Riverside Half', date: '2027-04-18', distance: 'half' },
      delivery: { postingDay: 7, postingHour: 18, timezone: 'Europe/London' },
    });
    club = made as ClubRecord;
  });

  it('refuses a plain member’s /plan club close privately, and the club goes on', async () => {
    const since = world.api.mark();
    const { responseId } = await command(ATHLETE, 'club close');
    const refusal = await answerTo(responseId);
    expect(refusal.args).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(refusal)).toContain(NOT_ADMIN);
    expect(await service.clubs.clubInChannel('slack', CLUB_CHANNEL.id)).toMatchObject({ id: club.id, status: 'active' });
    expect(world.api.callsOf('chat.postMessage', since)).toEqual([]);
  });

  it('takes 30 members through the join form, five by the card’s Join button, five then choosing DMs', async () => {
    // Five at a time, as people do on a Wednesday evening.
    for (let start = 0; start < MEMBERS.length; start += 5) {
      await Promise.all(MEMBERS.slice(start, start + 5).map((person, k) => join(person, start + k)));
    }
    const members = (await service.clubs.showClub(club.id)).members;
    expect(members.map((m) => m.identity).sort()).toEqual(MEMBERS.map(identityOf).sort());
    expect(
      members
        .filter((m) => m.weekDelivery === 'dm')
        .map((m) => m.identity)
        .sort(),
    ).toEqual(byDm.map(identityOf).sort());
  }, 20_000);

  it('posts one parent, each thread member’s week as a reply to it and each DM member’s by DM, once, from two instances ticking at once', async () => {
    // Sunday 18:01 in London: the club's post for the week of Monday 11 January is due.
    service.clock.set('2027-01-10T18:01:00Z');
    const since = world.api.mark();
    const summaries = await tickBoth();
    const total = (key: keyof TickSummary) => summaries.reduce((sum, s) => sum + s[key], 0);
    expect({ clubPosts: total('club-posts'), posted: total('posted'), failed: total('failed') }).toEqual({
      clubPosts: 1,
      posted: 30,
      failed: 0,
    });

    const posts = world.api.callsOf('chat.postMessage', since).filter(accepted);
    const parents = posts.filter((c) => c.args.channel === CLUB_CHANNEL.id && c.args.thread_ts === undefined);
    expect(parents).toHaveLength(1);
    const [parent] = parents as [RecordedCall];
    expect((parent.args.blocks as Json[])[0]).toMatchObject({
      type: 'header',
      text: { text: expect.stringContaining('Riverside Runners · week of 11 Jan 2027') },
    });
    expect(textOf(parent)).toContain('Tue: ');

    // Each thread member's week: a reply with the parent's ts, in the channel, naming its member.
    const replies = posts.filter((c) => c.args.thread_ts !== undefined);
    expect(replies.every((c) => c.args.channel === CLUB_CHANNEL.id && c.args.thread_ts === tsOf(parent))).toBe(true);
    const named = replies.map((c) => /<@(U7M\d\d)>, here is your week 2\./.exec(textOf(c))?.[1] ?? 'nobody');
    expect(named.sort()).toEqual(inThread.map((m) => m.userId).sort());

    // Each DM member's week, in their own DM.
    const dms = posts.filter((c) => String(c.args.channel).startsWith('D'));
    expect(dms.map((c) => c.args.channel).sort()).toEqual(byDm.map(dmOf).sort());
    for (const dm of dms) expect(textOf(dm)).toContain('Week 2');

    // Nothing else: no member's week twice, none by the plans' own schedule, no second parent.
    expect(posts).toHaveLength(1 + 30);
    const [week] = await service.clubWeeks.listForClub(club.id, 5);
    expect(week).toMatchObject({ weekOf: '2027-01-11', status: 'done', outcome: { posted: 30, alreadyPosted: 0, skipped: 0 } });

    // The next ticks, of both instances, an hour later too: nothing more reaches Slack.
    const after = world.api.mark();
    await tickBoth();
    service.clock.set('2027-01-10T19:01:00Z');
    await tickBoth();
    expect(world.api.callsOf('chat.postMessage', after)).toEqual([]);
  }, 15_000);

  it('starts a new thread the week after, under a parent with last week’s digest', async () => {
    const firstParent = world.api
      .callsOf('chat.postMessage')
      .filter((c) => accepted(c) && c.args.channel === CLUB_CHANNEL.id && c.args.thread_ts === undefined);
    expect(firstParent).toHaveLength(1);
    // Two members log week 2 (how they log is not what this test is about).
    const members = (await service.clubs.showClub(club.id)).members;
    for (const [member, miles] of [
      [members[0], 18],
      [members[1], 22],
    ] as const) {
      if (!member) throw new Error('no member');
      await service.plans.logExecution(member.identity, member.planId, 2, { completedDays: 3, totalMiles: miles, averagePace: null });
    }

    service.clock.set('2027-01-17T18:01:00Z');
    const since = world.api.mark();
    await tickBoth();
    const posts = world.api.callsOf('chat.postMessage', since).filter(accepted);
    const parents = posts.filter((c) => c.args.channel === CLUB_CHANNEL.id && c.args.thread_ts === undefined);
    expect(parents).toHaveLength(1);
    const [parent] = parents as [RecordedCall];
    expect(textOf(parent)).toContain('week of 18 Jan 2027');
    expect(textOf(parent)).toContain('2 of 30 logged · 40 club miles');
    const replies = posts.filter((c) => c.args.thread_ts !== undefined);
    expect(replies).toHaveLength(inThread.length);
    // In this week's thread, not last week's.
    expect(new Set(replies.map((c) => c.args.thread_ts))).toEqual(new Set([tsOf(parent)]));
    expect(tsOf(parent)).not.toBe(tsOf(firstParent[0] as RecordedCall));
    expect(posts).toHaveLength(1 + 30);
  }, 15_000);
});
