/**
 * Shared steps of the use cases that make weeks: stamp a week with its engine and time, check it
 * against the validator before it can be stored, and keep the phases' mileage totals in step.
 */
import { RulesViolatedError } from '../domain/errors.js';
import type { Phase, PlanInputs, Week } from '../domain/schemas.js';
import { validateWeek } from '../domain/validator.js';
import type { WeekResult } from '../engine/plan-engine.js';
import type { StoredWeek } from './plan-record.js';

/** A week as stored: just the week's own fields (an engine's extras dropped), with who made it. */
export function storedWeek(week: WeekResult, fallbackSource: string, generatedAt: Date): StoredWeek {
  const { weekNumber, phase, miles, days, provenance } = week;
  return {
    weekNumber,
    phase,
    miles,
    days,
    source: provenance?.source ?? fallbackSource,
    provenance: provenance ?? null,
    generatedAt,
    postedAt: null,
    messageRef: null,
    execution: null,
  };
}

/** The workspace part of an identity (`slack:T1:U1` → `slack:T1`), for per-workspace budgets. */
export function workspaceOf(owner: string): string {
  return owner.split(':').slice(0, 2).join(':');
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
  return weeks.map(({ weekNumber, phase, miles, days, execution, longRunDay }) => ({
    weekNumber,
    phase,
    miles,
    days,
    execution,
    ...(longRunDay === undefined ? {} : { longRunDay }),
  }));
}
