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
