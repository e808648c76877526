/**
 * C3, the long run: how it starts and grows, its time cap, its peak by distance and by the peak
 * week, and how far it sits from race day. "The long run" of a week is its longest training run,
 * whatever the day's type, so a long run cannot hide as another kind of day.
 *
 * Settlements:
 * - The rules about the whole plan (the peak long run) are checked once race week is present,
 *   and give way when a poor log capped a week (R11): the athlete then needs less, not more.
 * - Runs of at most 2 miles (the shortest run day) are exempt from the pre-race ceilings: a
 *   2-mile shakeout is always allowed two days before the race (R5).
 * - The peak long run C3 asks for is capped by the time cap counted down to a half mile (plans are
 *   written in half miles).
 * - "The peak long run" before the race is the longest run at least 21 days (marathon) or 14 days
 *   (half) before it; runs closer to the race must be shorter than it.
 */
import { EPSILON, FLOOR_MILES_PER_RUN, LONG_RUN, longRunTimeCapMiles } from '../coaching-limits.js';
import type { DistanceClass } from '../units.js';
import type { Context, WeekFacts } from './plan-context.js';
import { longRunCapOf } from './volume-rules.js';
import { mi, pct, push, where, type Violation } from './rule-ids.js';

type PreRace = { readonly longestDays: number; readonly bands: readonly { from: number; to: number; share: number }[] };

/** Days before the race and the share of the peak long run a run may reach in them. */
export const PRE_RACE_LONG: Partial<Record<DistanceClass, PreRace>> = {
  marathon: {
    longestDays: 21,
    bands: [
      { from: 11, to: 17, share: 0.75 },
      { from: 1, to: 10, share: 0.5 },
    ],
  },
  half: { longestDays: 14, bands: [{ from: 1, to: 7, share: 0.6 }] },
};

/** The longest run the plan holds at least `days` days before the race (0 when none). */
export function peakLongBefore(ctx: Context, days: number): number {
  let peak = 0;
  for (const w of ctx.weeks) {
    for (const f of w.days) {
      if (f.day.type === 'rest' || f.day.type === 'race') continue;
      if (f.toRace >= days) peak = Math.max(peak, f.miles);
    }
  }
  return peak;
}

/**
 * The smallest peak long run C3 asks of a complete plan whose biggest week is `peakWeek` miles
 * (0 when it asks none), within the time cap.
 */
export function requiredPeakLong(distance: DistanceClass, totalWeeks: number, peakWeek: number, easyPace: number): number {
  let need = 0;
  if (distance === 'marathon') {
    need = totalWeeks >= 16 ? 16 : 14;
    if (peakWeek >= 40 - EPSILON) need = 18;
    if (peakWeek >= 50 - EPSILON) need = 20;
  } else if (distance === 'half') {
    if (peakWeek >= 25 - EPSILON) need = 10;
  } else if (distance === '10k') {
    if (peakWeek >= 20 - EPSILON) need = 7;
  }
  // Plans are written in half miles: the time cap is counted down to one.
  return Math.min(need, Math.floor(longRunTimeCapMiles(distance, easyPace) * 2) / 2);
}

function checkGrowth(out: Violation[], ctx: Context, w: WeekFacts): void {
  const n = w.weekNumber;
  const before = ctx.weeks.slice(0, n - 1).map((x) => x.longest);
  const time = longRunTimeCapMiles(ctx.distance, ctx.paces.easy);
  if (w.longest > time + EPSILON) {
    push(
      out,
      'C3.long-time',
      `week ${n}: a run of ${mi(w.longest)} is over the ${mi(time)} that ${LONG_RUN.hoursCap[ctx.distance]} h at easy pace allows (never over ${LONG_RUN.maxMiles})`,
      n,
    );
    return;
  }
  const cap = longRunCapOf(ctx, before, n);
  if (w.longest <= cap + EPSILON) return;
  if (n === 1) {
    push(
      out,
      'C3.long-first',
      `week 1: a run of ${mi(w.longest)} is over the recent long run (${mi(ctx.recentLong)}) + ${LONG_RUN.firstWeekGain}`,
      n,
    );
  } else {
    push(
      out,
      'C3.long-growth',
      `week ${n}: a run of ${mi(w.longest)} is over ${mi(cap)}, the largest long run of the three weeks before + ${LONG_RUN.weeklyGain}`,
      n,
    );
  }
}

function checkPreRace(out: Violation[], ctx: Context, w: WeekFacts): void {
  const rule = PRE_RACE_LONG[ctx.distance];
  if (rule === undefined) return;
  const peak = peakLongBefore(ctx, rule.longestDays);
  if (peak <= EPSILON) return;
  for (const f of w.days) {
    if (f.day.type === 'rest' || f.day.type === 'race') continue;
    if (f.toRace < 1 || f.toRace >= rule.longestDays || f.miles <= FLOOR_MILES_PER_RUN + EPSILON) continue;
    const n = w.weekNumber;
    const d = f.day.dayNumber;
    if (f.miles >= peak - EPSILON) {
      push(
        out,
        'C3.longest-timing',
        `${where(n, d)}: a run of ${mi(f.miles)} ${f.toRace} days before the race; the longest run (${mi(peak)}) comes at least ${rule.longestDays} days before it`,
        n,
        d,
      );
      continue;
    }
    for (const band of rule.bands) {
      if (f.toRace >= band.from && f.toRace <= band.to && f.miles > band.share * peak + EPSILON) {
        push(
          out,
          'C3.pre-race-long',
          `${where(n, d)}: a run of ${mi(f.miles)} ${f.toRace} days before the race is over ${pct(band.share)} of the ${mi(peak)} peak long run`,
          n,
          d,
        );
      }
    }
  }
}

function checkTwentyMilers(out: Violation[], ctx: Context, w: WeekFacts): void {
  let count = 0;
  for (const x of ctx.weeks) {
    if (x.weekNumber > w.weekNumber) break;
    for (const f of x.days) if (f.day.type !== 'race' && f.miles >= LONG_RUN.twentyMiler - EPSILON) count += 1;
  }
  const here = w.days.some((f) => f.day.type !== 'race' && f.miles >= LONG_RUN.twentyMiler - EPSILON);
  if (here && count > LONG_RUN.maxTwentyMilers) {
    push(
      out,
      'C3.twenty-milers',
      `week ${w.weekNumber}: run ${count} of ${LONG_RUN.twentyMiler} mi or more; a plan holds at most ${LONG_RUN.maxTwentyMilers}`,
      w.weekNumber,
    );
  }
}

export function checkLongRuns(out: Violation[], ctx: Context, w: WeekFacts): void {
  checkGrowth(out, ctx, w);
  checkPreRace(out, ctx, w);
  checkTwentyMilers(out, ctx, w);
}

/** C3's peak long run, on a complete plan. */
export function checkPeakLong(out: Violation[], ctx: Context): void {
  if (!ctx.complete || ctx.heldByLogs) return;
  let peakWeek = 0;
  let peakLong = 0;
  for (const w of ctx.weeks) {
    peakWeek = Math.max(peakWeek, w.training);
    peakLong = Math.max(peakLong, w.longest);
  }
  const need = requiredPeakLong(ctx.distance, ctx.totalWeeks, peakWeek, ctx.paces.easy);
  if (peakLong < need - EPSILON) {
    push(
      out,
      'C3.long-peak',
      `the plan's longest run is ${mi(peakLong)}; a ${ctx.distance} plan of ${ctx.totalWeeks} weeks peaking at ${mi(peakWeek)} a week reaches ${mi(need)}`,
      ctx.totalWeeks,
    );
  }
}
