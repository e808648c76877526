import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.js';
import { computePaces } from '../../src/domain/paces.js';
import {
  parseFiveK,
  parsePlanInputs,
  parsePreferredDays,
  recentLongRunOf,
  type ParseOptions,
  type RawPlanInputs,
} from '../../src/domain/plan-inputs.js';

const valid: RawPlanInputs = {
  distance: 'marathon',
  raceDate: '2027-04-18',
  startDate: '2026-11-30',
  goal: '3:30:00',
  fiveK: '22:30',
  mileage: '25',
  days: '2,3,4,6,7',
};

function fieldErrors(raw: RawPlanInputs, options: ParseOptions = {}): Record<string, string> {
  try {
    parsePlanInputs(raw, '2026-11-25', options);
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
    expect(fieldErrors({ ...valid, goal: '3h75' }).goal).toMatch(/H:MM:SS/);
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
    // C-goal replaced v1's "more than 10% faster" warning: over 8% asks the athlete to choose.
    expect(warnings).toEqual([
      'Your goal 2:59:00 is 21.6% faster than the 3:48:39 your 5K predicts, more than 8% ahead: choose whether to keep your goal (race-pace work still uses 8:27/mi) or to train for 3:48:39 by changing your goal time.',
    ]);
  });

  it('cleans the race name of control characters and caps its length', () => {
    const { inputs } = parsePlanInputs({ ...valid, raceName: 'Boston\u0007\nMarathon' + 'x'.repeat(200) }, '2026-11-25');
    expect(inputs.raceName.startsWith('Boston Marathon')).toBe(true);
    expect(inputs.raceName.length).toBe(100);
  });
});

/** The one field a bad input names, with its message: exactly one field, one line. */
function onlyError(raw: RawPlanInputs, options: ParseOptions = {}): [string, string] {
  const entries = Object.entries(fieldErrors(raw, options));
  expect(entries).toHaveLength(1);
  const [entry] = entries;
  if (!entry) throw new Error('no error');
  expect(entry[1]).not.toMatch(/\n/);
  return entry;
}

describe('C-goal warnings', () => {
  it('says nothing of a goal within 3% of the prediction', () => {
    expect(parsePlanInputs(valid, '2026-11-25').warnings).toEqual([]);
  });

  it('names both times and the race pace for a goal 3–8% faster than predicted, in the athlete’s units', () => {
    const paces = computePaces({ distanceMiles: 26.219, goalTimeSeconds: 3 * 3600 + 24 * 60, fiveKSeconds: 1350 });
    expect(paces.predictedTime).toBe(3 * 3600 + 34 * 60 + 42);
    expect(parsePlanInputs({ ...valid, goal: '3:24:00' }, '2026-11-25').warnings).toEqual([
      'Your goal 3:24:00 is 4.9% faster than the 3:34:42 your 5K predicts; race-pace work uses 7:56/mi.',
    ]);
    expect(parsePlanInputs({ ...valid, goal: '3:24:00', units: 'km', mileage: '40' }, '2026-11-25').warnings).toEqual([
      'Your goal 3:24:00 is 4.9% faster than the 3:34:42 your 5K predicts; race-pace work uses 4:56/km.',
    ]);
  });
});

describe('preferred days and the long-run day', () => {
  it('reads days as names (full or three letters, any case) or numbers, mixed', () => {
    expect(parsePreferredDays('tue,thu,sat')).toEqual([2, 4, 6]);
    expect(parsePreferredDays('Tue Thu Sat Sun')).toEqual([2, 4, 6, 7]);
    expect(parsePreferredDays('2,4,6')).toEqual([2, 4, 6]);
    expect(parsePreferredDays('saturday, 1 WED')).toEqual([1, 3, 6]);
    expect(parsePlanInputs({ ...valid, days: 'TUESDAY thu sat sun' }, '2026-11-25').inputs.preferredDays).toEqual([2, 4, 6, 7]);
  });

  it('names the first problem of a day list in one sentence', () => {
    expect(onlyError({ ...valid, days: 'tue,fun,sat' })).toEqual([
      'days',
      expect.stringMatching(/^"fun" is not a day: list 3 to 7 different days/),
    ]);
    expect(onlyError({ ...valid, days: 'tue,2,thu' })).toEqual(['days', expect.stringMatching(/^Tuesday is listed twice: /)]);
    expect(onlyError({ ...valid, days: 'mon wed' })).toEqual(['days', expect.stringMatching(/^"mon wed" holds 2 days: list 3 to 7/)]);
    expect(onlyError({ ...valid, days: 'tu,th,sa' })[1]).toMatch(/^"tu" is not a day/);
  });

  it('takes a long-run day by name or number, stored as longRunDay', () => {
    for (const longDay of ['sat', 'Saturday', 'SAT', '6']) {
      expect(parsePlanInputs({ ...valid, longDay }, '2026-11-25').inputs.longRunDay).toBe(6);
    }
    expect(parsePlanInputs(valid, '2026-11-25').inputs).not.toHaveProperty('longRunDay');
  });

  it('refuses a long-run day that is not a run day, or not a day', () => {
    expect(onlyError({ ...valid, longDay: 'mon' })).toEqual([
      'longDay',
      'your long-run day, Monday, is not one of your run days: add it to your days or choose another',
    ]);
    // The default days are Monday–Saturday.
    expect(onlyError({ ...valid, days: undefined, longDay: 'Sunday' })[1]).toBe(
      'your long-run day, Sunday, is not one of your run days: add it to your days or choose another',
    );
    expect(onlyError({ ...valid, longDay: 'someday' })).toEqual([
      'longDay',
      expect.stringMatching(/^"someday" is not a day: use a day name/),
    ]);
    expect(onlyError({ ...valid, longDay: '8' })[0]).toBe('longDay');
  });

  it('takes up to two quality days in the order given (a club’s group sessions), each a run day', () => {
    expect(parsePlanInputs({ ...valid, qualityDays: 'thu, tue' }, '2026-11-25').inputs.qualityDays).toEqual([4, 2]);
    expect(parsePlanInputs({ ...valid, qualityDays: '2' }, '2026-11-25').inputs.qualityDays).toEqual([2]);
    expect(parsePlanInputs(valid, '2026-11-25').inputs).not.toHaveProperty('qualityDays');
    expect(onlyError({ ...valid, qualityDays: 'mon,thu' })).toEqual([
      'qualityDays',
      'your quality day Monday is not one of your run days: add it to your days or choose another',
    ]);
    expect(onlyError({ ...valid, qualityDays: 'tue,wed,thu' })[1]).toMatch(/^3 quality days are too many: list up to 2/);
    expect(onlyError({ ...valid, qualityDays: 'tue,2' })[1]).toMatch(/^a quality day is listed twice/);
    expect(onlyError({ ...valid, qualityDays: 'tue,soon' })[1]).toMatch(/^"soon" is not a day/);
  });
});

describe('the recent long run', () => {
  it('is optional: absent, the default is max(3, 0.3 × weekly volume), with one home', () => {
    const { inputs } = parsePlanInputs(valid, '2026-11-25');
    expect(inputs).not.toHaveProperty('recentLongRunMiles');
    expect(recentLongRunOf(inputs)).toBeCloseTo(7.5, 9);
    expect(recentLongRunOf({ weeklyMileage: 6 })).toBe(3);
  });

  it('is stored in miles when given, and is the value the helper returns', () => {
    const { inputs } = parsePlanInputs({ ...valid, recentLong: '12.5' }, '2026-11-25');
    expect(inputs.recentLongRunMiles).toBe(12.5);
    expect(recentLongRunOf(inputs)).toBe(12.5);
  });

  it('refuses a number outside 1–30 miles, or not a number, in one sentence', () => {
    expect(onlyError({ ...valid, recentLong: '31' })).toEqual([
      'recentLong',
      'a longest run of 31 miles is out of range: use the longest run of your last 4 weeks, a number of miles from 1 to 30',
    ]);
    expect(onlyError({ ...valid, recentLong: '0.5' })[0]).toBe('recentLong');
    expect(onlyError({ ...valid, recentLong: 'ten' })[1]).toMatch(/^"ten" is not a number: /);
  });
});

describe('kilometres', () => {
  const km: RawPlanInputs = { ...valid, units: 'km', mileage: '40' };

  it('reads a 5K pace under 12:00 per km, and a 5K time as it is', () => {
    expect(parsePlanInputs({ ...km, fiveK: '4:40' }, '2026-11-25').inputs.fiveKSeconds).toBe(1400);
    expect(parseFiveK('4:40', 'km')).toBe(1400);
    expect(parseFiveK('4:40', 'mi')).toBe(Math.round(280 * 3.107));
    expect(parseFiveK('22:30', 'km')).toBe(1350);
    expect(parseFiveK('2:23', 'km')).toBeUndefined();
    expect(onlyError({ ...km, fiveK: '2:20' })).toEqual([
      'fiveK',
      '"2:20" is out of range: use a 5K time MM:SS (12:00–60:00) or a pace per km M:SS (2:24–11:59)',
    ]);
  });

  it('reads the weekly volume in km (8–240) and stores miles', () => {
    expect(parsePlanInputs({ ...km, mileage: '32', distance: 'half' }, '2026-11-25').inputs.weeklyMileage).toBeCloseTo(19.9, 1);
    expect(parsePlanInputs({ ...km, mileage: '8', distance: '10k', goal: '50:00' }, '2026-11-25').inputs.weeklyMileage).toBe(5);
    expect(onlyError({ ...km, mileage: '7' })).toEqual(['mileage', '7 km a week is below the minimum: build to 8 km a week first']);
    expect(onlyError({ ...km, mileage: '250' })).toEqual(['mileage', '250 km a week is above the maximum of 240']);
  });

  it('reads the recent long run in km (1.6–48) and stores miles', () => {
    expect(parsePlanInputs({ ...km, recentLong: '16' }, '2026-11-25').inputs.recentLongRunMiles).toBeCloseTo(9.94, 2);
    expect(onlyError({ ...km, recentLong: '50' })[1]).toBe(
      'a longest run of 50 km is out of range: use the longest run of your last 4 weeks, a number of kilometres from 1.6 to 48',
    );
  });

  it('reads a bare distance in km (1.6–49.9) and keeps the named distances', () => {
    const { inputs } = parsePlanInputs({ ...km, distance: '42.2', goal: '3:30:00' }, '2026-11-25');
    expect(inputs.distance).toBe('42.2 km');
    expect(inputs.distanceMiles).toBeCloseTo(26.22, 2);
    expect(parsePlanInputs({ ...km, distance: 'half', goal: '1:45:00' }, '2026-11-25').inputs.distanceMiles).toBe(13.109);
    expect(onlyError({ ...km, distance: '50' })[1]).toBe(
      'unknown distance "50": use 5k, 10k, half, marathon or a number of kilometres from 1.6 to 49.9',
    );
  });

  it('speaks km in the goal-pace error', () => {
    expect(onlyError({ ...km, goal: '1:30:00' })[1]).toBe(
      'a goal of 1:30:00 over marathon is 2:08 per km; the goal pace must be between 2:29 and 12:26 per km',
    );
  });
});

describe('readiness', () => {
  it('names the minimum for the plan length and offers a shorter race or the earliest race date', () => {
    // 2026-11-30 to 2027-02-21 is 12 weeks: a marathon then needs 20 mi; 12 mi is enough with 20 weeks.
    expect(onlyError({ ...valid, mileage: '12', raceDate: '2027-02-21' })).toEqual([
      'mileage',
      'a marathon in 12 weeks needs at least 20 miles a week now, and you run 12: choose a half marathon or 10K, or race on or after 2027-04-12',
    ]);
    expect(parsePlanInputs({ ...valid, mileage: '12', raceDate: '2027-04-12' }, '2026-11-25').inputs.weeklyMileage).toBe(12);
    expect(fieldErrors({ ...valid, mileage: '12', raceDate: '2027-04-11' }).mileage).toBeDefined();
  });

  it('holds the three marathon rungs: 15 mi from 16 weeks, 20 mi with 10–15, 10 mi from 20', () => {
    expect(parsePlanInputs({ ...valid, mileage: '15', raceDate: '2027-03-21' }, '2026-11-25').inputs.weeklyMileage).toBe(15);
    expect(onlyError({ ...valid, mileage: '15', raceDate: '2027-03-14' })[1]).toBe(
      'a marathon in 15 weeks needs at least 20 miles a week now, and you run 15: choose a half marathon or 10K, or race on or after 2027-03-15',
    );
    expect(parsePlanInputs({ ...valid, mileage: '20', raceDate: '2027-02-07' }, '2026-11-25').inputs.weeklyMileage).toBe(20);
    expect(parsePlanInputs({ ...valid, mileage: '10' }, '2026-11-25').inputs.weeklyMileage).toBe(10);
  });

  it('offers only the shorter race when no race date makes the volume enough', () => {
    expect(onlyError({ ...valid, mileage: '8' })[1]).toBe(
      'a marathon in 20 weeks needs at least 10 miles a week now, and you run 8: choose a half marathon or 10K instead',
    );
  });

  it('asks 8 mi of a half, or 5 mi with 12 weeks or more', () => {
    expect(onlyError({ ...valid, distance: 'half', goal: '1:45:00', mileage: '6', raceDate: '2027-01-31' })[1]).toBe(
      'a half marathon in 9 weeks needs at least 8 miles a week now, and you run 6: choose a 10K or 5K, or race on or after 2027-02-15',
    );
    expect(
      parsePlanInputs({ ...valid, distance: 'half', goal: '1:45:00', mileage: '6', raceDate: '2027-02-21' }, '2026-11-25').inputs
        .weeklyMileage,
    ).toBe(6);
  });

  it('judges km by the nearest whole km of each threshold (20 mi → 32 km)', () => {
    const km: RawPlanInputs = { ...valid, units: 'km', raceDate: '2027-02-21' };
    expect(onlyError({ ...km, mileage: '30' })[1]).toBe(
      'a marathon in 12 weeks needs at least 32 km a week now, and you run 30: choose a half marathon or 10K, or race on or after 2027-03-15',
    );
    expect(parsePlanInputs({ ...km, mileage: '32' }, '2026-11-25').inputs.weeklyMileage).toBeCloseTo(19.88, 2);
  });
});

describe('plan length', () => {
  it('names the shortest and longest and offers a shorter race or the earliest race date', () => {
    expect(onlyError({ ...valid, raceDate: '2027-01-24' })).toEqual([
      'raceDate',
      'a marathon plan from 2026-11-30 to 2027-01-24 spans 8 weeks; it must span 10 to 30 calendar weeks: choose a half marathon or 10K, or race on or after 2027-02-01',
    ]);
    expect(onlyError({ ...valid, raceDate: '2026-12-20' })[1]).toBe(
      'a marathon plan from 2026-11-30 to 2026-12-20 spans 3 weeks; it must span 10 to 30 calendar weeks: race on or after 2027-02-01',
    );
    expect(parsePlanInputs({ ...valid, raceDate: '2027-02-01' }, '2026-11-25').inputs.raceDate).toBe('2027-02-01');
  });

  it('offers the earliest start for a plan that would be too long', () => {
    expect(onlyError({ ...valid, raceDate: '2027-09-01' })[1]).toBe(
      'a marathon plan from 2026-11-30 to 2027-09-01 spans 40 weeks; it must span 10 to 30 calendar weeks: start on or after 2027-02-08',
    );
    expect(parsePlanInputs({ ...valid, raceDate: '2027-09-01', startDate: '2027-02-08' }, '2026-11-25').inputs.startDate).toBe(
      '2027-02-08',
    );
  });
});

describe('late starts (R2)', () => {
  it('moves a Friday, Saturday or Sunday start to the Monday after, and says so', () => {
    for (const startDate of ['2026-11-27', '2026-11-28', '2026-11-29']) {
      const { inputs, notes } = parsePlanInputs({ ...valid, startDate }, '2026-11-25');
      expect(inputs.startDate).toBe('2026-11-30');
      expect(notes).toEqual(['Your plan starts Monday 30 Nov: a Friday–Sunday start moves to the Monday after.']);
    }
    const thursday = parsePlanInputs({ ...valid, startDate: '2026-11-26' }, '2026-11-25');
    expect(thursday.inputs.startDate).toBe('2026-11-26');
    expect(thursday.notes).toEqual([]);
  });

  it('moves a start filled in from today as well', () => {
    expect(parsePlanInputs({ ...valid, startDate: undefined }, '2026-11-28').inputs.startDate).toBe('2026-11-30');
  });

  it('keeps the late start when moving it would break the minimum plan length', () => {
    // A 5K from Friday 2026-11-27 to Sunday 2026-12-20 spans 4 weeks; from the Monday after, 3.
    const fiveK: RawPlanInputs = { ...valid, distance: '5k', goal: '22:00', startDate: '2026-11-27', raceDate: '2026-12-20' };
    const { inputs, notes } = parsePlanInputs(fiveK, '2026-11-25');
    expect(inputs.startDate).toBe('2026-11-27');
    expect(notes).toEqual([]);
  });
});

describe('start dates on chat surfaces', () => {
  it('refuses a start before today when asked to, in one sentence', () => {
    expect(onlyError({ ...valid, startDate: '2026-11-20' }, { refusePastStart: true })).toEqual([
      'startDate',
      '2026-11-20 has already passed (today is 2026-11-25 where you are): choose today or a later start date',
    ]);
    expect(fieldErrors({ ...valid, startDate: '2026-11-25' }, { refusePastStart: true })).toEqual({});
  });

  it('accepts a past start otherwise (the CLI and the API backfill)', () => {
    expect(parsePlanInputs({ ...valid, startDate: '2026-11-16' }, '2026-11-25').inputs.startDate).toBe('2026-11-16');
  });
});
