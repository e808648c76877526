/** `gofast plans chart ID --out FILE.png|FILE.svg [--week N]` through `runCli`, on a real store. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng } from '../adapters/charts/png-pixels.js';
import { startTestMongo, type TestMongo } from '../support/mongo.js';
import { cli, type CliResult } from '../support/run-cli.js';

let mongo: TestMongo;
let dir: string;

beforeAll(async () => {
  mongo = await startTestMongo();
  dir = await mkdtemp(join(tmpdir(), 'gofast-chart-'));
});

afterAll(async () => {
  await mongo.close();
});

/** `gofast plans …` against this file's database, on 9 Dec 2026 (week 2 of the plan). */
function gofast(...args: string[]): Promise<CliResult> {
  return cli(['plans', ...args, '--mongo', mongo.uri], () => new Date('2026-12-09T12:00:00Z'));
}

const CREATE = [
  'create',
  ...['--distance', '10k', '--race-date', '2027-02-21', '--start', '2026-11-30', '--goal', '48:00', '--five-k', '22:30'],
  ...['--mileage', '20', '--days', '2,4,6,7', '--race-name', 'Valentine <10K> & "friends"', '--owner', 'slack:T1:U1'],
];

async function activePlan(): Promise<string> {
  const { stdout } = await cli(['plans', ...CREATE, '--mongo', mongo.uri], () => new Date('2026-11-25T12:00:00Z'));
  const id = JSON.parse(stdout).id as string;
  expect((await gofast('confirm', id)).code).toBe(0);
  expect((await gofast('log', id, '1', '--completed-days', '3', '--miles', '14')).code).toBe(0);
  return id;
}

describe('gofast plans chart', () => {
  it('writes the plan chart as SVG and as PNG, and prints the file and the alt text', async () => {
    const id = await activePlan();
    const svgFile = join(dir, 'plan.svg');
    const svg = await gofast('chart', id, '--out', svgFile);
    expect(svg.code).toBe(0);
    const [written, alt] = svg.stdout.trimEnd().split('\n');
    expect(written).toBe(svgFile);
    expect(alt).toContain('Weekly training volume of Valentine <10K> & "friends", a 10k on 21 Feb 2027: 12 weeks');
    expect(alt).toContain('Logged so far: 1 week, 14 mi run');
    expect(alt).toContain('This is week 2.');
    const text = await readFile(svgFile, 'utf8');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text).toContain('Valentine &lt;10K&gt; &amp; &quot;friends&quot;');
    expect(text.match(/<rect class="bar /g)).toHaveLength(12);
    expect(text).toContain('class="today"');

    const pngFile = join(dir, 'plan.png');
    expect((await gofast('chart', id, '--out', pngFile)).code).toBe(0);
    const pixels = decodePng(await readFile(pngFile));
    expect([pixels.width, pixels.height]).toEqual([960, 460]);
  });

  it('writes a week’s day cards with --week', async () => {
    const id = await activePlan();
    const file = join(dir, 'week1.png');
    const result = await gofast('chart', id, '--week', '1', '--out', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Week 1 · base');
    expect(decodePng(await readFile(file)).height).toBe(270);
  });

  it('refuses an image type it cannot write, and a missing --out, before opening the store', async () => {
    const wrong = await cli(['plans', 'chart', 'ID', '--out', 'plan.jpg']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('gofast plans chart: --out must end in .png or .svg, not "plan.jpg"');
    const missing = await cli(['plans', 'chart', 'ID']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--out');
  });

  it('says so for an unknown plan', async () => {
    const result = await gofast('chart', 'no-such-plan', '--out', join(dir, 'x.svg'));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
