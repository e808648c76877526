/** `gofast plans move|cross` through `runCli`: the operators' way to move a run or cross-train a day. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { validatePlan } from '../../src/domain/validator.js';
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

// prettier-ignore
const CREATE = ['create', '--distance', 'marathon', '--race-date', '2027-04-18', '--start', '2026-11-30', '--goal', '3:30:00',
  '--five-k', '22:30', '--mileage', '30', '--days', '2,3,4,6,7', '--long-day', 'sat', '--owner', 'slack:T1:U1'];

describe('gofast plans move | cross', () => {
  it('moves a run of week 1, cross-trains a day, and refuses a move that breaks a rule', async () => {
    const id = JSON.parse((await gofast(...CREATE)).stdout).id as string;
    expect((await gofast('confirm', id)).code).toBe(0);

    const moved = await gofast('move', id, 'sat', 'sun');
    expect(moved.code).toBe(0);
    const result = JSON.parse(moved.stdout);
    expect(result).toMatchObject({ weekNumber: 1, from: 6, to: 7 });
    expect(result.week.days[6]).toMatchObject({ type: 'long', movedFrom: 6 });

    const crossed = await gofast('cross', id, 'thu', '--sport', 'elliptical');
    expect(crossed.code).toBe(0);
    expect(JSON.parse(crossed.stdout).week.days[3]).toMatchObject({ session: 'cross-training', cross: { mode: 'elliptical' } });

    // Tuesday holds the quality session: the long run on Monday would sit right before it.
    const refused = await gofast('move', id, 'sun', 'mon', '--as', 'slack:T1:U1');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/cannot go to Monday .*: it would put two key days/);

    const shown = JSON.parse((await gofast('show', id, '--json')).stdout);
    expect(validatePlan({ inputs: shown.inputs, phases: shown.phases, weeks: shown.weeks })).toEqual([]);
  });
});
