/**
 * How the rules engine builds around a tune-up race (issue 18; the rules are T1 in
 * `domain/rules/tune-up-rules.ts`). The tune-up's week gets a mini-taper: about 80% of the plan's
 * curve, the day before a short shakeout (rest when it is not a running day), no quality session
 * or long run in the two days before or after. The race takes the place of the long run when the
 * long-run day falls within those days (the usual weekend race), else of one quality session, so
 * the week is never harder than its phase allows. The A race's rules are not touched: tune-ups are
 * refused inside its taper (`plans/use-cases/add-tune-up.ts`).
 */
import { addDaysIso, dateOfPlanDay, daysBetween, mondayOf } from '../../domain/calendar.js';
import { fiveKSecondsForWeek, predictedPaceAt } from '../../domain/paces.js';
import { TUNE_UP, tuneUpsOf } from '../../domain/rules/tune-up-rules.js';
import type { PlanInputs, TuneUp } from '../../domain/schemas.js';
import { formatDistance } from '../../domain/units.js';
import { formatPace } from '../../domain/time.js';
import type { Workout } from './session-library.js';

/** A mini-taper week aims at this share of the plan's curve. */
const TUNE_UP_WEEK_SHARE = 0.8;

export type TuneUpDay = 'tune-up' | 'pre-tune-up';

/** The tune-up's day and the day before it, among `dayNumbers` of week `weekNumber`. */
export function tuneUpFixedDays(inputs: PlanInputs, weekNumber: number, dayNumbers: readonly number[]): Map<number, TuneUpDay> {
  const fixed = new Map<number, TuneUpDay>();
  for (const t of tuneUpsOf(inputs)) {
    const before = addDaysIso(t.date, -1);
    for (const d of dayNumbers) {
      const date = dateOfPlanDay(inputs.startDate, weekNumber, d);
      if (date === t.date) fixed.set(d, 'tune-up');
      else if (date === before && !fixed.has(d)) fixed.set(d, 'pre-tune-up');
    }
  }
  return fixed;
}

/** Days of week `weekNumber` within two days of a tune-up (not the day itself): no key day there. */
export function quietDaysOf(inputs: PlanInputs, weekNumber: number): Set<number> {
  const quiet = new Set<number>();
  const monday = mondayOf(inputs.startDate);
  for (const t of tuneUpsOf(inputs)) {
    const ord = daysBetween(monday, t.date);
    for (let d = 1; d <= 7; d += 1) {
      const gap = 7 * (weekNumber - 1) + d - 1 - ord;
      if (gap !== 0 && Math.abs(gap) <= TUNE_UP.quietDays) quiet.add(d);
    }
  }
  return quiet;
}

/** The tune-up held in week `weekNumber`, if any. */
export function tuneUpInWeek(inputs: PlanInputs, weekNumber: number): TuneUp | undefined {
  const monday = mondayOf(inputs.startDate);
  return tuneUpsOf(inputs).find((t) => Math.floor(daysBetween(monday, t.date) / 7) + 1 === weekNumber);
}

/**
 * How a tune-up week differs from the plan's: its target (80% of the curve, less the long run
 * the race replaces), its quality sessions, and whether it keeps its long run (the race replaces
 * the long run when the long day is one of the quiet days, else one quality session).
 */
export function tuneUpWeekShape(
  inputs: PlanInputs,
  weekNumber: number,
  longDay: number,
  design: { readonly target: number; readonly quality: number; readonly longTarget: number },
): { readonly target: number; readonly quality: number; readonly keepsLong: boolean } {
  const tuneUp = tuneUpInWeek(inputs, weekNumber);
  const quiet = quietDaysOf(inputs, weekNumber);
  if (tuneUp === undefined) return { target: design.target, quality: design.quality, keepsLong: !quiet.has(longDay) };
  const raceDay = daysBetween(dateOfPlanDay(inputs.startDate, weekNumber, 1), tuneUp.date) + 1;
  const keepsLong = !quiet.has(longDay) && longDay !== raceDay;
  // The race takes the long run's miles when it takes its place, and the rest tapers a little.
  return {
    target: TUNE_UP_WEEK_SHARE * (keepsLong ? design.target : Math.max(0, design.target - design.longTarget)),
    quality: keepsLong ? Math.max(0, design.quality - 1) : design.quality,
    keepsLong,
  };
}

/** The tune-up: warm-up, the race at the predicted pace for its distance, cool-down. */
export function tuneUpWorkout(inputs: PlanInputs, weekNumber: number, tuneUp: TuneUp): Workout {
  const pace = predictedPaceAt(fiveKSecondsForWeek(inputs, weekNumber), tuneUp.distanceMiles);
  const edge = (miles: number): Workout['warmup'] => [{ lapIndex: 1, distanceMiles: miles, paceGoal: null }];
  const distance = formatDistance(tuneUp.distanceMiles, 'mi');
  return {
    session: 'race',
    template: '',
    warmup: edge(tuneUp.distanceMiles > 10 ? 0.5 : 1),
    workout: [{ lapIndex: 1, distanceMiles: tuneUp.distanceMiles, paceGoal: formatPace(pace) }],
    cooldown: edge(0.5),
    notes:
      `Tune-up race: ${tuneUp.name} (${distance}). Run it at ${formatPace(pace)}/mi, your predicted pace, and finish strong: ` +
      'a rehearsal for race day. Enter your time afterwards with /plan result to check your paces.',
  };
}

/** The note of the day before a tune-up. */
export function preTuneUpNote(running: boolean): string {
  return running
    ? 'Shakeout the day before your tune-up: very easy, just enough to stay loose.'
    : 'Rest before tomorrow\u2019s tune-up race.';
}
