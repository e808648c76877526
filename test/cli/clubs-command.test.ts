/** `gofast clubs list|show|close|deliver` through `runCli`, on clubs stored in this file's database (deliver posts to the fake Slack Web API). */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import { createClubUseCases, type ClubUseCases } from '../../src/plans/club-use-cases.js';
import { createPlanUseCases } from '../../src/plans/plan-use-cases.js';
import { connectMongo, type MongoConnection } from '../../src/storage/mongo-connection.js';
import { MongoClubStore } from '../../src/storage/mongo-club-store.js';
import { MongoPlanStore } from '../../src/storage/mongo-plan-store.js';
import { startTestMongo, type TestMongo } from '../support/mongo.js';
import { clubRequest } from '../support/club-fixtures.js';
import { cli } from '../support/run-cli.js';
import { FakeSlackApi } from '../fakes/slack/fake-slack-api.js';

const NOW = new Date('2026-11-25T12:00:00Z');
let mongo: TestMongo;
let connection: MongoConnection;
let clubs: ClubUseCases;

beforeAll(async () => {
  mongo = await startTestMongo();
  connection = await connectMongo(mongo.uri);
  const store = new MongoPlanStore(connection);
  await store.init();
  const clock = { now: () => NOW };
  const planContext = { store, engine: createRulesEngine(), clock };
  const plans = createPlanUseCases(planContext);
  const clubStore = new MongoClubStore(connection);
  await clubStore.init();
  clubs = createClubUseCases({ clubs: clubStore, plans, planContext, clock });
});

afterAll(async () => {
  await connection?.close();
  await mongo?.close();
});

const gofast = (...args: string[]) => cli(['clubs', ...args, '--mongo', mongo.uri], () => NOW);

describe('gofast clubs', () => {
  it('lists, shows and closes a club; the members keep their plans', async () => {
    const club = await clubs.createClub(
      clubRequest({
        channelId: 'C-CLI',
        name: 'Harbour Harriers',
        race: { name: 'Harbour 10K', date: '2027-02-14', distance: '10k' },
        groupDays: { longDay: 7, qualityDays: [3], easyDays: [5] },
      }),
    );
    const joined = await clubs.joinClub('slack:T1:RUNNER', club.id, { fiveK: '24:00', mileage: '20', weekDelivery: 'dm' });
    expect(joined.kind).toBe('joined');

    const list = await gofast('list');
    expect(list).toMatchObject({ code: 0 });
    expect(list.stdout).toContain(`${club.id}  active  slack C-CLI  Harbour Harriers  1 members`);

    const show = await gofast('show', club.id);
    expect(show.stdout).toContain('race: Harbour 10K, 10k, 2027-02-14');
    expect(show.stdout).toContain('  slack:T1:RUNNER  plan ');

    const closed = await gofast('close', club.id);
    expect(closed.stdout).toBe(`Closed Harbour Harriers (${club.id}); its 1 members keep their plans as their own.\n`);
    expect((await gofast('list', '--status', 'closed')).stdout).toContain(`${club.id}  closed`);
    expect((await gofast('list', '--status', 'active')).stdout).toBe('No clubs.\n');

    const again = await gofast('close', club.id);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('the club Harbour Harriers is closed');
  });

  it('says what is wrong with a usage mistake', async () => {
    const missing = await gofast('show');
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('gofast clubs show: missing the club ID');
    const help = await cli(['clubs', '--help']);
    expect(help.stdout).toContain('Usage: gofast clubs <command>');
  });
});

describe('gofast clubs deliver', () => {
  let slack: FakeSlackApi | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    await slack?.stop();
  });

  it('posts the club’s current week once — the parent, the thread replies, the DMs — and says so; a second run posts nothing', async () => {
    slack = await FakeSlackApi.start({ botToken: 'xoxb-cli', teamId: 'T1' });
    for (const user of ['COACH', 'ANA', 'BEN', 'CY']) slack.addUser({ id: user, teamId: 'T1', tz: 'UTC' });
    vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-cli');
    vi.stubEnv('SLACK_SIGNING_SECRET', 'cli-secret');
    vi.stubEnv('SLACK_MODE', 'http');
    vi.stubEnv('SLACK_API_URL', slack.apiUrl);
    vi.stubEnv('MONGODB_URI', mongo.uri);
    const club = await clubs.createClub(
      clubRequest({
        channelId: 'C-DELIVER',
        name: 'Canal Striders',
        race: { name: 'Canal Half', date: '2027-03-21', distance: 'half' },
        delivery: { postingDay: 7, postingHour: 18, timezone: 'UTC' },
      }),
    );
    for (const [user, weekDelivery] of [
      ['ANA', 'thread'],
      ['BEN', 'thread'],
      ['CY', 'dm'],
    ] as const) {
      expect((await clubs.joinClub(`slack:T1:${user}`, club.id, { fiveK: '23:00', mileage: '20', weekDelivery })).kind).toBe('joined');
    }
    // Wednesday: the first post is Sunday's.
    const early = await gofast('deliver', club.id);
    expect(early.stdout).toBe(`Nothing is due for Canal Striders: its next post is due 2026-11-29T18:00:00.000Z.\n`);

    const monday = () => new Date('2026-11-30T08:00:00Z');
    const run = (...args: string[]) => cli(['clubs', ...args, '--mongo', mongo.uri], monday);
    const first = await run('deliver', club.id);
    expect(first.stdout).toBe(
      'Canal Striders, week of 2026-11-30: posted its weekly message; 3 members’ weeks posted, 0 had theirs already, 0 skipped (paused, or no week to post).\n',
    );
    const posts = slack.calls.filter((c) => c.method === 'chat.postMessage');
    const parents = posts.filter((c) => c.args.channel === 'C-DELIVER' && c.args.thread_ts === undefined);
    expect(parents).toHaveLength(1);
    const parentTs = (parents[0]?.response as { ts?: string } | undefined)?.ts;
    expect(posts.filter((c) => c.args.thread_ts !== undefined).map((c) => c.args.thread_ts)).toEqual([parentTs, parentTs]);
    expect(posts.filter((c) => c.args.channel !== 'C-DELIVER')).toHaveLength(1);

    const second = await run('deliver', club.id);
    expect(second.stdout).toBe(
      'The week of 2026-11-30 for Canal Striders was posted already, or another instance is posting it now; nothing was posted again.\n',
    );
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(4);
  });

  it('says in one sentence that it cannot post without the club platform’s token', async () => {
    vi.stubEnv('MONGODB_URI', mongo.uri);
    vi.stubEnv('SLACK_BOT_TOKEN', '');
    const club = await clubs.createClub(
      clubRequest({
        channelId: 'C-NOTOKEN',
        name: 'Quiet Club',
        race: { name: 'Quiet 10K', date: '2027-02-14', distance: '10k' },
        delivery: { postingDay: 7, postingHour: 18, timezone: 'UTC' },
      }),
    );
    const result = await gofast('deliver', club.id);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Quiet Club is a slack club and no slack bot token is set here');
  });
});
