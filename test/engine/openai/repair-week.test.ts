/** The deterministic repairs on their own: pace text, day alignment, sessions, zones, edges, the race lead-in. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePaces } from '../../../src/domain/paces.js';
import { SESSION_KINDS, type SessionKind } from '../../../src/domain/schemas.js';
import { zoneOfLap } from '../../../src/domain/zones.js';
import { formatPace } from '../../../src/domain/time.js';
import { validateWeek } from '../../../src/domain/validator.js';
import { modelDaysOf, normalizePace, paceInZone, repairWeek, sessionFor, type ModelDay } from '../../../src/engine/openai/index.js';
import { retryAfterMs } from '../../../src/engine/openai/chat-call.js';
import { buildOutline } from '../../../src/engine/rules/rules-engine.js';
import { rulesWeeks } from '../../fakes/openai/plan-replies.js';
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

  it('snaps interval reps to I pace, turns slow "reps" into jogs and unreadable paces into none, and names the session', () => {
    const p = computePaces(INPUTS);
    const day: ModelDay = {
      dayNumber: 3,
      type: 'intervals',
      session: null,
      warmup: [{ lapIndex: 1, distanceMiles: 1, paceGoal: null }],
      workout: [
        { lapIndex: 1, distanceMiles: 0.5, paceGoal: formatPace(p.fiveK) },
        { lapIndex: 2, distanceMiles: 0.25, paceGoal: '11:00' },
        { lapIndex: 3, distanceMiles: 0.5, paceGoal: 'fast!' },
      ],
      cooldown: [{ lapIndex: 1, distanceMiles: 1, paceGoal: null }],
      notes: 'Intervals.',
    };
    const { week, repairs } = repairWeek([day], INPUTS, buildOutline(INPUTS).phases, 2);
    const repaired = week.days.find((d) => d.dayNumber === 3);
    // v1 put reps at 5K pace (7:15 here); v2's I pace is 7:04, and 7:15 is outside its 2%.
    expect(repaired?.workout.map((l) => l.paceGoal)).toEqual([formatPace(p.interval), null, null]);
    expect(repaired?.session).toBe('intervals');
    expect([...repairs].sort()).toEqual(['day-numbers', 'pace-format', 'pace-zone', 'session']);
    expect(week.miles).toBeCloseTo(3.25);
  });

  it('keeps a pace already inside a zone its session allows, and a session its type allows', () => {
    const p = computePaces(INPUTS);
    const inZone = (session: SessionKind, seconds: number) => paceInZone(seconds, session, p);
    expect(inZone('tempo', p.threshold + 3)).toBe(p.threshold + 3);
    expect(inZone('intervals', p.interval - 5)).toBe(p.interval - 5);
    expect(inZone('easy', p.easySlow)).toBe(p.easySlow);
    // Recovery and shakeout may run slower than the easy range.
    expect(inZone('recovery', p.easySlow + 60)).toBe(p.easySlow + 60);
    expect(inZone('progression', p.marathon)).toBe(p.marathon);
    expect(sessionFor('tempo', 'Cruise Intervals')).toBe('cruise-intervals');
    expect(sessionFor('easy', 'strides')).toBe('strides');
  });

  it('snaps v1-style paces into the v2 zone each session allows', () => {
    const p = computePaces(INPUTS);
    const v1Moderate = Math.round((p.easy + p.tempo) / 2);
    expect(paceInZone(v1Moderate, 'medium-long', p)).toBe(p.easyFast);
    expect(paceInZone(p.threshold, 'easy', p)).toBe(p.easyFast);
    expect(paceInZone(p.fiveK, 'tempo', p)).toBe(p.threshold);
    expect(paceInZone(p.fiveK, 'cruise-intervals', p)).toBe(p.threshold);
    expect(paceInZone(p.fiveK, 'intervals', p)).toBe(p.interval);
    expect(paceInZone(p.goal - 20, 'race-pace', p)).toBe(p.target);
    expect(paceInZone(p.goal - 20, 'long-race-pace-finish', p)).toBe(p.target);
    expect(paceInZone(p.goal, 'long', p)).toBe(p.easyFast);
    expect(paceInZone(p.repetition - 30, 'strides', p)).toBe(p.repetition);
    expect(paceInZone(p.threshold - 12, 'progression', p)).toBe(p.threshold);
    // Slower than easy: the jog of a session with fast work, the slow edge of easy on an easy day.
    expect(paceInZone(p.easySlow + 40, 'intervals', p)).toBeNull();
    expect(paceInZone(p.easySlow + 40, 'long', p)).toBe(p.easySlow);
    for (const session of SESSION_KINDS) {
      for (let seconds = 240; seconds <= 900; seconds += 7) {
        const fitted = paceInZone(seconds, session, p);
        if (fitted !== null) expect(zoneOfLap(fitted, session, p), `${session} at ${seconds}`).toBeDefined();
      }
    }
  });

  it("maps a missing or another type's session to the type's first kind, and drops a rest day's", () => {
    const { phases } = buildOutline(INPUTS);
    const lap = (distanceMiles: number, paceGoal: string | null = null) => [{ lapIndex: 1, distanceMiles, paceGoal }];
    const days: ModelDay[] = [
      { dayNumber: 1, type: 'rest', session: 'easy', warmup: [], workout: [], cooldown: [], notes: '' },
      { dayNumber: 2, type: 'easy', session: 'intervals', warmup: lap(0.5), workout: lap(4), cooldown: lap(0.5), notes: '' },
      { dayNumber: 3, type: 'moderate', warmup: lap(1), workout: lap(6), cooldown: lap(1), notes: '' },
      { dayNumber: 4, type: 'long', session: 'bogus', warmup: lap(1), workout: lap(10), cooldown: lap(1), notes: '' },
    ];
    const { week, repairs } = repairWeek(days, INPUTS, phases, 3);
    expect(week.days.slice(0, 4).map((d) => [d.type, d.session])).toEqual([
      ['rest', undefined],
      ['easy', 'easy'],
      ['moderate', 'medium-long'],
      ['long', 'long'],
    ]);
    expect('session' in (week.days[0] ?? {})).toBe(false);
    expect(repairs.has('session')).toBe(true);
  });

  it('makes one warmup and one cooldown lap: merged, or taken from the easy running next to them', () => {
    const { phases } = buildOutline(INPUTS);
    const day: ModelDay = {
      dayNumber: 2,
      type: 'tempo',
      session: 'tempo',
      warmup: [
        { lapIndex: 1, distanceMiles: 0.5, paceGoal: null },
        { lapIndex: 2, distanceMiles: 1, paceGoal: null },
      ],
      workout: [
        { lapIndex: 1, distanceMiles: 3, paceGoal: formatPace(computePaces(INPUTS).threshold) },
        { lapIndex: 2, distanceMiles: 1.5, paceGoal: null },
      ],
      cooldown: [],
      notes: 'Tempo.',
    };
    const { week, repairs } = repairWeek([day], INPUTS, phases, 3);
    const repaired = week.days.find((d) => d.dayNumber === 2);
    expect(repaired?.warmup).toEqual([{ lapIndex: 1, distanceMiles: 1, paceGoal: null }]);
    expect(repaired?.cooldown).toEqual([{ lapIndex: 1, distanceMiles: 0.5, paceGoal: null }]);
    // The half mile the merged warmup was over runs easy before the work; the cooldown came from the easy end.
    expect(repaired?.workout.map((l) => [l.lapIndex, l.distanceMiles, l.paceGoal !== null])).toEqual([
      [1, 0.5, false],
      [2, 3, true],
      [3, 1, false],
    ]);
    expect(week.miles).toBeCloseTo(6);
    expect(repairs.has('warmup-cooldown')).toBe(true);
  });

  it('leaves no workout lap outside the zones its session allows, whatever paces the model writes', () => {
    const { phases, weeks } = rulesWeeks(INPUTS, 20);
    const paceText = fc.oneof(
      fc.integer({ min: 180, max: 960 }).map((seconds) => formatPace(seconds)),
      fc.constantFrom(null, 'easy', 'fast', '0:07:20', '7:20/mi'),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(paceText, { minLength: 60, maxLength: 60 }), (n, paces) => {
        const week = weeks[n - 1];
        if (!week) return;
        const days = modelDaysOf(week);
        let i = 0;
        for (const day of days) for (const lap of day.workout) lap.paceGoal = paces[i++ % paces.length] ?? null;
        const { week: repaired } = repairWeek(days, INPUTS, phases, n);
        const rules = validateWeek({ inputs: INPUTS, phases, weeks: [...weeks.slice(0, n - 1), repaired] }, n).map((v) => v.rule);
        expect(rules).not.toContain('PACE.zone');
        expect(rules).not.toContain('R3.pace-format');
        expect(rules).not.toContain('R4.session');
        expect(rules).not.toContain('R4.race');
      }),
      { seed: 14, numRuns: 200 },
    );
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
    expect(week.days.slice(4).map((d) => d.session)).toEqual(['shakeout', undefined, 'race']);
    expect(week.days[6]?.workout).toEqual([
      { lapIndex: 1, distanceMiles: INPUTS.distanceMiles, paceGoal: formatPace(computePaces(INPUTS).target) },
    ]);
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
