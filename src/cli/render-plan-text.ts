/**
 * The plan as a person reads it in a terminal: a summary, the phase table, each week day by day
 * in the athlete's units, and a weekly-mileage bar chart.
 */
import { DAY_SHORT_NAMES } from '../domain/calendar.js';
import type { TrainingPaces } from '../domain/paces.js';
import type { Day, Lap, Phase, PlanInputs, Week } from '../domain/schemas.js';
import { formatDuration, formatPace, parsePace } from '../domain/time.js';
import { formatDistance, paceInUnits, type Units } from '../domain/units.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function padLeft(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

function pace(secondsPerMile: number, units: Units): string {
  return `${formatPace(paceInUnits(secondsPerMile, units))}/${units}`;
}

function lapText(lap: Lap, units: Units): string {
  const seconds = parsePace(lap.paceGoal);
  const distance = formatDistance(lap.distanceMiles, units);
  return seconds === undefined ? distance : `${distance} @ ${pace(seconds, units)}`;
}

function dayMiles(day: Day): number {
  return [...day.warmup, ...day.workout, ...day.cooldown].reduce((sum, lap) => sum + lap.distanceMiles, 0);
}

function dayLine(day: Day, units: Units): string {
  const head = `  ${DAY_SHORT_NAMES[day.dayNumber - 1] ?? '?'} ${day.date}  ${pad(day.type, 9)}`;
  if (day.type === 'rest') return `${head} ${padLeft('—', 8)}  ${day.notes}`;
  const parts = [
    `warmup ${day.warmup.map((l) => lapText(l, units)).join(' + ')}`,
    day.workout.map((l) => lapText(l, units)).join(', '),
    `cooldown ${day.cooldown.map((l) => lapText(l, units)).join(' + ')}`,
  ];
  return `${head} ${padLeft(formatDistance(dayMiles(day), units), 8)}  ${parts.join(' | ')}\n${' '.repeat(27)}${day.notes}`;
}

export function renderWeekText(week: Week, units: Units): string {
  const lines = [`Week ${week.weekNumber} · ${week.phase} · ${formatDistance(week.miles, units)}`];
  for (const day of week.days) lines.push(dayLine(day, units));
  return lines.join('\n');
}

export function renderPhasesText(phases: readonly Phase[]): string {
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

export function renderPacesText(paces: TrainingPaces, units: Units): string {
  return (
    `Paces: 5K ${pace(paces.fiveK, units)} · predicted race ${pace(paces.predicted, units)} · goal ${pace(paces.goal, units)}` +
    ` · easy ${pace(paces.easy, units)} · tempo ${pace(paces.tempo, units)} · intervals ${pace(paces.interval, units)}`
  );
}

/** One bar per week, scaled to the biggest week. */
export function renderMileageChart(weeks: readonly Week[], units: Units, width = 40): string {
  const most = Math.max(1, ...weeks.map((w) => w.miles));
  const lines = ['Weekly mileage'];
  for (const week of weeks) {
    const bar = '█'.repeat(Math.max(1, Math.round((week.miles / most) * width)));
    lines.push(`  ${padLeft(String(week.weekNumber), 2)} ${pad(week.phase, 5)} ${pad(bar, width)} ${formatDistance(week.miles, units)}`);
  }
  return lines.join('\n');
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
  const sections = [
    `${inputs.raceName} — ${inputs.distance} on ${inputs.raceDate}, goal ${formatDuration(inputs.goalTimeSeconds)}` +
      `\n${plan.totalWeeks} weeks from ${inputs.startDate} · baseline ${formatDistance(inputs.weeklyMileage, units)}/week · ` +
      `run days ${inputs.preferredDays.map((d) => DAY_SHORT_NAMES[d - 1]).join(' ')}`,
    renderPacesText(plan.paces, units),
  ];
  if (plan.warnings.length > 0) sections.push(plan.warnings.map((w) => `! ${w}`).join('\n'));
  sections.push(renderPhasesText(plan.phases));
  for (const week of plan.weeks) sections.push(renderWeekText(week, units));
  if (plan.weeks.length > 1) sections.push(renderMileageChart(plan.weeks, units));
  return `${sections.join('\n\n')}\n`;
}
