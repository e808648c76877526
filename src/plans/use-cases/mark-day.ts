/**
 * Done / Skipped on one day of a posted week: kept per day, so pressing a button twice changes
 * nothing, and the week's log (run days done, miles) is derived from the marks.
 */
import { InputError } from '../../domain/errors.js';
import type { DayMark } from '../../domain/schemas.js';
import type { PlanRecord } from '../plan-record.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';
import { executionFromMarks } from '../week-log.js';

export async function markDay(
  ctx: PlanContext,
  actor: Actor,
  planId: string,
  weekNumber: number,
  dayNumber: number,
  status: DayMark['status'],
): Promise<PlanRecord> {
  return writePlan(ctx, planId, actor, (plan) => {
    if (plan.status !== 'active' && plan.status !== 'completed') {
      throw new WrongStateError(plan.status, `the plan is ${plan.status}; days are marked on an active plan`);
    }
    const week = plan.weeks[weekNumber - 1];
    const day = week?.days.find((d) => d.dayNumber === dayNumber);
    if (!week || !day || day.type === 'rest') {
      throw new InputError({ day: `week ${weekNumber} has no run on day ${dayNumber}` });
    }
    const previous = week.execution ?? null;
    const marks = (previous?.days ?? []).filter((m) => m.dayNumber !== dayNumber);
    if (previous?.days?.some((m) => m.dayNumber === dayNumber && m.status === status)) return { done: plan };
    marks.push({ dayNumber, status });
    const execution = executionFromMarks(week, marks);
    return { guard: { revision: plan.revision }, change: { execution: { weekNumber, execution } } };
  });
}
