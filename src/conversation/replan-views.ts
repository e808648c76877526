/**
 * What the athlete reads about mid-plan changes: a pause, a resume and its return ramp, a race
 * out of reach with the choices offered, and a race change shown old beside new before Confirm.
 */
import { PLAN_CHANGE_CANCEL_ACTION, PLAN_CHANGE_CONFIRM_ACTION, changeButtonValue } from './action-ids.js';
import type { PendingChange, PlanRecord } from '../plans/plan-record.js';
import type { RaceChangePreview } from '../plans/use-cases/change-race.js';
import { shortDate, type ResumeOutcome } from '../plans/use-cases/pause-plan.js';
import type { Phase, PlanInputs } from '../domain/schemas.js';
import { formatDuration } from '../domain/time.js';
import { formatDistance } from '../domain/units.js';
import type { MessageView, ViewBlock, ViewButton } from './views.js';

function message(blocks: ViewBlock[], summary: string, options: { ephemeral?: boolean; replacesSource?: boolean } = {}): MessageView {
  return { kind: 'message', blocks, ephemeral: options.ephemeral ?? false, replacesSource: options.replacesSource ?? false, summary };
}

/** "Paused since 3 Dec (sick) — /plan resume", or undefined when the athlete has not paused. */
export function pauseLine(plan: PlanRecord): string | undefined {
  const pause = plan.pause;
  if (!pause) return undefined;
  const why = pause.reason ? ` (${pause.reason})` : '';
  const until = pause.until ? `, until ${shortDate(pause.until)}` : '';
  return `Paused since ${shortDate(pause.sinceDate)}${why}${until} — /plan resume`;
}

export function pausedView(plan: PlanRecord): MessageView {
  const line = pauseLine(plan) ?? 'Paused';
  const until = plan.pause?.until
    ? `It resumes by itself on ${shortDate(plan.pause.until)}, or earlier with /plan resume.`
    : 'Bring it back with /plan resume.';
  const text = `Your plan is paused: no weekly posts or reminders. ${until} On resume the weeks left are re-planned for the time off.`;
  return message(
    [
      { type: 'text', text },
      { type: 'fields', fields: [{ label: 'Status', value: line }] },
    ],
    line,
  );
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The ramp in words: "week 8 at about 60%, week 9 at about 75% of your week before the break". */
function rampText(outcome: Extract<ResumeOutcome, { kind: 'resumed' }>): string {
  const start = outcome.plan.returnRamp?.fromWeek ?? outcome.currentWeek;
  if (outcome.shares.length === 0) return 'No weeks were left to re-plan.';
  const weeks = outcome.shares.map((s, i) => `week ${start + i} at about ${percent(s)}`).join(', ');
  const block = outcome.rampKind === 'base-block' ? 'A new base block: easy running first, quality back at its end. ' : '';
  const gentle = outcome.reason === 'sick' || outcome.reason === 'injured' ? ' Easy running only the first week back.' : '';
  const ramp = `${weeks} of your training before the break, then back on the plan.`;
  return `${block}${ramp.charAt(0).toUpperCase()}${ramp.slice(1)}${gentle}`;
}

export function resumedView(outcome: Extract<ResumeOutcome, { kind: 'resumed' }>): MessageView {
  if (outcome.breakDays === 0) {
    const text = 'Resumed the same day: nothing was missed, and your plan goes on as it was.';
    return message([{ type: 'text', text }], text);
  }
  const why = outcome.reason ? ` (${outcome.reason})` : '';
  const text = `Welcome back after ${outcome.breakDays} days off${why}. ${rampText(outcome)}`;
  return message([{ type: 'text', text }], text);
}

function optionButtons(plan: PlanRecord, change: PendingChange, cancelLabel: string): ViewButton[] {
  return [
    ...change.options.map((option, i) => ({
      actionId: PLAN_CHANGE_CONFIRM_ACTION,
      label: change.kind === 'race' ? 'Confirm' : option.label,
      style: i === 0 ? ('primary' as const) : ('default' as const),
      planId: plan.id,
      value: changeButtonValue(change.id, i),
    })),
    { actionId: PLAN_CHANGE_CANCEL_ACTION, label: cancelLabel, style: 'default', planId: plan.id, value: changeButtonValue(change.id) },
  ];
}

export function unreachableView(outcome: Extract<ResumeOutcome, { kind: 'unreachable' }>): MessageView {
  const race = outcome.plan.inputs ? `${outcome.plan.inputs.raceName} on ${shortDate(outcome.plan.inputs.raceDate)}` : 'your race';
  const text = `${race} can no longer be reached safely: ${outcome.why}.`;
  const blocks: ViewBlock[] = [{ type: 'warning', text }];
  if (outcome.change) {
    blocks.push({ type: 'text', text: 'Pick one below; nothing changes until you do, and your plan stays paused.' });
    // One row per option: Slack refuses one action id twice in a row of buttons.
    const buttons = optionButtons(outcome.plan, outcome.change, 'Keep paused');
    const keep = buttons.slice(-1);
    buttons.slice(0, -1).forEach((button, i, all) => {
      blocks.push({ type: 'buttons', buttons: i === all.length - 1 ? [button, ...keep] : [button] });
    });
  } else {
    blocks.push({
      type: 'text',
      text: 'No later date or shorter race fits either; /plan new starts a fresh plan. Your plan stays paused.',
    });
  }
  return message(blocks, text);
}

function phasesText(phases: readonly Phase[]): string {
  return phases.map((p) => `${p.name} ${p.weekCount}`).join(' · ');
}

function raceText(inputs: PlanInputs): string {
  return `${formatDistance(inputs.distanceMiles, inputs.units)} on ${shortDate(inputs.raceDate)} ${inputs.raceDate.slice(0, 4)}, goal ${formatDuration(inputs.goalTimeSeconds)}`;
}

/** Old and new side by side, with Confirm / Cancel; nothing changes before Confirm. */
export function raceChangeView(preview: RaceChangePreview): MessageView {
  const option = preview.change.options[0];
  const after = option ? option : { inputs: preview.before.inputs, phases: preview.before.phases };
  const made = preview.plan.weeks.length;
  const blocks: ViewBlock[] = [
    { type: 'header', text: 'Change the race?' },
    {
      type: 'fields',
      fields: [
        { label: 'Now', value: raceText(preview.before.inputs) },
        { label: 'New', value: raceText(after.inputs) },
        { label: 'Phases now', value: phasesText(preview.before.phases) },
        { label: 'Phases new', value: phasesText(after.phases) },
      ],
    },
    {
      type: 'text',
      text: `${made === 1 ? 'Week 1 and its log stay' : `Weeks 1–${made} and their logs stay`} as they are; the weeks after are re-planned. The current version is kept in your plan's history.`,
    },
    { type: 'buttons', buttons: optionButtons(preview.plan, preview.change, 'Cancel') },
  ];
  return message(blocks, `Change the race to ${raceText(after.inputs)}? Confirm or Cancel.`);
}

/** The outcome line that replaces a change's buttons once the athlete picked. */
export function changeDoneView(text: string): MessageView {
  return message([{ type: 'outcome', text }], text, { replacesSource: true });
}
