/**
 * Pure functions from plans to views: the preview with its decision buttons, a week with Log and
 * per-day Done / Skipped, status, and the short replies (help is the command registry's). All text is formatted here, in the
 * athlete's units; a day's label and line come from `domain/day-format.ts`, as on every surface.
 */
import { pauseLine } from './replan-views.js';
import { tuneUpDayLabel, tuneUpsLine } from './tune-up-views.js';
import { DAY_NAMES, weekNumberOf } from '../domain/calendar.js';
import { dayDistance, describeDay, formatUnitPace, formatWeekVolume, notesIn, dayLabel as sessionLabel } from '../domain/day-format.js';
import { computePaces, goalRealism, type TrainingPaces } from '../domain/paces.js';
import { trainingMiles } from '../domain/plan-math.js';
import type { Day, Week } from '../domain/schemas.js';
import { formatDuration, formatPace, parsePace } from '../domain/time.js';
import { offsetMinutes } from '../domain/time-zones.js';
import { formatDistance, paceInUnits, type Units } from '../domain/units.js';
import type { PlanRecord } from '../plans/plan-record.js';
import { weeklyVolumes } from '../plans/plan-volumes.js';
import {
  DAY_DONE_ACTION,
  DAY_SKIPPED_ACTION,
  REMINDER_NOT_TODAY_ACTION,
  TUNE_UP_RESULT_ACTION,
  PLAN_CANCEL_ACTION,
  PLAN_CONFIRM_ACTION,
  PLAN_EDIT_DRAFT_ACTION,
  PLAN_KEEP_ACTION,
  PLAN_KEEP_GOAL_ACTION,
  PLAN_NEW_ACTION,
  PLAN_REGENERATE_ACTION,
  PLAN_REPLACE_ACTION,
  PLAN_TRAIN_PREDICTED_ACTION,
  WEEK_LOG_ACTION,
  WEEK_MOVE_ACTION,
  DAY_MOVE_ACTION,
  DAY_NOT_TODAY_ACTION,
  dayButtonValue,
  moveButtonValue,
} from './action-ids.js';
import { weekVersion } from '../plans/use-cases/week-change.js';
import { message, type ChartBar, type MessageView, type ViewBlock, type ViewButton, type WeekRow } from './views.js';
import { dateLabel, dayLabel, raceDistanceLabel, unitsOf } from './plan-labels.js';
import { planChartImage, weekCardImage } from './chart-images.js';

// The shared labels keep their old home too, for the many views that import them from here.
export { dateLabel, dayLabel };

/** `6 Dec 2026, 18:00 Europe/Berlin`: an instant as the athlete's clock shows it. */
export function dueLabel(instant: Date, timezone: string): string {
  const local = new Date(instant.getTime() + offsetMinutes(timezone, instant) * 60_000).toISOString();
  return `${dateLabel(local.slice(0, 10))}, ${local.slice(11, 16)} ${timezone}`;
}

function dayButtons(
  planId: string,
  weekNumber: number,
  day: Day,
  options: { fromReminder?: boolean; tuneUp?: boolean } = {},
): ViewButton[] {
  if (day.type === 'rest') return [];
  const value = dayButtonValue(weekNumber, day.dayNumber, options.fromReminder === true ? 'reminder' : 'week');
  return [
    { actionId: DAY_DONE_ACTION, label: 'Done', style: 'primary', planId, value },
    { actionId: DAY_SKIPPED_ACTION, label: 'Skipped', style: 'default', planId, value },
    // A tune-up's result is entered from its day: the form comes with the race's distance and date.
    ...(options.tuneUp === true
      ? [{ actionId: TUNE_UP_RESULT_ACTION, label: 'Result', style: 'default' as const, planId, value: day.date }]
      : []),
  ];
}

/** The coach's note, after "Moved from Saturday." on a run the athlete moved (`/plan move`). */
function movedNote(day: Day, notes: string): string {
  if (day.movedFrom === undefined || day.type === 'rest') return notes;
  return [`Moved from ${DAY_NAMES[day.movedFrom - 1] ?? `day ${day.movedFrom}`}.`, notes].filter((t) => t !== '').join(' ');
}

/** Not today and Move… on a run day of a posted week (the day's menu; see `WeekRow.menu`). */
function dayMenu(planId: string, week: Week, day: Day, version: string): ViewButton[] {
  if (day.type === 'rest' || day.type === 'race') return [];
  const value = moveButtonValue({ weekNumber: week.weekNumber, dayNumber: day.dayNumber, to: undefined, version });
  return [
    { actionId: DAY_NOT_TODAY_ACTION, label: 'Not today', style: 'default', planId, value },
    { actionId: DAY_MOVE_ACTION, label: 'Move…', style: 'default', planId, value },
  ];
}

export function weekBlock(
  plan: PlanRecord,
  week: Week,
  options: { dayButtons: boolean; marks?: ReadonlyMap<number, 'done' | 'skipped'> },
): Extract<ViewBlock, { type: 'week' }> {
  const units = unitsOf(plan);
  const version = weekVersion(week);
  const rows: WeekRow[] = week.days.map((day) => ({
    dayNumber: day.dayNumber,
    dayLabel: dayLabel(day.dayNumber, day.date),
    typeLabel: tuneUpDayLabel(plan, day) ?? sessionLabel(day),
    distance: day.type === 'rest' ? '—' : dayDistance(day, units),
    // The label already says "Rest"; a rest day has nothing more to describe.
    workout: day.type === 'rest' ? '' : describeDay(day, units),
    notes: movedNote(day, notesIn(day.notes, units)),
    mark: options.marks?.get(day.dayNumber) ?? null,
    buttons: options.dayButtons
      ? dayButtons(plan.id, week.weekNumber, day, { tuneUp: plan.status === 'active' && tuneUpDayLabel(plan, day) !== undefined })
      : [],
    menu: options.dayButtons && plan.status === 'active' ? dayMenu(plan.id, week, day, version) : [],
  }));
  return { type: 'week', title: `Week ${week.weekNumber} · ${week.phase}`, total: formatWeekVolume(week, units), rows };
}

/**
 * The plan's paces (C-paces), computed from its inputs rather than read from the record: previews
 * stored before PLAN-RULES v2 lack the v2 paces, and the inputs are what the paces mean.
 */
export function pacesOf(plan: PlanRecord): TrainingPaces | undefined {
  return plan.inputs ? computePaces(plan.inputs) : undefined;
}

export function pacesFields(paces: TrainingPaces, units: Units): Extract<ViewBlock, { type: 'fields' }> {
  const pace = (secondsPerMile: number): string => formatUnitPace(secondsPerMile, units);
  const easyRange = `${formatPace(paceInUnits(paces.easyFast, units))}–${formatPace(paceInUnits(paces.easySlow, units))}/${units}`;
  return {
    type: 'fields',
    fields: [
      { label: 'Goal pace', value: pace(paces.goal) },
      { label: 'Predicted pace', value: pace(paces.predicted) },
      { label: 'Easy', value: easyRange },
      { label: 'Marathon', value: pace(paces.marathon) },
      { label: 'Threshold', value: pace(paces.threshold) },
      { label: 'Interval', value: pace(paces.interval) },
      { label: 'Repetition', value: pace(paces.repetition) },
      { label: 'Target race pace', value: pace(paces.target) },
    ],
  };
}

/** `Goal 3:30:00 · predicted 3:34:10 (VDOT 43.1)`. */
function goalLine(goalSeconds: number, paces: TrainingPaces): string {
  return `Goal ${formatDuration(goalSeconds)} · predicted ${formatDuration(paces.predictedTime)} (VDOT ${paces.vdot.toFixed(1)})`;
}

export type GoalChoice = { readonly open: true; readonly predicted: string } | { readonly open: false; readonly reason: string };

/**
 * Whether C-goal's choice is still open on this plan, and the predicted time as a goal
 * (`3:34:42`) that "Train for …" sets. A button pressed on a stale preview (the goal already
 * changed, or the plan confirmed) gets the reason instead.
 */
export function goalChoice(plan: PlanRecord): GoalChoice {
  const paces = pacesOf(plan);
  if (plan.status !== 'preview' || !plan.inputs || !paces) {
    return { open: false, reason: `That choice is closed: your plan is ${plan.status}. /plan status shows it.` };
  }
  if (goalRealism(paces) !== 'choose') {
    return { open: false, reason: `That choice is made: your goal is ${formatDuration(plan.inputs.goalTimeSeconds)} now.` };
  }
  return { open: true, predicted: formatDuration(paces.predictedTime) };
}

function phasesText(plan: PlanRecord): string {
  const phases = plan.preview?.phases ?? plan.phases;
  let first = 1;
  return phases
    .map((phase) => {
      const last = first + phase.weekCount - 1;
      const range = first === last ? `week ${first}` : `weeks ${first}–${last}`;
      first = last + 1;
      return `${phase.name} ${range}`;
    })
    .join(' · ');
}

export function raceLine(plan: PlanRecord, options: { goal: boolean } = { goal: true }): string {
  const i = plan.inputs;
  if (!i) return 'Training plan';
  const goal = options.goal ? ` · goal ${formatDuration(i.goalTimeSeconds)}` : '';
  return `${i.raceName} · ${raceDistanceLabel(plan)} on ${dateLabel(i.raceDate)}${goal}`;
}

/**
 * Volume for every week of the plan as chart bars (`weeklyVolumes`): the weeks made with their
 * training miles, the weeks not made yet as the engine projects them if all goes to plan ("~",
 * `projected`), and what the athlete logged. Bars are training miles (R5): race week's bar leaves
 * the race out and says "+ race", so the taper reads as one. `highlight`: the week marked.
 */
function mileageChart(plan: PlanRecord, weeks: readonly Week[], highlight: number | undefined): ViewBlock {
  const units = unitsOf(plan);
  const made = new Map(weeks.map((w) => [w.weekNumber, w]));
  const known = weeklyVolumes(plan);
  // A plan without an outline (inputs or phases missing) still charts the weeks it has.
  const volumes =
    known.length > 0
      ? known
      : weeks.map((w) => ({
          weekNumber: w.weekNumber,
          planned: trainingMiles(w),
          logged: null,
          projected: false,
          raceWeek: false,
          tuneUps: [],
        }));
  const bars: ChartBar[] = volumes.map((v) => {
    const week = made.get(v.weekNumber);
    const races = v.raceWeek || v.tuneUps.length > 0 ? ' + race' : '';
    const volume = week ? formatWeekVolume(week, units) : `~${formatDistance(v.planned, units)}${races}`;
    return {
      label: `W${v.weekNumber}`,
      value: v.planned,
      display: v.logged === null ? volume : `${volume} · ran ${formatDistance(v.logged, units)}`,
      highlight: v.weekNumber === highlight,
      ...(v.projected ? { projected: true } : {}),
    };
  });
  const projected = volumes.some((v) => v.projected);
  return { type: 'chart', title: projected ? 'Weekly mileage (~ projected if all goes to plan)' : 'Weekly mileage', bars };
}

function decisionButtons(planId: string): ViewBlock {
  return {
    type: 'buttons',
    buttons: [
      { actionId: PLAN_CONFIRM_ACTION, label: 'Confirm', style: 'primary', planId, value: null },
      { actionId: PLAN_REGENERATE_ACTION, label: 'Regenerate', style: 'default', planId, value: null },
      { actionId: PLAN_CANCEL_ACTION, label: 'Cancel', style: 'danger', planId, value: null },
      // Last, so the buttons people already know keep their places (the console numbers them).
      editButton(planId),
    ],
  };
}

/**
 * Edit: the draft form again with the preview's values; submitting it previews the edited inputs
 * (the draft form's own button, so every surface opens it the way it opens a saved draft).
 */
function editButton(planId: string): ViewButton {
  return { actionId: PLAN_EDIT_DRAFT_ACTION, label: 'Edit', style: 'default', planId, value: null };
}

/**
 * C-goal's choice, in place of Confirm: a goal more than 8% faster than predicted is confirmed only
 * once the athlete has kept it or taken the predicted time instead.
 */
function goalChoiceButtons(planId: string, predicted: string): ViewBlock {
  return {
    type: 'buttons',
    buttons: [
      { actionId: PLAN_KEEP_GOAL_ACTION, label: 'Keep my goal', style: 'primary', planId, value: null },
      { actionId: PLAN_TRAIN_PREDICTED_ACTION, label: `Train for ${predicted}`, style: 'default', planId, value: null },
      { actionId: PLAN_REGENERATE_ACTION, label: 'Regenerate', style: 'default', planId, value: null },
      { actionId: PLAN_CANCEL_ACTION, label: 'Cancel', style: 'danger', planId, value: null },
      // Last, so the buttons people already know keep their places (the console numbers them).
      editButton(planId),
    ],
  };
}

export type PreviewOptions = {
  /** The athlete pressed "Keep my goal": the preview offers Confirm and says what that means. */
  readonly goalKept?: boolean;
};

/**
 * The preview's content; with `outcome` the buttons give way to that line. The goal and the time
 * the athlete's 5K predicts come first, then the warnings (an ambitious goal, a start moved to
 * Monday) before anything else, since they may change what the athlete confirms.
 */
export function previewView(plan: PlanRecord, outcome?: string, options: PreviewOptions = {}): MessageView {
  const preview = plan.preview;
  const week = preview?.week ?? plan.weeks[0];
  const units = unitsOf(plan);
  const paces = pacesOf(plan);
  const summary = [raceLine(plan, { goal: paces === undefined })];
  if (plan.inputs && paces) summary.push(goalLine(plan.inputs.goalTimeSeconds, paces));
  summary.push(`${preview?.totalWeeks ?? plan.totalWeeks ?? '?'} weeks: ${phasesText(plan)}`);
  const blocks: ViewBlock[] = [
    { type: 'header', text: `Your plan: ${plan.inputs?.raceName ?? 'race'}` },
    { type: 'text', text: summary.join('\n') },
  ];
  for (const warning of preview?.warnings ?? plan.warnings) blocks.push({ type: 'warning', text: warning });
  const open = outcome === undefined;
  const choose = open && !options.goalKept && paces !== undefined && goalRealism(paces) === 'choose';
  if (plan.inputs && paces && open && (choose || options.goalKept)) {
    const goal = formatDuration(plan.inputs.goalTimeSeconds);
    const predicted = formatDuration(paces.predictedTime);
    const target = formatUnitPace(paces.target, units);
    blocks.push({
      type: 'text',
      // The warning above already names both times and the gap; this line only asks.
      text: choose
        ? `Choose below: keep your goal of ${goal} (race-pace runs use ${target}), or train for ${predicted}.`
        : `You kept your goal of ${goal}. Race-pace runs use ${target} until a faster 5K says otherwise.`,
    });
  }
  if (paces) blocks.push(pacesFields(paces, units));
  if (week) {
    blocks.push(weekBlock(plan, week, { dayButtons: false }));
    blocks.push(mileageChart(plan, [week], week.weekNumber));
    // The plan's shape as a picture (no week is "this week" yet: the plan has not begun).
    const chart = planChartImage(plan, undefined);
    if (chart) blocks.push(chart);
  }
  if (open && plan.status === 'preview' && plan.replacesPlanId !== undefined) {
    blocks.push({ type: 'text', text: 'Confirming this plan replaces your active plan, which is cancelled then.' });
  }
  if (!open) blocks.push({ type: 'outcome', text: outcome });
  else if (choose) blocks.push(goalChoiceButtons(plan.id, formatDuration(paces.predictedTime)));
  else blocks.push(decisionButtons(plan.id));
  return message(blocks, `Preview of your ${raceDistanceLabel(plan)} plan: ${raceLine(plan)}`, {
    replacesSource: !open || options.goalKept === true,
  });
}

export function marksOf(plan: PlanRecord, weekNumber: number): Map<number, 'done' | 'skipped'> {
  const marks = new Map<number, 'done' | 'skipped'>();
  for (const mark of plan.weeks[weekNumber - 1]?.execution?.days ?? []) marks.set(mark.dayNumber, mark.status);
  return marks;
}

/**
 * What the week was built on when the athlete did not log the week before (R11: a week not logged
 * counts as done as planned; Done / Skipped marks alone count as a partial log), said in the
 * delivered week's message. Undefined when the week before was logged, or there is none.
 */
export function assumedLogNote(plan: PlanRecord, weekNumber: number): string | undefined {
  const before = plan.weeks[weekNumber - 2];
  if (weekNumber < 2 || !before) return undefined;
  const n = before.weekNumber;
  const log = before.execution;
  if (!log) return `No log for week ${n}, so I assumed it went as planned.`;
  const marks = log.days ?? [];
  if (marks.length === 0) return undefined;
  const runDays = before.days.filter((d) => d.type !== 'rest').length;
  const done = marks.filter((m) => m.status === 'done').length;
  const skipped = marks.length - done;
  return (
    `Week ${n} has only Done/Skipped marks (${done} done, ${skipped} skipped of ${runDays} runs), so I counted them as a partial log: ` +
    `${log.completedDays} run day${log.completedDays === 1 ? '' : 's'}, ${formatDistance(log.totalMiles, unitsOf(plan))}. /plan log ${n} records the whole week.`
  );
}

/**
 * The daily reminder: today as its row in the week reads (`Tue 8 Dec`, the type label, distance
 * and workout line), the coach's note, and on a run day the week's own Done / Skipped buttons for
 * it (their value says the press came from a reminder, so the answer is this view with the mark).
 */
export function reminderView(plan: PlanRecord, date: string, options: { replacesSource?: boolean } = {}): MessageView {
  const units = unitsOf(plan);
  const weekNumber = plan.inputs ? weekNumberOf(plan.inputs.startDate, date) : 0;
  const day = plan.weeks[weekNumber - 1]?.days.find((d) => d.date === date);
  if (!day) {
    const text = plan.inputs ? `No workout is planned for today (${dateLabel(date)}) yet.` : 'Your plan has no days yet.';
    return textView(text);
  }
  const today = `Today, ${dayLabel(day.dayNumber, day.date)}`;
  if (day.type === 'rest') {
    const text = `${today}: ${sessionLabel(day)}. ${notesIn(day.notes, units)}`.trim();
    return message([{ type: 'text', text }], text, { replacesSource: options.replacesSource ?? false });
  }
  const line = `${today}: ${tuneUpDayLabel(plan, day) ?? sessionLabel(day)} · ${dayDistance(day, units)}`;
  const blocks: ViewBlock[] = [{ type: 'text', text: `${line}\n${describeDay(day, units)}` }];
  if (day.notes.trim() !== '') blocks.push({ type: 'text', text: notesIn(day.notes, units) });
  const mark = marksOf(plan, weekNumber).get(day.dayNumber);
  if (mark) blocks.push({ type: 'text', text: `Marked ${mark}.` });
  const week = plan.weeks[weekNumber - 1];
  // Not today moves the run to the first later day that takes it, as on the week's message.
  const notToday: ViewButton[] =
    week !== undefined && plan.status === 'active' && mark === undefined && day.type !== 'race'
      ? [
          {
            actionId: REMINDER_NOT_TODAY_ACTION,
            label: 'Not today',
            style: 'default',
            planId: plan.id,
            value: moveButtonValue({ weekNumber, dayNumber: day.dayNumber, to: undefined, version: weekVersion(week) }),
          },
        ]
      : [];
  blocks.push({ type: 'buttons', buttons: [...dayButtons(plan.id, weekNumber, day, { fromReminder: true }), ...notToday] });
  return message(blocks, `${line} · ${describeDay(day, units)}`, { replacesSource: options.replacesSource ?? false });
}

/** A week of an active plan, with Log and per-day Done / Skipped. */
export function weekView(plan: PlanRecord, weekNumber: number, options: { note?: string; replacesSource?: boolean } = {}): MessageView {
  const week = plan.weeks[weekNumber - 1];
  if (!week) return textView(`Week ${weekNumber} is not ready yet.`, { ephemeral: true });
  const units = unitsOf(plan);
  const blocks: ViewBlock[] = [
    { type: 'header', text: `Week ${weekNumber} of ${plan.totalWeeks ?? '?'} · ${plan.inputs?.raceName ?? ''}`.trim() },
  ];
  if (options.note) blocks.push({ type: 'text', text: options.note });
  // The week at a glance first; its days with their buttons follow.
  blocks.push(weekCardImage(plan, weekNumber));
  blocks.push(weekBlock(plan, week, { dayButtons: true, marks: marksOf(plan, weekNumber) }));
  const log = week.execution;
  if (log) {
    blocks.push({
      type: 'fields',
      fields: [
        { label: 'Logged', value: `${log.completedDays} run days · ${formatDistance(log.totalMiles, units)}` },
        ...(log.averagePace && parsePace(log.averagePace) !== undefined
          ? [{ label: 'Average pace', value: formatUnitPace(parsePace(log.averagePace) ?? 0, units) }]
          : []),
      ],
    });
  }
  const move: ViewButton = {
    actionId: WEEK_MOVE_ACTION,
    label: 'Move a run',
    style: 'default',
    planId: plan.id,
    value: moveButtonValue({ weekNumber, dayNumber: 0, to: undefined, version: weekVersion(week) }),
  };
  blocks.push({
    type: 'buttons',
    buttons: [
      { actionId: WEEK_LOG_ACTION, label: `Log week ${weekNumber}`, style: 'default', planId: plan.id, value: String(weekNumber) },
      // After Log, so the buttons people already know keep their places (the console numbers them).
      ...(plan.status === 'active' ? [move] : []),
    ],
  });
  return message(blocks, `Week ${weekNumber}: ${formatWeekVolume(week, units)} planned`, {
    replacesSource: options.replacesSource ?? false,
  });
}

export function statusView(plan: PlanRecord | undefined, currentWeek: number | undefined): MessageView {
  if (!plan) {
    return message(
      [
        { type: 'text', text: 'You have no plan yet.' },
        { type: 'buttons', buttons: [{ actionId: PLAN_NEW_ACTION, label: 'Start a plan', style: 'primary', planId: 'new', value: null }] },
      ],
      'You have no plan yet.',
    );
  }
  const units = unitsOf(plan);
  const done = plan.weeks.filter((w) => w.execution).length;
  const fields = [
    // An athlete's pause shows first: "Paused since 3 Dec (sick) — /plan resume".
    { label: 'Status', value: pauseLine(plan) ?? plan.status },
    { label: 'Race', value: raceLine(plan) },
    { label: 'Weeks made', value: `${plan.weeks.length} of ${plan.totalWeeks ?? '?'}` },
    { label: 'Weeks logged', value: String(done) },
  ];
  if (currentWeek !== undefined) fields.push({ label: 'This week', value: `week ${currentWeek}` });
  const tuneUps = tuneUpsLine(plan);
  if (tuneUps !== undefined) fields.push({ label: 'Tune-ups', value: tuneUps });
  if (plan.nextWeekDueAt) fields.push({ label: 'Next week arrives', value: dueLabel(plan.nextWeekDueAt, plan.delivery.timezone) });
  const blocks: ViewBlock[] = [
    { type: 'header', text: `Plan status · ${plan.inputs?.raceName ?? 'draft'}` },
    { type: 'fields', fields },
  ];
  if (plan.weeks.length > 0) {
    blocks.push(mileageChart(plan, plan.weeks, currentWeek ?? plan.weeks.at(-1)?.weekNumber));
    const chart = planChartImage(plan, currentWeek);
    if (chart) blocks.push(chart);
  }
  const training = formatDistance(
    plan.weeks.reduce((sum, w) => sum + trainingMiles(w), 0),
    units,
  );
  const race = plan.weeks.some((w) => w.days.some((d) => d.type === 'race')) ? ' + race' : '';
  const summary = plan.weeks.length > 0 ? `${plan.weeks.length} weeks, ${training}${race} planned` : plan.status;
  return message(blocks, `Plan status: ${summary}`);
}

export function textView(text: string, options: { ephemeral?: boolean; replacesSource?: boolean } = {}): MessageView {
  return message([{ type: 'text', text }], text, options);
}

/** `Berlin Marathon on 18 Apr 2027`: an active plan as the replace question names it. */
export function activePlanLabel(plan: PlanRecord): string {
  return plan.inputs ? `${plan.inputs.raceName} on ${dateLabel(plan.inputs.raceDate)}` : 'your current plan';
}

/**
 * `/plan new` while a plan is active: Replace goes on with the new plan (`draftId`, saved with the
 * question), Keep keeps the active one. The active plan is cancelled only when the new one is confirmed.
 */
export function replaceQuestionView(active: PlanRecord, draftId: string): MessageView {
  const question = `You already have an active plan: ${activePlanLabel(active)}. Replace it?`;
  return message(
    [
      { type: 'text', text: question },
      { type: 'text', text: 'It stays active until you confirm the new plan.' },
      {
        type: 'buttons',
        buttons: [
          { actionId: PLAN_REPLACE_ACTION, label: 'Replace', style: 'primary', planId: draftId, value: null },
          { actionId: PLAN_KEEP_ACTION, label: 'Keep', style: 'default', planId: draftId, value: null },
        ],
      },
    ],
    question,
  );
}
