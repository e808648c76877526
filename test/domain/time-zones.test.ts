import { describe, expect, it } from 'vitest';
import { isTimeZone, offsetMinutes, zonedDate, zonedTime } from '../../src/domain/time-zones.js';

describe('time zones', () => {
  it('turns a local wall-clock time into the right instant on both sides of DST', () => {
    expect(zonedTime('2027-03-13', 18, 0, 'America/New_York').toISOString()).toBe('2027-03-13T23:00:00.000Z');
    expect(zonedTime('2027-03-14', 18, 0, 'America/New_York').toISOString()).toBe('2027-03-14T22:00:00.000Z');
    expect(zonedTime('2027-03-27', 18, 0, 'Europe/Berlin').toISOString()).toBe('2027-03-27T17:00:00.000Z');
    expect(zonedTime('2027-03-28', 18, 0, 'Europe/Berlin').toISOString()).toBe('2027-03-28T16:00:00.000Z');
    expect(zonedTime('2026-10-25', 18, 0, 'Europe/Berlin').toISOString()).toBe('2026-10-25T17:00:00.000Z');
    expect(zonedTime('2027-01-10', 18, 0, 'Asia/Kolkata').toISOString()).toBe('2027-01-10T12:30:00.000Z');
  });

  it('moves a skipped time forward and takes the earlier of a repeated one', () => {
    expect(zonedTime('2027-03-14', 2, 30, 'America/New_York').toISOString()).toBe('2027-03-14T07:30:00.000Z');
    expect(zonedTime('2026-11-01', 1, 30, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('knows the local date and offset of an instant', () => {
    expect(zonedDate(new Date('2027-03-28T23:30:00Z'), 'Europe/Berlin')).toBe('2027-03-29');
    expect(zonedDate(new Date('2027-03-28T03:30:00Z'), 'America/New_York')).toBe('2027-03-27');
    expect(offsetMinutes('Europe/Berlin', new Date('2027-07-01T00:00:00Z'))).toBe(120);
  });

  it('recognises IANA zones and refuses others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
