/** What a coach expects of the plans the rules engine builds (PLAN-RULES v2). */
import { describe, expect, it } from 'vitest';
import { dayNumberOf } from '../../src/domain/calendar.js';
import { computePaces } from '../../src/domain/paces.js';
import { trainingMiles } from '../../src/domain/plan-math.js';
import { SESSIONS_OF_TYPE, type PlannedWeek } from '../../src/domain/schemas.js';
import { formatPace } from '../../src/domain/time.js';
import { validatePlan } from '../../src/domain/validator.js';
import { splitPhases } from '../../src/engine/rules/phase-split.js';
import { buildOutline, buildWeek, createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import { asPlanned, inputsOf, wholePlan } from '../support/engine-fixtures.js';
import { planShape } from '../support/plan-shape.js';
import { MARATHON_FIELDS } from '../support/sample-inputs.js';

const marathon = inputsOf(MARATHON_FIELDS);

function byType(week: PlannedWeek, type: string): number[] {
  return week.days.filter((d) => d.type === type).map((d) => d.dayNumber);
}

describe('phases', () => {
  it('splits base, build, peak and taper in order, with the taper PLAN-RULES R1 sets', () => {
    for (const [weeks, distance] of [
      [4, '5k'],
      [12, '10k'],
      [20, 'half'],
      [30, 'marathon'],
    ] as const) {
      const phases = splitPhases(weeks, distance);
      expect(phases.map((p) => p.name)).toEqual(['base', 'build', 'peak', 'taper']);
      expect(phases.reduce((s, p) => s + p.weekCount, 0)).toBe(weeks);
      expect(phases.every((p) => p.weekCount >= 1)).toBe(true);
    }
    const taper = (weeks: number, distance: '5k' | 'half' | 'marathon') =>
      splitPhases(weeks, distance).find((p) => p.name === 'taper')?.weekCount;
    expect(taper(20, 'marathon')).toBe(3);
    expect(taper(11, 'marathon')).toBe(2);
    expect(taper(12, 'half')).toBe(2);
    expect(taper(4, '5k')).toBe(1);
    expect(taper(10, '5k')).toBe(2);
  });
});

describe('the preview', () => {
  it('is phases and week 1 only, with dates and VDOT paces, and the same every time', async () => {
    const engine = createRulesEngine();
    const a = await engine.outline({ inputs: marathon });
    const b = await engine.outline({ inputs: marathon });
    expect(a).toEqual(b);
    expect(a.totalWeeks).toBe(20);
    expect(a.week.days.map((d) => d.date)).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    expect(a.paces).toEqual(computePaces(marathon));
    expect(a.paces.vdot).toBeCloseTo(43.5, 0);
  });

  it('gives another valid take for another variant (Regenerate)', () => {
    const takes = [0, 1, 2].map((variant) => buildOutline(marathon, variant).week);
    expect(new Set(takes.map((w) => JSON.stringify(w.days.map((d) => d.session)))).size).toBeGreaterThan(1);
  });

  it('never opens with a week of only rest; a Sunday start that cannot move holds a run', () => {
    // A 5K three Sundays later: moving the start to Monday would leave three weeks, under the four.
    const sunday = inputsOf({
      distance: '5k',
      startDate: '2026-12-06',
      raceDate: '2026-12-27',
      goal: '25:00',
      fiveK: '25:30',
      mileage: '15',
      days: '2,4,6',
    });
    expect(sunday.startDate).toBe('2026-12-06');
    const { week } = buildOutline(sunday);
    expect(week.days.map((d) => d.dayNumber)).toEqual([7]);
    expect(week.days[0]?.type).not.toBe('rest');
  });

  it('moves a Friday start to the Monday after', () => {
    const friday = inputsOf({ ...MARATHON_FIELDS, startDate: '2026-11-27' });
    expect(friday.startDate).toBe('2026-11-30');
    expect(dayNumberOf(buildOutline(friday).week.days[0]?.date ?? '')).toBe(1);
  });
});

describe('a whole marathon plan done as planned', () => {
  const { phases, weeks } = wholePlan(marathon);
  const shape = planShape(marathon, phases, weeks);
  const paces = computePaces(marathon);

  it('passes every rule', () => {
    expect(validatePlan({ inputs: marathon, phases, weeks })).toEqual([]);
  });

  it('names the session of every run day, within its type', () => {
    for (const day of weeks.flatMap((w) => w.days)) {
      if (day.type === 'rest') expect(day.session).toBeUndefined();
      else expect(SESSIONS_OF_TYPE[day.type]).toContain(day.session);
    }
  });

  it('puts the long run on Saturday and never two key days in a row', () => {
    for (const week of weeks.slice(0, -1)) {
      const long = byType(week, 'long');
      if (long.length > 0) expect(long).toEqual([6]);
      const key = week.days.filter((d) => ['long', 'tempo', 'intervals'].includes(d.type)).map((d) => d.dayNumber);
      for (let i = 1; i < key.length; i += 1) expect((key[i] ?? 0) - (key[i - 1] ?? 0)).toBeGreaterThan(1);
    }
  });

  it('builds to a peak with cutback weeks, then tapers with the race counted apart', () => {
    const miles = weeks.map((w) => trainingMiles(w));
    const peak = Math.max(...miles.slice(0, 17));
    expect(peak).toBeGreaterThan(marathon.weeklyMileage * 1.2);
    const cutbacks = miles.slice(2, 17).filter((m, i) => m <= 0.9 * (miles[i + 1] ?? 0));
    expect(cutbacks.length).toBeGreaterThanOrEqual(3);
    expect(miles[18]).toBeLessThanOrEqual(0.8 * peak);
    expect(miles[19]).toBeLessThanOrEqual(0.6 * peak);
  });

  it('keeps easy days easy: at least 75% of every week at easy pace, and no “moderate” filler', () => {
    for (const w of shape.weeks) expect(w.easyShare).toBeGreaterThanOrEqual(0.75);
    const moderate = weeks.flatMap((w) => w.days).filter((d) => d.type === 'moderate');
    for (const day of moderate) {
      for (const lap of day.workout) if (lap.paceGoal !== null) expect(lap.paceGoal).toBe(formatPace(paces.easy));
    }
  });

  it('progresses through a library of sessions: strides and hills early, threshold and intervals in the build, race pace in the peak', () => {
    const kinds = (from: number, to: number) => new Set(shape.weeks.slice(from, to).flatMap((w) => w.sessions));
    expect(kinds(0, 5)).toContain('strides');
    expect([...kinds(0, 5)].some((k) => k === 'hills' || k === 'fartlek')).toBe(true);
    expect([...kinds(0, 5)].some((k) => k === 'tempo' || k === 'intervals')).toBe(false);
    const build = kinds(5, 12);
    expect([...build].some((k) => k === 'tempo' || k === 'cruise-intervals')).toBe(true);
    expect(build).toContain('intervals');
    const peak = kinds(12, 17);
    expect([...peak].some((k) => k === 'race-pace' || k === 'long-race-pace-finish' || k === 'progression')).toBe(true);
  });

  it('holds at most two quality sessions a week and none in the base beyond hills or fartlek', () => {
    for (const w of shape.weeks) {
      expect(w.quality.length).toBeLessThanOrEqual(2);
      if (w.phase === 'base') for (const q of w.quality) expect(['hills', 'fartlek']).toContain(q);
    }
  });

  it('runs intervals at I pace in reps of 2–5 minutes, and race-pace work at the target pace', () => {
    for (const day of weeks.flatMap((w) => w.days)) {
      if (day.session === 'intervals') {
        const reps = day.workout.filter((l) => l.paceGoal === formatPace(paces.interval));
        expect(reps.length).toBeGreaterThanOrEqual(2);
        for (const rep of reps) expect(rep.distanceMiles * paces.interval).toBeGreaterThanOrEqual(118);
      }
      if (day.session === 'race-pace') expect(day.workout.some((l) => l.paceGoal === formatPace(paces.target))).toBe(true);
    }
  });

  it('ends with a shakeout, a rest day and the race at the target pace', () => {
    const last = weeks[19] as PlannedWeek;
    const types = Object.fromEntries(last.days.map((d) => [d.date, d.type]));
    expect(types['2027-04-16']).toBe('shakeout');
    expect(types['2027-04-17']).toBe('rest');
    const race = last.days.find((d) => d.type === 'race');
    expect(race?.date).toBe('2027-04-18');
    expect(race?.workout).toEqual([{ lapIndex: 1, distanceMiles: 26.219, paceGoal: formatPace(paces.target) }]);
  });

  it('says why each session is there', () => {
    for (const day of weeks.flatMap((w) => w.days)) expect(day.notes.length).toBeGreaterThan(10);
    const tempo = weeks.flatMap((w) => w.days).find((d) => d.session === 'tempo');
    expect(tempo?.notes).toMatch(/threshold/);
  });

  it('needs the weeks before it', () => {
    expect(() => buildWeek(marathon, phases, weeks.slice(0, 2), 5)).toThrow(/needs weeks 1–4/);
    expect(() => buildWeek(marathon, phases, weeks, 21)).toThrow(/outside this 20-week plan/);
  });
});

describe('pace drift from the logged average pace', () => {
  const { phases, weeks } = wholePlan(marathon);
  const paces = computePaces(marathon);
  const easyLaps = (week: PlannedWeek) => week.days.filter((d) => d.session === 'easy').flatMap((d) => d.workout.map((l) => l.paceGoal));

  it('moves next week’s easy pace within the easy range, and says so', () => {
    const slow = weeks
      .slice(0, 5)
      .map((w, i) => ({ ...w, execution: { ...asPlanned(w), ...(i === 4 ? { averagePace: formatPace(paces.easySlow + 30) } : {}) } }));
    const next = buildWeek(marathon, phases, slow, 6);
    expect(easyLaps(next)).toContain(formatPace(paces.easySlow));
    expect(next.days.find((d) => d.type !== 'rest')?.notes).toMatch(/Easy pace this week/);
    expect(validatePlan({ inputs: marathon, phases, weeks: [...slow, next] })).toEqual([]);
  });

  it('can be ignored', () => {
    const slow = weeks.slice(0, 5).map((w) => ({ ...w, execution: { ...asPlanned(w), averagePace: formatPace(paces.easySlow + 30) } }));
    const next = buildWeek(marathon, phases, slow, 6, 0, 'ignore');
    expect(easyLaps(next).every((p) => p === formatPace(paces.easy))).toBe(true);
  });
});

describe('athletes at the edges', () => {
  it('keeps a 5 mi/week beginner at two to three miles a run and grows slowly', () => {
    const beginner = inputsOf({
      distance: '5k',
      raceDate: '2027-01-31',
      startDate: '2026-11-30',
      goal: '40:00',
      fiveK: '42:00',
      mileage: '5',
      days: '1,2,3,4,5,6,7',
    });
    const { phases, weeks } = wholePlan(beginner);
    expect(validatePlan({ inputs: beginner, phases, weeks })).toEqual([]);
    const runs = weeks[0]?.days.filter((d) => d.type !== 'rest') ?? [];
    expect(runs.every((d) => d.warmup.concat(d.workout, d.cooldown).reduce((s, l) => s + l.distanceMiles, 0) <= 3)).toBe(true);
    // No speed work while the base is built (C1: none in the base under 15 mi/week).
    const base = weeks.filter((w) => w.phase === 'base').flatMap((w) => w.days);
    expect(base.some((d) => d.type === 'intervals' || d.type === 'tempo')).toBe(false);
  });

  it('gives a 150 mi/week athlete all the volume one run a day can hold, with a long run of at most 22', () => {
    const elite = inputsOf({
      distance: 'marathon',
      raceDate: '2027-04-18',
      startDate: '2026-11-30',
      goal: '2:20:00',
      fiveK: '14:30',
      mileage: '150',
      days: '1,2,3,4,5,6,7',
    });
    const { phases, weeks } = wholePlan(elite);
    expect(validatePlan({ inputs: elite, phases, weeks })).toEqual([]);
    const shape = planShape(elite, phases, weeks);
    expect(shape.weeks[0]?.training).toBeGreaterThan(70);
    expect(shape.peakLong).toBeLessThanOrEqual(22);
    expect(shape.twentyMilers).toBeLessThanOrEqual(3);
  });
});
