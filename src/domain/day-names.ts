/**
 * Days of the week as people type them: a number (1 = Monday … 7 = Sunday), a full name or its
 * first three letters or more ("sat", "Tues", "Saturday"), in any case. Every surface (forms, the
 * `/plan new` shortcut, CLI flags, the HTTP API) reads days through here.
 */
import { DAY_NAMES } from './calendar.js';

/** The shortest prefix of a day name accepted: three letters tell every day apart. */
const MIN_PREFIX = 3;

/** 1 = Monday … 7 = Sunday for a day number or name; undefined when it is neither. */
export function parseDayName(text: string): number | undefined {
  const token = text.trim().toLowerCase();
  if (/^[1-7]$/.test(token)) return Number(token);
  if (token.length < MIN_PREFIX || !/^[a-z]+$/.test(token)) return undefined;
  const index = DAY_NAMES.findIndex((name) => name.toLowerCase().startsWith(token));
  return index >= 0 ? index + 1 : undefined;
}

export type DayListResult =
  | { readonly ok: true; readonly days: number[] }
  | { readonly ok: false; readonly problem: 'not-a-day'; readonly token: string }
  | { readonly ok: false; readonly problem: 'repeated'; readonly day: number }
  | { readonly ok: false; readonly problem: 'count'; readonly count: number };

/** The longest day list text read; longer is not a list of at most seven days. */
const MAX_LIST_LENGTH = 200;

/** The days from `from` to `to`, wrapping past Sunday ("fri-mon" is Friday to Monday). */
function dayRange(from: number, to: number): number[] {
  const days = [from];
  for (let d = from; d !== to;) {
    d = (d % 7) + 1;
    days.push(d);
  }
  return days;
}

/**
 * A list of distinct days, separated by commas, spaces, slashes or semicolons ("tue,thu,sat",
 * "Tue, Thu, Sat, Sun", "2,4,6", mixed), with ranges ("mon-fri", "fri-mon" wrapping past Sunday,
 * "mon to wed"), sorted; between `min` and `max` days. On failure it says which problem came
 * first, so the caller can name it in one sentence.
 */
export function parseDayList(text: string, min: number, max: number): DayListResult {
  const joined = text
    .slice(0, MAX_LIST_LENGTH)
    .replace(/[\s,;/]*[-\u2013\u2014][\s,;/]*/g, '-')
    .replace(/\s+(?:to|through|thru)\s+/gi, '-');
  const tokens = joined.split(/[\s,;/]+/).filter((token) => token !== '');
  const seen = new Set<number>();
  for (const token of tokens) {
    const ends = token.split('-');
    let days: number[];
    if (ends.length === 1) {
      const day = parseDayName(token);
      if (day === undefined) return { ok: false, problem: 'not-a-day', token };
      days = [day];
    } else {
      const [a, b] = ends;
      const from = ends.length === 2 && a !== undefined ? parseDayName(a) : undefined;
      const to = ends.length === 2 && b !== undefined ? parseDayName(b) : undefined;
      if (from === undefined || to === undefined) return { ok: false, problem: 'not-a-day', token };
      days = dayRange(from, to);
    }
    for (const day of days) {
      if (seen.has(day)) return { ok: false, problem: 'repeated', day };
      seen.add(day);
    }
  }
  if (seen.size < min || seen.size > max) return { ok: false, problem: 'count', count: seen.size };
  return { ok: true, days: [...seen].sort((a, b) => a - b) };
}
