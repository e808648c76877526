/** `gofast plans tuneup` and `gofast plans result` (issue 18) through `runCli`, against one database. */
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

// A 12-week 10K from Monday 30 November; its two-week taper starts 8 February.
const CREATE = [
  'create',
  ...['--distance', '10k', '--race-date', '2027-02-21', '--start', '2026-11-30', '--goal', '48:00', '--five-k', '22:30'],
  ...['--mileage', '20', '--days', '2,4,6,7', '--race-name', 'Valentine 10K', '--owner', 'slack:T1:U1'],
];

describe('gofast plans tuneup and result', () => {
  it('adds a tune-up, refuses one in the taper, and records a result whose paces it accepts', async () => {
    const id = JSON.parse((await gofast(...CREATE)).stdout).id as string;
    expect((await gofast('confirm', id)).code).toBe(0);

    const added = await gofast('tuneup', id, '--date', '2027-01-10', '--distance', '5k', '--name', 'Parkrun');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ tuneUp: { date: '2027-01-10', distance: '5k', name: 'Parkrun' }, remadeWeeks: [] });
    const taper = await gofast('tuneup', id, '--date', '2027-02-14', '--distance', '5k');
    expect(taper.code).not.toBe(0);
    expect(taper.stderr).toContain("inside your race's taper");

    const shown = JSON.parse((await gofast('result', id, '--time', '21:00', '--distance', '5k', '--date', '2026-11-22')).stdout);
    expect(shown.pendingChange).toMatch(/^p\d+$/);
    expect(shown.newPaces.threshold < shown.paces.threshold).toBe(true);
    const accepted = JSON.parse((await gofast('result', id, '--time', '21:00', '--distance', '5k', '--accept')).stdout);
    expect(accepted).toMatchObject({ accepted: true, fromWeek: 2, pendingChange: null });
    const walking = await gofast('result', id, '--time', '1:40:00', '--distance', '10k');
    expect(walking.code).not.toBe(0);
    expect(walking.stderr).toContain('slower than walking pace');

    const plan = JSON.parse((await gofast('show', id, '--json')).stdout);
    expect(plan.inputs.tuneUps).toHaveLength(1);
    expect(plan.inputs.paceChanges).toEqual([{ id: accepted.result.changeId, fromWeek: 2, fiveKSeconds: accepted.result.fiveKSeconds }]);
  });
});
