/**
 * Another take on a week that has not started yet. The replaced week, and any later weeks built on
 * it, go to history; later weeks are made again on demand or when due.
 */
import { dateOfPlanDay } from '../../domain/calendar.js';
import type { HistoryEntry } from '../plan-record.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { historyChange } from '../plan-history.js';
import { WrongStateError } from '../plan-errors.js';
import { todayFor } from '../plan-schedule.js';
import { assertWeekValid, phaseTotals, plannedWeeks, storedWeek, workspaceOf } from '../plan-weeks.js';
import type { WeekResult } from './generate-week.js';
import { rampWeekOf } from './replan.js';
import { InputError } from '../../domain/errors.js';

export async function regenerateWeek(ctx: PlanContext, actor: Actor, planId: string, weekNumber: number): Promise<WeekResult> {
  const plan = await writePlan(ctx, planId, actor, async (current) => {
    const { inputs, totalWeeks } = current;
    if (current.status !== 'active' || !inputs || totalWeeks === null) {
      throw new WrongStateError(current.status, `the plan is ${current.status}; only an active plan's weeks can be regenerated`);
    }
    if (!Number.isInteger(weekNumber) || weekNumber < 1 || weekNumber > current.weeks.length) {
      throw new InputError({ week: `week ${weekNumber} does not exist yet; this plan has weeks 1–${current.weeks.length}` });
    }
    const old = current.weeks[weekNumber - 1];
    const firstDay = old?.days[0]?.date ?? dateOfPlanDay(inputs.startDate, weekNumber, 1);
    if (todayFor(current.delivery, ctx.clock.now()) >= firstDay) {
      throw new WrongStateError(
        current.status,
        `week ${weekNumber} has already started (${firstDay}); only future weeks can be regenerated`,
      );
    }
    const kept = current.weeks.slice(0, weekNumber - 1);
    const variant = current.variant + 1;
    const week = await ctx.engine.nextWeek({
      inputs,
      phases: current.phases,
      weeks: plannedWeeks(kept),
      weekNumber,
      variant,
      workspace: workspaceOf(current.owner),
      // A week of a return ramp stays one when it is made again.
      ...((ramp) => (ramp === undefined ? {} : { ramp }))(rampWeekOf(current, weekNumber)),
    });
    assertWeekValid(inputs, current.phases, kept, week);
    const now = ctx.clock.now();
    const replaced: HistoryEntry[] = current.weeks.slice(weekNumber - 1).map((w) => ({
      kind: 'week',
      weekNumber: w.weekNumber,
      replacedAt: now,
      reason: w.weekNumber === weekNumber ? 'regenerated' : `built on week ${weekNumber}, which was regenerated`,
      preview: null,
      week: w,
    }));
    const weeks = [...kept, storedWeek(week, ctx.engine.name, now)];
    return {
      guard: { revision: current.revision, statuses: ['active'] },
      change: {
        weeks,
        ...historyChange(current.history, replaced),
        set: { variant, phases: phaseTotals(current.phases, weeks) },
      },
    };
  });
  const week = plan.weeks[weekNumber - 1];
  if (!week) throw new Error(`week ${weekNumber} missing after regenerating plan ${planId}`);
  return { plan, week };
}
