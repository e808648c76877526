/**
 * Forgiving input: what a runner types, read once in domain/ so that every surface (forms, the
 * `/plan new` shortcut, CLI flags, the HTTP API) accepts it. Each parser, then through
 * `parsePlanInputs`, then a property test feeding every parser junk.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateInput } from '../../src/domain/date-input.js';
import { parseDayList, parseDayName } from '../../src/domain/day-names.js';
import { InputError } from '../../src/domain/errors.js';
import { parseFiveK, parsePlanInputs, parsePreferredDays, type RawPlanInputs } from '../../src/domain/plan-inputs.js';
import { parseDuration, parseHourOfDay } from '../../src/domain/time.js';
import { lengthIn, parseLength, parseRaceDistance } from '../../src/domain/units.js';

/** A Wednesday. */
const TODAY = '2026-11-25';

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
    parsePlanInputs(raw, TODAY);
  } catch (error) {
    if (error instanceof InputError) return { ...error.fields };
    throw error;
  }
  return {};
}

describe('day lists', () => {
  it('reads names and abbreviations with spaces and commas', () => {
    expect(parsePreferredDays('Tue, Thu, Sat, Sun')).toEqual([2, 4, 6, 7]);
    expect(parsePreferredDays('tue,thu,sat')).toEqual([2, 4, 6]);
    expect(parsePreferredDays('Tues Thurs Saturday')).toEqual([2, 4, 6]);
    expect(parsePreferredDays('2,4,6,7')).toEqual([2, 4, 6, 7]);
  });

  it('reads ranges, wrapping past Sunday', () => {
    expect(parsePreferredDays('mon-fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parsePreferredDays('fri-mon')).toEqual([1, 5, 6, 7]);
    expect(parsePreferredDays('Mon – Wed, sat')).toEqual([1, 2, 3, 6]);
    expect(parsePreferredDays('mon to wed')).toEqual([1, 2, 3]);
    expect(parsePreferredDays('1-3,6')).toEqual([1, 2, 3, 6]);
    // The console splits a multiselect answer on spaces and commas: "fri - mon" arrives as this.
    expect(parsePreferredDays('fri,-,mon')).toEqual([1, 5, 6, 7]);
  });

  it('names the first problem', () => {
    expect(parseDayList('mon-funday', 3, 7)).toEqual({ ok: false, problem: 'not-a-day', token: 'mon-funday' });
    expect(parseDayList('mon-wed,tue', 3, 7)).toEqual({ ok: false, problem: 'repeated', day: 2 });
    expect(parseDayList('mon-sun,', 3, 6)).toEqual({ ok: false, problem: 'count', count: 7 });
    expect(parseDayList('mon-tue-wed', 3, 7)).toMatchObject({ ok: false, problem: 'not-a-day' });
    expect(parseDayName('tu')).toBeUndefined();
  });
});

describe('race distances', () => {
  it('reads the named races and the words for them', () => {
    for (const text of ['half', 'Half Marathon', 'half-marathon', '21.1 km', '13.1 mi', '13.1 miles', '21.0975km']) {
      expect(parseRaceDistance(text, 'mi'), text).toEqual({ label: 'half', miles: 13.109 });
    }
    expect(parseRaceDistance('marathon', 'km')).toEqual({ label: 'marathon', miles: 26.219 });
    expect(parseRaceDistance('42.195 km', 'mi')).toEqual({ label: 'marathon', miles: 26.219 });
    expect(parseRaceDistance('26.2 mi', 'km')).toEqual({ label: 'marathon', miles: 26.219 });
    expect(parseRaceDistance('10 km', 'mi')).toEqual({ label: '10k', miles: 6.214 });
    expect(parseRaceDistance('10k', 'mi')).toEqual({ label: '10k', miles: 6.214 });
    expect(parseRaceDistance('6.2 mi', 'km')).toEqual({ label: '10k', miles: 6.214 });
    expect(parseRaceDistance('5 km', 'mi')).toEqual({ label: '5k', miles: 3.107 });
  });

  it('makes a custom distance of the rest, in the unit written; a bare number keeps the plan units', () => {
    expect(parseRaceDistance('15 km', 'mi')).toEqual({ label: '15 km', miles: 9.321 });
    expect(parseRaceDistance('8 mi', 'km')).toEqual({ label: '8 mi', miles: 8 });
    expect(parseRaceDistance('21 km', 'mi')?.label).toBe('21 km');
    expect(parseRaceDistance('8', 'mi')).toEqual({ label: '8 mi', miles: 8 });
    expect(parseRaceDistance('42.2', 'km')?.label).toBe('42.2 km');
    expect(parseRaceDistance('50 km', 'mi')).toBeUndefined();
    expect(parseRaceDistance('32 mi', 'km')).toBeUndefined();
    expect(parseRaceDistance('10 furlongs', 'mi')).toBeUndefined();
    expect(parseRaceDistance('ultra', 'mi')).toBeUndefined();
  });
});

describe('weekly volume and long run with units', () => {
  it('reads a number with an optional unit and converts to the plan units', () => {
    expect(parseLength('32 km')).toEqual({ value: 32, unit: 'km' });
    expect(parseLength('20 miles')).toEqual({ value: 20, unit: 'mi' });
    expect(parseLength('25')).toEqual({ value: 25, unit: undefined });
    expect(lengthIn('32 km', 'km')).toBe(32);
    expect(lengthIn('20 mi', 'km')).toBe(32.19);
    expect(lengthIn('20 miles', 'mi')).toBe(20);
    expect(lengthIn('32km', 'mi')).toBe(19.88);
    expect(lengthIn('lots', 'mi')).toBeUndefined();
    expect(lengthIn('20 parsecs', 'mi')).toBeUndefined();
  });
});

describe('durations', () => {
  it('reads clocks and hours and minutes', () => {
    expect(parseDuration('48 min')).toBe(48 * 60);
    expect(parseDuration('48m')).toBe(48 * 60);
    expect(parseDuration('48 minutes')).toBe(48 * 60);
    expect(parseDuration('1h50')).toBe(110 * 60);
    expect(parseDuration('1h 50m')).toBe(110 * 60);
    expect(parseDuration('1 hr 50 min')).toBe(110 * 60);
    expect(parseDuration('3 hours')).toBe(3 * 3600);
    expect(parseDuration('22m30s')).toBe(22 * 60 + 30);
    expect(parseDuration('1:50:00')).toBe(110 * 60);
    expect(parseDuration('22:30')).toBe(22 * 60 + 30);
  });

  it('keeps a bare M:SS as minutes and seconds, and refuses a bare number or impossible minutes', () => {
    expect(parseDuration('3:30')).toBe(210);
    expect(parseDuration('48')).toBeUndefined();
    expect(parseDuration('1h75')).toBeUndefined();
    expect(parseDuration('0 min')).toBeUndefined();
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('reads a 5K written with minutes', () => {
    expect(parseFiveK('22 min')).toBe(1320);
    expect(parseFiveK('22m30s')).toBe(1350);
    expect(parseFiveK('2 hours')).toBeUndefined();
  });
});

describe('times of day', () => {
  it('reads the forms people use for an hour', () => {
    for (const [text, hour] of [
      ['6pm', 18],
      ['6 pm', 18],
      ['6 p.m.', 18],
      ['6:00pm', 18],
      ['18:00', 18],
      ['18h', 18],
      ['18h00', 18],
      ['18', 18],
      ['0', 0],
      ['12am', 0],
      ['12pm', 12],
      ['7am', 7],
      ['noon', 12],
      ['midnight', 0],
    ] as const) {
      expect(parseHourOfDay(text), text).toBe(hour);
    }
  });

  it('keeps the 0–23 range and whole hours', () => {
    for (const text of ['24', '13pm', '0am', '18:30', 'teatime', '']) expect(parseHourOfDay(text), text).toBeUndefined();
  });
});

describe('dates', () => {
  const date = (text: string): string | undefined => {
    const read = parseDateInput(text, TODAY);
    return read.ok ? read.date : undefined;
  };

  it('reads written dates', () => {
    for (const text of [
      '2027-02-21',
      '21 Feb 2027',
      '21st February 2027',
      'Feb 21 2027',
      'February 21, 2027',
      '21/02/2027',
      '02/21/2027',
      '21.02.2027',
    ]) {
      expect(date(text), text).toBe('2027-02-21');
    }
    expect(date('02/02/2027')).toBe('2027-02-02');
  });

  it('takes a date without a year as the next one from today, never a past one', () => {
    expect(date('21 Feb')).toBe('2027-02-21');
    expect(date('Dec 25')).toBe('2026-12-25');
    expect(date('25 Nov')).toBe('2026-11-25');
    expect(date('24 Nov')).toBe('2027-11-24');
    expect(date('29 Feb')).toBe('2028-02-29');
  });

  it('reads relative forms against the athlete’s today', () => {
    expect(date('today')).toBe('2026-11-25');
    expect(date('tomorrow')).toBe('2026-11-26');
    expect(date('next sunday')).toBe('2026-11-29');
    expect(date('sunday')).toBe('2026-11-29');
    expect(date('next wednesday')).toBe('2026-12-02');
    expect(date('wednesday')).toBe('2026-11-25');
    expect(date('in 3 weeks')).toBe('2026-12-16');
    expect(date('in 10 days')).toBe('2026-12-05');
    expect(date('in a week')).toBe('2026-12-02');
    expect(date('in 3 months')).toBe('2027-02-25');
  });

  it('asks which one is meant when day and month could swap', () => {
    expect(parseDateInput('02/03/2027', TODAY)).toEqual({
      ok: false,
      problem: 'ambiguous',
      message: '02/03/2027 could be 2 March or 3 February: write it as 2 Mar 2027 or 2027-03-02',
    });
  });

  it('refuses what is not a date', () => {
    for (const text of ['2027-02-30', '31 Feb 2027', 'someday', '13/13/2027', 'in 3 fortnights', 'next funday', '']) {
      expect(parseDateInput(text, TODAY), text).toEqual({ ok: false, problem: 'not-a-date' });
    }
  });
});

describe('through parsePlanInputs (every surface)', () => {
  it('accepts what a runner types', () => {
    const { inputs } = parsePlanInputs(
      { ...valid, distance: '10 km', goal: '48 min', raceDate: '21 Feb 2027', days: 'tue, thu, sat', fiveK: '22:30' },
      TODAY,
    );
    expect(inputs).toMatchObject({
      distance: '10k',
      goalTimeSeconds: 48 * 60,
      raceDate: '2027-02-21',
      preferredDays: [2, 4, 6],
    });
  });

  it('reads the half as words, an h-and-minutes goal and relative dates', () => {
    const { inputs } = parsePlanInputs(
      { ...valid, distance: 'half marathon', goal: '1h50', raceDate: 'in 16 weeks', startDate: 'next monday', days: 'mon-fri' },
      TODAY,
    );
    expect(inputs).toMatchObject({ distance: 'half', goalTimeSeconds: 6600, raceDate: '2027-03-17', startDate: '2026-11-30' });
    expect(inputs.preferredDays).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads the volume and long run with units, in either mode', () => {
    const km = parsePlanInputs({ ...valid, units: 'km', mileage: '32 km', recentLong: '10 mi' }, TODAY).inputs;
    expect(km.weeklyMileage).toBeCloseTo(19.88, 2);
    expect(km.recentLongRunMiles).toBeCloseTo(10, 1);
    const mi = parsePlanInputs({ ...valid, units: 'km', mileage: '20 miles' }, TODAY).inputs;
    expect(mi.weeklyMileage).toBeCloseTo(20, 1);
    expect(parsePlanInputs({ ...valid, mileage: '40 km' }, TODAY).inputs.weeklyMileage).toBe(24.85);
  });

  it('keeps one sentence per bad field, naming what is accepted', () => {
    expect(fieldErrors({ ...valid, raceDate: '02/03/2027' }).raceDate).toBe(
      '02/03/2027 could be 2 March or 3 February: write it as 2 Mar 2027 or 2027-03-02',
    );
    expect(fieldErrors({ ...valid, raceDate: 'someday' }).raceDate).toBe(
      '"someday" is not a date: use a date written YYYY-MM-DD, 21 Feb 2027, next sunday or in 12 weeks',
    );
    expect(fieldErrors({ ...valid, goal: 'soon' }).goal).toMatch(/^"soon" is not a time: use H:MM:SS or MM:SS, .* 1h50 or 48 min$/);
    expect(fieldErrors({ ...valid, mileage: '20 parsecs' }).mileage).toMatch(/^"20 parsecs" is not a number: .*\(32 km works too\)$/);
    expect(fieldErrors({ ...valid, days: 'mon-funday' }).days).toMatch(/^"mon-funday" is not a day: .* or mon-fri$/);
  });

  it('keeps a bare 3:30 goal as minutes and seconds (H:MM needs :00, for example 3:30:00)', () => {
    expect(fieldErrors({ ...valid, goal: '3:30' }).goal).toMatch(/^a goal of 3:30 over marathon is /);
  });
});

describe('junk never breaks a parser', () => {
  const junk = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({
      unit: fc.constantFrom('1', '2', ':', '-', '/', '.', ',', ' ', 'h', 'm', 'k', 'a', 'p', 'in ', 'mon', '\u2013', '\u0000'),
      maxLength: 80,
    }),
    fc.string({ maxLength: 20 }).map((s) => s.repeat(5000)),
    fc.constantFrom('', ' ', ',', '-', '--', '::', '1e999', 'NaN', 'Infinity', '-1', '9'.repeat(400), '1'.padEnd(100000, ' 1')),
  );
  const parsers: ReadonlyArray<[string, (text: string) => unknown]> = [
    ['parseDayName', parseDayName],
    ['parseDayList', (t) => parseDayList(t, 3, 7)],
    ['parsePreferredDays', parsePreferredDays],
    ['parseRaceDistance', (t) => parseRaceDistance(t, 'km')],
    ['parseLength', parseLength],
    ['lengthIn', (t) => lengthIn(t, 'mi')],
    ['parseDuration', parseDuration],
    ['parseFiveK', (t) => parseFiveK(t, 'km')],
    ['parseHourOfDay', parseHourOfDay],
    ['parseDateInput', (t) => parseDateInput(t, TODAY)],
    [
      'parsePlanInputs',
      (t) =>
        parsePlanInputs(
          { distance: t, raceDate: t, startDate: t, goal: t, fiveK: t, mileage: t, days: t, units: t, recentLong: t, longDay: t },
          TODAY,
        ),
    ],
    ['parsePlanInputs (one field)', (t) => parsePlanInputs({ ...valid, days: t, raceDate: t }, TODAY)],
  ];

  it.each(parsers)('%s returns a value or throws InputError, quickly', (_name, parse) => {
    fc.assert(
      fc.property(junk, (text) => {
        const started = performance.now();
        try {
          parse(text);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
        expect(performance.now() - started).toBeLessThan(50);
      }),
      { numRuns: 300, seed: 17 },
    );
  });
});
