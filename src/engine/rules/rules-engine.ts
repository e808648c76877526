/**
 * The GoFast model as a deterministic engine: phases from the plan length, then each week from
 * the weeks before it and what the athlete logged. Same inputs (and variant), same plan. Every
 * week it returns has passed the validator; a week that does not is a bug and throws.
 */
import { RulesViolatedError } from '../../domain/errors.js';
import { computePaces } from '../../domain/paces.js';
import { planWarnings } from '../../domain/plan-inputs.js';
import type { Phase, PlanInputs, PlanOutline, PlannedWeek, Week } from '../../domain/schemas.js';
import { distanceClass } from '../../domain/units.js';
import { totalWeeksOf, validatePhases, validateWeek } from '../../domain/validator.js';
import type { NextWeekRequest, OutlineRequest, PlanEngine } from '../plan-engine.js';
import { chooseLayout } from './day-layout.js';
import { splitPhases } from './phase-split.js';
import { buildWeekContext } from './week-context.js';
import { buildDay } from './workouts.js';

export const RULES_ENGINE_NAME = 'rules';

function sumMiles(week: Pick<Week, 'days'>): number {
  let total = 0;
  for (const day of week.days) {
    for (const lap of day.warmup) total += lap.distanceMiles;
    for (const lap of day.workout) total += lap.distanceMiles;
    for (const lap of day.cooldown) total += lap.distanceMiles;
  }
  return Number(total.toFixed(3));
}

/** Builds week N from the weeks before it; throws `RulesViolatedError` if the result breaks a rule. */
export function buildWeek(
  inputs: PlanInputs,
  phases: readonly Phase[],
  weeks: readonly PlannedWeek[],
  weekNumber: number,
  variant = 0,
): Week {
  const totalWeeks = totalWeeksOf(inputs);
  if (weekNumber < 1 || weekNumber > totalWeeks) {
    throw new RangeError(`week ${weekNumber} is outside this ${totalWeeks}-week plan`);
  }
  if (weeks.length < weekNumber - 1) throw new RangeError(`week ${weekNumber} needs weeks 1–${weekNumber - 1} first`);
  const prior = weeks.slice(0, weekNumber - 1);
  const ctx = buildWeekContext({ inputs, phases, totalWeeks, weeks: prior, weekNumber, variant });
  const slots = chooseLayout(ctx);
  const days = slots.map((s) => buildDay(ctx, s.dayNumber, s.type, s.miles));
  const week: Week = { weekNumber, phase: ctx.phase, miles: 0, days };
  week.miles = sumMiles(week);
  const violations = validateWeek({ inputs, phases: [...phases], weeks: [...prior, week] }, weekNumber);
  if (violations.length > 0) throw new RulesViolatedError(violations);
  return week;
}

/** Phases and Week 1: the preview. */
export function buildOutline(inputs: PlanInputs, variant = 0): PlanOutline {
  const totalWeeks = totalWeeksOf(inputs);
  const phases = splitPhases(totalWeeks, distanceClass(inputs.distanceMiles));
  const phaseViolations = validatePhases(inputs, phases);
  if (phaseViolations.length > 0) throw new RulesViolatedError(phaseViolations);
  const week = buildWeek(inputs, phases, [], 1, variant);
  return { totalWeeks, paces: computePaces(inputs), warnings: planWarnings(inputs), phases, week };
}

export function createRulesEngine(): PlanEngine {
  return {
    name: RULES_ENGINE_NAME,
    outline: async (request: OutlineRequest) => buildOutline(request.inputs, request.variant ?? 0),
    nextWeek: async (request: NextWeekRequest) =>
      buildWeek(request.inputs, request.phases, request.weeks, request.weekNumber, request.variant ?? 0),
  };
}
