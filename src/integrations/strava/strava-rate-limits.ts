/**
 * Strava's rate limits as arithmetic, with no I/O (issue 21). Strava counts requests per
 * application in two windows: 15 minutes, reset at natural quarter hours (:00, :15, :30, :45), and
 * a day, reset at midnight UTC. Every response reports the limits and the usage so far in
 * `X-RateLimit-Limit` / `X-RateLimit-Usage` ("15-minute,daily"); the newer read limit (every
 * endpoint we call is a "read" one) comes as `X-ReadRateLimit-Limit` / `-Usage`. The tighter of
 * the two is the one that binds.
 *
 * `RateLimitBudget` keeps what the last response said and counts the requests sent since, so that
 * a burst of callers waits for the reset instead of being refused one by one.
 */

const QUARTER_HOUR_MS = 15 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** The start of the next quarter hour (UTC) after `nowMs`. */
export function nextQuarterHour(nowMs: number): number {
  return Math.floor(nowMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS + QUARTER_HOUR_MS;
}

/** The next midnight UTC after `nowMs`. */
export function nextUtcMidnight(nowMs: number): number {
  return Math.floor(nowMs / DAY_MS) * DAY_MS + DAY_MS;
}

/** One limit pair and its usage: requests allowed and used in the 15-minute window and in the day. */
export type WindowCounts = {
  readonly limit15: number;
  readonly limitDay: number;
  readonly usage15: number;
  readonly usageDay: number;
};

/** Reads a `"a,b"` header pair of whole numbers; null when absent or malformed. */
function pair(value: string | null): [number, number] | null {
  const match = value === null ? null : /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(value);
  if (!match) return null;
  return [Number(match[1]), Number(match[2])];
}

/**
 * The limits a response reports, overall and read, each merged to the tighter of the two: what
 * is left in a window is the smaller of what each pair leaves. Null when the response carries no
 * readable pair (the OAuth endpoints, or a server that does not count).
 */
export function parseRateLimitHeaders(header: (name: string) => string | null): WindowCounts | null {
  const pairs: WindowCounts[] = [];
  for (const prefix of ['X-RateLimit', 'X-ReadRateLimit']) {
    const limit = pair(header(`${prefix}-Limit`));
    const usage = pair(header(`${prefix}-Usage`));
    if (limit && usage) pairs.push({ limit15: limit[0], limitDay: limit[1], usage15: usage[0], usageDay: usage[1] });
  }
  if (pairs.length === 0) return null;
  // Keep, per window, the pair with the least left: its limit and usage describe the binding one.
  const tighter = (pick: (p: WindowCounts) => [number, number]): [number, number] =>
    pairs.map(pick).reduce((a, b) => (b[0] - b[1] < a[0] - a[1] ? b : a));
  const [limit15, usage15] = tighter((p) => [p.limit15, p.usage15]);
  const [limitDay, usageDay] = tighter((p) => [p.limitDay, p.usageDay]);
  return { limit15, limitDay, usage15, usageDay };
}

/** Which window is used up, and when it resets. */
export type Exhausted = { readonly window: '15-minute' | 'daily'; readonly resetAt: number };

/** The first backoff after a 429 whose headers do not say which limit is spent, and its cap. */
const BACKOFF_START_MS = 1000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/** The wait after the `attempt`-th (0-based) unexplained 429: 1 s, 2 s, 4 s, … up to the cap. */
export function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_START_MS * 2 ** Math.max(0, attempt));
}

/**
 * The application's budget as this process knows it. Usage reported in a window that has since
 * reset counts as zero; requests sent since the last report are added to it, so callers that go
 * together do not all pass a budget with one request left.
 */
export class RateLimitBudget {
  private counts: WindowCounts | null = null;
  /** When `counts` was reported. */
  private observedAt = 0;

  /** Records what a response reported (ignored when it reported nothing). */
  observe(counts: WindowCounts | null, nowMs: number): void {
    if (counts === null) return;
    this.counts = counts;
    this.observedAt = nowMs;
  }

  /** The usage now: the reported counts, zeroed for each window that reset since. */
  private current(nowMs: number): WindowCounts | null {
    const counts = this.counts;
    if (counts === null) return null;
    const sameQuarter = nextQuarterHour(this.observedAt) === nextQuarterHour(nowMs);
    const sameDay = nextUtcMidnight(this.observedAt) === nextUtcMidnight(nowMs);
    return {
      limit15: counts.limit15,
      limitDay: counts.limitDay,
      usage15: sameQuarter ? counts.usage15 : 0,
      usageDay: sameDay ? counts.usageDay : 0,
    };
  }

  /** The window that is used up now, the daily one first (it resets last); null when there is room. */
  exhausted(nowMs: number): Exhausted | null {
    const counts = this.current(nowMs);
    if (counts === null) return null;
    if (counts.usageDay >= counts.limitDay) return { window: 'daily', resetAt: nextUtcMidnight(nowMs) };
    if (counts.usage15 >= counts.limit15) return { window: '15-minute', resetAt: nextQuarterHour(nowMs) };
    return null;
  }

  /**
   * Takes one request from the budget when there is room (true), so that the next caller sees it
   * spent before the response comes; false when a window is used up (see `exhausted`).
   */
  take(nowMs: number): boolean {
    if (this.exhausted(nowMs) !== null) return false;
    const counts = this.current(nowMs);
    if (counts !== null) {
      this.counts = { ...counts, usage15: counts.usage15 + 1, usageDay: counts.usageDay + 1 };
      this.observedAt = nowMs;
    }
    return true;
  }
}
