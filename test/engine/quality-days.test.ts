/**
 * Quality days (issue 19: a club's group sessions): the rules engine puts a week's quality
 * sessions on the athlete's quality days where the rules leave them open, the first listed when
 * the week has one, and chooses as before where a rule closes a day (C1 next to the long run, the
 * race week). The long run stays on its day and every plan passes the validator.
 */
import { describe, expect, it } from 'vitest';
import type { Day, PlanInputs, PlannedWeek } from '../../src/domain/schemas.js';
import { validatePlan } from '../../src/domain/validator.js';
import { outlineMessages } from '../../src/engine/openai/index.js';
import { inputsOf, wholePlan } from '../support/engine-fixtures.js';

const HALF = {
  distance: 'half',
  raceDate: '2027-03-21',
  startDate: '2026-11-30',
  goal: '1:50:00',
  fiveK: '24:00',
  mileage: '25',
  days: 'tue,wed,thu,fri,sun',
  longDay: 'sun',
} as const;

const isQuality = (d: Day): boolean => d.type === 'tempo' || d.type === 'intervals';
const qualityDaysOf = (w: PlannedWeek): number[] => w.days.filter(isQuality).map((d) => d.dayNumber);

function planOf(inputs: PlanInputs): PlannedWeek[] {
  const plan = wholePlan(inputs);
  expect(validatePlan({ inputs, ...plan })).toEqual([]);
  return plan.weeks;
}

describe('quality days', () => {
  it('puts the build and peak weeks’ tempo and interval sessions on Tuesday and Thursday, the long run on Sunday', () => {
    const inputs = inputsOf({ ...HALF, qualityDays: 'tue,thu' });
    expect(inputs.qualityDays).toEqual([2, 4]);
    const weeks = planOf(inputs);
    const hard = weeks.filter((w) => w.phase === 'build' || w.phase === 'peak');
    for (const w of hard) {
      const days = qualityDaysOf(w);
      expect(days.length).toBeGreaterThan(0);
      // One session: the first day listed; two: both days.
      expect(days).toEqual(days.length === 1 ? [2] : [2, 4]);
    }
    expect(hard.filter((w) => qualityDaysOf(w).length === 2).length).toBeGreaterThanOrEqual(3);
    for (const w of weeks.slice(0, -1)) expect(w.days.find((d) => d.type === 'long')?.dayNumber).toBe(7);
    // Race week (R5) holds no quality session, whatever the wish.
    expect(qualityDaysOf(weeks[weeks.length - 1] as PlannedWeek)).toEqual([]);
  });

  it('gives a week with one session the day listed first', () => {
    const weeks = planOf(inputsOf({ ...HALF, qualityDays: 'thu,tue' }));
    const single = weeks.filter((w) => w.phase !== 'base' && qualityDaysOf(w).length === 1);
    expect(single.length).toBeGreaterThan(0);
    for (const w of single) expect(qualityDaysOf(w)).toEqual([4]);
  });

  it('lets C1 win next to the long run: Tuesday before a Wednesday long run never holds a session', () => {
    const inputs = inputsOf({ ...HALF, days: 'tue,wed,fri,sat,sun', longDay: 'wed', qualityDays: 'tue,fri' });
    const weeks = planOf(inputs);
    for (const w of weeks) expect(qualityDaysOf(w)).not.toContain(2);
    const hard = weeks.filter((w) => w.phase === 'build' || w.phase === 'peak');
    // Friday, the day the rules leave open, carries the first session of every such week.
    for (const w of hard) expect(qualityDaysOf(w)[0]).toBe(5);
  });

  it('tells the OpenAI engine the quality days', () => {
    const text = outlineMessages(inputsOf({ ...HALF, qualityDays: 'tue,thu' }), 0)[1]?.content ?? '';
    expect(text).toContain('quality-session days Tue, Thu');
    expect(text).toMatch(/day 2 Tue [^\n]*the athlete's quality-session day/);
    expect(outlineMessages(inputsOf(HALF), 0)[1]?.content).not.toContain('quality-session day');
  });
});
