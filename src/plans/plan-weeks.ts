/**
 * Shared steps of the use cases that make weeks: stamp a week with its engine and time, check it
 * against the validator before it can be stored, and keep the phases' mileage totals in step.
 */
import { RulesViolatedError } from '../domain/errors.js';
import type { Phase, PlanInputs, Week } from '../domain/schemas.js';
import { validateWeek } from '../domain/validator.js';
import type { StoredWeek } from './plan-record.js';

export function storedWeek(week: Week, source: string, generatedAt: Date): StoredWeek {
  return { ...week, source, generatedAt, postedAt: null, messageRef: null, execution: null };
}

/** Throws `RulesViolatedError` if week N breaks a rule given the weeks before it. */
export function assertWeekValid(inputs: PlanInputs, phases: readonly Phase[], weeks: readonly StoredWeek[], week: Week): void {
  const candidate = [...weeks.slice(0, week.weekNumber - 1), week];
  const violations = validateWeek({ inputs, phases: [...phases], weeks: candidate }, week.weekNumber);
  if (violations.length > 0) throw new RulesViolatedError(violations);
}

/** Phases with `totalMiles` summed over the weeks that exist. */
export function phaseTotals(phases: readonly Phase[], weeks: readonly Week[]): Phase[] {
  return phases.map((phase) => {
    const miles = weeks.filter((w) => w.phase === phase.name).reduce((sum, w) => sum + w.miles, 0);
    return { name: phase.name, weekCount: phase.weekCount, totalMiles: Number(miles.toFixed(3)) };
  });
}

/** The engine's view of stored weeks: the week and the athlete's log, without delivery fields. */
export function plannedWeeks(weeks: readonly StoredWeek[]) {
  return weeks.map(({ weekNumber, phase, miles, days, execution }) => ({ weekNumber, phase, miles, days, execution }));
}
