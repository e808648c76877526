/**
 * Plan arithmetic with one home: the miles of a day and of a week, counted the same way by the
 * validator, the engines, the views, the CLI and the exports. PLAN-RULES v2 counts the race day
 * apart from training ("every volume figure counts the race day apart"), so `trainingMiles` is
 * the figure charts, progression and the taper compare; `weekMiles` is the stored total (DATA).
 */
import type { Day, Lap, Phase, PhaseName, Week } from './schemas.js';

export function lapsMiles(laps: readonly Lap[]): number {
  let total = 0;
  for (const lap of laps) total += lap.distanceMiles;
  return total;
}

/** Miles of a day: every lap of warmup, workout and cooldown. */
export function dayMiles(day: Day): number {
  return lapsMiles(day.warmup) + lapsMiles(day.workout) + lapsMiles(day.cooldown);
}

/** Every lap of the week, the race included (what `week.miles` stores). */
export function weekMiles(week: Pick<Week, 'days'>): number {
  let total = 0;
  for (const day of week.days) total += dayMiles(day);
  return total;
}

/** The week's training miles: every lap except the race day's. */
export function trainingMiles(week: Pick<Week, 'days'>): number {
  let total = 0;
  for (const day of week.days) if (day.type !== 'race') total += dayMiles(day);
  return total;
}

/** A stored total: three decimals, so sums of quarter-mile laps stay exact. */
export function roundMiles(miles: number): number {
  return Number(miles.toFixed(3));
}

/** The phase whose cumulative range of weeks holds `weekNumber`; undefined outside all of them. */
export function phaseOfWeek(phases: readonly Phase[], weekNumber: number): PhaseName | undefined {
  if (weekNumber < 1) return undefined;
  let end = 0;
  for (const phase of phases) {
    end += phase.weekCount;
    if (weekNumber <= end) return phase.name;
  }
  return undefined;
}
