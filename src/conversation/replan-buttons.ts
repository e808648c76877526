/**
 * The buttons of a change on offer (`replan-views.ts`): Confirm applies the option picked in one
 * guarded update, Cancel (or Keep paused) drops the change. The change's id rides in the value,
 * so a stale press is refused by the use case; a stranger's press is refused as for every button.
 */
import { parseChangeButtonValue } from './action-ids.js';
import type { HandlerContext } from './handler-context.js';
import type { ButtonIntent } from './intents.js';
import { textView, weekView } from './plan-views.js';
import { changeDoneView, pauseLine } from './replan-views.js';
import { shortDate } from '../plans/use-cases/pause-plan.js';
import { currentWeekOf } from './actor-time.js';
import type { View } from './views.js';

const STALE_BUTTON = 'That button is out of date; /plan status shows your plan as it is now.';

export async function confirmChange({ plans, clock }: HandlerContext, { actor, planId, value }: ButtonIntent): Promise<View[]> {
  const parsed = parseChangeButtonValue(value);
  if (!parsed || parsed.option === undefined) return [textView(STALE_BUTTON, { ephemeral: true })];
  const wasPaused = (await plans.getPlan(actor.identity, planId)).pause != null;
  const plan = await plans.applyPendingChange(actor.identity, planId, parsed.changeId, parsed.option);
  const inputs = plan.inputs;
  if (!inputs) return [changeDoneView('Done.')];
  const race = `${inputs.raceName}: ${inputs.distance} on ${shortDate(inputs.raceDate)} ${inputs.raceDate.slice(0, 4)}`;
  const views: View[] = [changeDoneView(`Confirmed. Your plan now leads to ${race}; ${plan.totalWeeks ?? '?'} weeks in all.`)];
  if (wasPaused && !plan.pause) {
    const week = Math.min(plan.weeks.length, currentWeekOf(plan, clock) ?? plan.weeks.length);
    views.push(weekView(plan, week, { note: 'Welcome back: this week is re-planned for your time off.' }));
  }
  return views;
}

export async function cancelChange({ plans }: HandlerContext, { actor, planId, value }: ButtonIntent): Promise<View[]> {
  const parsed = parseChangeButtonValue(value);
  if (!parsed) return [textView(STALE_BUTTON, { ephemeral: true })];
  const plan = await plans.dropPendingChange(actor.identity, planId, parsed.changeId);
  const paused = pauseLine(plan);
  return [changeDoneView(paused ? `Nothing changed. ${paused}.` : 'Cancelled: nothing changed.')];
}
