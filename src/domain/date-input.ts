/**
 * Dates as a runner types them, read against the athlete's `today` (a date in their zone):
 *
 * - `2027-02-21` (also `2027/2/21`);
 * - `21 Feb 2027`, `21st February 2027`, `Feb 21 2027`, `February 21, 2027`; without a year
 *   (`21 Feb`) the next such date on or after today, never a past one;
 * - `21/02/2027` (or `.`/`-`): read only when unambiguous, that is when one part is over 12 or
 *   both are equal; `02/03/2027` is refused with a sentence asking which one is meant;
 * - `today`, `tomorrow`, `sunday` or `this sunday` (on or after today), `next sunday` (after
 *   today), `in 3 weeks`, `in 10 days`, `in 2 months`, `in a week`.
 *
 * A small grammar rather than a general parser: domain/ stays free of dependencies
 * (.dependency-cruiser.cjs, domain-is-pure), the result is a plain date with no clock or time zone
 * in the way, and every form it takes is listed above.
 */
import { addDaysIso, dayNumberOf, isIsoDate, type IsoDate } from './calendar.js';
import { parseDayName } from './day-names.js';

export type DateInput =
  | { readonly ok: true; readonly date: IsoDate }
  | { readonly ok: false; readonly problem: 'not-a-date' }
  | { readonly ok: false; readonly problem: 'ambiguous'; readonly message: string };

const NOT_A_DATE: DateInput = { ok: false, problem: 'not-a-date' };
const MAX_DATE_TEXT = 60;

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 1–12 for a month name or its first three letters or more ("feb", "Sept"); undefined otherwise. */
function monthOf(word: string): number | undefined {
  if (word.length < 3) return undefined;
  const w = word === 'sept' ? 'sep' : word;
  const index = MONTH_NAMES.findIndex((name) => name.startsWith(w));
  return index >= 0 ? index + 1 : undefined;
}

const monthName = (month: number): string => {
  const name = MONTH_NAMES[month - 1] ?? '';
  return name.charAt(0).toUpperCase() + name.slice(1);
};

const pad = (n: number): string => String(n).padStart(2, '0');

function isoOf(year: number, month: number, day: number): IsoDate | undefined {
  const iso = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  return year >= 1000 && year <= 9999 && isIsoDate(iso) ? iso : undefined;
}

/** The next `month`/`day` on or after `today` (29 Feb waits for a leap year, at most 8 years on). */
function nextOf(month: number, day: number, today: IsoDate): IsoDate | undefined {
  const year = Number(today.slice(0, 4));
  for (let y = year; y <= year + 8; y += 1) {
    const iso = isoOf(y, month, day);
    if (iso !== undefined && iso >= today) return iso;
  }
  return undefined;
}

function dated(iso: IsoDate | undefined): DateInput {
  return iso === undefined ? NOT_A_DATE : { ok: true, date: iso };
}

function addMonths(today: IsoDate, months: number): IsoDate | undefined {
  const total = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  // The same day of the month, or the month's last day (31 Jan + 1 month is 28 or 29 Feb).
  for (let day = Number(today.slice(8, 10)); day >= 28; day -= 1) {
    const iso = isoOf(year, month, day);
    if (iso !== undefined) return iso;
  }
  return isoOf(year, month, Number(today.slice(8, 10)));
}

const NUMBER_WORDS: Readonly<Record<string, number>> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

function relative(key: string, today: IsoDate): DateInput | undefined {
  if (key === 'today') return dated(today);
  if (key === 'tomorrow') return dated(addDaysIso(today, 1));
  const weekday = /^(?:(this|next|on)\s+)?([a-z]+)$/.exec(key);
  if (weekday) {
    const [, which, name] = weekday;
    const day = name === undefined || /^\d/.test(name) ? undefined : parseDayName(name);
    if (day === undefined) return undefined;
    const ahead = (day - dayNumberOf(today) + 7) % 7;
    return dated(addDaysIso(today, which === 'next' && ahead === 0 ? 7 : ahead));
  }
  const span = /^in\s+(\d{1,3}|a|an|one|two|three|four|five|six)\s+(day|days|week|weeks|month|months)$/.exec(key);
  if (span) {
    const [, count = '', unit = ''] = span;
    const n = NUMBER_WORDS[count] ?? Number(count);
    if (unit.startsWith('day')) return dated(addDaysIso(today, n));
    if (unit.startsWith('week')) return dated(addDaysIso(today, 7 * n));
    return dated(addMonths(today, n));
  }
  return undefined;
}

/** Reads a date typed by a person; `today` is the athlete's date, for the relative forms. */
export function parseDateInput(text: string, today: IsoDate): DateInput {
  if (text.length > MAX_DATE_TEXT) return NOT_A_DATE;
  const key = text.trim().toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ');

  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(key);
  if (iso) return dated(isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3])));

  const numeric = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(key);
  if (numeric) {
    const [a, b, year] = [Number(numeric[1]), Number(numeric[3]), Number(numeric[4])];
    if (a > 12 || a === b) return dated(isoOf(year, b, a));
    if (b > 12) return dated(isoOf(year, a, b));
    const dayFirst = isoOf(year, b, a);
    const monthFirst = isoOf(year, a, b);
    if (dayFirst === undefined || monthFirst === undefined) return NOT_A_DATE;
    return {
      ok: false,
      problem: 'ambiguous',
      message:
        `${text.trim()} could be ${a} ${monthName(b)} or ${b} ${monthName(a)}: ` +
        `write it as ${a} ${MONTH_SHORT[b - 1] ?? ''} ${year} or ${dayFirst}`,
    };
  }

  // "21 feb 2027", "21st february", "feb 21 2027", "february 21st 2027".
  const dayMonth = /^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?(?: (\d{4}))?$/.exec(key);
  const monthDay = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?$/.exec(key);
  const parts = dayMonth
    ? { day: dayMonth[1], month: dayMonth[2], year: dayMonth[3] }
    : monthDay
      ? { day: monthDay[2], month: monthDay[1], year: monthDay[3] }
      : undefined;
  if (parts) {
    const month = monthOf(parts.month ?? '');
    if (month === undefined) return NOT_A_DATE;
    const day = Number(parts.day);
    return dated(parts.year === undefined ? nextOf(month, day, today) : isoOf(Number(parts.year), month, day));
  }

  return relative(key, today) ?? NOT_A_DATE;
}
