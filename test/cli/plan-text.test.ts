/**
 * What `gofast plan` shows a person and a program: the goal with the predicted time, every pace
 * (C-paces), a day per line with repeats never listed lap by lap (R3), and the mileage chart with
 * the race counted apart (R5); `--json` carries the v2 paces and the v1 keys.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/run-cli.js';

/** A half marathon from a 22:00 5K (VDOT 44.5, predicted 1:41:07) with a goal of 1:45:00. */
const HALF = [
  'plan',
  '--distance',
  'half',
  '--race-date',
  '2027-03-14',
  '--start',
  '2026-11-30',
  '--five-k',
  '22:00',
  '--mileage',
  '20',
  '--days',
  '2,4,6,7',
  '--race-name',
  'Lisbon Half',
];

/** The day rows of a text plan: `  Tue 2026-12-01  Easy run   5 mi  5 mi easy`. */
function dayRows(text: string): string[] {
  return text.split('\n').filter((line) => /^ {2}\w{3} \d{4}-\d\d-\d\d /.test(line));
}

describe('gofast plan --json paces', () => {
  it('prints the v2 paces and keeps the v1 keys', async () => {
    const { code, stdout } = await cli([...HALF, '--goal', '1:45:00', '--json']);
    expect(code).toBe(0);
    const { paces } = JSON.parse(stdout) as { paces: Record<string, unknown> };
    const v2 = ['vdot', 'predicted', 'predictedTime', 'easyRange', 'easy', 'marathon', 'threshold', 'interval', 'repetition', 'target'];
    const v1 = ['fiveK', 'predicted', 'predictedMarathon', 'goal', 'easy', 'tempo', 'interval'];
    expect(Object.keys(paces).sort()).toEqual([...new Set([...v2, ...v1])].sort());
    expect(paces).toEqual({
      vdot: 44.5,
      fiveK: '7:05',
      predicted: '7:43',
      predictedTime: '1:41:07',
      predictedMarathon: '8:01',
      goal: '8:01',
      easyRange: '8:38-9:57',
      easy: '9:02',
      marathon: '8:01',
      threshold: '7:31',
      tempo: '7:31',
      interval: '6:55',
      repetition: '6:31',
      target: '8:01',
    });
  });
});

describe('gofast plan as text', () => {
  it('shows the goal next to the predicted time, then every pace', async () => {
    const { code, stdout } = await cli([...HALF, '--goal', '1:45:00']);
    expect(code).toBe(0);
    expect(stdout).toContain('Lisbon Half — half on 2027-03-14, goal 1:45:00 · predicted 1:41:07 (VDOT 44.5)');
    expect(stdout).toContain(
      'Paces: goal 8:01/mi · predicted 7:43/mi · easy 8:38–9:57/mi · marathon 8:01/mi · threshold 7:31/mi · interval 6:55/mi · repetition 6:31/mi · target race pace 8:01/mi',
    );
    expect(stdout).not.toContain('! Choose');
  });

  it('says a goal far ahead of the 5K is the athlete’s choice, before the paces', async () => {
    const { stdout } = await cli([...HALF, '--goal', '1:30:00']);
    const choice = stdout.indexOf('! Choose: your goal of 1:30:00 is 11% faster than the 1:41:07 your 5K predicts.');
    expect(choice).toBeGreaterThan(-1);
    expect(stdout).toContain('Keep it (race-pace runs use 7:31/mi), or make 1:41:07 your goal.');
    expect(choice).toBeLessThan(stdout.indexOf('Paces:'));
  });

  it('reads every day in one line, and charts race week by its training miles with the race apart', async () => {
    const { code, stdout } = await cli([...HALF, '--goal', '1:45:00', '--weeks', 'all']);
    expect(code).toBe(0);
    const rows = dayRows(stdout);
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) {
      // R3: never the same lap twice in a row, never the old lap-by-lap listing.
      expect(row).not.toMatch(/(\d[\d.]* (?:mi|m) @ \d+:\d\d\/mi)(?:, | \+ )\1/);
      expect(row).not.toMatch(/\bwarmup\b|\bcooldown\b/);
    }
    expect(rows.filter((r) => / Easy run /.test(r)).every((r) => / [\d.]+ mi easy\b/.test(r))).toBe(true);
    expect(stdout).toMatch(/\nWeek 15 · taper · [\d.]+ mi \+ race\n/);
    const chart = stdout
      .slice(stdout.indexOf('Weekly mileage'))
      .split('\n')
      .filter((l) => l.includes('█'));
    expect(chart).toHaveLength(15);
    const raceBar = chart.at(-1) ?? '';
    expect(raceBar).toMatch(/ [\d.]+ mi \+ race$/);
    const bar = (line: string): number => (line.match(/█/g) ?? []).length;
    expect(bar(raceBar)).toBeLessThan(Math.max(...chart.map(bar)));
  });

  it('shows km and paces per km in km', async () => {
    const { stdout } = await cli([...HALF, '--goal', '1:45:00', '--units', 'km', '--weeks', 'all']);
    expect(stdout).toContain('Paces: goal 4:59/km');
    for (const row of dayRows(stdout)) expect(row).not.toMatch(/\bmi\b/);
    expect(stdout).toMatch(/ [\d.]+ km \+ race\n/);
  });
});
