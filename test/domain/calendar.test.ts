import { describe, expect, it } from 'vitest';
import {
  dateOfPlanDay,
  epochDayOf,
  isoOfEpochDay,
  dayNameOf,
  dayNumberOf,
  dayNumbersOfWeek,
  isIsoDate,
  mondayOf,
  totalWeeksBetween,
} from '../../src/domain/calendar.js';

describe('calendar', () => {
  it('accepts only real dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate('27-01-01')).toBe(false);
  });

  it('numbers days Monday 1 … Sunday 7', () => {
    expect(dayNumberOf('2026-11-23')).toBe(1);
    expect(dayNumberOf('2026-11-29')).toBe(7);
    expect(dayNameOf(5)).toBe('Friday');
  });

  it('anchors weeks on the Monday of the start week (not on the start date, as the seed did)', () => {
    // A Friday start: week 1 is Fri–Sun, week 2 starts on the following Monday.
    expect(mondayOf('2026-11-27')).toBe('2026-11-23');
    expect(dayNumbersOfWeek('2026-11-27', 1)).toEqual([5, 6, 7]);
    expect(dateOfPlanDay('2026-11-27', 1, 5)).toBe('2026-11-27');
    expect(dateOfPlanDay('2026-11-27', 2, 1)).toBe('2026-11-30');
    expect(dayNumberOf(dateOfPlanDay('2026-11-27', 2, 1))).toBe(1);
    expect(dayNumbersOfWeek('2026-11-27', 2)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('handles a Sunday start (week 1 is one day) and counts calendar weeks to the race', () => {
    expect(dayNumbersOfWeek('2026-11-29', 1)).toEqual([7]);
    expect(totalWeeksBetween('2026-11-29', '2026-11-30')).toBe(2);
    expect(totalWeeksBetween('2026-11-23', '2026-11-29')).toBe(1);
  });

  it.each(['UTC', 'America/New_York', 'Europe/Berlin', 'Pacific/Kiritimati'])(
    'gives the same dates across the spring DST change (process TZ %s)',
    () => {
      // Dates are plain calendar dates; the 2027-03-28 (EU) and 2027-03-14 (US) changes do not shift them.
      expect(dateOfPlanDay('2027-03-08', 3, 7)).toBe('2027-03-28');
      expect(dateOfPlanDay('2027-03-08', 2, 7)).toBe('2027-03-21');
    },
  );
});

describe('day numbers', () => {
  it('round-trips every date across four centuries boundaries and leap days', () => {
    for (let day = epochDayOf('1999-12-25'); day <= epochDayOf('2101-03-05'); day += 1) {
      expect(epochDayOf(isoOfEpochDay(day))).toBe(day);
    }
    expect(isoOfEpochDay(0)).toBe('1970-01-01');
    expect(epochDayOf('2000-02-29')).toBe(11_016);
    expect(isoOfEpochDay(epochDayOf('2100-02-28') + 1)).toBe('2100-03-01');
    expect(dayNumberOf('1970-01-01')).toBe(4);
  });
});
