/** The athlete's log of a week: what the next week adapts to (PLAN-RULES.md R11). */
import { InputError } from '../../domain/errors.js';
import { weekExecutionSchema } from '../../domain/schemas.js';
import type { PlanRecord } from '../plan-record.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';

export async function logExecution(ctx: PlanContext, actor: Actor, planId: string, weekNumber: number, log: unknown): Promise<PlanRecord> {
  const parsed = weekExecutionSchema.safeParse(log);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError({ [String(issue?.path[0] ?? 'log')]: issue?.message ?? 'invalid log' });
  }
  return writePlan(ctx, planId, actor, (plan) => {
    if (plan.status !== 'active' && plan.status !== 'completed') {
      throw new WrongStateError(plan.status, `the plan is ${plan.status}; weeks are logged on an active plan`);
    }
    const week = plan.weeks[weekNumber - 1];
    if (!week) {
      throw new InputError({ week: `week ${weekNumber} does not exist yet; this plan has weeks 1–${plan.weeks.length}` });
    }
    const runDays = week.days.filter((d) => d.type !== 'rest').length;
    if (parsed.data.completedDays > runDays) {
      throw new InputError({ completedDays: `week ${weekNumber} has ${runDays} run days; ${parsed.data.completedDays} were logged` });
    }
    return { guard: { revision: plan.revision }, change: { execution: { weekNumber, execution: parsed.data } } };
  });
}
