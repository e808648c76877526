/**
 * `npm start` as a new user runs it: the coach in the terminal, on the embedded store and the
 * rules engine, scripted through piped stdin; the transcript is what they would read.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDaysIso, mondayOf } from '../../src/domain/calendar.js';
import { todayFor } from '../../src/plans/plan-schedule.js';

const ROOT = join(import.meta.dirname, '..', '..');

/*
 * The coach runs on the real clock, and chat surfaces refuse a start before today: the plans start
 * on the Monday after this week (in the zone the child runs in), the races a whole number of
 * weeks later on a Sunday.
 */
const START = addDaysIso(mondayOf(todayFor({ timezone: 'Europe/Berlin' }, new Date())), 7);
const TEN_K_RACE = addDaysIso(START, 7 * 11 + 6);
const HALF_RACE = addDaysIso(START, 7 * 15 + 6);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `7 Dec 2026`, as the coach writes a date. */
const startLabel = `${Number(START.slice(8, 10))} ${MONTHS[Number(START.slice(5, 7)) - 1]} ${START.slice(0, 4)}`;

async function runStart(script: string, inDir?: string): Promise<{ code: number | null; stdout: string; stderr: string; cwd: string }> {
  const cwd = inDir ?? (await mkdtemp(join(tmpdir(), 'gofast-start-')));
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'gofast.js'), 'start'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, GOFAST_DATA_DIR: join(cwd, '.data'), TZ: 'Europe/Berlin' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(script);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr, cwd };
}

describe('npm start', () => {
  it('runs the coach on piped stdin: preview, confirm, week 1, status, export', async () => {
    const { code, stdout, stderr, cwd } = await runStart(
      [
        `/plan new distance=10k race-date=${TEN_K_RACE} goal=48:00 five-k=22:30 mileage=20 start=${START} race="Valentine 10K"`,
        'confirm',
        '/plan status',
        '/plan export',
        '/plan dance',
        '',
      ].join('\n'),
    );
    expect(code).toBe(0);
    expect(stdout.startsWith(`GoFast Coach · store: embedded store in ${join(cwd, '.data')} · engine: rules · adapters: console`)).toBe(
      true,
    );
    expect(stdout).toContain('Your plan: Valentine 10K');
    expect(stdout).toMatch(/\[1\] Confirm/);
    expect(stdout).toContain(`Confirmed. Week 1 starts ${startLabel}`);
    expect(stdout).toContain('Week 1 of 12');
    expect(stdout).toContain('Plan status');
    expect(stdout).toMatch(/Saved .* to .*gofast-valentine-10k\.ics/);
    expect(stdout).toContain(`I don't know "/plan dance"`);
    expect(stderr).not.toMatch(/error|warn|at .*\.ts:\d+/i);

    // The plan is on disk: the next start (a restart) finds it.
    const again = await runStart(['/plan status', ''].join('\n'), cwd);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Plan status');
    expect(again.stdout).toContain('Valentine 10K');
    expect(again.stdout).not.toContain('You have no plan');
  });

  it('fills the draft form field by field, re-asking a wrong field at once', async () => {
    const { code, stdout } = await runStart(
      // Units, race name, distance, race date, goal, 5K, mileage — wrong, so asked again at once —,
      // recent long run, days, long-run day, start, delivery.
      ['/plan', '', 'Tartu Half', '3', HALF_RACE, '1:50:00', '24:00', 'lots', '18', '', '2,4,6,7', '', START, '', ''].join('\n'),
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Race name');
    expect(stdout).toMatch(
      /Miles per week now[^\n]*: lots\n! Miles per week now: "lots" is not a number[^\n]*\nMiles per week now[^\n]*: 18\n/,
    );
    expect(stdout).toContain('Your plan: Tartu Half');
  });
});

describe('shutdown', () => {
  it('stops cleanly on SIGTERM, closing the database', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'gofast-stop-'));
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'gofast.js'), 'start'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, GOFAST_DATA_DIR: join(cwd, '.data') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('/plan help')) resolve();
      }),
    );
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/error/i);
  });
});
