/**
 * `gofast plans export ID --format F --out FILE` (issue 20): the calendar file of the whole plan,
 * the first form `--ics FILE` still accepted, and a format it does not know refused in one line
 * before any database is opened.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARATHON_FIELDS } from '../support/sample-inputs.js';
import { startTestMongo, type TestMongo } from '../support/mongo.js';
import { cli, type CliResult } from '../support/run-cli.js';

let mongo: TestMongo;

beforeAll(async () => {
  mongo = await startTestMongo();
});

afterAll(async () => {
  await mongo.close();
});

function gofast(...args: string[]): Promise<CliResult> {
  return cli(['plans', ...args, '--mongo', mongo.uri], () => new Date('2026-11-25T12:00:00Z'));
}

async function activePlan(): Promise<string> {
  const f = MARATHON_FIELDS;
  const created = await gofast(
    'create',
    ...['--distance', f.distance, '--race-date', f.raceDate, '--start', f.startDate, '--goal', f.goal],
    ...['--five-k', f.fiveK, '--mileage', f.mileage, '--days', f.days, '--race-name', f.raceName, '--owner', 'slack:T1:U1'],
  );
  expect(created.code).toBe(0);
  const id = JSON.parse(created.stdout).id as string;
  expect((await gofast('confirm', id)).code).toBe(0);
  return id;
}

describe('gofast plans export', () => {
  it('writes the whole plan as a calendar: week 1 made, weeks 2–20 tentative, the race; --ics FILE is the same', async () => {
    const id = await activePlan();
    const dir = await mkdtemp(join(tmpdir(), 'gofast-export-'));
    const file = join(dir, 'plan.ics');
    expect(await gofast('export', id, '--format', 'ics', '--out', file)).toMatchObject({ code: 0, stdout: `${file}\n` });
    const ics = await readFile(file, 'utf8');
    expect(ics.match(/STATUS:TENTATIVE/g)?.length).toBeGreaterThan(19 * 3);
    expect(ics).toContain(`UID:${id}-race@gofast.coach`);
    expect(ics).toContain('DTSTART;VALUE=DATE:20270418');

    const old = join(dir, 'old.ics');
    expect((await gofast('export', id, '--ics', old)).code).toBe(0);
    expect(await readFile(old, 'utf8')).toBe(ics);
  });

  it.each([
    [['export', 'x', '--out', 'p.ics'], 'gofast plans export: missing --format (ics'],
    [['export', 'x', '--format', 'pdf', '--out', 'p.pdf'], 'gofast plans export: --format must be one of ics'],
    [['export', 'x', '--format', 'ics'], 'gofast plans export: missing --out'],
  ])('refuses %j with exit 2 and one line', async (args, message) => {
    const result = await gofast(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
