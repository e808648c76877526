/**
 * The JSON shape `gofast plan --json` prints and `gofast week --plan FILE` reads back: the seed's
 * laps and days, paces as `M:SS` per mile, and the canonical inputs so the plan can be continued.
 */
import { z } from 'zod';
import { formatPaces, type FormattedPaces, type TrainingPaces } from '../domain/paces.js';
import { phaseSchema, planInputsSchema, plannedWeekSchema, type Phase, type PlanInputs, type PlannedWeek } from '../domain/schemas.js';

export type PlanJson = {
  readonly totalWeeks: number;
  readonly paces: FormattedPaces;
  readonly warnings: readonly string[];
  readonly inputs: PlanInputs;
  readonly phases: readonly { name: string; weekCount: number }[];
  readonly weeks: readonly PlannedWeek[];
};

export { formatPaces };

export function toPlanJson(plan: {
  totalWeeks: number;
  paces: TrainingPaces;
  warnings: readonly string[];
  inputs: PlanInputs;
  phases: readonly Phase[];
  weeks: readonly PlannedWeek[];
}): PlanJson {
  return {
    totalWeeks: plan.totalWeeks,
    paces: formatPaces(plan.paces),
    warnings: plan.warnings,
    inputs: plan.inputs,
    phases: plan.phases.map((p) => ({ name: p.name, weekCount: p.weekCount })),
    weeks: plan.weeks,
  };
}

/** What `gofast week` needs from a plan file; extra fields are ignored. */
export const planFileSchema = z.object({
  inputs: planInputsSchema,
  phases: z.array(phaseSchema),
  weeks: z.array(plannedWeekSchema),
});
