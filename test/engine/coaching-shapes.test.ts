/**
 * Side by side with published plans (../shared/COACHING-REFERENCES.md): for a first-time
 * marathoner at 15–20 mi/week over 18 weeks (Higdon Novice 1) and for runners at 25, 45 and 70
 * mi/week (Higdon Intermediate 1, Pfitzinger 18/55 and up), the plan's shape falls in the ranges
 * PLAN-RULES C3 and R5 set: peak long run, 20-milers, the longest run's distance from race day,
 * the taper, and how much of the running is easy. The audit's failures are asserted gone: no
 * thirteen 20-milers, no 20-miler eight days out, no three hard days in four runs.
 */
import { describe, expect, it } from 'vitest';
import type { RawPlanInputs } from '../../src/domain/plan-inputs.js';
import { validatePlan } from '../../src/domain/validator.js';
import { inputsOf, wholePlan } from '../support/engine-fixtures.js';
import { planShape, type PlanShape } from '../support/plan-shape.js';

// 18 weeks: Monday 2026-11-30 to Sunday 2027-04-04.
const EIGHTEEN_WEEKS = { distance: 'marathon', startDate: '2026-11-30', raceDate: '2027-04-04' } as const;

type Case = {
  readonly name: string;
  readonly raw: RawPlanInputs;
  /** C3: the peak long run the plan must reach (and what a published plan reaches). */
  readonly peakLong: readonly [number, number];
};

const CASES: readonly Case[] = [
  {
    name: 'first-timer at 15 mi/week (Higdon Novice 1)',
    raw: { ...EIGHTEEN_WEEKS, goal: '4:45:00', fiveK: '30:00', mileage: '15', days: '2,3,4,6' },
    peakLong: [16, 20],
  },
  {
    name: 'first-timer at 20 mi/week (Higdon Novice 1)',
    raw: { ...EIGHTEEN_WEEKS, goal: '4:30:00', fiveK: '28:00', mileage: '20', days: '2,3,4,6' },
    peakLong: [16, 20],
  },
  {
    name: 'a 25 mi/week runner (Higdon Intermediate 1)',
    raw: { ...EIGHTEEN_WEEKS, goal: '4:00:00', fiveK: '25:00', mileage: '25', days: '2,3,4,6,7' },
    peakLong: [16, 20],
  },
  {
    name: 'a 45 mi/week runner (Pfitzinger 18/55)',
    raw: { ...EIGHTEEN_WEEKS, goal: '3:15:00', fiveK: '21:00', mileage: '45', days: '1,2,3,4,6,7' },
    peakLong: [20, 22],
  },
  {
    name: 'a 70 mi/week sub-3 runner (Pfitzinger 18/70)',
    raw: { ...EIGHTEEN_WEEKS, goal: '2:55:00', fiveK: '18:30', mileage: '70', days: '1,2,3,4,5,6,7' },
    peakLong: [20, 22],
  },
];

function shapeOf(raw: RawPlanInputs): PlanShape & { readonly valid: boolean } {
  const inputs = inputsOf(raw);
  const { phases, weeks } = wholePlan(inputs);
  return { ...planShape(inputs, phases, weeks), valid: validatePlan({ inputs, phases, weeks }).length === 0 };
}

describe.each(CASES)('a marathon plan for $name', ({ raw, peakLong }) => {
  const shape = shapeOf(raw);
  const weeks = shape.weeks;
  const taper = weeks.slice(-3);
  const build = weeks.slice(0, -3);
  const peakWeek = Math.max(...build.map((w) => w.training));

  it('passes PLAN-RULES v2', () => {
    expect(shape.valid).toBe(true);
  });

  it(`peaks with a long run of ${peakLong[0]}–${peakLong[1]} mi, at most three 20-milers, the longest at least 21 days out`, () => {
    expect(shape.peakLong).toBeGreaterThanOrEqual(peakLong[0]);
    expect(shape.peakLong).toBeLessThanOrEqual(peakLong[1]);
    expect(shape.twentyMilers).toBeLessThanOrEqual(3);
    expect(shape.peakLongToRace).toBeGreaterThanOrEqual(21);
    expect(shape.peakLongToRace).toBeLessThanOrEqual(35);
  });

  it('opens with a long run no longer than the recent long run + 1.5 and builds it by at most 2 a week', () => {
    const recent = Math.max(3, 0.3 * Number(raw.mileage));
    expect(shape.firstLong).toBeLessThanOrEqual(recent + 1.5 + 1e-9);
    for (let i = 3; i < weeks.length; i += 1) {
      const before = Math.max(...weeks.slice(i - 3, i).map((w) => w.longest));
      expect(weeks[i]?.longest ?? 0).toBeLessThanOrEqual(before + 2 + 1e-9);
    }
  });

  it('keeps the long run to its share of the week, not ~44% of every week', () => {
    const shares = build.filter((w) => w.training > 0).map((w) => w.longest / w.training);
    expect(Math.max(...shares)).toBeLessThanOrEqual(0.45 + 1e-9);
    const mean = shares.reduce((s, x) => s + x, 0) / shares.length;
    expect(mean).toBeLessThan(0.42);
  });

  it('tapers over three weeks: ≤ 80% then ≤ 60% of the peak, the race apart, with some intensity kept', () => {
    expect(taper[1]?.training ?? Infinity).toBeLessThanOrEqual(0.8 * peakWeek + 1e-9);
    expect(taper[2]?.training ?? Infinity).toBeLessThanOrEqual(0.6 * peakWeek + 1e-9);
    expect(taper[0]?.training ?? Infinity).toBeLessThan(peakWeek);
    // The taper evidence: cut volume 40–60%, keep some intensity.
    expect(taper[2]?.training ?? Infinity).toBeGreaterThanOrEqual(0.25 * peakWeek);
    expect(taper.slice(0, 2).every((w) => w.quality.length >= 1 || peakWeek < 15)).toBe(true);
  });

  it('runs at least 75% of every week easy, and no more than two quality sessions a week', () => {
    for (const w of weeks) {
      expect(w.easyShare).toBeGreaterThanOrEqual(0.75);
      expect(w.quality.length).toBeLessThanOrEqual(w.runDays <= 3 ? 1 : 2);
    }
    const easy = weeks.reduce((s, w) => s + w.easyShare * w.training, 0) / weeks.reduce((s, w) => s + w.training, 0);
    expect(easy).toBeGreaterThanOrEqual(0.8);
  });
});

describe('the audit’s failures are gone', () => {
  it('a 15 mi/week first-timer reaches at least a 16-mile long run (the audit found 13)', () => {
    expect(shapeOf(CASES[0]?.raw ?? {}).peakLong).toBeGreaterThanOrEqual(16);
  });

  it('a 55 mi/week sub-3 runner gets at most three 20-milers and none 8 days out (the audit found thirteen, one 8 days out)', () => {
    const shape = shapeOf({ ...EIGHTEEN_WEEKS, goal: '2:59:00', fiveK: '18:45', mileage: '55', days: '1,2,3,4,6,7' });
    expect(shape.twentyMilers).toBeLessThanOrEqual(3);
    const lastTwenty = shape.weeks.filter((w) => w.longest >= 20).map((w) => w.longestToRace);
    expect(Math.min(...lastTwenty)).toBeGreaterThanOrEqual(21);
  });

  it('a 25 mi/week runner opens with a long run near Higdon’s 8, not 11', () => {
    expect(shapeOf(CASES[2]?.raw ?? {}).firstLong).toBeLessThanOrEqual(9);
  });

  it('four runs a week never hold three hard days', () => {
    const shape = shapeOf(CASES[1]?.raw ?? {});
    for (const w of shape.weeks) expect(w.quality.length).toBeLessThanOrEqual(2);
  });
});

describe('shorter races', () => {
  it('a half at 25 mi/week over 12 weeks: long runs of 10–12, the longest at least 14 days out', () => {
    const shape = shapeOf({
      distance: 'half',
      startDate: '2026-11-30',
      raceDate: '2027-02-21',
      goal: '1:50:00',
      fiveK: '24:00',
      mileage: '25',
      days: '2,3,4,6,7',
    });
    expect(shape.peakLong).toBeGreaterThanOrEqual(10);
    expect(shape.peakLong).toBeLessThanOrEqual(13);
    expect(shape.peakLongToRace).toBeGreaterThanOrEqual(14);
  });

  it('a beginner 5K at 12 mi/week on 3 days: no intervals in the base, the peak week 12–16 mi', () => {
    const shape = shapeOf({
      distance: '5k',
      startDate: '2026-11-30',
      raceDate: '2027-01-24',
      goal: '25:00',
      fiveK: '26:00',
      mileage: '12',
      days: '2,4,6',
    });
    for (const w of shape.weeks.filter((x) => x.phase === 'base')) expect(w.quality).toEqual([]);
    expect(Math.max(...shape.weeks.map((w) => w.training))).toBeLessThanOrEqual(16);
  });
});
