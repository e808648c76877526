/**
 * C4, progression and variety: weeks that change, sessions that do not repeat endlessly, a plan
 * that uses several kinds of work, strides in the base, and a taper that keeps some intensity.
 *
 * Settlements: weeks capped by a poor log (R11) or at the floor are exempt from C4's demands
 * (they are the athlete's recovery, not the plan's design), and so is a plan a poor log held back
 * from the variety rule. "Its peak volume" in the taper rule is the most fast miles of any quality
 * session before the taper.
 */
import { EPSILON } from '../coaching-limits.js';
import type { SessionKind } from '../schemas.js';
import { weekAt, type Context, type WeekFacts } from './plan-context.js';
import { mi, push, where, type Violation } from './rule-ids.js';

export const VARIETY = {
  sameWeeksRun: 3,
  sameSessionRun: 3,
  minPlanWeeks: 8,
  minKinds: 4,
  baseStridesRunDays: 4,
  taperQualityShare: 0.7,
} as const;

/** The kinds C4's variety counts; tempo and cruise intervals are one kind. */
export function varietyKind(session: SessionKind, distance: string): string | undefined {
  switch (session) {
    case 'strides':
    case 'hills':
    case 'fartlek':
    case 'intervals':
    case 'race-pace':
    case 'progression':
      return session;
    case 'tempo':
    case 'cruise-intervals':
      return 'tempo';
    case 'long-race-pace-finish':
      return distance === 'half' || distance === 'marathon' ? session : undefined;
    default:
      return undefined;
  }
}

function exempt(w: WeekFacts): boolean {
  return w.cap !== undefined || w.atFloor;
}

function signature(w: WeekFacts): string {
  return `${w.training.toFixed(1)}|${w.longest.toFixed(1)}|${w.quality.map((f) => f.template).join(',')}`;
}

function checkSameWeeks(out: Violation[], ctx: Context, w: WeekFacts): void {
  const run: WeekFacts[] = [];
  for (let k = w.weekNumber - VARIETY.sameWeeksRun + 1; k <= w.weekNumber; k += 1) {
    const x = weekAt(ctx, k);
    if (x === undefined || !x.full || x.taper || exempt(x)) return;
    run.push(x);
  }
  const first = signature(run[0] as WeekFacts);
  if (run.every((x) => signature(x) === first)) {
    push(
      out,
      'C4.same-weeks',
      `weeks ${w.weekNumber - 2}–${w.weekNumber} are the same (miles, long run and quality sessions); a plan moves on`,
      w.weekNumber,
    );
  }
}

function checkSameSession(out: Violation[], ctx: Context, w: WeekFacts): void {
  const sessions = ctx.weeks.slice(0, w.weekNumber).flatMap((x) => x.quality);
  const firstHere = sessions.length - w.quality.length;
  for (let i = Math.max(firstHere, VARIETY.sameSessionRun - 1); i < sessions.length; i += 1) {
    const f = sessions[i];
    if (f === undefined) continue;
    let same = true;
    for (let j = 1; j < VARIETY.sameSessionRun; j += 1) same &&= sessions[i - j]?.template === f.template;
    if (same) {
      push(
        out,
        'C4.same-session',
        `${where(w.weekNumber, f.day.dayNumber)}: the same ${f.session ?? f.day.type} session (${f.template}) a third time in a row`,
        w.weekNumber,
        f.day.dayNumber,
      );
    }
  }
}

function checkBaseStrides(out: Violation[], w: WeekFacts): void {
  if (w.phase !== 'base' || w.runDays < VARIETY.baseStridesRunDays || exempt(w)) return;
  if (!w.days.some((f) => f.session === 'strides')) {
    push(out, 'C4.base-strides', `week ${w.weekNumber}: a base week of ${w.runDays} runs without strides`, w.weekNumber);
  }
}

function checkTaperQuality(out: Violation[], ctx: Context, w: WeekFacts): void {
  if (!w.taper || w.raceWeek || exempt(w)) return;
  let peak = 0;
  for (const x of ctx.weeks) if (!x.taper) for (const f of x.quality) peak = Math.max(peak, f.fastMiles);
  if (peak <= EPSILON) return;
  if (w.quality.length === 0) {
    push(out, 'C4.taper-quality', `week ${w.weekNumber}: a taper week with no quality session; the taper keeps one`, w.weekNumber);
    return;
  }
  for (const f of w.quality) {
    if (f.fastMiles > VARIETY.taperQualityShare * peak + EPSILON) {
      push(
        out,
        'C4.taper-quality',
        `${where(w.weekNumber, f.day.dayNumber)}: ${mi(f.fastMiles)} of fast running in the taper is over 70% of the peak session's ${mi(peak)}`,
        w.weekNumber,
        f.day.dayNumber,
      );
    }
  }
}

export function checkVariety(out: Violation[], ctx: Context, w: WeekFacts): void {
  checkSameWeeks(out, ctx, w);
  checkSameSession(out, ctx, w);
  checkBaseStrides(out, w);
  checkTaperQuality(out, ctx, w);
}

/** C4's variety, on a complete plan of at least 8 weeks that holds quality. */
export function checkPlanVariety(out: Violation[], ctx: Context): void {
  if (!ctx.complete || ctx.heldByLogs || ctx.totalWeeks < VARIETY.minPlanWeeks) return;
  const kinds = new Set<string>();
  let quality = 0;
  for (const w of ctx.weeks) {
    quality += w.quality.length;
    for (const f of w.days) {
      const kind = f.session === undefined ? undefined : varietyKind(f.session, ctx.distance);
      if (kind !== undefined) kinds.add(kind);
    }
  }
  if (quality > 0 && kinds.size < VARIETY.minKinds) {
    push(
      out,
      'C4.variety',
      `the plan uses ${kinds.size} kinds of work (${[...kinds].join(', ') || 'none'}); a plan of ${ctx.totalWeeks} weeks uses at least ${VARIETY.minKinds}`,
      ctx.totalWeeks,
    );
  }
}
