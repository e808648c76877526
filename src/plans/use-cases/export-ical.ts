/**
 * The plan as an iCalendar file: one all-day event per run day of the weeks made so far, the
 * workout in its description. All-day dates are the athlete's own calendar dates (floating, as
 * RFC 5545 all-day events are), and the calendar names their time zone.
 */
import icalGenerator from 'ical-generator';
import { epochDayOf } from '../../domain/calendar.js';
import { dayDistance, dayLabel, describeDay, notesIn } from '../../domain/day-format.js';
import type { Day } from '../../domain/schemas.js';
import { tuneUpOnDate, tuneUpTitle } from '../../domain/tune-up-format.js';
import { formatDistance, type Units } from '../../domain/units.js';
import type { PlanRecord } from '../plan-record.js';
import { type Actor, type PlanContext, loadPlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';

export type IcsFile = { readonly filename: string; readonly content: string };

/** The workout as the chat shows it, then the coach's note on what it is for. */
function describe(day: Day, units: Units): string {
  return [describeDay(day, units), notesIn(day.notes, units)].filter((line) => line.trim() !== '').join('\n');
}

/** `Tempo · 7 mi`; a tune-up by its name (`Tune-up: Winter Half · half · 14.1 mi`). */
function summaryOf(plan: PlanRecord, day: Day, units: Units): string {
  const tuneUp = day.type === 'race' ? tuneUpOnDate(plan.inputs, day.date) : undefined;
  return `${tuneUp ? tuneUpTitle(tuneUp) : dayLabel(day)} · ${dayDistance(day, units)}`;
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
        summary: summaryOf(plan, day, units),
        description: describe(day, units),
      });
    }
  }
  // Tune-ups whose weeks are not made yet are in the calendar already (issue 18).
  const madeDates = new Set(plan.weeks.flatMap((w) => w.days.map((d) => d.date)));
  for (const t of plan.inputs?.tuneUps ?? []) {
    if (madeDates.has(t.date)) continue;
    calendar.createEvent({
      id: `${plan.id}-tuneup-${t.date}@gofast.coach`,
      start: new Date(epochDayOf(t.date) * 86_400_000),
      allDay: true,
      summary: `${tuneUpTitle(t)} · ${formatDistance(t.distanceMiles, units)}`,
      description: 'Tune-up race: its week, with a mini-taper around it, comes with your plan.',
    });
  }
  const slug = (plan.inputs?.raceName ?? 'plan')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return { filename: `gofast-${slug || 'plan'}.ics`, content: calendar.toString() };
}

export async function exportPlanIcs(ctx: PlanContext, actor: Actor, planId: string): Promise<IcsFile> {
  const plan = await loadPlan(ctx, planId, actor);
  if (plan.weeks.length === 0) {
    throw new WrongStateError(plan.status, `the plan is ${plan.status}; confirm it to export its weeks`);
  }
  return renderPlanIcs(plan);
}
