/**
 * The weeks of an active plan not made yet, as they would be made "if all goes to plan": each
 * built in memory by the rules engine's re-plan core (`projectRest`) from the weeks made so far,
 * the return ramp of a resume still applied. Nothing is stored and no model is called, whatever
 * engine makes the plan's real weeks: the rules engine is deterministic and free, so a projection
 * costs milliseconds and reads the same on every request. A week made later from a week run as
 * planned is the same week when the rules engine makes it; another engine's weeks may differ,
 * which is why every projected week is shown as tentative.
 */
import type { Week } from '../domain/schemas.js';
import { projectRest } from '../engine/rules/replan.js';
import type { PlanRecord } from './plan-record.js';
import { plannedWeeks } from './plan-weeks.js';
import { keptRamp } from './use-cases/replan.js';

/**
 * Weeks `weeks.length + 1 … totalWeeks` of an active plan, in order. Empty for a plan that is not
 * active or is paused (a resume re-plans the weeks left around the break, so any projection now
 * would be wrong), and when the weeks made leave the rest unable to hold PLAN-RULES (the next
 * week made says why; a projection has nothing true to show).
 */
export function projectedWeeks(plan: PlanRecord): readonly Week[] {
  if (plan.status !== 'active' || plan.pause || !plan.inputs || plan.totalWeeks === null) return [];
  if (plan.weeks.length >= plan.totalWeeks) return [];
  const ramp = keptRamp(plan, plan.weeks.length + 1);
  const rest = projectRest({
    inputs: plan.inputs,
    phases: plan.phases,
    weeks: plannedWeeks(plan.weeks),
    rampStart: ramp.start,
    ramp: ramp.weeks,
  });
  return rest.ok ? rest.weeks : [];
}
