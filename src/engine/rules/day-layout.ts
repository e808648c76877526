/**
 * Which kind of day each day of the week is: the race and its fixed days, a long run on the
 * athlete's long day, quality sessions spread away from it, easy running between, rest on the days
 * the athlete did not choose (R9). Then how many miles each day carries (R4, R10), aiming at the
 * week's target without crossing its upper bound.
 */
import { dayMilesRange, longRunCap, longRunShare } from '../../domain/coaching-limits.js';
import type { DayType } from '../../domain/schemas.js';
import type { WeekContext } from './week-context.js';

export type DaySlot = {
  readonly dayNumber: number;
  type: DayType;
  miles: number;
};

const STEP = 0.5;
const LONG_FRACTION = { '5k': 0.25, '10k': 0.28, half: 0.33, marathon: 0.44 } as const;
/** How much the long run may grow on the longest so far, week to week. */
const LONG_RUN_GROWTH = 2;

function floorToStep(miles: number): number {
  return Math.floor(miles / STEP + 1e-9) * STEP;
}

function qualityCount(ctx: WeekContext, runDays: number): number {
  if (ctx.isRaceWeek) return 0;
  let q: number;
  switch (ctx.phase) {
    case 'base':
      q = 0;
      break;
    case 'build':
      q = ctx.phaseWeekIndex < ctx.phaseWeekCount / 2 ? 1 : 2;
      break;
    case 'peak':
      q = 2;
      break;
    case 'taper':
      q = 1;
      break;
  }
  if (ctx.isCutback || runDays <= 3) q = Math.min(q, 1);
  return q;
}

/** The athlete's long-run day: Saturday, else Sunday, else their last run day of the week. */
function pickLongDay(candidates: readonly number[], ctx: WeekContext): number | undefined {
  const allowed = candidates.filter((d) => !(d === 1 && ctx.previousDayHard));
  for (const preferred of [6, 7]) if (allowed.includes(preferred)) return preferred;
  return allowed[allowed.length - 1];
}

/** Spreads hard days: each new one as far as possible from the hard days already placed. */
function pickQualityDays(candidates: readonly number[], hard: number[], count: number, ctx: WeekContext): number[] {
  const picked: number[] = [];
  for (let i = 0; i < count && hard.length < 3; i += 1) {
    let best: number | undefined;
    let bestGap = -1;
    for (const d of candidates) {
      if (hard.includes(d)) continue;
      if (d === 1 && ctx.previousDayHard) continue;
      if (hard.some((h) => Math.abs(h - d) <= 1)) continue;
      const gap = hard.length === 0 ? 7 - Math.abs(d - 3) : Math.min(...hard.map((h) => Math.abs(h - d)));
      if (gap > bestGap) {
        bestGap = gap;
        best = d;
      }
    }
    if (best === undefined) break;
    hard.push(best);
    picked.push(best);
  }
  return picked;
}

type Layout = { slots: DaySlot[]; ranges: Map<number, { min: number; max: number }> };

function rangeOf(type: DayType, ctx: WeekContext, target: number): { min: number; max: number } {
  if (type === 'long') {
    const cap = Math.min(longRunCap(ctx.distance, ctx.weekNumber), floorToStep(longRunShare(ctx.distance) * target));
    return { min: 6, max: Math.max(6, cap) };
  }
  const r = dayMilesRange(type, ctx.inputs.weeklyMileage);
  return { min: r.min, max: r.max };
}

export type LayoutOptions = {
  readonly allowLong: boolean;
  readonly qualityDays: number;
  readonly restOnePreferred: boolean;
  /** 0 = easy days, 1 = moderate days where easy cannot carry the volume. */
  readonly easyAsModerate: boolean;
};

function layOut(ctx: WeekContext, options: LayoutOptions): Layout {
  const preferred = new Set(ctx.inputs.preferredDays);
  const slots: DaySlot[] = [];
  const candidates: number[] = [];
  for (const d of ctx.dayNumbers) {
    const fixed = ctx.fixed.get(d);
    if (fixed === 'race') slots.push({ dayNumber: d, type: 'race', miles: 0 });
    else if (fixed === 'shakeout') slots.push({ dayNumber: d, type: 'shakeout', miles: 0 });
    else if (fixed !== undefined || !preferred.has(d)) slots.push({ dayNumber: d, type: 'rest', miles: 0 });
    else {
      slots.push({ dayNumber: d, type: 'easy', miles: 0 });
      candidates.push(d);
    }
  }
  const slot = (d: number): DaySlot => {
    const found = slots.find((s) => s.dayNumber === d);
    if (!found) throw new Error(`no slot for day ${d}`);
    return found;
  };
  const hard: number[] = [];
  let longDay: number | undefined;
  if (options.allowLong && !ctx.isRaceWeek) {
    longDay = pickLongDay(candidates, ctx);
    if (longDay !== undefined) {
      slot(longDay).type = 'long';
      hard.push(longDay);
    }
  }
  if (options.restOnePreferred && candidates.length >= 2) {
    // The day after the long run, else Monday, else the first candidate: rest where it helps most.
    const afterLong = longDay === undefined ? undefined : longDay + 1;
    const rest =
      [afterLong, 1, ...candidates].find((d) => d !== undefined && candidates.includes(d) && d !== longDay) ?? candidates[0];
    if (rest !== undefined) {
      slot(rest).type = 'rest';
      candidates.splice(candidates.indexOf(rest), 1);
    }
  }
  const qualityDays = pickQualityDays(
    candidates.filter((d) => d !== longDay),
    hard,
    options.qualityDays,
    ctx,
  );
  qualityDays.forEach((d, i) => {
    const raceSpecific = ctx.phase === 'peak' || ctx.phase === 'taper';
    const intervalsFirst = (ctx.weekNumber + ctx.variant) % 2 === 0 && raceSpecific;
    slot(d).type = (i === 0) !== intervalsFirst ? 'tempo' : 'intervals';
  });
  for (const d of candidates) {
    const s = slot(d);
    if (s.type !== 'easy') continue;
    if (options.easyAsModerate) s.type = 'moderate';
    else if (longDay !== undefined && d === longDay + 1 && candidates.length >= 4) s.type = 'recovery';
  }
  const ranges = new Map<number, { min: number; max: number }>();
  for (const s of slots) if (s.type !== 'rest' && s.type !== 'race') ranges.set(s.dayNumber, rangeOf(s.type, ctx, ctx.target));
  return { slots, ranges };
}

function sumRange(layout: Layout, key: 'min' | 'max'): number {
  let total = 0;
  for (const r of layout.ranges.values()) total += r[key];
  return total;
}

/** The floor layout: every run day a 2-mile recovery run (R5/R6/R8 hold at the floor). */
function floorLayout(layout: Layout): Layout {
  for (const s of layout.slots) {
    if (s.type === 'rest' || s.type === 'race' || s.type === 'shakeout') continue;
    s.type = 'recovery';
    layout.ranges.set(s.dayNumber, { min: 2, max: 2 });
  }
  for (const s of layout.slots) if (s.type === 'shakeout') layout.ranges.set(s.dayNumber, { min: 2, max: 2 });
  return layout;
}

function runDayCount(layout: Layout): number {
  return layout.slots.filter((s) => s.type !== 'rest' && s.type !== 'race').length;
}

/**
 * Picks the layout: every variation of the phase's pattern (with or without the long run, 0–2
 * quality days, easy or moderate days between) is filled, and the one whose miles land closest to
 * the week's target wins, a little weight keeping it near the phase's own pattern. A variation must
 * stay under the week's upper bound (or at the floor) and reach its lower bound (R7).
 */
export function chooseLayout(ctx: WeekContext): DaySlot[] {
  const candidates = ctx.dayNumbers.filter((d) => ctx.inputs.preferredDays.includes(d) && !ctx.fixed.has(d)).length;
  const restOnePreferred =
    ctx.inputs.preferredDays.length >= 6 &&
    candidates >= 6 &&
    (ctx.inputs.preferredDays.length === 7 || ctx.target / candidates < 3.5);
  const runDays = candidates - (restOnePreferred ? 1 : 0);
  const wantLong = !ctx.isRaceWeek && ctx.target * longRunShare(ctx.distance) >= 6.5 && ctx.target >= 12;
  const q = qualityCount(ctx, runDays);
  const maxQuality = ctx.isRaceWeek ? 0 : 2;
  const aim = Math.max(ctx.lower, Math.min(ctx.target, ctx.upper));

  let best: { slots: DaySlot[]; score: number } | undefined;
  for (const allowLong of ctx.isRaceWeek ? [false] : [true, false]) {
    for (let quality = 0; quality <= maxQuality; quality += 1) {
      for (const easyAsModerate of [false, true]) {
        const layout = layOut(ctx, { allowLong, qualityDays: quality, restOnePreferred, easyAsModerate });
        const min = sumRange(layout, 'min');
        if (min > ctx.upper + 1e-9 && min > 2 * runDayCount(layout)) continue;
        const slots = fill(layout, ctx);
        if (!slots) continue;
        const miles = slots.reduce((sum, s) => sum + (s.type === 'race' ? 0 : s.miles), 0);
        if (miles < ctx.lower - 1e-9) continue;
        const departures =
          Number(allowLong !== wantLong) + Math.abs(quality - q) + Number(easyAsModerate);
        const score = Math.abs(aim - miles) + 1.5 * departures;
        if (!best || score < best.score - 1e-9) best = { slots, score };
      }
    }
  }
  if (best) return best.slots;
  // Nothing fits under the upper bound: the floor always does.
  const floor = fill(floorLayout(layOut(ctx, { allowLong: false, qualityDays: 0, restOnePreferred, easyAsModerate: false })), ctx);
  if (!floor) throw new Error(`week ${ctx.weekNumber}: no layout fits`);
  return floor;
}

/**
 * Distributes the week's miles: minimums first, then the long run and quality days, then the rest.
 * Undefined when the long run would exceed its share of the week as filled (R10).
 */
function fill(layout: Layout, ctx: WeekContext): DaySlot[] | undefined {
  const runs = layout.slots.filter((s) => layout.ranges.has(s.dayNumber));
  const minTotal = sumRange(layout, 'min');
  for (const s of runs) s.miles = layout.ranges.get(s.dayNumber)?.min ?? 0;
  const atFloorOnly = minTotal > ctx.upper + 1e-9;
  const goal = atFloorOnly ? minTotal : Math.max(minTotal, Math.min(ctx.upper, Math.max(ctx.target, ctx.lower)));
  let remaining = floorToStep(goal - minTotal);
  if (minTotal + remaining < ctx.lower - 1e-9 && minTotal + remaining + STEP <= ctx.upper + 1e-9) remaining += STEP;

  const grow = (s: DaySlot, upTo: number): void => {
    const max = Math.min(upTo, layout.ranges.get(s.dayNumber)?.max ?? s.miles);
    const add = Math.max(0, Math.min(remaining, floorToStep(max - s.miles)));
    s.miles += add;
    remaining -= add;
  };
  const long = runs.find((s) => s.type === 'long');
  if (long) {
    const range = layout.ranges.get(long.dayNumber);
    // Not in the first-week check (R7), whose minimum may need the full long run at once.
    if (range && ctx.longestRun > 0 && ctx.lower === 0) range.max = Math.max(range.min, Math.min(range.max, ctx.longestRun + LONG_RUN_GROWTH));
    grow(long, floorToStep(goal * LONG_FRACTION[ctx.distance]));
  }
  for (const s of runs) if (s.type === 'tempo' || s.type === 'intervals') grow(s, Math.max(5, floorToStep(goal * 0.16)));
  for (const s of runs) if (s.type === 'shakeout') grow(s, 3);
  // Round-robin the rest over the ordinary days, half a mile at a time, then over every day.
  const ordinary = runs.filter((s) => s.type === 'easy' || s.type === 'moderate' || s.type === 'recovery');
  for (const pool of [ordinary, runs.filter((s) => s.type !== 'shakeout')]) {
    while (remaining >= STEP - 1e-9) {
      // The lightest day with room left takes the next half mile (earliest day on a tie).
      let next: DaySlot | undefined;
      for (const s of pool) {
        if (s.miles + STEP > (layout.ranges.get(s.dayNumber)?.max ?? 0) + 1e-9) continue;
        if (!next || s.miles < next.miles || (s.miles === next.miles && s.dayNumber < next.dayNumber)) next = s;
      }
      if (!next) break;
      next.miles += STEP;
      remaining -= STEP;
    }
  }
  if (long) {
    // R10: trim the long run until it is within its share of the week it leaves.
    const share = longRunShare(ctx.distance);
    let total = runs.reduce((sum, s) => sum + s.miles, 0);
    while (long.miles > share * total + 1e-9 && long.miles - STEP >= 6) {
      long.miles -= STEP;
      total -= STEP;
    }
    if (long.miles > share * total + 1e-9) return undefined;
  }
  return layout.slots;
}
