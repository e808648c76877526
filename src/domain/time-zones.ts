/**
 * Local wall-clock times in an athlete's IANA time zone, turned into instants with the platform's
 * own Intl time-zone data (no library, no bundled tz database). A local time that does not exist
 * (skipped by a spring-forward change) moves forward by the gap; an ambiguous one (repeated in the
 * autumn) takes the earlier instant, as calendars do.
 */
import { epochDayOf, type IsoDate } from './calendar.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a time zone this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

let zoneNames: readonly string[] | undefined;

/**
 * Every IANA zone this runtime knows, sorted, with `UTC` (which `Intl.supportedValuesOf` may leave
 * out): the list suggestions are drawn from, each one accepted by `isTimeZone`.
 */
export function timeZoneNames(): readonly string[] {
  zoneNames ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])].filter(isTimeZone).sort();
  return zoneNames;
}

/** The zone's offset from UTC at an instant, in minutes (Berlin in summer: +120). */
export function offsetMinutes(timeZone: string, instant: Date): number {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant at which the wall clock in `timeZone` shows `date` at `hour`:`minute`. */
export function zonedTime(date: IsoDate, hour: number, minute: number, timeZone: string): Date {
  const wall = epochDayOf(date) * 86_400_000 + (hour * 60 + minute) * 60_000;
  // Two passes settle the offset on either side of a change; the earlier candidate wins.
  const first = wall - offsetMinutes(timeZone, new Date(wall)) * 60_000;
  const second = wall - offsetMinutes(timeZone, new Date(first)) * 60_000;
  const candidates = [first, second].filter((t) => wallClockOf(timeZone, t) === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // The wall time was skipped (spring forward): move it forward by the gap.
  return new Date(Math.max(first, second));
}

function wallClockOf(timeZone: string, instant: number): number {
  return instant + offsetMinutes(timeZone, new Date(instant)) * 60_000;
}

/** The calendar date an instant falls on in `timeZone`. */
export function zonedDate(instant: Date, timeZone: string): IsoDate {
  const local = new Date(wallClockOf(timeZone, instant.getTime()));
  return local.toISOString().slice(0, 10);
}
