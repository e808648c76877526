/**
 * What the athlete reads when runs log themselves (issue 21): one short line per activity,
 * "Logged: Tue easy 5.1 mi @ 9:12/mi — on plan", in their units, all of a batch in one
 * message, with an Undo button per run recorded. Whatever the source (Strava, a file), the words
 * are these.
 */
import { activityMiles, activityPaceSeconds } from '../domain/activity.js';
import { DAY_SHORT_NAMES } from '../domain/calendar.js';
import { dayShortLabel, formatUnitPace } from '../domain/day-format.js';
import { formatDistance } from '../domain/units.js';
import type { PlanRecord } from '../plans/plan-record.js';
import type { ActivityOutcome, UndoOutcome } from '../plans/use-cases/record-activity.js';
import { ACTIVITY_UNDO_ACTION, undoButtonValue } from './action-ids.js';
import { unitsOf } from './plan-labels.js';
import { message, type MessageView, type ViewBlock, type ViewButton } from './views.js';

function shortDay(dayNumber: number): string {
  return DAY_SHORT_NAMES[dayNumber - 1] ?? `day ${dayNumber}`;
}

/** `Tue easy`: the plan day a run was recorded on. */
function dayWords(plan: PlanRecord, weekNumber: number, dayNumber: number): string {
  const day = plan.weeks[weekNumber - 1]?.days.find((d) => d.dayNumber === dayNumber);
  return day === undefined ? shortDay(dayNumber) : `${shortDay(dayNumber)} ${dayShortLabel(day)}`;
}

/** The line for one activity. */
function activityLine(outcome: ActivityOutcome): string {
  if (outcome.kind === 'not-matched') return `Not logged: ${outcome.message}`;
  const units = unitsOf(outcome.plan);
  const pace = activityPaceSeconds(outcome.activity);
  const figures = `${formatDistance(activityMiles(outcome.activity), units)}${pace === undefined ? '' : ` @ ${formatUnitPace(pace, units)}`}`;
  const lead = outcome.kind === 'recorded' ? 'Logged' : 'Already logged';
  return `${lead}: ${dayWords(outcome.plan, outcome.weekNumber, outcome.dayNumber)} ${figures} — ${outcome.comparison}`;
}

/**
 * One message for the runs that arrived together (the plan as the last of them left it), with an
 * Undo button for each one recorded now.
 */
export function activitiesView(outcomes: readonly ActivityOutcome[]): MessageView {
  const lines = outcomes.map(activityLine);
  const undoable = outcomes.filter((o): o is Extract<ActivityOutcome, { kind: 'recorded' | 'already-recorded' }> => o.kind === 'recorded');
  const buttons: ViewButton[] = undoable.map((o) => ({
    actionId: ACTIVITY_UNDO_ACTION,
    label: undoable.length === 1 ? 'Undo' : `Undo ${shortDay(o.dayNumber)}`,
    style: 'default',
    planId: o.plan.id,
    value: undoButtonValue(o.activity.source, o.activity.sourceId),
  }));
  const text = lines.join('\n');
  const blocks: ViewBlock[] = [{ type: 'text', text }, ...(buttons.length > 0 ? [{ type: 'buttons' as const, buttons }] : [])];
  return message(blocks, text);
}

/** The answer to Undo: which day is back as it was, or that nothing was left to undo. */
export function undoneView(outcome: UndoOutcome): MessageView {
  if (!outcome.undone || outcome.weekNumber === undefined || outcome.dayNumber === undefined) {
    return message([{ type: 'text', text: 'That run is no longer logged; nothing to undo.' }], 'Nothing to undo.', { ephemeral: true });
  }
  const text = `Undone: ${dayWords(outcome.plan, outcome.weekNumber, outcome.dayNumber)} is back as it was before that run.`;
  // A new message, not an edit: the batch's message keeps the other runs and their Undo buttons.
  return message([{ type: 'text', text }], text);
}

/** Told when Strava took a logged run away (deleted there, or no longer a run): the day is back as it was. */
export function takenOffView(outcome: UndoOutcome): MessageView {
  const day =
    outcome.weekNumber === undefined || outcome.dayNumber === undefined
      ? 'that day'
      : dayWords(outcome.plan, outcome.weekNumber, outcome.dayNumber);
  const text = `Removed: a run logged from Strava is gone or no longer a run there, so ${day} is back as it was before it.`;
  return message([{ type: 'text', text }], text);
}
