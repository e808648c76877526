/** Today's date (YYYY-MM-DD) on the athlete's clock, for checking a draft before the modal closes. */

// Building an Intl formatter costs far more than using one: keep one per time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

export function todayIn(timezone: string | null, now: Date): string {
  try {
    return formatterFor(timezone ?? 'UTC').format(now);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // A zone this runtime does not know: the core falls back to UTC too.
    return now.toISOString().slice(0, 10);
  }
}
