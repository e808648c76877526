/** Helpers for driving the rules engine through a whole plan in tests. */
import { parsePlanInputs, type RawPlanInputs } from '../../src/domain/plan-inputs.js';
import type { Phase, PlanInputs, PlannedWeek, WeekExecution } from '../../src/domain/schemas.js';
import { buildOutline, buildWeek } from '../../src/engine/rules/rules-engine.js';

const TODAY = '2026-11-25';

export function inputsOf(raw: RawPlanInputs): PlanInputs {
  return parsePlanInputs(raw, TODAY).inputs;
}

export function asPlanned(week: PlannedWeek): WeekExecution {
  return { completedDays: week.days.filter((d) => d.type !== 'rest').length, totalMiles: week.miles };
}

/**
 * Every week of the plan. `logFor(week)` says what the athlete logged for a week before the next
 * one is made (undefined: no log); the default is "done as planned".
 */
export function wholePlan(
  inputs: PlanInputs,
  logFor: (week: PlannedWeek) => WeekExecution | undefined = asPlanned,
): { phases: Phase[]; weeks: PlannedWeek[] } {
  const outline = buildOutline(inputs);
  const weeks: PlannedWeek[] = [outline.week];
  for (let n = 2; n <= outline.totalWeeks; n += 1) {
    const previous = weeks[n - 2] as PlannedWeek;
    const log = logFor(previous);
    if (log) weeks[n - 2] = { ...previous, execution: log };
    weeks.push(buildWeek(inputs, outline.phases, weeks, n));
  }
  return { phases: outline.phases, weeks };
}
