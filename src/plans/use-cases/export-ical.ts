/**
 * The plan as an iCalendar file: one all-day event per run day of the weeks made so far, the
 * workout in its description. All-day dates are the athlete's own calendar dates (floating, as
 * RFC 5545 all-day events are), and the calendar names their time zone.
 */
import icalGenerator from 'ical-generator';
import { epochDayOf } from '../../domain/calendar.js';
import type { Day, Lap } from '../../domain/schemas.js';
import { formatDistance } from '../../domain/units.js';
import type { PlanRecord } from '../plan-record.js';
import { type Actor, type PlanContext, loadPlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';

export type IcsFile = { readonly filename: string; readonly content: string };

const TITLES: Record<string, string> = {
  easy: 'Easy run',
  moderate: 'Steady run',
  recovery: 'Recovery run',
  long: 'Long run',
  tempo: 'Tempo run',
  intervals: 'Intervals',
  shakeout: 'Shakeout',
  race: 'Race day',
};

function lapLine(lap: Lap, units: 'mi' | 'km'): string {
  return `${formatDistance(lap.distanceMiles, units)}${lap.paceGoal ? ` @ ${lap.paceGoal}/mi` : ' easy'}`;
}

function describe(day: Day, units: 'mi' | 'km'): string {
  return [
    day.notes,
    `Warmup: ${day.warmup.map((l) => lapLine(l, units)).join(', ')}`,
    `Workout: ${day.workout.map((l) => lapLine(l, units)).join(', ')}`,
    `Cooldown: ${day.cooldown.map((l) => lapLine(l, units)).join(', ')}`,
  ].join('\n');
}

function dayMiles(day: Day): number {
  return [...day.warmup, ...day.workout, ...day.cooldown].reduce((sum, lap) => sum + lap.distanceMiles, 0);
}

export function renderPlanIcs(plan: PlanRecord): IcsFile {
  const units = plan.inputs?.units ?? 'mi';
  const calendar = icalGenerator({ name: `GoFast: ${plan.inputs?.raceName ?? 'training plan'}`, prodId: '//GoFast Coach//Plan//EN' });
  calendar.x([{ key: 'X-WR-TIMEZONE', value: plan.delivery.timezone }]);
  for (const week of plan.weeks) {
    for (const day of week.days) {
      if (day.type === 'rest') continue;
      // A UTC-midnight Date: ical-generator writes all-day dates from its UTC fields.
      const start = new Date(epochDayOf(day.date) * 86_400_000);
      calendar.createEvent({
        id: `${plan.id}-w${week.weekNumber}-d${day.dayNumber}@gofast.coach`,
        start,
        allDay: true,
        summary: `${TITLES[day.type] ?? day.type} · ${formatDistance(dayMiles(day), units)}`,
        description: describe(day, units),
      });
    }
  }
  const slug = (plan.inputs?.raceName ?? 'plan').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { filename: `gofast-${slug || 'plan'}.ics`, content: calendar.toString() };
}

export async function exportPlanIcs(ctx: PlanContext, actor: Actor, planId: string): Promise<IcsFile> {
  const plan = await loadPlan(ctx, planId, actor);
  if (plan.weeks.length === 0) {
    throw new WrongStateError(plan.status, `the plan is ${plan.status}; confirm it to export its weeks`);
  }
  return renderPlanIcs(plan);
}
