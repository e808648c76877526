/**
 * The pictures views carry (`ImageBlock`): the plan chart for the preview and status, a week card
 * for a week's message. Built here from the chart builders' SVG and alt text, so plan-views only
 * says where a picture goes. The SVG is plain text (under a millisecond for a 20-week plan); the
 * surfaces that show images rasterise it.
 */
import { addDaysIso, dateOfPlanDay, mondayOf } from '../domain/calendar.js';
import type { PlanRecord } from '../plans/plan-record.js';
import { planChartSvg } from './charts/plan-chart-svg.js';
import { weekCardSvg } from './charts/week-card-svg.js';
import type { ImageBlock } from './views.js';

/**
 * The plan chart, with `currentWeek` shaded as "this week" (none: a preview, whose plan has not
 * begun). Undefined for a plan without inputs, which has nothing to draw.
 */
export function planChartImage(plan: PlanRecord, currentWeek: number | undefined): ImageBlock | undefined {
  const inputs = plan.inputs;
  if (!inputs) return undefined;
  // The chart shades the week a date falls in: that week's Monday, or the day before the plan for none.
  const today = currentWeek === undefined ? addDaysIso(mondayOf(inputs.startDate), -1) : dateOfPlanDay(inputs.startDate, currentWeek, 1);
  const { svg, alt } = planChartSvg(plan, today);
  return { type: 'image', image: 'plan-chart', title: `${inputs.raceName}: weekly volume`, svg, alt };
}

/** Week `weekNumber` at a glance: seven day cards. */
export function weekCardImage(plan: PlanRecord, weekNumber: number): ImageBlock {
  const { svg, alt } = weekCardSvg(plan, weekNumber);
  return { type: 'image', image: 'week-card', title: `Week ${weekNumber} at a glance`, svg, alt };
}
