/** `gofast plans pause|resume|race` through `runCli`: the operators' side of issue 18's changes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMongo, type TestMongo } from '../support/mongo.js';
import { cli, type CliResult } from '../support/run-cli.js';

let mongo: TestMongo;
let now = new Date('2026-11-25T12:00:00Z');

beforeAll(async () => {
  mongo = await startTestMongo();
});

afterAll(async () => {
  await mongo.close();
});

/** `gofast plans …` against this file's database. */
function gofast(...args: string[]): Promise<CliResult> {
  return cli(['plans', ...args, '--mongo', mongo.uri], () => now);
}

const CREATE = ['create', '--distance', 'half', '--race-date', '2027-03-21', '--start', '2026-11-30', '--goal', '1:45:00'];
const MORE = ['--five-k', '23:00', '--mileage', '20', '--days', '2,4,6,7', '--owner', 'slack:T1:U9', '--timezone', 'UTC'];

describe('gofast plans pause, resume and race', () => {
  it('pauses, refuses a second pause, resumes with a ramp, and changes the race on --confirm', async () => {
    const made = await gofast(...CREATE, ...MORE);
    const id = JSON.parse(made.stdout).id as string;
    expect((await gofast('confirm', id)).code).toBe(0);

    now = new Date('2026-12-16T09:00:00Z');
    const paused = await gofast('pause', id, '--reason', 'travel', '--until', '2026-12-24');
    expect(paused.code).toBe(0);
    expect(JSON.parse(paused.stdout).pause).toMatchObject({ sinceDate: '2026-12-16', until: '2026-12-24', reason: 'travel' });
    const again = await gofast('pause', id);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already paused since 16 Dec');
    expect((await gofast('pause', id, '--reason', 'bored')).stderr).toContain('--reason must be one of sick, injured, travel, busy');

    now = new Date('2026-12-22T09:00:00Z');
    const resumed = await gofast('resume', id);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ kind: 'resumed', breakDays: 6, returnRamp: { fromWeek: 4, reason: 'travel' } });

    const shown = await gofast('race', id, '--date', '2027-04-04');
    expect(JSON.parse(shown.stdout).after.map((p: { weekCount: number }) => p.weekCount)).toEqual([5, 7, 4, 2]);
    const confirmed = await gofast('race', id, '--date', '2027-04-04', '--confirm');
    expect(confirmed.code).toBe(0);
    expect(JSON.parse(confirmed.stdout)).toMatchObject({ status: 'active', totalWeeks: 18, inputs: { raceDate: '2027-04-04' } });
  });
});
