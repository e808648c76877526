/** `gofast plans export ID --format fit --out FILE.zip [--week N]` through `runCli`, on a real store. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decoder, Stream } from '@garmin/fitsdk';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMongo, type TestMongo } from '../support/mongo.js';
import { cli, type CliResult } from '../support/run-cli.js';

let mongo: TestMongo;
let dir: string;

beforeAll(async () => {
  mongo = await startTestMongo();
  dir = await mkdtemp(join(tmpdir(), 'gofast-fit-'));
});

afterAll(async () => {
  await mongo.close();
});

function gofast(...args: string[]): Promise<CliResult> {
  return cli(['plans', ...args, '--mongo', mongo.uri], () => new Date('2026-11-25T12:00:00Z'));
}

async function confirmedPlan(): Promise<string> {
  const created = await gofast(
    ...['create', '--distance', '10k', '--race-date', '2027-02-21', '--start', '2026-11-30', '--goal', '48:00', '--five-k', '22:30'],
    ...['--mileage', '20', '--days', '2,4,6,7', '--race-name', 'Valentine 10K', '--owner', 'slack:T1:U1', '--timezone', 'Europe/Berlin'],
  );
  expect(created.code).toBe(0);
  const id = JSON.parse(created.stdout).id as string;
  expect((await gofast('confirm', id)).code).toBe(0);
  return id;
}

describe('gofast plans export --format fit', () => {
  it('writes this week (or week N) as a zip of FIT workouts, one per run day', async () => {
    const id = await confirmedPlan();
    const file = join(dir, 'week.zip');
    const done = await gofast('export', id, '--format', 'fit', '--out', file);
    expect(done).toEqual({ code: 0, stdout: `${file}\n`, stderr: '' });
    const files = unzipSync(new Uint8Array(await readFile(file)));
    // Runs on Tue, Thu, Sat and Sun of the week from Monday 30 November.
    expect(Object.keys(files).map((name) => name.slice(0, 10))).toEqual(['2026-12-01', '2026-12-03', '2026-12-05', '2026-12-06']);
    for (const bytes of Object.values(files)) expect(new Decoder(Stream.fromByteArray(bytes)).checkIntegrity()).toBe(true);

    const week1 = join(dir, 'week-1.zip');
    expect((await gofast('export', id, '--format', 'fit', '--out', week1, '--week', '1', '--as', 'slack:T1:U1')).code).toBe(0);
    expect(Object.keys(unzipSync(new Uint8Array(await readFile(week1))))).toEqual(Object.keys(files));
  });

  it('refuses a week it cannot export in one sentence, and --week without fit', async () => {
    const id = await confirmedPlan();
    const later = await gofast('export', id, '--format', 'fit', '--out', join(dir, 'later.zip'), '--week', '6');
    expect(later.code).not.toBe(0);
    expect(later.stderr).toBe('gofast plans export: week 6 is not made yet: weeks are made as you go, adapting to your logs\n');
    const ics = await gofast('export', id, '--format', 'ics', '--out', join(dir, 'plan.ics'), '--week', '2');
    expect(ics.code).not.toBe(0);
    expect(ics.stderr).toContain('--week goes with --format fit');
    const bad = await gofast('export', id, '--format', 'zip', '--out', join(dir, 'x.zip'));
    expect(bad.stderr).toContain('--format must be one of ics, fit');
  });
});
