/** Results recalibrate paces (issue 18): VDOT from a result, its 5K equivalent, and the 1% rule. */
import { describe, expect, it } from 'vitest';
import {
  FIVE_K_MILES,
  METRES_PER_MILE,
  PACE_CHANGE_SHARE,
  computePaces,
  fiveKEquivalentOf,
  fiveKSecondsForWeek,
  paceShiftOf,
  pacesForWeek,
  predictedPaceAt,
  vdotOf,
} from '../../src/domain/paces.js';
import { RACE_DISTANCES } from '../../src/domain/units.js';
import { readResult } from '../../src/plans/use-cases/record-result.js';
import { inputsOf } from '../support/engine-fixtures.js';
import { MARATHON_FIELDS } from '../support/sample-inputs.js';

const marathon = inputsOf(MARATHON_FIELDS);
const NOW = new Date('2027-01-31T15:00:00Z');

describe('VDOT from a result (Daniels–Gilbert, the table the plan already uses)', () => {
  it('gives the published values', () => {
    // Daniels' tables: a 20:00 5K is VDOT 49.8; VDOT 50 runs 19:57, and a 3:10:49 marathon.
    expect(vdotOf(5000, 20 * 60)).toBeCloseTo(49.8, 1);
    expect(vdotOf(FIVE_K_MILES * METRES_PER_MILE, 20 * 60)).toBeCloseTo(49.8, 1);
    expect(fiveKEquivalentOf(RACE_DISTANCES.marathon, 3 * 3600 + 10 * 60 + 49)).toBeGreaterThanOrEqual(19 * 60 + 55);
    expect(fiveKEquivalentOf(RACE_DISTANCES.marathon, 3 * 3600 + 10 * 60 + 49)).toBeLessThanOrEqual(19 * 60 + 59);
  });

  it('turns a 5K result into the same 5K, and a half into the 5K an athlete of that VDOT runs', () => {
    expect(fiveKEquivalentOf(FIVE_K_MILES, 22 * 60 + 30)).toBe(22 * 60 + 30);
    const fiveK = fiveKEquivalentOf(RACE_DISTANCES.half, 96 * 60);
    expect(vdotOf(FIVE_K_MILES * METRES_PER_MILE, fiveK)).toBeCloseTo(vdotOf(RACE_DISTANCES.half * METRES_PER_MILE, 96 * 60), 1);
    // The predicted half pace of that 5K is the result's pace, to the second.
    expect(Math.abs(predictedPaceAt(fiveK, RACE_DISTANCES.half) - (96 * 60) / RACE_DISTANCES.half)).toBeLessThanOrEqual(1);
  });
});

describe('paces by week', () => {
  it('keeps the plan’s paces until a change, then uses the change from its week on', () => {
    const inputs = { ...marathon, paceChanges: [{ id: 'p1', fromWeek: 10, fiveKSeconds: 21 * 60 }] };
    expect(fiveKSecondsForWeek(inputs, 9)).toBe(marathon.fiveKSeconds);
    expect(pacesForWeek(inputs, 9)).toBe(computePaces(marathon));
    expect(fiveKSecondsForWeek(inputs, 10)).toBe(21 * 60);
    expect(pacesForWeek(inputs, 12).threshold).toBeLessThan(pacesForWeek(inputs, 9).threshold);
  });
});

describe('the 1% rule', () => {
  const paces = computePaces(marathon);

  it('offers new paces only when a training pace moves by more than 1%', () => {
    const close = readResult(marathon, { time: '22:33', distance: '5k' }, '2027-01-31', NOW);
    expect(paceShiftOf(paces, computePaces({ ...marathon, fiveKSeconds: close.fiveKSeconds }))).toBeLessThanOrEqual(PACE_CHANGE_SHARE);
    const faster = readResult(marathon, { time: '21:45', distance: '5k' }, '2027-01-31', NOW);
    expect(paceShiftOf(paces, computePaces({ ...marathon, fiveKSeconds: faster.fiveKSeconds }))).toBeGreaterThan(PACE_CHANGE_SHARE);
  });

  it('reads the latest tune-up’s distance when none is given', () => {
    const inputs = {
      ...marathon,
      tuneUps: [{ date: '2027-01-31', distance: 'half', distanceMiles: RACE_DISTANCES.half, name: 'Winter Half' }],
    };
    const result = readResult(inputs, { time: '1:36:00' }, '2027-02-02', NOW);
    expect(result).toMatchObject({ distance: 'half', tuneUpDate: '2027-01-31', date: '2027-02-02', timeSeconds: 5760 });
  });

  it('refuses walking pace, a future date and an unknown distance in one sentence each', () => {
    const bad = (request: Parameters<typeof readResult>[1]) => () => readResult(marathon, request, '2027-01-31', NOW);
    // 15:00/mi is walking: a half in 3:17 is slower, one in 3:15 is not.
    expect(bad({ time: '3:17:00', distance: 'half' })).toThrow(/slower than walking pace \(15:00\/mi\)/);
    expect(bad({ time: '3:15:00', distance: 'half' })).not.toThrow();
    expect(() => readResult({ ...marathon, units: 'km' }, { time: '3:17:00', distance: 'half' }, '2027-01-31', NOW)).toThrow(/9:19\/km/);
    expect(bad({ time: '40:00', distance: '10k', date: '2027-02-01' })).toThrow(/in the future/);
    expect(bad({ time: '40:00', distance: 'ultra' })).toThrow(/not a distance/);
    expect(bad({ time: '9:00', distance: '10k' })).toThrow(/world record/);
  });
});
