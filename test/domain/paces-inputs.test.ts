import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.js';
import { computePaces } from '../../src/domain/paces.js';
import { parseFiveK, parsePlanInputs, type RawPlanInputs } from '../../src/domain/plan-inputs.js';

const valid: RawPlanInputs = {
  distance: 'marathon',
  raceDate: '2027-04-18',
  startDate: '2026-11-30',
  goal: '3:30:00',
  fiveK: '22:30',
  mileage: '25',
  days: '2,3,4,6,7',
};

function fieldErrors(raw: RawPlanInputs): Record<string, string> {
  try {
    parsePlanInputs(raw, '2026-11-25');
  } catch (error) {
    if (error instanceof InputError) return { ...error.fields };
    throw error;
  }
  return {};
}

describe('plan inputs', () => {
  it('accepts a valid set and fills defaults', () => {
    const { inputs, warnings } = parsePlanInputs({ ...valid, days: undefined }, '2026-11-25');
    expect(inputs.preferredDays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(inputs.distanceMiles).toBe(26.219);
    expect(inputs.units).toBe('mi');
    expect(warnings).toEqual([]);
  });

  it('reads a 5K time or, under 12:00, a pace per mile', () => {
    expect(parseFiveK('22:30')).toBe(1350);
    expect(parseFiveK('7:15')).toBe(Math.round(435 * 3.107));
    expect(parseFiveK('3:49')).toBeUndefined();
    expect(parseFiveK('61:00')).toBeUndefined();
  });

  it('names each bad field with what is accepted', () => {
    expect(fieldErrors({ ...valid, distance: 'ultra' }).distance).toMatch(/5k, 10k, half, marathon/);
    expect(fieldErrors({ ...valid, raceDate: '2027-02-30' }).raceDate).toMatch(/not a date/);
    expect(fieldErrors({ ...valid, goal: '3h30' }).goal).toMatch(/H:MM:SS/);
    expect(fieldErrors({ ...valid, mileage: '4' }).mileage).toMatch(/build to 5 miles a week first/);
    expect(fieldErrors({ ...valid, mileage: '151' }).mileage).toMatch(/maximum of 150/);
    expect(fieldErrors({ ...valid, days: '1,2' }).days).toMatch(/3 to 7/);
    expect(fieldErrors({ ...valid, days: '1,1,2,3' }).days).toBeDefined();
    expect(fieldErrors({ ...valid, units: 'furlongs' }).units).toMatch(/mi or km/);
  });

  it('refuses a race before the start and plans too short or too long, saying the allowed span', () => {
    expect(fieldErrors({ ...valid, raceDate: '2026-11-01' }).raceDate).toMatch(/must be after the start/);
    expect(fieldErrors({ ...valid, raceDate: '2026-12-20' }).raceDate).toMatch(/spans 3 weeks; it must span 10 to 30/);
    expect(fieldErrors({ ...valid, raceDate: '2027-09-01' }).raceDate).toMatch(/must span 10 to 30/);
  });

  it('refuses goal paces outside 4:00–20:00 per mile and warns on an ambitious goal', () => {
    expect(fieldErrors({ ...valid, goal: '1:30:00' }).goal).toMatch(/between 4:00 and 20:00/);
    const { warnings } = parsePlanInputs({ ...valid, goal: '2:59:00', fiveK: '24:00' }, '2026-11-25');
    expect(warnings[0]).toMatch(/Ambitious goal/);
  });

  it('cleans the race name of control characters and caps its length', () => {
    const { inputs } = parsePlanInputs({ ...valid, raceName: 'Boston\u0007\nMarathon' + 'x'.repeat(200) }, '2026-11-25');
    expect(inputs.raceName.startsWith('Boston Marathon')).toBe(true);
    expect(inputs.raceName.length).toBe(100);
  });
});
