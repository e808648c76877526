/**
 * Strava's rate-limit arithmetic: the windows' resets (natural quarter hours, midnight UTC), the
 * headers read as the tighter of the overall and read limits, the budget a burst shares, and the
 * backoff after a 429 that says nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  RateLimitBudget,
  backoffMs,
  nextQuarterHour,
  nextUtcMidnight,
  parseRateLimitHeaders,
} from '../../../src/integrations/strava/strava-rate-limits.js';

const at = (iso: string): number => Date.parse(iso);
const headers =
  (values: Record<string, string>) =>
  (name: string): string | null =>
    values[name] ?? null;

describe('the windows', () => {
  it('reset at :00, :15, :30 and :45 (UTC), and the day at midnight UTC', () => {
    expect(new Date(nextQuarterHour(at('2026-12-06T13:07:30Z'))).toISOString()).toBe('2026-12-06T13:15:00.000Z');
    expect(new Date(nextQuarterHour(at('2026-12-06T13:15:00Z'))).toISOString()).toBe('2026-12-06T13:30:00.000Z');
    expect(new Date(nextQuarterHour(at('2026-12-06T23:59:59.999Z'))).toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(new Date(nextUtcMidnight(at('2026-12-06T13:07:30Z'))).toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(new Date(nextUtcMidnight(at('2026-12-31T00:00:00Z'))).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('the headers', () => {
  it('read the 15-minute and daily pairs', () => {
    expect(parseRateLimitHeaders(headers({ 'X-RateLimit-Limit': '200,2000', 'X-RateLimit-Usage': '12,340' }))).toEqual({
      limit15: 200,
      limitDay: 2000,
      usage15: 12,
      usageDay: 340,
    });
  });

  it('take, per window, the tighter of the overall and read limits', () => {
    const counts = parseRateLimitHeaders(
      headers({
        'X-RateLimit-Limit': '200,2000',
        'X-RateLimit-Usage': '150,400',
        'X-ReadRateLimit-Limit': '100,1000',
        'X-ReadRateLimit-Usage': '20,990',
      }),
    );
    // Overall leaves 50 in the quarter (read leaves 80); read leaves 10 in the day (overall 1,600).
    expect(counts).toEqual({ limit15: 200, usage15: 150, limitDay: 1000, usageDay: 990 });
  });

  it('are ignored when absent or malformed', () => {
    expect(parseRateLimitHeaders(headers({}))).toBeNull();
    expect(parseRateLimitHeaders(headers({ 'X-RateLimit-Limit': '200', 'X-RateLimit-Usage': '1,2' }))).toBeNull();
    expect(parseRateLimitHeaders(headers({ 'X-RateLimit-Limit': 'a,b', 'X-RateLimit-Usage': '1,2' }))).toBeNull();
  });
});

describe('the budget', () => {
  it('has room until told otherwise', () => {
    const budget = new RateLimitBudget();
    expect(budget.exhausted(at('2026-12-06T13:00:00Z'))).toBeNull();
    expect(budget.take(at('2026-12-06T13:00:00Z'))).toBe(true);
  });

  it('counts requests sent since the last report, so a burst stops at the limit', () => {
    const budget = new RateLimitBudget();
    const now = at('2026-12-06T13:07:00Z');
    budget.observe({ limit15: 100, limitDay: 1000, usage15: 97, usageDay: 500 }, now);
    expect([budget.take(now), budget.take(now), budget.take(now), budget.take(now)]).toEqual([true, true, true, false]);
    expect(budget.exhausted(now)).toEqual({ window: '15-minute', resetAt: at('2026-12-06T13:15:00Z') });
  });

  it('forgets a spent 15-minute window at the next quarter hour, and a spent day at midnight UTC', () => {
    const budget = new RateLimitBudget();
    budget.observe({ limit15: 100, limitDay: 1000, usage15: 100, usageDay: 400 }, at('2026-12-06T13:14:59Z'));
    expect(budget.exhausted(at('2026-12-06T13:14:59.999Z'))?.window).toBe('15-minute');
    expect(budget.exhausted(at('2026-12-06T13:15:00Z'))).toBeNull();

    budget.observe({ limit15: 100, limitDay: 1000, usage15: 3, usageDay: 1000 }, at('2026-12-06T22:00:00Z'));
    expect(budget.exhausted(at('2026-12-06T23:50:00Z'))).toEqual({ window: 'daily', resetAt: at('2026-12-07T00:00:00Z') });
    expect(budget.exhausted(at('2026-12-07T00:00:00Z'))).toBeNull();
  });

  it('names the daily window first when both are spent (it resets last)', () => {
    const budget = new RateLimitBudget();
    const now = at('2026-12-06T10:01:00Z');
    budget.observe({ limit15: 100, limitDay: 1000, usage15: 100, usageDay: 1000 }, now);
    expect(budget.exhausted(now)?.window).toBe('daily');
  });
});

describe('the backoff after a 429 that does not say which limit', () => {
  it('doubles from 1 s and stops at its cap', () => {
    expect([0, 1, 2, 3].map(backoffMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30)).toBe(BACKOFF_CAP_MS);
  });
});
