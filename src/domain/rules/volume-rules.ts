/**
 * The rules about a week's volume: R5's taper, R6 progression, R7 the first week, R8 cutbacks,
 * R10 the long run's share and R11 adaptation. All compare training miles (the race apart).
 *
 * Settlements (PLAN-RULES leaves the room; the safer side is taken):
 * - Weeks at the floor (≤ 2 mi a run day) satisfy R5, R6, R8, R7's upper bound and R11: a week
 *   cannot be smaller, and a missed log must not force one under two miles a run.
 * - R7's lower bound is min(0.7 × baseline, 0.8 × what the week surely holds: a run of up to 6 mi
 *   on each preferred day, or C3's cap when lower). One run a day under C3, R4 and R10 cannot
 *   always reach 0.7 × baseline (150 mi/week on 3 days, or with a 3-mile recent long run).
 *   R11 wins over that lower bound.
 * - R8's windows start at week 3 (the first is weeks 3–6): weeks 1 and 2 hold the athlete at
 *   their own volume (R7, and R6 against the baseline), so a step back there would be a step back
 *   from their normal week, not from the plan's build.
 * - R11's return: for up to 4 weeks after a poor week, while the weeks since went well, R6 takes
 *   its reference from the two weeks before the poor week and its 1.30 × clause is lifted.
 */
import { dayNumberOf } from '../calendar.js';
import { EPSILON, LONG_RUN, firstWeekBounds, longRunShare, longRunTimeCapMiles } from '../coaching-limits.js';
import type { PlanInputs } from '../schemas.js';
import { DAYS_PER_WEEK, weekAt, type Context, type WeekFacts } from './plan-context.js';
import { mi, pct, push, where, type Violation } from './rule-ids.js';
import { isTuneUpWeek, tuneUpMilesOf } from './tune-up-rules.js';

/** R7's capacity counts runs of up to this many miles. */
const FIRST_WEEK_RUN_MILES = 6;

export const VOLUME = {
  preRaceWeekShare: 0.8,
  raceWeekShare: 0.6,
  progressionGrowth: 1.1,
  progressionAllowance: 1,
  progressionJump: 1.3,
  firstWeekMinDays: 4,
  firstWeekCapacityShare: 0.8,
  cutbackShare: 0.9,
  cutbackLongShare: 0.85,
  cutbackWindow: 4,
  cutbackFirstWeek: 3,
} as const;

/** The week R7 checks: week 1 when it has at least four days, else week 2. */
export function firstCheckedWeek(inputs: Pick<PlanInputs, 'startDate'>): number {
  return DAYS_PER_WEEK - dayNumberOf(inputs.startDate) + 1 >= VOLUME.firstWeekMinDays ? 1 : 2;
}

/**
 * R7's capacity: what week `weekNumber` can surely hold on its preferred days, one run a day of
 * up to 6 miles, or less when C3 caps every run lower (`longCap`). Deliberately modest: R4's
 * easy cap, R10's share and the medium-long cap interact, and the safer settlement asks less of a
 * first week, never more; the upper bound still keeps the week near the baseline.
 */
export function firstWeekCapacity(inputs: Pick<PlanInputs, 'startDate' | 'preferredDays'>, weekNumber: number, longCap: number): number {
  const first = weekNumber === 1 ? dayNumberOf(inputs.startDate) : 1;
  let days = 0;
  for (let d = first; d <= DAYS_PER_WEEK; d += 1) if (inputs.preferredDays.includes(d)) days += 1;
  return days * Math.min(FIRST_WEEK_RUN_MILES, longCap);
}

/** C3's cap on the longest run of week `weekNumber` given the longest runs before it. */
export function longRunCapOf(
  ctx: Pick<Context, 'recentLong' | 'distance' | 'paces'>,
  longestBefore: readonly number[],
  weekNumber: number,
): number {
  const time = longRunTimeCapMiles(ctx.distance, ctx.paces.easy);
  if (weekNumber === 1) return Math.min(time, ctx.recentLong + LONG_RUN.firstWeekGain);
  let ref = 0;
  for (let k = weekNumber - LONG_RUN.lookBackWeeks; k <= weekNumber - 1; k += 1) {
    ref = Math.max(ref, k >= 1 ? (longestBefore[k - 1] ?? 0) : ctx.recentLong);
  }
  return Math.min(time, ref + LONG_RUN.weeklyGain);
}

/** The peak week R5 compares the taper with: the most training miles of any week outside it. */
function peakOf(ctx: Context): number | undefined {
  let peak: number | undefined;
  for (const w of ctx.weeks) if (!w.taper && (peak === undefined || w.training > peak)) peak = w.training;
  return peak;
}

function checkTaper(out: Violation[], ctx: Context, w: WeekFacts): void {
  const n = w.weekNumber;
  const prev = weekAt(ctx, n - 1);
  if (w.raceWeek) {
    for (const f of w.days) {
      const t = f.day.type;
      if (t === 'tempo' || t === 'intervals' || t === 'long') {
        push(
          out,
          'R5.race-week-hard',
          `${where(n, f.day.dayNumber)}: a ${t} day in race week; race week has no tempo, intervals or long run`,
          n,
          f.day.dayNumber,
        );
      }
    }
  }
  if (w.atFloor) return;
  if (w.taper && prev !== undefined && w.training > prev.training + EPSILON) {
    push(out, 'R5.taper-growth', `week ${n}: taper week of ${mi(w.training)} grows from week ${n - 1}'s ${mi(prev.training)}`, n);
  }
  const peak = peakOf(ctx);
  if (peak === undefined) return;
  if (n === ctx.totalWeeks - 1 && w.full) {
    const cap = VOLUME.preRaceWeekShare * peak;
    if (w.training > cap + EPSILON) {
      push(
        out,
        'R5.pre-race-week',
        `week ${n}: ${mi(w.training)} the week before race week is over ${pct(VOLUME.preRaceWeekShare)} of the peak week's ${mi(peak)} (${mi(cap)})`,
        n,
      );
    }
  }
  if (w.raceWeek) {
    const cap = VOLUME.raceWeekShare * peak;
    if (w.training > cap + EPSILON) {
      push(
        out,
        'R5.race-week',
        `week ${n}: race week's ${mi(w.training)} without the race is over ${pct(VOLUME.raceWeekShare)} of the peak week's ${mi(peak)} (${mi(cap)})`,
        n,
      );
    }
  }
}

/** Miles of week k for R6: the baseline stands in for a week that does not exist or is partial. */
function progressionMiles(ctx: Context, k: number): number {
  const w = weekAt(ctx, k);
  // A tune-up's miles count here: the athlete ran them (settled in tune-up-rules.ts).
  return w !== undefined && w.full ? w.training + tuneUpMilesOf(w.days) : ctx.baseline;
}

function checkProgression(out: Violation[], ctx: Context, w: WeekFacts): void {
  const n = w.weekNumber;
  if (w.taper || !w.full || w.atFloor) return;
  const from = w.returningFrom;
  if (from !== undefined) {
    const ref = Math.max(progressionMiles(ctx, from - 1), progressionMiles(ctx, from - 2));
    const cap = VOLUME.progressionGrowth * ref + VOLUME.progressionAllowance;
    if (w.training > cap + EPSILON) {
      push(
        out,
        'R6.progression',
        `week ${n}: ${mi(w.training)} is over ${VOLUME.progressionGrowth} × ${mi(ref)} + ${VOLUME.progressionAllowance} (${mi(cap)}), the most it may reach returning from week ${from}`,
        n,
      );
    }
    return;
  }
  const prev = progressionMiles(ctx, n - 1);
  const ref = Math.max(prev, progressionMiles(ctx, n - 2));
  const growthCap = VOLUME.progressionGrowth * ref + VOLUME.progressionAllowance;
  const jumpCap = VOLUME.progressionJump * prev;
  if (w.training > growthCap + EPSILON) {
    push(
      out,
      'R6.progression',
      `week ${n}: ${mi(w.training)} is over ${VOLUME.progressionGrowth} × ${mi(ref)} + ${VOLUME.progressionAllowance} (${mi(growthCap)}), the most it may grow from the weeks before`,
      n,
    );
  } else if (w.training > jumpCap + EPSILON) {
    push(
      out,
      'R6.progression',
      `week ${n}: ${mi(w.training)} is over ${VOLUME.progressionJump} × the week before's ${mi(prev)} (${mi(jumpCap)})`,
      n,
    );
  }
}

function checkFirstWeek(out: Violation[], ctx: Context, w: WeekFacts): void {
  const n = w.weekNumber;
  if (n !== firstCheckedWeek(ctx.inputs) || w.days.length === 0) return;
  const scale = w.days.length / DAYS_PER_WEEK;
  const bounds = firstWeekBounds(ctx.baseline);
  const shown = w.full ? mi(w.training) : `${mi(w.training)} over ${w.days.length} days`;
  const max = bounds.max * scale;
  if (w.training > max + EPSILON && !w.atFloor) {
    push(out, 'R7.first-week', `week ${n}: ${shown} is over the first-week limit of ${mi(max)} for a ${ctx.baseline} mi/week baseline`, n);
  }
  if (w.cap !== undefined) return;
  const longestBefore = ctx.weeks.slice(0, n - 1).map((x) => x.longest);
  const capacity = firstWeekCapacity(ctx.inputs, n, longRunCapOf(ctx, longestBefore, n));
  const min = Math.min(bounds.min * scale, VOLUME.firstWeekCapacityShare * capacity);
  if (w.training < min - EPSILON) {
    push(
      out,
      'R7.first-week',
      `week ${n}: ${shown} is under the first-week minimum of ${mi(min)} for a ${ctx.baseline} mi/week baseline`,
      n,
    );
  }
}

/** A cutback week (R8): ≤ 90% of the week before, its longest run ≤ 85% of the one before; or at the floor. */
export function isCutbackOf(
  w: Pick<WeekFacts, 'training' | 'longest' | 'atFloor'>,
  before: Pick<WeekFacts, 'training' | 'longest'>,
): boolean {
  if (w.atFloor) return true;
  return w.training <= VOLUME.cutbackShare * before.training + EPSILON && w.longest <= VOLUME.cutbackLongShare * before.longest + EPSILON;
}

/** R8, reported on the last week of each window: weeks n−3..n. */
function checkCutback(out: Violation[], ctx: Context, w: WeekFacts): void {
  const n = w.weekNumber;
  const k = n - VOLUME.cutbackWindow + 1;
  if (k < VOLUME.cutbackFirstWeek) return;
  for (let i = k; i <= n; i += 1) {
    const x = weekAt(ctx, i);
    if (x === undefined || !x.full || x.taper || isTuneUpWeek(x)) return;
  }
  for (let i = k; i <= n; i += 1) {
    // A week after a tune-up's week is measured against the week before that one.
    const before = weekAt(ctx, i - 1) as WeekFacts;
    const ref = isTuneUpWeek(before) ? (weekAt(ctx, i - 2) ?? before) : before;
    if (isCutbackOf(weekAt(ctx, i) as WeekFacts, ref)) return;
  }
  push(
    out,
    'R8.cutback',
    `weeks ${k}–${n}: none is a cutback week (at most ${pct(VOLUME.cutbackShare)} of the week before, its long run at most ${pct(VOLUME.cutbackLongShare)} of the one before) or at the floor`,
    n,
  );
}

function checkLongShare(out: Violation[], ctx: Context, w: WeekFacts): void {
  const share = longRunShare(ctx.distance, w.training);
  for (const f of w.days) {
    if (f.day.type !== 'long') continue;
    if (f.miles > share * w.training + EPSILON) {
      push(
        out,
        'R10.long-share',
        `${where(w.weekNumber, f.day.dayNumber)}: long run of ${mi(f.miles)} is over ${pct(share)} of the week's ${mi(w.training)}`,
        w.weekNumber,
        f.day.dayNumber,
      );
    }
  }
}

function checkAdaptation(out: Violation[], w: WeekFacts): void {
  if (w.cap === undefined || w.atFloor) return;
  if (w.training > w.cap.limit + EPSILON) {
    push(out, 'R11.adaptation', `week ${w.weekNumber}: ${mi(w.training)} is over ${mi(w.cap.limit)}; ${w.cap.why}`, w.weekNumber);
  }
}

export function checkVolume(out: Violation[], ctx: Context, w: WeekFacts): void {
  checkTaper(out, ctx, w);
  checkProgression(out, ctx, w);
  checkFirstWeek(out, ctx, w);
  checkCutback(out, ctx, w);
  checkLongShare(out, ctx, w);
  checkAdaptation(out, w);
}
