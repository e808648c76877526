/**
 * The return ramp after a break (`/plan pause` … `/plan resume`): how much of the athlete's
 * pre-break week and long run each week back holds, by the break's length and why it happened.
 *
 * - up to 7 days: one week at about 90%;
 * - 8–14 days: about 70%, then about 85%;
 * - longer: a new base block of four to six weeks: easy volume from about 60% of the old week,
 *   +10 points a week up to 90%, with one quality session back only in its last two weeks.
 *
 * Illness and injury ramp 10 points lower than travel or a busy spell, and their first week back
 * is easy volume only (no quality); quality returns one session at a time. The ramp only ever
 * lowers a week: the rules engine still applies every rule of PLAN-RULES v2 on top of it.
 */
import { effectiveLog } from '../../domain/rules/adaptation.js';
import { dayMiles, trainingMiles } from '../../domain/plan-math.js';
import type { PlannedWeek } from '../../domain/schemas.js';
import type { RampWeek } from '../plan-engine.js';

export const BREAK_REASONS = ['sick', 'injured', 'travel', 'busy'] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];

/** What the athlete was doing before the break: their week and long run (miles). */
export type AthleteState = { readonly volume: number; readonly long: number };

export type ReturnRamp = {
  readonly kind: 'short' | 'medium' | 'base-block';
  /** Each week's share of the pre-break week, first week back first. */
  readonly shares: readonly number[];
  readonly weeks: readonly RampWeek[];
};

/** Illness and injury come back gentler than travel: this many points lower. */
const GENTLER = 0.1;
const SHORT_BREAK_DAYS = 7;
const MEDIUM_BREAK_DAYS = 14;

function isGentle(reason: BreakReason | null): boolean {
  return reason === 'sick' || reason === 'injured';
}

function halfMiles(miles: number): number {
  return Math.floor(miles * 2 + 1e-9) / 2;
}

/** The shares and quality sessions of each week back, before the athlete's numbers. */
function shape(breakDays: number, reason: BreakReason | null): { kind: ReturnRamp['kind']; shares: number[]; quality: number[] } {
  const less = isGentle(reason) ? GENTLER : 0;
  // Illness and injury: the first week back is easy volume only.
  const firstQuality = isGentle(reason) ? 0 : 1;
  if (breakDays <= SHORT_BREAK_DAYS) return { kind: 'short', shares: [0.9 - less], quality: [firstQuality] };
  if (breakDays <= MEDIUM_BREAK_DAYS) return { kind: 'medium', shares: [0.7 - less, 0.85 - less], quality: [0, firstQuality] };
  // A new base block: a week longer for every further two weeks off, four to six weeks.
  const length = Math.min(6, 4 + Math.floor((breakDays - MEDIUM_BREAK_DAYS - 1) / 14));
  const start = 0.6 - less;
  const shares = Array.from({ length }, (_, i) => Math.min(0.9, start + 0.1 * i));
  // Easy volume with strides first; one quality session in the block's last two weeks.
  const quality = shares.map((_, i) => (i >= length - 2 ? 1 : 0));
  return { kind: 'base-block', shares, quality };
}

/** The ramp for a break of `breakDays` days, from the athlete's state before it. */
export function returnRampOf(breakDays: number, reason: BreakReason | null, state: AthleteState): ReturnRamp {
  const { kind, shares, quality } = shape(breakDays, reason);
  const weeks = shares.map((share, i) => ({
    volume: Math.max(0, share * state.volume),
    long: Math.max(2, halfMiles(share * state.long)),
    quality: quality[i] ?? 0,
  }));
  return { kind, shares, weeks };
}

/**
 * The athlete's state before a break that began in week `breakWeek`: the average training miles
 * of the (up to) three weeks before it, as logged where they were logged (as planned where not,
 * R11's reading), and the longest run of those weeks that was not marked skipped.
 */
export function stateBefore(weeks: readonly PlannedWeek[], breakWeek: number, fallback: AthleteState): AthleteState {
  const before = weeks.slice(Math.max(0, breakWeek - 4), Math.max(0, breakWeek - 1));
  if (before.length === 0) return fallback;
  let volume = 0;
  let long = 0;
  for (const week of before) {
    const log = effectiveLog(week);
    volume += log === undefined ? trainingMiles(week) : Math.min(log.miles, trainingMiles(week));
    const skipped = new Set((week.execution?.days ?? []).filter((d) => d.status === 'skipped').map((d) => d.dayNumber));
    for (const day of week.days) {
      if (day.type === 'rest' || day.type === 'race' || skipped.has(day.dayNumber)) continue;
      long = Math.max(long, dayMiles(day));
    }
  }
  return { volume: volume / before.length, long: long > 0 ? long : fallback.long };
}
