/** What a coach expects of the plans the rules engine builds. */
import { describe, expect, it } from 'vitest';
import { dayNumberOf } from '../../src/domain/calendar.js';
import { HARD_DAY_TYPES, type PlannedWeek } from '../../src/domain/schemas.js';
import { validatePlan, weekMiles } from '../../src/domain/validator.js';
import { buildOutline, buildWeek, createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import { splitPhases } from '../../src/engine/rules/phase-split.js';
import { asPlanned, inputsOf, wholePlan } from '../support/engine-fixtures.js';
import { MARATHON_FIELDS } from '../support/sample-inputs.js';

const marathon = inputsOf(MARATHON_FIELDS);

function byType(week: PlannedWeek, type: string): number[] {
  return week.days.filter((d) => d.type === type).map((d) => d.dayNumber);
}

describe('phases', () => {
  it('splits base, build, peak and taper in order, summing to the plan length', () => {
    for (const [weeks, distance] of [[4, '5k'], [12, '10k'], [20, 'half'], [30, 'marathon']] as const) {
      const phases = splitPhases(weeks, distance);
      expect(phases.map((p) => p.name)).toEqual(['base', 'build', 'peak', 'taper']);
      expect(phases.reduce((s, p) => s + p.weekCount, 0)).toBe(weeks);
      expect(phases.every((p) => p.weekCount >= 1)).toBe(true);
    }
    expect(splitPhases(20, 'marathon').find((p) => p.name === 'taper')?.weekCount).toBe(3);
    expect(splitPhases(4, '5k').find((p) => p.name === 'taper')?.weekCount).toBe(1);
  });
});

describe('the preview', () => {
  it('is phases and week 1 only, with dates and paces, and the same every time', async () => {
    const engine = createRulesEngine();
    const a = await engine.outline({ inputs: marathon });
    const b = await engine.outline({ inputs: marathon });
    expect(a).toEqual(b);
    expect(a.totalWeeks).toBe(20);
    expect(a.week.weekNumber).toBe(1);
    expect(a.week.days.map((d) => d.date)).toEqual([
      '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06',
    ]);
    expect(a.paces.goal).toBe(Math.round(12_600 / 26.219));
  });

  it('fills a mid-week start lightly: a Friday start holds Friday to Sunday', () => {
    const friday = { ...marathon, startDate: '2026-11-27' };
    const { week } = buildOutline(friday);
    expect(week.days.map((d) => d.dayNumber)).toEqual([5, 6, 7]);
    expect(week.days.every((d) => dayNumberOf(d.date) === d.dayNumber)).toBe(true);
    expect(week.miles).toBeLessThanOrEqual(marathon.weeklyMileage);
  });
});

describe('a whole marathon plan done as planned', () => {
  const { phases, weeks } = wholePlan(marathon);

  it('passes every rule', () => {
    expect(validatePlan({ inputs: marathon, phases, weeks })).toEqual([]);
  });

  it('puts the long run on Saturday and never two hard days in a row', () => {
    for (const week of weeks.slice(1, -1)) {
      const long = byType(week, 'long');
      if (long.length > 0) expect(long).toEqual([6]);
      const hard = week.days.filter((d) => HARD_DAY_TYPES.includes(d.type)).map((d) => d.dayNumber);
      for (let i = 1; i < hard.length; i += 1) expect((hard[i] ?? 0) - (hard[i - 1] ?? 0)).toBeGreaterThan(1);
    }
  });

  it('builds gradually to a peak, with cutback weeks, then tapers', () => {
    const miles = weeks.map((w) => weekMiles(w));
    const peak = Math.max(...miles.slice(0, 17));
    expect(peak).toBeGreaterThan(marathon.weeklyMileage * 1.3);
    const cutbacks = miles.slice(2, 17).filter((m, i) => m <= 0.9 * (miles[i + 1] ?? 0));
    expect(cutbacks.length).toBeGreaterThanOrEqual(3);
    const raceWeekWithoutRace = (miles[19] ?? 0) - 27.219;
    expect(raceWeekWithoutRace).toBeLessThanOrEqual(0.6 * peak);
    expect(miles[18]).toBeLessThanOrEqual(0.8 * peak);
  });

  it('brings quality in the build and race-pace work in the peak', () => {
    const base = weeks.slice(0, 5).flatMap((w) => w.days.map((d) => d.type));
    expect(base).not.toContain('intervals');
    const build = weeks.slice(5, 12).flatMap((w) => w.days.map((d) => d.type));
    expect(build).toContain('tempo');
    const peakLong = weeks.slice(12, 17).flatMap((w) => w.days.filter((d) => d.type === 'long'));
    expect(peakLong.some((d) => d.workout.some((l) => l.paceGoal === '8:01'))).toBe(true);
  });

  it('ends with a shakeout, a rest day and the race at goal pace', () => {
    const last = weeks[19] as PlannedWeek;
    const types = Object.fromEntries(last.days.map((d) => [d.date, d.type]));
    expect(types['2027-04-16']).toBe('shakeout');
    expect(types['2027-04-17']).toBe('rest');
    const race = last.days.find((d) => d.type === 'race');
    expect(race?.date).toBe('2027-04-18');
    expect(race?.workout).toEqual([{ lapIndex: 1, distanceMiles: 26.219, paceGoal: '8:01' }]);
  });

  it('writes a note on every day', () => {
    for (const day of weeks.flatMap((w) => w.days)) expect(day.notes.length).toBeGreaterThan(5);
  });
});

describe('adapting to what the athlete logged (R11)', () => {
  const { phases, weeks } = wholePlan(marathon);
  const firstFive = weeks.slice(0, 5).map((w) => ({ ...w, execution: asPlanned(w) }));

  it('proceeds when the week went to plan', () => {
    const next = buildWeek(marathon, phases, firstFive, 6);
    expect(next.miles).toBe(weeks[5]?.miles);
  });

  it('scales back after a missed week, to 1.1 × what was run + 2', () => {
    const missed = firstFive.map((w, i) => (i === 4 ? { ...w, execution: { completedDays: 2, totalMiles: 9 } } : w));
    const next = buildWeek(marathon, phases, missed, 6);
    expect(next.miles).toBeLessThanOrEqual(1.1 * 9 + 2 + 1e-9);
    expect(next.miles).toBeLessThan(weeks[5]?.miles ?? 0);
  });

  it('repeats the last logged volume or less when two weeks went unlogged', () => {
    const unlogged = firstFive.map((w, i) => (i >= 3 ? { ...w, execution: null } : w));
    const next = buildWeek(marathon, phases, unlogged, 6);
    expect(next.miles).toBeLessThanOrEqual((firstFive[2]?.miles ?? 0) + 1e-9);
  });

  it('needs the weeks before it', () => {
    expect(() => buildWeek(marathon, phases, weeks.slice(0, 2), 5)).toThrow(/needs weeks 1–4/);
    expect(() => buildWeek(marathon, phases, weeks, 21)).toThrow(/outside this 20-week plan/);
  });
});

describe('athletes at the edges', () => {
  it('keeps a 5 mi/week beginner at two miles a run and grows slowly', () => {
    const beginner = inputsOf({ distance: '5k', raceDate: '2027-01-30', startDate: '2026-11-30', goal: '40:00', fiveK: '42:00', mileage: '5', days: '1,2,3,4,5,6,7' });
    const { phases, weeks } = wholePlan(beginner);
    expect(validatePlan({ inputs: beginner, phases, weeks })).toEqual([]);
    expect(weeks[0]?.days.filter((d) => d.type !== 'rest').every((d) => d.type === 'recovery')).toBe(true);
  });

  it('gives a 150 mi/week athlete all the volume one run a day can hold', () => {
    const elite = inputsOf({ distance: 'marathon', raceDate: '2027-04-18', startDate: '2026-11-30', goal: '2:20:00', fiveK: '14:30', mileage: '150', days: '1,2,3,4,5,6,7' });
    const { phases, weeks } = wholePlan(elite);
    expect(validatePlan({ inputs: elite, phases, weeks })).toEqual([]);
    expect(weeks[0]?.miles).toBeGreaterThan(50);
  });
});
