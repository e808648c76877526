/**
 * The units, date and race labels every view of a plan shares (`Tue 1 Dec`, `18 Apr 2027`, `marathon`).
 * A module of their own so the chart builders can use them without importing plan-views, which
 * puts those charts into its views.
 */
import { DAY_SHORT_NAMES } from '../domain/calendar.js';
import { RACE_DISTANCES, formatDistance, type Units } from '../domain/units.js';
import type { PlanRecord } from '../plans/plan-record.js';

/** The units the athlete reads their plan in (miles until they chose). */
export function unitsOf(plan: Pick<PlanRecord, 'inputs'>): Units {
  return plan.inputs?.units ?? 'mi';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Tue 1 Dec`. */
export function dayLabel(dayNumber: number, iso: string): string {
  return `${DAY_SHORT_NAMES[dayNumber - 1] ?? ''} ${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''}`;
}

/** `18 Apr 2027`. */
export function dateLabel(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''} ${iso.slice(0, 4)}`;
}

/** `marathon`, or a custom distance in the athlete's units (`25 km`, whatever unit it was typed in). */
export function raceDistanceLabel(plan: PlanRecord): string {
  const i = plan.inputs;
  if (!i) return '';
  return Object.hasOwn(RACE_DISTANCES, i.distance) ? i.distance : formatDistance(i.distanceMiles, plan.inputs?.units ?? 'mi');
}
