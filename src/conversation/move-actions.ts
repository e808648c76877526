/**
 * Moving a run and cross-training, in the conversation: the choices the Move buttons open, the
 * answer after a change (the week's posted message edited where the platform allows, else the
 * week again as a short follow-up), and a refusal with the nearest move that is allowed as a
 * button. `/plan move`, `/plan cross` and the buttons all answer through here.
 */
import { DAY_NAMES } from '../domain/calendar.js';
import { dayLabel as sessionLabel } from '../domain/day-format.js';
import { ChangeRefusedError } from '../plans/plan-errors.js';
import type { PlanRecord } from '../plans/plan-record.js';
import { todayFor } from '../plans/plan-schedule.js';
import { weekVersion } from '../plans/use-cases/week-change.js';
import { DAY_MOVE_ACTION, DAY_MOVE_TO_ACTION, moveButtonValue } from './action-ids.js';
import type { HandlerContext } from './handler-context.js';
import { dayLabel, textView, weekView } from './plan-views.js';
import { message, type MessageView, type View, type ViewButton } from './views.js';

/** Where the request came from: the week's own message (its buttons), or anywhere else. */
export type ChangeSource = 'week-message' | 'chooser' | 'command';

function sentence(text: string): string {
  const trimmed = text.trim();
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}${/[.!?]$/.test(trimmed) ? '' : '.'}`;
}

/**
 * The answer once week N changed: a press on the week's own message replaces it in place; from
 * anywhere else the posted message is edited where the platform allows and the athlete told so,
 * or else the week is shown again with what changed (the short follow-up).
 */
export async function changedWeekViews(
  ctx: HandlerContext,
  plan: PlanRecord,
  weekNumber: number,
  said: string,
  source: ChangeSource,
): Promise<View[]> {
  if (source === 'week-message') {
    return [weekView(plan, weekNumber, { replacesSource: true }), textView(sentence(said), { ephemeral: true })];
  }
  const edited = (await ctx.weekMessages?.edit(plan, weekNumber)) ?? false;
  const replacesSource = source === 'chooser';
  if (edited) return [textView(`${sentence(said)} Week ${weekNumber}'s message is updated.`, { replacesSource })];
  const views: View[] = [weekView(plan, weekNumber, { note: sentence(said) })];
  return replacesSource ? [textView(sentence(said), { replacesSource: true }), ...views] : views;
}

/** A refusal in one sentence, with the nearest move that is allowed as a button when there is one. */
function refusalView(error: ChangeRefusedError, plan: PlanRecord): MessageView {
  const text = sentence(error.message);
  const week = plan.weeks[error.weekNumber - 1];
  if (error.nearest === undefined || week === undefined) return textView(text, { ephemeral: true });
  const { from, to } = error.nearest;
  const button: ViewButton = {
    actionId: DAY_MOVE_TO_ACTION,
    label: `Move it to ${DAY_NAMES[to - 1] ?? `day ${to}`}`,
    style: 'primary',
    planId: plan.id,
    value: moveButtonValue({ weekNumber: error.weekNumber, dayNumber: from, to, version: weekVersion(week) }),
  };
  return message(
    [
      { type: 'text', text },
      { type: 'buttons', buttons: [button] },
    ],
    text,
    { ephemeral: true },
  );
}

/** Runs a change; a refusal becomes its view (with the plan as it stands, for the offered move). */
export async function orRefusal(ctx: HandlerContext, actor: string, planId: string, change: () => Promise<View[]>): Promise<View[]> {
  try {
    return await change();
  } catch (error) {
    if (!(error instanceof ChangeRefusedError)) throw error;
    return [refusalView(error, await ctx.plans.getPlan(actor, planId))];
  }
}

/** "Move a run": which run of week N moves (today and later, not marked, not the race). */
export function runChooser(plan: PlanRecord, weekNumber: number, now: Date): MessageView {
  const week = plan.weeks[weekNumber - 1];
  if (!week) return textView(`Week ${weekNumber} is not ready yet.`, { ephemeral: true });
  const today = todayFor(plan.delivery, now);
  const marked = new Set((week.execution?.days ?? []).map((m) => m.dayNumber));
  const version = weekVersion(week);
  const buttons: ViewButton[] = week.days
    .filter((d) => d.type !== 'rest' && d.type !== 'race' && d.date >= today && !marked.has(d.dayNumber))
    .map((d) => ({
      actionId: DAY_MOVE_ACTION,
      label: `${dayLabel(d.dayNumber, d.date)} · ${sessionLabel(d)}`,
      style: 'default',
      planId: plan.id,
      value: moveButtonValue({ weekNumber, dayNumber: d.dayNumber, to: undefined, version }),
    }));
  if (buttons.length === 0) return textView(`No run of week ${weekNumber} is left to move.`, { ephemeral: true });
  const text = `Which run of week ${weekNumber} moves?`;
  return message(
    [
      { type: 'text', text },
      { type: 'buttons', buttons },
    ],
    text,
    { ephemeral: true },
  );
}

/** Move…: the days of the week this run may go to without breaking a rule. */
export function targetChooser(plan: PlanRecord, weekNumber: number, from: number, targets: readonly number[]): MessageView {
  const week = plan.weeks[weekNumber - 1];
  const day = week?.days.find((d) => d.dayNumber === from);
  if (!week || !day) return textView(`Week ${weekNumber} has no day ${from}.`, { ephemeral: true });
  const what = `${dayLabel(day.dayNumber, day.date)} · ${sessionLabel(day)}`;
  if (targets.length === 0) {
    return textView(
      `No other day of week ${weekNumber} can take ${what} without breaking the plan's rules. Mark it Skipped instead, and the next weeks adapt.`,
      { ephemeral: true },
    );
  }
  const version = weekVersion(week);
  const buttons: ViewButton[] = targets.map((to) => {
    const target = week.days.find((d) => d.dayNumber === to);
    return {
      actionId: DAY_MOVE_TO_ACTION,
      label: target ? `To ${dayLabel(target.dayNumber, target.date)}` : `To day ${to}`,
      style: 'default',
      planId: plan.id,
      value: moveButtonValue({ weekNumber, dayNumber: from, to, version }),
    };
  });
  const text = `Move ${what} to:`;
  return message(
    [
      { type: 'text', text },
      { type: 'buttons', buttons },
    ],
    text,
    { ephemeral: true },
  );
}

/** "Moved Saturday's long run to Sunday (swapped with its recovery run)". */
export function movedText(plan: PlanRecord, weekNumber: number, from: number, to: number): string {
  const week = plan.weeks[weekNumber - 1];
  const moved = week?.days.find((d) => d.dayNumber === to);
  const other = week?.days.find((d) => d.dayNumber === from);
  const what = moved ? sessionLabel(moved).toLowerCase() : 'run';
  const swapped = other && other.type !== 'rest' ? `; its ${sessionLabel(other).toLowerCase()} goes to ${DAY_NAMES[from - 1]}` : '';
  return `Moved ${DAY_NAMES[from - 1]}'s ${what} to ${DAY_NAMES[to - 1]}${swapped}`;
}
