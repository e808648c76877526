/**
 * Times and paces as people write them. Durations are whole seconds; paces are seconds per mile.
 * `H:MM:SS` and `MM:SS` are durations, `M:SS` a pace; seconds are always 00–59.
 */

const CLOCK = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})$/;

/** Parses `H:MM:SS`, `MM:SS` or `M:SS` into seconds; undefined when malformed. */
export function parseClock(text: string): number | undefined {
  const match = CLOCK.exec(text.trim());
  if (!match) return undefined;
  const [, h, m, s] = match;
  const hours = h === undefined ? 0 : Number(h);
  const minutes = Number(m);
  const seconds = Number(s);
  if (seconds > 59) return undefined;
  if (h !== undefined && minutes > 59) return undefined;
  return hours * 3600 + minutes * 60 + seconds;
}

/** `M:SS` (or `MM:SS`): the format of every `paceGoal`. */
export const PACE_PATTERN = /^\d{1,2}:[0-5]\d$/;

const paceTexts: string[] = [];

/** Formats seconds (per mile or per km) as `M:SS`, rounding to the nearest second. */
export function formatPace(secondsPerUnit: number): string {
  const total = Math.round(secondsPerUnit);
  // Plans write the same few paces thousands of times: keep each text once.
  if (total >= 0 && total < 3600) return (paceTexts[total] ??= paceText(total));
  return paceText(total);
}

function paceText(total: number): string {
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Formats a duration as `H:MM:SS` (or `MM:SS` under an hour). */
export function formatDuration(totalSeconds: number): string {
  const total = Math.round(totalSeconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours === 0) return `${minutes}:${ss}`;
  return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
}

/** Parses a `paceGoal` string into seconds per mile; undefined for null or malformed. */
export function parsePace(pace: string | null): number | undefined {
  if (pace === null || !PACE_PATTERN.test(pace)) return undefined;
  return parseClock(pace);
}

/** The longest duration or time-of-day text read; anything longer is not one. */
const MAX_TIME_TEXT = 40;

const HOURS = '(?:h|hr|hrs|hour|hours)';
const MINUTES = '(?:m|min|mins|minute|minutes)';
const SECONDS = '(?:s|sec|secs|second|seconds)';
/** "1h50", "1h 50m", "2 hours", "48 min", "48m", "22m30s", "22 min 30 s", "1 hr 5 min 10 sec". */
const WORDED = new RegExp(`^(?:(\\d{1,2})\\s*${HOURS})?\\s*(?:(\\d{1,3})\\s*(?:${MINUTES})?)?\\s*(?:(\\d{1,2})\\s*${SECONDS})?$`);

/**
 * A duration as a runner writes it, in seconds: the clock forms of `parseClock` (`H:MM:SS`,
 * `MM:SS`; a bare `3:30` is 3 minutes 30, as it always was) or with units: `48 min`, `48m`,
 * `1h50` (minutes after hours need no unit), `1h 50m`, `2 hours`, `22m30s`. Undefined otherwise.
 */
export function parseDuration(text: string): number | undefined {
  if (text.length > MAX_TIME_TEXT) return undefined;
  const clock = parseClock(text);
  if (clock !== undefined) return clock;
  const key = text.trim().toLowerCase();
  const match = WORDED.exec(key);
  if (!match) return undefined;
  const [, h, m, s] = match;
  if (h === undefined && s === undefined && !new RegExp(`${MINUTES}$`).test(key)) return undefined; // a bare number
  const hours = h === undefined ? 0 : Number(h);
  const minutes = m === undefined ? 0 : Number(m);
  const seconds = s === undefined ? 0 : Number(s);
  if (h !== undefined && minutes > 59) return undefined;
  if ((m !== undefined || h !== undefined) && seconds > 59) return undefined;
  const total = hours * 3600 + minutes * 60 + seconds;
  return total > 0 ? total : undefined;
}

/**
 * A whole hour of the day, 0–23: `18`, `18h`, `18:00`, `18h00`, `6pm`, `6 pm`, `6 p.m.`, `6:00pm`,
 * `12am` (0), `noon`, `midnight`. Minutes other than :00 are refused (posts go out on the hour).
 */
export function parseHourOfDay(text: string): number | undefined {
  if (text.length > MAX_TIME_TEXT) return undefined;
  const key = text.trim().toLowerCase();
  if (key === 'noon' || key === 'midday') return 12;
  if (key === 'midnight') return 0;
  const match = /^(\d{1,2})\s*(?:(?::|h)\s*(\d{2}))?\s*(h|am|a\.m\.|pm|p\.m\.)?$/.exec(key);
  if (!match) return undefined;
  const [, h, mm, suffix] = match;
  const hour = Number(h);
  if (mm !== undefined && Number(mm) !== 0) return undefined;
  if (suffix === undefined || suffix === 'h') return hour <= 23 ? hour : undefined;
  if (hour < 1 || hour > 12) return undefined;
  const pm = suffix.startsWith('p');
  return (hour % 12) + (pm ? 12 : 0);
}
