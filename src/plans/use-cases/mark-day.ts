/**
 * Done / Skipped on one day of a posted week: kept per day, so pressing a button twice changes
 * nothing, and the week's log (run days done, miles) is derived from the marks.
 */
import { InputError } from '../../domain/errors.js';
import type { DayMark, WeekExecution } from '../../domain/schemas.js';
import type { PlanRecord } from '../plan-record.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';

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
    marks.sort((a, b) => a.dayNumber - b.dayNumber);
    let completedDays = 0;
    let totalMiles = 0;
    for (const mark of marks) {
      if (mark.status !== 'done') continue;
      const marked = week.days.find((d) => d.dayNumber === mark.dayNumber);
      if (!marked) continue;
      completedDays += 1;
      for (const lap of [...marked.warmup, ...marked.workout, ...marked.cooldown]) totalMiles += lap.distanceMiles;
    }
    const execution: WeekExecution = {
      completedDays,
      totalMiles: Number(totalMiles.toFixed(3)),
      averagePace: previous?.averagePace ?? null,
      ...(previous?.notes === undefined ? {} : { notes: previous.notes }),
      days: marks,
    };
    return { guard: { revision: plan.revision }, change: { execution: { weekNumber, execution } } };
  });
}
