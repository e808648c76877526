/**
 * Calendar math on plain ISO dates (`YYYY-MM-DD`), free of time zones: a training day is a date,
 * not an instant. Weeks run Monday (day 1) to Sunday (day 7); week 1 holds the days from the
 * start date to its Sunday, and date(week N, day d) = Monday of the start week + 7(N−1) + (d−1).
 *
 * Dates are converted to day numbers (days since 1970-01-01) with integer arithmetic (Howard
 * Hinnant's days-from-civil), not through `Date`: no local time zone or daylight-saving change can
 * shift a date, and it is cheap enough for the validator to run on every day of every plan.
 */

export type IsoDate = string;

export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type DayName = (typeof DAY_NAMES)[number];
export const DAY_SHORT_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; NaN when malformed or not a real date. */
export function epochDayOf(iso: IsoDate): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return Number.NaN;
  const year = digitAt(iso, 0) * 1000 + digitAt(iso, 1) * 100 + digitAt(iso, 2) * 10 + digitAt(iso, 3);
  const month = digitAt(iso, 5) * 10 + digitAt(iso, 6);
  const day = digitAt(iso, 8) * 10 + digitAt(iso, 9);
  if (!(month >= 1 && month <= 12 && day >= 1)) return Number.NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number))) return Number.NaN;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The `YYYY-MM-DD` date of a day number (civil-from-days). */
export function isoOfEpochDay(epochDay: number): IsoDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for a real calendar date written as `YYYY-MM-DD` (2027-02-30 is not). */
export function isIsoDate(text: string): boolean {
  return !Number.isNaN(epochDayOf(text));
}

export function addDaysIso(iso: IsoDate, days: number): IsoDate {
  return isoOfEpochDay(epochDayOf(iso) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDayOf(to) - epochDayOf(from);
}

/** 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function dayNumberOf(iso: IsoDate): number {
  return ((((epochDayOf(iso) + 3) % 7) + 7) % 7) + 1;
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
  const start = epochDayOf(startDate);
  const monday = start - (dayNumberOf(startDate) - 1);
  return isoOfEpochDay(monday + 7 * (weekNumber - 1) + (dayNumber - 1));
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

/** The local calendar date of an instant (the caller owns the clock and its time zone). */
export function isoDateOf(instant: Date): IsoDate {
  const mm = String(instant.getMonth() + 1).padStart(2, '0');
  const dd = String(instant.getDate()).padStart(2, '0');
  return `${String(instant.getFullYear()).padStart(4, '0')}-${mm}-${dd}`;
}
