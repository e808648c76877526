import { describe, expect, it } from 'vitest';
import { formatDuration, formatPace, parseClock, parsePace } from '../../src/domain/time.js';
import { distanceClass, formatDistance, parseDistance } from '../../src/domain/units.js';

describe('times and paces', () => {
  it('reads H:MM:SS, MM:SS and M:SS', () => {
    expect(parseClock('3:30:00')).toBe(12_600);
    expect(parseClock('22:30')).toBe(1_350);
    expect(parseClock('7:05')).toBe(425);
  });

  it('rejects seconds or minutes out of range and junk', () => {
    for (const bad of ['7:60', '1:60:00', 'abc', '', '7', '7:5', '1:2:3:4']) expect(parseClock(bad)).toBeUndefined();
  });

  it('formats paces and durations the way runners write them', () => {
    expect(formatPace(425)).toBe('7:05');
    expect(formatPace(599.6)).toBe('10:00');
    expect(formatDuration(12_600)).toBe('3:30:00');
    expect(formatDuration(1_350)).toBe('22:30');
  });

  it('parses lap pace goals and refuses malformed ones', () => {
    expect(parsePace('8:01')).toBe(481);
    expect(parsePace(null)).toBeUndefined();
    expect(parsePace('8:1')).toBeUndefined();
  });
});

describe('distances and units', () => {
  it('knows the named races and custom miles 1–31', () => {
    expect(parseDistance('Marathon')).toEqual({ label: 'marathon', miles: 26.219 });
    expect(parseDistance('half')?.miles).toBe(13.109);
    expect(parseDistance('8')).toEqual({ label: '8 mi', miles: 8 });
    expect(parseDistance('0.5')).toBeUndefined();
    expect(parseDistance('32')).toBeUndefined();
    expect(parseDistance('ultra')).toBeUndefined();
  });

  it('puts custom distances in the class of the nearest named race at or above them', () => {
    expect(distanceClass(3.107)).toBe('5k');
    expect(distanceClass(5)).toBe('10k');
    expect(distanceClass(10)).toBe('half');
    expect(distanceClass(20)).toBe('marathon');
  });

  it('shows distances in the athlete’s units', () => {
    expect(formatDistance(6.214, 'km')).toBe('10 km');
    expect(formatDistance(6.214, 'mi')).toBe('6.2 mi');
  });
});
