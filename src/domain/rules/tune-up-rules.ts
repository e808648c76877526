/**
 * Tune-up races (issue 18): a B race inside the plan, raced at the predicted pace for its
 * distance, with a mini-taper around it. The A race's rules (R5, C1, C3) are untouched.
 *
 * - T1.tuneup-day: a tune-up's date inside the plan holds a race day (R2.race-day refuses a race
 *   on any other date but the race's).
 * - T1.tuneup-race: the tune-up is one workout lap of its distance at the predicted pace for that
 *   distance from the week's paces (±1 s), with R3's warm-up and cool-down.
 * - T1.tuneup-taper: no key day (quality or long run) in the two days before or the two days after
 *   it, and the day before is rest or a run of at most 3 mi.
 *
 * Settlements (the safer side):
 * - A tune-up counts apart from training like the race (R5, R10, C2 and the charts read training
 *   miles), except where R6 compares a later week with the tune-up's week: there its miles count,
 *   since the athlete ran them; otherwise the week after a mini-taper could not return to the
 *   plan's curve, and the plan would shrink for having raced.
 * - R8 passes over a tune-up's week: a window of four weeks holding it is not checked, and the week
 *   after it is measured against the week before it. A mini-taper is a step back but not the
 *   plan's cutback, so the plan's cutbacks (and its peak long run) stay where the plan put them.
 * - A tune-up is a key day for C1's adjacency, not one of C1's quality sessions: the engine drops a
 *   quality session or the long run for it, so the week is never harder than its phase allows.
 */
import { dateOfPlanDay, daysBetween, mondayOf, totalWeeksBetween } from '../calendar.js';
import { EPSILON, taperWeeksAllowed } from '../coaching-limits.js';
import { fiveKSecondsForWeek, predictedPaceAt } from '../paces.js';
import type { Lap, PlanInputs, TuneUp } from '../schemas.js';
import { formatPace, parsePace } from '../time.js';
import { distanceClass } from '../units.js';
import type { Context, DayFacts, WeekFacts } from './plan-context.js';
import { mi, push, where, type Violation } from './rule-ids.js';

export const TUNE_UP = {
  /** Days before and after the tune-up that hold no key day. */
  quietDays: 2,
  /** The longest run the day before a tune-up may hold (a shakeout). */
  dayBeforeMaxMiles: 3,
  distanceTolerance: 0.01,
} as const;

/**
 * The first day no tune-up may fall on: the Monday of the longest taper R1 allows this race
 * (`/plan tuneup` refuses later dates).
 */
export function tuneUpCutoff(inputs: Pick<PlanInputs, 'startDate' | 'raceDate' | 'distanceMiles'>): string {
  const totalWeeks = totalWeeksBetween(inputs.startDate, inputs.raceDate);
  const taper = taperWeeksAllowed(distanceClass(inputs.distanceMiles), totalWeeks).max;
  return dateOfPlanDay(inputs.startDate, Math.max(1, totalWeeks - taper + 1), 1);
}

/**
 * The tune-ups the plan is built around: those inside it and before the race's taper. One the
 * race has since moved onto (a race change, issue 18) is kept in the inputs but no longer shapes
 * any week, so the A race's rules always win.
 */
export function tuneUpsOf(inputs: Pick<PlanInputs, 'tuneUps' | 'startDate' | 'raceDate' | 'distanceMiles'>): readonly TuneUp[] {
  const list = inputs.tuneUps ?? [];
  if (list.length === 0) return list;
  const cutoff = tuneUpCutoff(inputs);
  return list.filter((t) => t.date >= inputs.startDate && t.date < cutoff);
}

/** The tune-up on `date`, if any. */
export function tuneUpOn(
  inputs: Pick<PlanInputs, 'tuneUps' | 'startDate' | 'raceDate' | 'distanceMiles'>,
  date: string,
): TuneUp | undefined {
  return tuneUpsOf(inputs).find((t) => t.date === date);
}

/** Miles of a week's tune-up races (race days other than the race itself). */
export function tuneUpMilesOf(days: readonly DayFacts[]): number {
  let miles = 0;
  for (const f of days) if (f.day.type === 'race' && f.toRace !== 0) miles += f.miles;
  return miles;
}

/** A week holding a tune-up: R8 passes over it (neither a cutback nor a build week). */
export function isTuneUpWeek(w: Pick<WeekFacts, 'days'>): boolean {
  return tuneUpMilesOf(w.days) > 0;
}

/** T1.tuneup-race: one lap of the tune-up's distance at the predicted pace for it. */
export function checkTuneUpRace(out: Violation[], ctx: Context, f: DayFacts, tuneUp: TuneUp): void {
  const { day, weekNumber: n } = f;
  const d = day.dayNumber;
  const pace = predictedPaceAt(fiveKSecondsForWeek(ctx.inputs, n), tuneUp.distanceMiles);
  const expect = `one workout lap of ${tuneUp.distanceMiles.toFixed(2)} mi at ${formatPace(pace)}/mi, the predicted pace for it`;
  const lap = day.workout.length === 1 ? (day.workout[0] as Lap) : undefined;
  if (lap === undefined) {
    push(out, 'T1.tuneup-race', `${where(n, d)}: the tune-up has ${day.workout.length} workout laps; it must be ${expect}`, n, d);
    return;
  }
  const p = parsePace(lap.paceGoal);
  if (
    Math.abs(lap.distanceMiles - tuneUp.distanceMiles) > TUNE_UP.distanceTolerance + EPSILON ||
    p === undefined ||
    Math.abs(p - pace) > 1
  ) {
    push(
      out,
      'T1.tuneup-race',
      `${where(n, d)}: the tune-up lap is ${lap.distanceMiles} mi at ${lap.paceGoal ?? 'no pace'}; it must be ${expect}`,
      n,
      d,
    );
  }
}

/** T1.tuneup-day and T1.tuneup-taper for the days of week `w`. */
export function checkTuneUps(out: Violation[], ctx: Context, w: WeekFacts): void {
  const tuneUps = tuneUpsOf(ctx.inputs);
  if (tuneUps.length === 0) return;
  const monday = mondayOf(ctx.inputs.startDate);
  const n = w.weekNumber;
  for (const t of tuneUps) {
    const ord = daysBetween(monday, t.date);
    for (const f of w.days) {
      const d = f.day.dayNumber;
      const gap = f.ord - ord;
      if (gap === 0 && f.day.type !== 'race' && f.ord >= ctx.startOrd) {
        push(out, 'T1.tuneup-day', `${where(n, d)}: the tune-up ${t.name} is on ${t.date}, but the day is a ${f.day.type} day`, n, d);
      }
      if (gap === 0 || Math.abs(gap) > TUNE_UP.quietDays) continue;
      if (f.key) {
        const when = gap < 0 ? `${-gap} day${gap === -1 ? '' : 's'} before` : `${gap} day${gap === 1 ? '' : 's'} after`;
        push(out, 'T1.tuneup-taper', `${where(n, d)}: a ${f.day.type} day ${when} the tune-up ${t.name}; those days are easy`, n, d);
      } else if (gap === -1 && f.day.type !== 'rest' && f.miles > TUNE_UP.dayBeforeMaxMiles + EPSILON) {
        push(
          out,
          'T1.tuneup-taper',
          `${where(n, d)}: a run of ${mi(f.miles)} the day before the tune-up ${t.name}; at most ${mi(TUNE_UP.dayBeforeMaxMiles)}`,
          n,
          d,
        );
      }
    }
  }
}
