/**
 * Calendar math on plain ISO dates (`YYYY-MM-DD`), free of time zones: a training day is a date,
 * not an instant. Weeks run Monday (day 1) to Sunday (day 7); week 1 holds the days from the
 * start date to its Sunday, and date(week N, day d) = Monday of the start week + 7(N−1) + (d−1).
 */
import { addDays, differenceInCalendarDays } from 'date-fns';

export type IsoDate = string;

export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type DayName = (typeof DAY_NAMES)[number];
export const DAY_SHORT_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Dates are built at local noon so that date-fns' day arithmetic never crosses a daylight-saving
// edge into the neighbouring date: only the date part of these values is ever read.
function toDate(iso: IsoDate): Date {
  return new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)), 12);
}

function fromDate(date: Date): IsoDate {
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  const dd = String(date.getDate()).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${mm}-${dd}`;
}

/** True for a real calendar date written as `YYYY-MM-DD` (2027-02-30 is not). */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  return fromDate(toDate(text)) === text;
}

export function addDaysIso(iso: IsoDate, days: number): IsoDate {
  return fromDate(addDays(toDate(iso), days));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(toDate(to), toDate(from));
}

/** 1 = Monday … 7 = Sunday. */
export function dayNumberOf(iso: IsoDate): number {
  const sundayZero = toDate(iso).getDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

export function dayNameOf(dayNumber: number): DayName {
  const name = DAY_NAMES[dayNumber - 1];
  if (name === undefined) throw new RangeError(`dayNumber ${dayNumber} is not 1–7`);
  return name;
}

export function mondayOf(iso: IsoDate): IsoDate {
  return addDaysIso(iso, 1 - dayNumberOf(iso));
}

/** The date of (week N, day d) for a plan starting on `startDate`. */
export function dateOfPlanDay(startDate: IsoDate, weekNumber: number, dayNumber: number): IsoDate {
  return addDaysIso(mondayOf(startDate), 7 * (weekNumber - 1) + (dayNumber - 1));
}

/** The plan week a date falls in (1-based; 0 or less is before the plan's first week). */
export function weekNumberOf(startDate: IsoDate, date: IsoDate): number {
  return Math.floor(daysBetween(mondayOf(startDate), date) / 7) + 1;
}

/** Calendar weeks from the start date's week through the race date's week. */
export function totalWeeksBetween(startDate: IsoDate, raceDate: IsoDate): number {
  return weekNumberOf(startDate, raceDate);
}

/** The day numbers a week holds: week 1 from the start weekday to Sunday, later weeks 1..7. */
export function dayNumbersOfWeek(startDate: IsoDate, weekNumber: number): number[] {
  const first = weekNumber === 1 ? dayNumberOf(startDate) : 1;
  const days: number[] = [];
  for (let d = first; d <= 7; d += 1) days.push(d);
  return days;
}

/** The local calendar date of an instant (the caller owns the clock). */
export function isoDateOf(instant: Date): IsoDate {
  return fromDate(instant);
}
