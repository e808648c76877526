/**
 * Pure functions from plans to views: the preview with its decision buttons, a week with Log and
 * per-day Done / Skipped, status, help, and the short replies. All text is formatted here, in the
 * athlete's units.
 */
import { DAY_SHORT_NAMES } from '../domain/calendar.js';
import type { Day, Lap, Week } from '../domain/schemas.js';
import { formatDuration, formatPace, parsePace } from '../domain/time.js';
import { offsetMinutes } from '../domain/time-zones.js';
import { formatDistance, paceInUnits, type Units } from '../domain/units.js';
import type { PlanRecord } from '../plans/plan-record.js';
import {
  DAY_DONE_ACTION,
  DAY_SKIPPED_ACTION,
  PLAN_CANCEL_ACTION,
  PLAN_CONFIRM_ACTION,
  PLAN_NEW_ACTION,
  PLAN_REGENERATE_ACTION,
  WEEK_LOG_ACTION,
  dayButtonValue,
} from './action-ids.js';
import { message, type ChartBar, type MessageView, type ViewBlock, type ViewButton, type WeekRow } from './views.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const TYPE_LABELS: Record<string, string> = {
  rest: 'Rest',
  easy: 'Easy run',
  moderate: 'Steady run',
  recovery: 'Recovery run',
  long: 'Long run',
  tempo: 'Tempo',
  intervals: 'Intervals',
  shakeout: 'Shakeout',
  race: 'Race',
};

function unitsOf(plan: PlanRecord): Units {
  return plan.inputs?.units ?? 'mi';
}

/** `Tue 1 Dec`. */
export function dayLabel(dayNumber: number, iso: string): string {
  return `${DAY_SHORT_NAMES[dayNumber - 1] ?? ''} ${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''}`;
}

/** `18 Apr 2027`. */
export function dateLabel(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''} ${iso.slice(0, 4)}`;
}

/** `6 Dec 2026, 18:00 Europe/Berlin`: an instant as the athlete's clock shows it. */
export function dueLabel(instant: Date, timezone: string): string {
  const local = new Date(instant.getTime() + offsetMinutes(timezone, instant) * 60_000).toISOString();
  return `${dateLabel(local.slice(0, 10))}, ${local.slice(11, 16)} ${timezone}`;
}

function pace(secondsPerMile: number, units: Units): string {
  return `${formatPace(paceInUnits(secondsPerMile, units))}/${units}`;
}

function lapsText(laps: readonly Lap[], units: Units): string {
  return laps
    .map((lap) => {
      const seconds = parsePace(lap.paceGoal);
      return seconds === undefined ? formatDistance(lap.distanceMiles, units) : `${formatDistance(lap.distanceMiles, units)} @ ${pace(seconds, units)}`;
    })
    .join(', ');
}

function miles(laps: readonly Lap[]): number {
  return laps.reduce((sum, lap) => sum + lap.distanceMiles, 0);
}

function dayMiles(day: Day): number {
  return miles(day.warmup) + miles(day.workout) + miles(day.cooldown);
}

function workoutLine(day: Day, units: Units): string {
  if (day.type === 'rest') return '';
  return `${formatDistance(miles(day.warmup), units)} warmup · ${lapsText(day.workout, units)} · ${formatDistance(miles(day.cooldown), units)} cooldown`;
}

function dayButtons(planId: string, weekNumber: number, day: Day): ViewButton[] {
  if (day.type === 'rest') return [];
  const value = dayButtonValue(weekNumber, day.dayNumber);
  return [
    { actionId: DAY_DONE_ACTION, label: 'Done', style: 'primary', planId, value },
    { actionId: DAY_SKIPPED_ACTION, label: 'Skipped', style: 'default', planId, value },
  ];
}

export function weekBlock(plan: PlanRecord, week: Week, options: { dayButtons: boolean; marks?: ReadonlyMap<number, 'done' | 'skipped'> }): ViewBlock {
  const units = unitsOf(plan);
  const rows: WeekRow[] = week.days.map((day) => ({
    dayNumber: day.dayNumber,
    dayLabel: dayLabel(day.dayNumber, day.date),
    typeLabel: TYPE_LABELS[day.type] ?? day.type,
    distance: day.type === 'rest' ? '—' : formatDistance(dayMiles(day), units),
    workout: workoutLine(day, units),
    notes: day.notes,
    mark: options.marks?.get(day.dayNumber) ?? null,
    buttons: options.dayButtons ? dayButtons(plan.id, week.weekNumber, day) : [],
  }));
  return { type: 'week', title: `Week ${week.weekNumber} · ${week.phase}`, total: formatDistance(week.miles, units), rows };
}

function pacesFields(plan: PlanRecord): ViewBlock | undefined {
  const p = plan.preview?.paces ?? plan.paces;
  if (!p) return undefined;
  const units = unitsOf(plan);
  return {
    type: 'fields',
    fields: [
      { label: 'Goal pace', value: pace(p.goal, units) },
      { label: 'Predicted from your 5K', value: pace(p.predicted, units) },
      { label: 'Easy', value: pace(p.easy, units) },
      { label: 'Tempo', value: pace(p.tempo, units) },
      { label: 'Intervals', value: pace(p.interval, units) },
    ],
  };
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

function raceLine(plan: PlanRecord): string {
  const i = plan.inputs;
  if (!i) return 'Training plan';
  return `${i.raceName} · ${i.distance} on ${dateLabel(i.raceDate)} · goal ${formatDuration(i.goalTimeSeconds)}`;
}

/** Planned miles per week so far (and the preview's week 1), as chart bars. */
export function mileageChart(plan: PlanRecord, weeks: readonly Week[]): ViewBlock {
  const units = unitsOf(plan);
  const bars: ChartBar[] = weeks.map((w, i) => ({
    label: `W${w.weekNumber}`,
    value: w.miles,
    display: formatDistance(w.miles, units),
    highlight: i === weeks.length - 1,
  }));
  return { type: 'chart', title: 'Weekly mileage', bars };
}

function decisionButtons(planId: string): ViewBlock {
  return {
    type: 'buttons',
    buttons: [
      { actionId: PLAN_CONFIRM_ACTION, label: 'Confirm', style: 'primary', planId, value: null },
      { actionId: PLAN_REGENERATE_ACTION, label: 'Regenerate', style: 'default', planId, value: null },
      { actionId: PLAN_CANCEL_ACTION, label: 'Cancel', style: 'danger', planId, value: null },
    ],
  };
}

/** The preview's content; with `outcome` the buttons give way to that line. */
export function previewView(plan: PlanRecord, outcome?: string): MessageView {
  const preview = plan.preview;
  const week = preview?.week ?? plan.weeks[0];
  const blocks: ViewBlock[] = [
    { type: 'header', text: `Your plan: ${plan.inputs?.raceName ?? 'race'}` },
    { type: 'text', text: `${raceLine(plan)}\n${preview?.totalWeeks ?? plan.totalWeeks ?? '?'} weeks: ${phasesText(plan)}` },
  ];
  const paces = pacesFields(plan);
  if (paces) blocks.push(paces);
  for (const warning of preview?.warnings ?? plan.warnings) blocks.push({ type: 'warning', text: warning });
  if (week) {
    blocks.push(weekBlock(plan, week, { dayButtons: false }));
    blocks.push(mileageChart(plan, [week]));
  }
  blocks.push(outcome === undefined ? decisionButtons(plan.id) : { type: 'outcome', text: outcome });
  return message(blocks, `Preview of your ${plan.inputs?.distance ?? ''} plan: ${raceLine(plan)}`, { replacesSource: outcome !== undefined });
}

export function marksOf(plan: PlanRecord, weekNumber: number): Map<number, 'done' | 'skipped'> {
  const marks = new Map<number, 'done' | 'skipped'>();
  for (const mark of plan.weeks[weekNumber - 1]?.execution?.days ?? []) marks.set(mark.dayNumber, mark.status);
  return marks;
}

/** A week of an active plan, with Log and per-day Done / Skipped. */
export function weekView(plan: PlanRecord, weekNumber: number, options: { note?: string; replacesSource?: boolean } = {}): MessageView {
  const week = plan.weeks[weekNumber - 1];
  if (!week) return textView(`Week ${weekNumber} is not ready yet.`, { ephemeral: true });
  const units = unitsOf(plan);
  const blocks: ViewBlock[] = [{ type: 'header', text: `Week ${weekNumber} of ${plan.totalWeeks ?? '?'} · ${plan.inputs?.raceName ?? ''}`.trim() }];
  if (options.note) blocks.push({ type: 'text', text: options.note });
  blocks.push(weekBlock(plan, week, { dayButtons: true, marks: marksOf(plan, weekNumber) }));
  const log = week.execution;
  if (log) {
    blocks.push({
      type: 'fields',
      fields: [
        { label: 'Logged', value: `${log.completedDays} run days · ${formatDistance(log.totalMiles, units)}` },
        ...(log.averagePace && parsePace(log.averagePace) !== undefined
          ? [{ label: 'Average pace', value: pace(parsePace(log.averagePace) ?? 0, units) }]
          : []),
      ],
    });
  }
  blocks.push({ type: 'buttons', buttons: [{ actionId: WEEK_LOG_ACTION, label: `Log week ${weekNumber}`, style: 'default', planId: plan.id, value: String(weekNumber) }] });
  return message(blocks, `Week ${weekNumber}: ${formatDistance(week.miles, units)} planned`, { replacesSource: options.replacesSource ?? false });
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
    { label: 'Status', value: plan.status },
    { label: 'Race', value: raceLine(plan) },
    { label: 'Weeks made', value: `${plan.weeks.length} of ${plan.totalWeeks ?? '?'}` },
    { label: 'Weeks logged', value: String(done) },
  ];
  if (currentWeek !== undefined) fields.push({ label: 'This week', value: `week ${currentWeek}` });
  if (plan.nextWeekDueAt) fields.push({ label: 'Next week arrives', value: dueLabel(plan.nextWeekDueAt, plan.delivery.timezone) });
  const blocks: ViewBlock[] = [{ type: 'header', text: `Plan status · ${plan.inputs?.raceName ?? 'draft'}` }, { type: 'fields', fields }];
  if (plan.weeks.length > 0) blocks.push(mileageChart(plan, plan.weeks));
  const summary = plan.weeks.length > 0 ? `${plan.weeks.length} weeks, ${formatDistance(plan.weeks.reduce((s, w) => s + w.miles, 0), units)} planned` : plan.status;
  return message(blocks, `Plan status: ${summary}`);
}

export const HELP_TEXT = [
  '/plan — start a plan (a form asks for your race and your running now)',
  '/plan new distance=marathon race-date=2027-04-18 goal=3:30:00 five-k=22:30 mileage=25 days=2,3,4,6,7 [start=YYYY-MM-DD] [race="Name"] [units=km]',
  '/plan status — where your plan stands',
  '/plan week [N] — this week, or week N',
  '/plan log [N] — log last week (or week N): run days done and miles',
  '/plan regenerate [N] — another take on the preview, or on future week N',
  '/plan export — your plan as a calendar file (.ics)',
  '/plan cancel — stop the plan',
  '/plan settings — units, where weeks are sent, time zone, posting day and hour',
  '/plan help — this list',
];

export function helpView(intro?: string): MessageView {
  const blocks: ViewBlock[] = [];
  if (intro) blocks.push({ type: 'text', text: intro });
  blocks.push({ type: 'header', text: 'GoFast Coach' }, { type: 'text', text: HELP_TEXT.join('\n') });
  return message(blocks, 'GoFast Coach: /plan to start, /plan help for commands', { ephemeral: true });
}

export function textView(text: string, options: { ephemeral?: boolean; replacesSource?: boolean } = {}): MessageView {
  return message([{ type: 'text', text }], text, options);
}
