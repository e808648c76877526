/**
 * The CLI as people use it: `runCli` in process for the many input cases, and the real `gofast`
 * bin as a child process for the exit codes and output streams.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/run-cli.js';
import { validatePlan } from '../../src/domain/validator.js';
import { planFileSchema } from '../../src/cli/plan-json.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gofast.js');

const BASE = [
  '--distance',
  'half',
  '--race-date',
  '2027-03-14',
  '--start',
  '2026-11-27',
  '--goal',
  '1:45:00',
  '--five-k',
  '22:00',
  '--mileage',
  '20',
  '--days',
  '2,4,6,7',
  '--race-name',
  'Lisbon Half',
];

function withFlag(flag: string, value: string): string[] {
  const args = [...BASE];
  const i = args.indexOf(flag);
  if (i >= 0) args[i + 1] = value;
  else args.push(flag, value);
  return args;
}

function without(flag: string): string[] {
  const args = [...BASE];
  args.splice(args.indexOf(flag), 2);
  return args;
}

describe('gofast plan', () => {
  it('prints the preview for a person: summary, paces, phases and Week 1 day by day', async () => {
    const { code, stdout, stderr } = await cli(['plan', ...BASE]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Lisbon Half — half on 2027-03-14, goal 1:45:00');
    expect(stdout).toMatch(/Phases\n {2}base/);
    expect(stdout).toContain('Week 1 · base');
    // R2: the Friday start moves to the Monday after, and the preview says so.
    expect(stdout).toContain('! Your plan starts Monday 30 Nov: a Friday–Sunday start moves to the Monday after.');
    expect(stdout).toContain('Mon 2026-11-30');
    expect(stdout).not.toContain('2026-11-27');
    expect(stdout).not.toContain('Week 2 ·');
  });

  it('prints every week and a mileage chart with --weeks all, in km when asked', async () => {
    const { code, stdout } = await cli(['plan', ...withFlag('--units', 'km'), '--weeks', 'all']);
    expect(code).toBe(0);
    expect(stdout).toContain('Week 15 · taper');
    expect(stdout).toContain('Weekly mileage');
    expect(stdout).toMatch(/\d+(\.\d)? km/);
    expect(stdout).toMatch(/@ \d+:\d\d\/km/);
  });

  it('prints the documented JSON, and every week of it passes the validator', async () => {
    const { stdout } = await cli(['plan', ...BASE, '--weeks', 'all', '--json']);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(['totalWeeks', 'paces', 'warnings', 'inputs', 'phases', 'weeks']);
    expect(json.totalWeeks).toBe(15);
    expect(json.paces).toMatchObject({ fiveK: '7:05', goal: '8:01' });
    expect(json.phases).toEqual([
      { name: 'base', weekCount: expect.any(Number) },
      { name: 'build', weekCount: expect.any(Number) },
      { name: 'peak', weekCount: expect.any(Number) },
      { name: 'taper', weekCount: expect.any(Number) },
    ]);
    const day = json.weeks[1].days[0];
    expect(Object.keys(day)).toEqual(['dayNumber', 'date', 'dayOfWeek', 'type', 'warmup', 'workout', 'cooldown', 'notes']);
    expect(json.weeks[1].days.find((d: { warmup: unknown[] }) => d.warmup.length > 0).warmup[0]).toEqual({
      lapIndex: 1,
      distanceMiles: expect.any(Number),
      paceGoal: null,
    });
    const plan = planFileSchema.parse(json);
    // Generated "as if done as planned": validate with those logs in place.
    const logged = plan.weeks.map((w, i) =>
      i === plan.weeks.length - 1
        ? w
        : { ...w, execution: { completedDays: w.days.filter((d) => d.type !== 'rest').length, totalMiles: w.miles } },
    );
    expect(validatePlan({ ...plan, weeks: logged })).toEqual([]);
  });

  it('reads --recent-long and --long-day, and day names in --days', async () => {
    const { code, stdout, stderr } = await cli([
      'plan',
      ...withFlag('--days', 'tue thu SAT sunday'),
      '--recent-long',
      '9',
      '--long-day',
      'Sun',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.inputs).toMatchObject({ preferredDays: [2, 4, 6, 7], recentLongRunMiles: 9, longRunDay: 7, startDate: '2026-11-30' });
    expect(json.warnings[0]).toBe('Your plan starts Monday 30 Nov: a Friday–Sunday start moves to the Monday after.');
  });

  it('reads kilometres with --units km: the volume, the recent long run and a 5K pace per km', async () => {
    const args = withFlag('--units', 'km').map((a) => (a === '22:00' ? '4:24' : a === '20' ? '32' : a));
    const { code, stdout } = await cli(['plan', ...args, '--recent-long', '16', '--json']);
    expect(code).toBe(0);
    const { inputs } = JSON.parse(stdout);
    expect(inputs.units).toBe('km');
    expect(inputs.weeklyMileage).toBeCloseTo(19.9, 1);
    expect(inputs.recentLongRunMiles).toBeCloseTo(9.94, 2);
    expect(inputs.fiveKSeconds).toBe(Math.round(264 * 5.0002));
  });

  it.each([
    [withFlag('--goal', '1h75'), /^gofast plan: --goal: "1h75" is not a time: use H:MM:SS/],
    [withFlag('--race-date', '2027-02-30'), /^gofast plan: --race-date: "2027-02-30" is not a date/],
    [withFlag('--race-date', '2026-11-01'), /--race-date: the race \(2026-11-01\) must be after the start date/],
    [withFlag('--race-date', '2026-12-20'), /spans 4 weeks; it must span 8 to 30 calendar weeks/],
    [withFlag('--race-date', '2027-12-20'), /it must span 8 to 30 calendar weeks/],
    [withFlag('--mileage', '3'), /--mileage: 3 miles a week is below the minimum: build to 5 miles a week first/],
    [withFlag('--mileage', '500'), /--mileage: 500 miles a week is above the maximum of 150/],
    [withFlag('--days', '1,2'), /--days: "1,2" holds 2 days: list 3 to 7 different days/],
    [withFlag('--days', '0,8,9'), /--days: "0" is not a day: list 3 to 7 different days/],
    [withFlag('--days', 'tue,thu,tue,sun'), /--days: Tuesday is listed twice/],
    [[...BASE, '--long-day', 'funday'], /^gofast plan: --long-day: "funday" is not a day: use a day name/],
    [
      [...BASE, '--long-day', 'mon'],
      /--long-day: your long-run day, Monday, is not one of your run days: add it to your days or choose another/,
    ],
    [
      [...BASE, '--recent-long', '31'],
      /--recent-long: a longest run of 31 miles is out of range: use the longest run of your last 4 weeks/,
    ],
    [[...withFlag('--units', 'km'), '--recent-long', '50'], /--recent-long: a longest run of 50 km is out of range: .* from 1\.6 to 48/],
    [
      withFlag('--mileage', '6').map((a) => (a === '2027-03-14' ? '2027-02-14' : a)),
      /--mileage: a half marathon in 11 weeks needs at least 8 miles a week now, and you run 6: choose a 10K or 5K, or race on or after 2027-02-15$/m,
    ],
    [withFlag('--distance', 'ultra'), /--distance: unknown distance "ultra"/],
    [withFlag('--five-k', '3:00'), /--five-k: "3:00" is out of range/],
    [without('--goal'), /^gofast plan: missing --goal \(H:MM:SS\)\n$/],
    [[...BASE, '--weeks', '3'], /--weeks must be 1 or all/],
    [[...BASE, '--colour', 'red'], /^gofast plan: Unknown option '--colour'/],
  ])('refuses bad input with exit 2 and one line (case %#: %s)', async (args, message) => {
    const { code, stdout, stderr } = await cli(['plan', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('gofast week', () => {
  async function planFile(weeks: '1' | 'all'): Promise<string> {
    const { stdout } = await cli(['plan', ...BASE, '--weeks', weeks, '--json']);
    const dir = await mkdtemp(join(tmpdir(), 'gofast-week-'));
    const file = join(dir, 'plan.json');
    await writeFile(file, stdout);
    return file;
  }

  it('continues a plan with the athlete’s log and adapts to a missed week', async () => {
    const file = await planFile('all');
    const onPlan = await cli(['week', '--plan', file, '--week', '5', '--completed-days', '4', '--logged-miles', '40']);
    expect(onPlan.code).toBe(0);
    const missed = await cli(['week', '--plan', file, '--week', '5', '--completed-days', '1', '--logged-miles', '4', '--notes', 'sick']);
    expect(missed.code).toBe(0);
    const a = JSON.parse(onPlan.stdout);
    const b = JSON.parse(missed.stdout);
    expect(a.weekNumber).toBe(5);
    expect(b.miles).toBeLessThanOrEqual(Math.max(1.1 * 4 + 2, 2 * 4));
    expect(b.miles).toBeLessThan(a.miles);
  });

  it('makes week 2 from the preview file', async () => {
    const file = await planFile('1');
    const { code, stdout } = await cli([
      'week',
      '--plan',
      file,
      '--week',
      '2',
      '--completed-days',
      '2',
      '--logged-miles',
      '9',
      '--avg-pace',
      '9:30',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).days).toHaveLength(7);
  });

  it.each([
    [['--week', '3'], /^gofast week: missing --plan/],
    [['--plan', '/nonexistent/plan.json', '--week', '2'], /cannot read --plan \/nonexistent\/plan.json \(ENOENT\)/],
    [['--week', '1'], /--week must be a whole number from 2 to 15, not "1"/],
    [['--week', '5'], /week 5 needs weeks 1–4 in the plan; .* has 1–1/],
    [['--week', '2', '--completed-days', '9', '--logged-miles', '3'], /--completed-days must be a whole number from 0 to 7/],
    [['--week', '2', '--logged-miles', '3'], /--logged-miles needs --completed-days too/],
    [['--week', '2', '--completed-days', '2', '--logged-miles', '3', '--avg-pace', '9:75'], /--avg-pace: must be M:SS/],
  ])('refuses %j with exit 2 and one line', async (args, message) => {
    const file = await planFile('1');
    const missingPlan = message.source.includes('missing --plan');
    const withPlan = args.includes('--plan') || missingPlan ? args : ['--plan', file, ...args];
    const { code, stderr } = await cli(['week', ...withPlan]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a file that is not a plan', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gofast-week-'));
    const notJson = join(dir, 'a.json');
    await writeFile(notJson, 'hello');
    expect((await cli(['week', '--plan', notJson, '--week', '2'])).stderr).toMatch(/is not JSON/);
    const notPlan = join(dir, 'b.json');
    await writeFile(notPlan, '{"weeks": 3}');
    expect((await cli(['week', '--plan', notPlan, '--week', '2'])).stderr).toMatch(/is not a plan printed by gofast plan --json \(inputs:/);
  });
});

describe('the gofast bin', () => {
  it('runs from a checkout and exits 2 with one line on stderr for bad input', async () => {
    const ok = await run(process.execPath, [BIN, 'plan', ...BASE, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(ok.stdout).weeks).toHaveLength(1);
    const bad = await run(process.execPath, [BIN, 'plan', ...withFlag('--goal', 'soon')], { encoding: 'utf8' }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect((bad as { stderr: string }).stderr).toMatch(/^gofast plan: --goal: "soon" is not a time/);
    expect((bad as { stderr: string }).stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('prints help', async () => {
    const { stdout } = await cli(['--help']);
    expect(stdout).toContain('Usage: gofast <command>');
    expect((await cli(['plan', '--help'])).stdout).toContain('--five-k');
    const unknown = await cli(['fly']);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toMatch(/unknown command "fly"/);
  });
});
