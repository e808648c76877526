/** The deterministic repairs on their own: pace text, day alignment, bands, the race lead-in. */
import { describe, expect, it } from 'vitest';
import { computePaces } from '../../../src/domain/paces.js';
import { formatPace } from '../../../src/domain/time.js';
import { validateWeek } from '../../../src/domain/validator.js';
import { modelDaysOf, normalizePace, repairWeek, type ModelDay } from '../../../src/engine/openai/index.js';
import { retryAfterMs } from '../../../src/engine/openai/chat-call.js';
import { buildOutline } from '../../../src/engine/rules/rules-engine.js';
import { HALF_INPUTS, INPUTS } from './engine-harness.js';

describe('normalizePace', () => {
  it.each([
    ['7:20', '7:20'],
    ['07:20', '7:20'],
    ['7:20/mi', '7:20'],
    ['7:20 /mile', '7:20'],
    ['7:20 min/mi', '7:20'],
    ['7:20 per mile', '7:20'],
    ['0:07:20', '7:20'],
    ['10:05', '10:05'],
    [' 8:01 ', '8:01'],
  ])('reads %s as %s', (text, pace) => {
    expect(normalizePace(text)).toBe(pace);
  });

  it.each([['easy'], ['none'], ['']])('reads "%s" as no pace', (text) => {
    expect(normalizePace(text)).toBeNull();
  });

  it.each([['7:75'], ['fast'], ['1:07:20'], ['7.5'], ['0:30']])('cannot read %s', (text) => {
    expect(normalizePace(text)).toBeUndefined();
  });
});

describe('repairWeek', () => {
  const outline = buildOutline(HALF_INPUTS);
  const days = modelDaysOf(outline.week);

  it('leaves a valid week exactly as it was', () => {
    const { week, repairs } = repairWeek(days, HALF_INPUTS, outline.phases, 1);
    expect(week).toEqual(outline.week);
    expect([...repairs]).toEqual([]);
  });

  it('takes a partial week numbered 1, 2, 3 by position, and fills a missing day with rest', () => {
    const renumbered = days.map((d, i) => ({ ...d, dayNumber: i + 1 }));
    expect(repairWeek(renumbered, HALF_INPUTS, outline.phases, 1).week).toEqual(outline.week);
    const missing = repairWeek(days.slice(0, 2), HALF_INPUTS, outline.phases, 1);
    expect(missing.week.days.map((d) => [d.dayNumber, d.type])).toEqual([
      [5, days[0]?.type],
      [6, days[1]?.type],
      [7, 'rest'],
    ]);
    expect(missing.repairs.has('day-numbers')).toBe(true);
  });

  it('keeps interval reps at 5K pace, turns slow "reps" into jogs and unreadable paces into none', () => {
    const p = computePaces(INPUTS);
    const day: ModelDay = {
      dayNumber: 3,
      type: 'intervals',
      warmup: [{ lapIndex: 1, distanceMiles: 1, paceGoal: null }],
      workout: [
        { lapIndex: 1, distanceMiles: 1, paceGoal: formatPace(p.fiveK - 40) },
        { lapIndex: 2, distanceMiles: 0.25, paceGoal: '11:00' },
        { lapIndex: 3, distanceMiles: 1, paceGoal: 'fast!' },
      ],
      cooldown: [{ lapIndex: 1, distanceMiles: 1, paceGoal: null }],
      notes: 'Intervals.',
    };
    const { week, repairs } = repairWeek([day], INPUTS, buildOutline(INPUTS).phases, 2);
    const repaired = week.days.find((d) => d.dayNumber === 3);
    expect(repaired?.workout.map((l) => l.paceGoal)).toEqual([formatPace(p.fiveK - 15), null, null]);
    expect([...repairs].sort()).toEqual(['day-numbers', 'pace-band', 'pace-format']);
    expect(week.miles).toBeCloseTo(4.25);
  });

  it('builds the race day and its lead-in from whatever the model put there', () => {
    const { phases } = buildOutline(INPUTS);
    const runs = (n: number): ModelDay => ({
      dayNumber: n,
      type: 'tempo',
      warmup: [{ lapIndex: 1, distanceMiles: 1, paceGoal: null }],
      workout: [{ lapIndex: 1, distanceMiles: 5, paceGoal: '7:30' }],
      cooldown: [{ lapIndex: 1, distanceMiles: 1, paceGoal: null }],
      notes: 'Hard.',
    });
    const { week, repairs } = repairWeek([1, 2, 3, 4, 5, 6, 7].map(runs), INPUTS, phases, 20);
    expect(week.days.slice(4).map((d) => [d.type, d.warmup.length + d.workout.length + d.cooldown.length])).toEqual([
      ['shakeout', 3],
      ['rest', 0],
      ['race', 3],
    ]);
    // A 7-mile day two days out becomes a 4-mile shakeout (the most R5 allows).
    expect(week.days[4]?.workout[0]?.distanceMiles).toBe(3);
    expect([...repairs]).toEqual(expect.arrayContaining(['shakeout', 'rest-before-race', 'race-day']));
    const rules = validateWeek({ inputs: INPUTS, phases, weeks: [...Array.from({ length: 19 }, () => week), week] }, 20).map((v) => v.rule);
    expect(rules).not.toContain('R5.rest-before-race');
    expect(rules).not.toContain('R5.shakeout');
    expect(rules).not.toContain('R4.race');
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after-ms first, then retry-after in seconds or as an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 25 Nov 2026 12:00:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({}))).toBeUndefined();
  });
});
