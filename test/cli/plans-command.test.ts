/** `gofast plans …` through `runCli`, against one database that lasts for the whole file. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMongo, type TestMongo } from '../support/mongo.js';
import { cli, type CliResult } from '../support/run-cli.js';

let mongo: TestMongo;

beforeAll(async () => {
  mongo = await startTestMongo();
});

afterAll(async () => {
  await mongo.close();
});

/** `gofast plans …` against this file's database. */
function gofast(...args: string[]): Promise<CliResult> {
  return cli(['plans', ...args, '--mongo', mongo.uri], () => new Date('2026-11-25T12:00:00Z'));
}

const CREATE = [
  'create',
  '--distance',
  '10k',
  '--race-date',
  '2027-02-21',
  '--start',
  '2026-11-30',
  '--goal',
  '48:00',
  '--five-k',
  '22:30',
  '--mileage',
  '20',
  '--days',
  '2,4,6,7',
  '--race-name',
  'Valentine 10K',
  '--owner',
  'slack:T1:U1',
  '--timezone',
  'Europe/Berlin',
];

async function created(): Promise<string> {
  const { code, stdout } = await gofast(...CREATE);
  expect(code).toBe(0);
  return JSON.parse(stdout).id as string;
}

describe('gofast plans', () => {
  it('creates a preview, confirms it, makes and logs weeks, shows, lists, exports and cancels', async () => {
    const create = await gofast(...CREATE);
    const preview = JSON.parse(create.stdout);
    expect(preview).toMatchObject({ status: 'preview', owner: 'slack:T1:U1', totalWeeks: 12 });
    expect(preview.weeks).toHaveLength(1);
    expect(preview.paces.fiveK).toBe('7:15');
    const id = preview.id as string;

    const confirm = JSON.parse((await gofast('confirm', id, '--as', 'slack:T1:U1')).stdout);
    expect(confirm.status).toBe('active');
    expect(JSON.parse((await gofast('confirm', id)).stdout).revision).toBe(confirm.revision);

    const week2 = JSON.parse((await gofast('next', id)).stdout);
    expect(week2.weekNumber).toBe(2);
    const log = JSON.parse((await gofast('log', id, '2', '--completed-days', '1', '--miles', '4', '--avg-pace', '9:10')).stdout);
    expect(log.execution).toEqual({ completedDays: 1, totalMiles: 4, averagePace: '9:10' });
    const week3 = JSON.parse((await gofast('next', id)).stdout);
    expect(week3.miles).toBeLessThanOrEqual(Math.max(1.1 * 4 + 2, 8));

    const redo = JSON.parse((await gofast('week', id, '3', '--regenerate')).stdout);
    expect(redo.weekNumber).toBe(3);

    const shown = JSON.parse((await gofast('show', id, '--json')).stdout);
    expect(shown.weeks.map((w: { weekNumber: number }) => w.weekNumber)).toEqual([1, 2, 3]);
    expect(shown.history).toEqual([expect.objectContaining({ kind: 'week', weekNumber: 3, reason: 'regenerated' })]);
    expect(Object.keys(shown)).toEqual(expect.arrayContaining(['id', 'status', 'totalWeeks', 'paces', 'phases', 'weeks', 'history']));
    expect((await gofast('show', id)).stdout).toContain('Valentine 10K — 10k on 2027-02-21');

    expect((await gofast('list', '--owner', 'slack:T1:U1', '--status', 'active')).stdout).toContain(`${id}  active`);

    const dir = await mkdtemp(join(tmpdir(), 'gofast-ics-'));
    const file = join(dir, 'plan.ics');
    expect((await gofast('export', id, '--format', 'ics', '--out', file)).code).toBe(0);
    const ics = await readFile(file, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('X-WR-TIMEZONE:Europe/Berlin');
    expect(ics).toContain('DTSTART;VALUE=DATE:20261201');
    // The whole plan: the weeks not made yet as tentative, and the race day (issue 20).
    expect(ics).toContain('STATUS:TENTATIVE');
    expect(ics.replace(/\r\n[ \t]/g, '')).toContain('SUMMARY:Race: Valentine 10K · 10k · 6.2 mi · goal 48:00');

    expect(JSON.parse((await gofast('cancel', id)).stdout).status).toBe('cancelled');
  });

  it('lists a page at a time, newest first, and says how to get the next page; an update between pages moves nothing', async () => {
    const owner = 'slack:T9:UPAGES';
    const ids: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      const { code, stdout } = await gofast(...CREATE.map((a) => (a === 'slack:T1:U1' ? owner : a)));
      expect(code).toBe(0);
      ids.push(JSON.parse(stdout).id as string);
    }
    const newestFirst = [...ids].reverse();
    const seen: string[] = [];
    let args = ['list', '--owner', owner, '--limit', '2'];
    const nextLines: string[] = [];
    for (let page = 0; page < 5; page += 1) {
      const { code, stdout } = await gofast(...args);
      expect(code).toBe(0);
      const lines = stdout.trimEnd().split('\n');
      const more = lines.at(-1)?.startsWith('more plans: ') === true ? lines.pop() : undefined;
      expect(lines.length).toBeLessThanOrEqual(2);
      seen.push(...lines.map((line) => line.split('  ')[0] ?? ''));
      // Between the first and second page the newest plan is confirmed: its update must not move it.
      if (page === 0) expect((await gofast('confirm', newestFirst[0] ?? '')).code).toBe(0);
      if (more === undefined) break;
      nextLines.push(more);
      const command = more.slice('more plans: gofast plans '.length).split(' ');
      expect(command).toEqual(['list', '--owner', owner, '--limit', '2', '--after', seen.at(-1)]);
      args = command;
    }
    expect(seen).toEqual(newestFirst);
    expect(nextLines).toHaveLength(2);
    // The default page is 50: all five fit, with no next-page line.
    const all = await gofast('list', '--owner', owner);
    expect(all.stdout).not.toContain('more plans');
    expect(all.stdout.trimEnd().split('\n')).toHaveLength(5);
    expect((await gofast('list', '--owner', owner, '--after', newestFirst[4] ?? '')).stdout).toBe('no more plans\n');
  });

  it('says "plan complete" with exit 2 when every week exists', async () => {
    const id = await created();
    await gofast('confirm', id);
    for (let n = 2; n <= 12; n += 1) expect((await gofast('next', id)).code).toBe(0);
    const done = await gofast('next', id);
    expect(done).toMatchObject({ code: 2, stdout: '' });
    expect(done.stderr).toBe('gofast plans next: plan complete: all 12 weeks exist\n');
  });

  it.each([
    [['confirm', '64b7f0c2a1b2c3d4e5f60718'], 'gofast plans confirm: no plan with id 64b7f0c2a1b2c3d4e5f60718\n'],
    [['next'], 'gofast plans next: missing the plan ID\n'],
    [['list', '--status', 'paused'], /--status must be one of draft, preview, active, completed, cancelled/],
    [['list', '--limit', '0'], 'gofast plans list: --limit must be a whole number from 1 to 1000, not "0"\n'],
    [['list', '--limit', '2.5'], /--limit must be a whole number from 1 to 1000, not "2.5"/],
    [['list', '--after', '64b7f0c2a1b2c3d4e5f60718'], 'gofast plans list: after: no plan with id 64b7f0c2a1b2c3d4e5f60718 to list after\n'],
    [['confirm', 'x', '--as', 'bob'], 'gofast plans: --as must look like platform:workspace:user, not "bob"\n'],
    [['fly'], /unknown command "fly"/],
    [[...CREATE.slice(0, -4)], /missing --owner/],
    [[...CREATE.map((a) => (a === '20' ? '2' : a))], /--mileage: 2 miles a week is below the minimum/],
    [['log', 'x', '2', '--miles', '3'], /missing --completed-days/],
  ])('refuses %j with exit 2 and one line', async (args, message) => {
    const result = await gofast(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('gives the owner check and the wrong state their own messages', async () => {
    const id = await created();
    const stranger = await gofast('confirm', id, '--as', 'slack:T1:U2');
    expect(stranger).toMatchObject({
      code: 2,
      stderr: 'gofast plans confirm: that plan belongs to someone else; only its owner can change it\n',
    });
    const early = await gofast('next', id);
    expect(early.stderr).toMatch(/^gofast plans next: the plan is preview; weeks are made for an active plan/);
    expect((await gofast('week', id, '1', '--regenerate')).stderr).toMatch(/only an active plan's weeks can be regenerated/);
  });
});
