/** `gofast clubs list|show|close` through `runCli`, on clubs stored in this file's database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import { createClubUseCases, type ClubUseCases } from '../../src/plans/club-use-cases.js';
import { createPlanUseCases } from '../../src/plans/plan-use-cases.js';
import { connectMongo, type MongoConnection } from '../../src/storage/mongo-connection.js';
import { MongoClubStore } from '../../src/storage/mongo-club-store.js';
import { MongoPlanStore } from '../../src/storage/mongo-plan-store.js';
import { startTestMongo, type TestMongo } from '../support/mongo.js';
import { cli } from '../support/run-cli.js';

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
    const club = await clubs.createClub({
      creator: 'slack:T1:COACH',
      channelId: 'C-CLI',
      name: 'Harbour Harriers',
      race: { name: 'Harbour 10K', date: '2027-02-14', distance: '10k' },
      groupDays: { longDay: 7, qualityDays: [3], easyDays: [5] },
      delivery: { postingDay: 7, postingHour: 18, timezone: 'Europe/London' },
      admins: [],
    });
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
