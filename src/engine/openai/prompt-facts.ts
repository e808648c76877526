/**
 * The numbers a prompt gives the model, computed here rather than left to it: the race and the
 * calendar, the pace bands and day-mileage ranges of PLAN-RULES.md for this athlete, the days of
 * the week being made with their fixed roles (race, rest before it, shakeout), and the week's
 * mileage window. The window comes from the rules engine's week context, which already combines
 * R5–R8 and R11 exactly as the validator checks them, so the model aims inside what will pass.
 */
import { DAY_SHORT_NAMES, dateOfPlanDay, dayNumberOf, weekNumberOf } from '../../domain/calendar.js';
import { TAPER_WEEKS, dayMilesRange, longRunCap, longRunShare } from '../../domain/coaching-limits.js';
import { computePaces, isAmbitiousGoal, type TrainingPaces } from '../../domain/paces.js';
import type { DayType, Phase, PlanInputs } from '../../domain/schemas.js';
import { formatDuration, formatPace } from '../../domain/time.js';
import { distanceClass, type DistanceClass } from '../../domain/units.js';
import { RULE_RATIOS, totalWeeksOf } from '../../domain/validator.js';
import type { WeekContext } from '../rules/week-context.js';

export type PlanFacts = {
  readonly inputs: PlanInputs;
  readonly paces: TrainingPaces;
  readonly distance: DistanceClass;
  readonly totalWeeks: number;
};

export function planFacts(inputs: PlanInputs): PlanFacts {
  return { inputs, paces: computePaces(inputs), distance: distanceClass(inputs.distanceMiles), totalWeeks: totalWeeksOf(inputs) };
}

/** Miles as the prompt writes them: one decimal at most. */
export function mi(miles: number): string {
  return String(Number(miles.toFixed(1)));
}

function dayLabel(dayNumber: number): string {
  return DAY_SHORT_NAMES[dayNumber - 1] ?? `day ${dayNumber}`;
}

/** The race, the calendar, the paces and the athlete: the same for every week of a plan. */
export function planLines(f: PlanFacts): string[] {
  const { inputs, paces: p } = f;
  const raceWeek = weekNumberOf(inputs.startDate, inputs.raceDate);
  const taper = TAPER_WEEKS[f.distance];
  const ambitious = isAmbitiousGoal(p) ? ' (an ambitious goal: more than 10% faster than predicted)' : '';
  return [
    `Race: ${inputs.distance} (${inputs.distanceMiles} mi) on ${inputs.raceDate}, ${dayLabel(dayNumberOf(inputs.raceDate))}, week ${raceWeek} day ${dayNumberOf(inputs.raceDate)}.`,
    `Plan: ${f.totalWeeks} weeks, Monday to Sunday; week 1 starts ${inputs.startDate} (${dayLabel(dayNumberOf(inputs.startDate))}). Taper: ${taper.min}-${taper.max} weeks, race week included.`,
    `Goal time ${formatDuration(inputs.goalTimeSeconds)}: goal pace ${formatPace(p.goal)}. Current 5K ${formatDuration(inputs.fiveKSeconds)}: 5K pace ${formatPace(p.fiveK)}; predicted race pace ${formatPace(p.predicted)}${ambitious}.`,
    `Athlete: runs ${inputs.weeklyMileage} mi/week now; preferred days ${inputs.preferredDays.map(dayLabel).join(', ')}.`,
    `Pace bands per mile: ${paceBands(p)}.`,
  ];
}

function paceBands(p: TrainingPaces): string {
  const t = RULE_RATIOS.intervalPaceTolerance;
  const tempoMax = Math.max(p.predicted, p.goal) + RULE_RATIOS.tempoPaceMargin;
  const tempo =
    p.fiveK <= tempoMax
      ? `tempo ${formatPace(p.fiveK)}-${formatPace(tempoMax)} (tempo pace ${formatPace(Math.min(Math.max(p.tempo, p.fiveK), tempoMax))})`
      : 'tempo by effort (paceGoal null)';
  const longLow = Math.min(p.goal, p.easy);
  const longHigh = Math.max(p.goal, p.easy);
  return [
    `easy, recovery and shakeout null or ${formatPace(p.predictedMarathon + 1)} or slower (easy pace ${formatPace(p.easy)})`,
    `interval reps ${formatPace(p.fiveK - t)}-${formatPace(p.fiveK + t)}`,
    tempo,
    `long null or ${formatPace(longLow)}-${formatPace(longHigh)}`,
    `race ${formatPace(p.goal)}`,
  ].join('; ');
}

const RANGED_TYPES: readonly DayType[] = ['easy', 'moderate', 'recovery', 'shakeout', 'tempo', 'intervals'];

/** R4 for this athlete and week, and R10. */
export function dayMilesLine(f: PlanFacts, weekNumber: number): string {
  const ranges = RANGED_TYPES.map((type) => {
    const r = dayMilesRange(type, f.inputs.weeklyMileage);
    return `${type} ${r.min}-${r.max}`;
  });
  const share = Math.round(longRunShare(f.distance) * 100);
  return `Day miles: ${ranges.join(', ')}; long ${dayMilesRange('long', f.inputs.weeklyMileage).min}-${longRunCap(f.distance, weekNumber)} and at most ${share}% of the week's miles; rest 0.`;
}

function roleOf(ctx: WeekContext, dayNumber: number, p: TrainingPaces): string {
  switch (ctx.fixed.get(dayNumber)) {
    case 'race':
      return `RACE: type race, warmup, one workout lap of ${ctx.inputs.distanceMiles} mi at ${formatPace(p.goal)}, cooldown`;
    case 'rest-before-race':
      return 'rest (the day before the race)';
    case 'shakeout':
      return 'shakeout, 2-4 mi (two days before the race)';
    case 'after-race':
      return 'rest (after the race)';
    default:
      return ctx.inputs.preferredDays.includes(dayNumber) ? 'preferred: a run day' : 'not preferred: rest or recovery';
  }
}

/** The week's days, each with its date and what the rules leave open for it. */
export function weekDayLines(ctx: WeekContext): string[] {
  return ctx.dayNumbers.map(
    (d) => `- day ${d} ${dayLabel(d)} ${dateOfPlanDay(ctx.inputs.startDate, ctx.weekNumber, d)}: ${roleOf(ctx, d, ctx.paces)}`,
  );
}

/** The week's mileage window and the notes that shape it. */
export function windowLines(ctx: WeekContext): string[] {
  const bounds: string[] = [];
  if (Number.isFinite(ctx.upper)) bounds.push(`at most ${mi(ctx.upper)}`);
  if (ctx.lower > 0) bounds.push(`at least ${mi(ctx.lower)}`);
  const raceNote = ctx.isRaceWeek ? ' (not counting the race day)' : '';
  const lines = [
    `Week ${ctx.weekNumber} miles${raceNote}: ${bounds.length > 0 ? bounds.join(' and ') : 'no limit beyond the day ranges'}; aim for about ${mi(ctx.target)}.`,
  ];
  if (ctx.isCutback) lines.push('This is a cutback week: lighter than the week before.');
  if (ctx.previousDayHard) lines.push('The week before ended with a hard day: Monday must not be hard.');
  if (ctx.longestRun > 0) lines.push(`Longest long run so far: ${mi(ctx.longestRun)} mi; grow it by 2 mi at most.`);
  return lines;
}

/** `base 5 (weeks 1-5), build 7 (6-12), …` */
export function phaseSummary(phases: readonly Phase[]): string {
  let start = 1;
  return phases
    .map((p) => {
      const end = start + p.weekCount - 1;
      const text = `${p.name} ${p.weekCount} (week${p.weekCount === 1 ? ` ${start}` : `s ${start}-${end}`})`;
      start = end + 1;
      return text;
    })
    .join(', ');
}
