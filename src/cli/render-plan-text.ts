/**
 * The plan as a person reads it in a terminal: a summary with the goal and the predicted time,
 * the paces, the warnings, the phase table, each week day by day in the athlete's units (one line
 * a day, as every surface writes it), and a weekly-mileage bar chart of training miles.
 */
import { DAY_SHORT_NAMES } from '../domain/calendar.js';
import { dayDistance, dayLabel, describeDay, formatUnitPace, formatWeekVolume } from '../domain/day-format.js';
import { goalRealism, type TrainingPaces } from '../domain/paces.js';
import { trainingMiles } from '../domain/plan-math.js';
import type { Day, Phase, PlanInputs, Week } from '../domain/schemas.js';
import { formatDuration, formatPace } from '../domain/time.js';
import { formatDistance, paceInUnits, type Units } from '../domain/units.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function padLeft(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

/** Day, date, label and distance take this many columns; the notes line up under the workout. */
const LABEL_WIDTH = 26;
const HEAD_WIDTH = 2 + 3 + 1 + 10 + 2 + LABEL_WIDTH + 1 + 8 + 2;

function dayLine(day: Day, units: Units): string {
  const head = `  ${DAY_SHORT_NAMES[day.dayNumber - 1] ?? '?'} ${day.date}  ${pad(dayLabel(day), LABEL_WIDTH)}`;
  if (day.type === 'rest') return `${head} ${padLeft('—', 8)}  ${day.notes}`.trimEnd();
  const line = `${head} ${padLeft(dayDistance(day, units), 8)}  ${describeDay(day, units)}`;
  return day.notes.trim() === '' ? line : `${line}\n${' '.repeat(HEAD_WIDTH)}${day.notes}`;
}

function renderWeekText(week: Week, units: Units): string {
  const lines = [`Week ${week.weekNumber} · ${week.phase} · ${formatWeekVolume(week, units)}`];
  for (const day of week.days) lines.push(dayLine(day, units));
  return lines.join('\n');
}

function renderPhasesText(phases: readonly Phase[]): string {
  const lines = ['Phases'];
  let first = 1;
  for (const phase of phases) {
    const last = first + phase.weekCount - 1;
    const range = first === last ? `week ${first}` : `weeks ${first}–${last}`;
    lines.push(`  ${pad(phase.name, 6)} ${padLeft(String(phase.weekCount), 2)} wk  ${range}`);
    first = last + 1;
  }
  return lines.join('\n');
}

function renderPacesText(paces: TrainingPaces, units: Units): string {
  const pace = (secondsPerMile: number): string => formatUnitPace(secondsPerMile, units);
  const easy = `${formatPace(paceInUnits(paces.easyFast, units))}–${formatPace(paceInUnits(paces.easySlow, units))}/${units}`;
  return (
    `Paces: goal ${pace(paces.goal)} · predicted ${pace(paces.predicted)} · easy ${easy} · marathon ${pace(paces.marathon)}` +
    ` · threshold ${pace(paces.threshold)} · interval ${pace(paces.interval)} · repetition ${pace(paces.repetition)}` +
    ` · target race pace ${pace(paces.target)}`
  );
}

/**
 * One bar per week, scaled to the biggest week of training (R5): race week's bar leaves the race
 * out and says "+ race", so the taper reads as a taper.
 */
function renderMileageChart(weeks: readonly Week[], units: Units, width = 40): string {
  const most = Math.max(1, ...weeks.map((w) => trainingMiles(w)));
  const lines = ['Weekly mileage'];
  for (const week of weeks) {
    const bar = '█'.repeat(Math.max(1, Math.round((trainingMiles(week) / most) * width)));
    lines.push(`  ${padLeft(String(week.weekNumber), 2)} ${pad(week.phase, 5)} ${pad(bar, width)} ${formatWeekVolume(week, units)}`);
  }
  return lines.join('\n');
}

/** C-goal: a goal far ahead of the 5K is the athlete's call; the terminal can only say so. */
function goalChoiceText(inputs: PlanInputs, paces: TrainingPaces): string | undefined {
  if (goalRealism(paces) !== 'choose') return undefined;
  const predicted = formatDuration(paces.predictedTime);
  const ahead = Math.round((1 - paces.goal / paces.predicted) * 100);
  return (
    `! Choose: your goal of ${formatDuration(inputs.goalTimeSeconds)} is ${ahead}% faster than the ${predicted} your 5K predicts. ` +
    `Keep it (race-pace runs use ${formatUnitPace(paces.target, inputs.units)}), or make ${predicted} your goal.`
  );
}

export function renderPlanText(plan: {
  inputs: PlanInputs;
  totalWeeks: number;
  paces: TrainingPaces;
  warnings: readonly string[];
  phases: readonly Phase[];
  weeks: readonly Week[];
}): string {
  const { inputs } = plan;
  const units = inputs.units;
  const { paces } = plan;
  const sections = [
    `${inputs.raceName} — ${inputs.distance} on ${inputs.raceDate}, goal ${formatDuration(inputs.goalTimeSeconds)}` +
      ` · predicted ${formatDuration(paces.predictedTime)} (VDOT ${paces.vdot.toFixed(1)})` +
      `\n${plan.totalWeeks} weeks from ${inputs.startDate} · baseline ${formatDistance(inputs.weeklyMileage, units)}/week · ` +
      `run days ${inputs.preferredDays.map((d) => DAY_SHORT_NAMES[d - 1]).join(' ')}`,
  ];
  // Warnings before the paces: they may change what the athlete does with the plan.
  const warnings = plan.warnings.map((w) => `! ${w}`);
  const choice = goalChoiceText(inputs, paces);
  if (choice !== undefined) warnings.push(choice);
  if (warnings.length > 0) sections.push(warnings.join('\n'));
  sections.push(renderPacesText(paces, units));
  sections.push(renderPhasesText(plan.phases));
  for (const week of plan.weeks) sections.push(renderWeekText(week, units));
  if (plan.weeks.length > 1) sections.push(renderMileageChart(plan.weeks, units));
  return `${sections.join('\n\n')}\n`;
}
