/**
 * The plan's weekly volume for every week, made or not: what the charts draw (the image, the web
 * page and the text chart). A made week's figure is its training miles; a week not made yet takes
 * the engine's curve "if all goes to plan" (`projectPlan`). The race day counts apart (PLAN-RULES
 * R5: "the mileage chart and every volume figure count the race day apart"), so race week's figure
 * is its training only and the race comes separately, as do tune-up races.
 */
import { weekNumberOf, type IsoDate } from '../domain/calendar.js';
import { phaseOfWeek, trainingMiles } from '../domain/plan-math.js';
import type { Phase, PhaseName, PlanInputs, Week, WeekExecution } from '../domain/schemas.js';
import { projectPlan } from '../engine/rules/plan-projection.js';
import type { PlanRecord } from './plan-record.js';

/** A race inside the plan that a chart marks apart from the training bars. */
type ChartRace = { readonly date: IsoDate; readonly name: string; readonly miles: number };

export type WeekVolume = {
  readonly weekNumber: number;
  readonly phase: PhaseName;
  /** Training miles planned (the race and tune-ups left out): the made week's, else the curve's. */
  readonly planned: number;
  /** Miles the athlete logged for the week; null when not logged. */
  readonly logged: number | null;
  /** Not made yet: `planned` is the engine's projection if all goes to plan. */
  readonly projected: boolean;
  /** A cutback week (R8) as the plan's curve places it. */
  readonly cutback: boolean;
  readonly raceWeek: boolean;
  /** The goal race, on race week only (drawn apart, never as part of the bar). */
  readonly race: ChartRace | null;
  /** Tune-up races that fall in this week. */
  readonly tuneUps: readonly ChartRace[];
};

/** What a plan holds for charting: inputs, phases and the weeks made (a preview's Week 1 counts). */
type ChartablePlan = {
  readonly inputs: PlanInputs;
  readonly phases: readonly Phase[];
  readonly totalWeeks: number;
  readonly weeks: readonly (Pick<Week, 'weekNumber' | 'phase' | 'days'> & { readonly execution?: WeekExecution | null })[];
};

/** The plan as charts read it, or undefined for a draft (no inputs or phases yet). */
function chartablePlan(plan: PlanRecord): ChartablePlan | undefined {
  // A plan still at its preview (or cancelled there) has only the preview's Week 1 and phases.
  const preview = plan.weeks.length === 0 ? plan.preview : null;
  const phases = preview?.phases ?? plan.phases;
  const totalWeeks = preview?.totalWeeks ?? plan.totalWeeks;
  if (!plan.inputs || phases.length === 0 || totalWeeks === null || totalWeeks < 1) return undefined;
  return { inputs: plan.inputs, phases, totalWeeks, weeks: preview ? [preview.week] : plan.weeks };
}

/** Every week of the plan, 1..totalWeeks, in order; empty for a draft. */
export function weeklyVolumes(plan: PlanRecord): WeekVolume[] {
  const chartable = chartablePlan(plan);
  return chartable === undefined ? [] : volumesOf(chartable);
}

function volumesOf(plan: ChartablePlan): WeekVolume[] {
  const { inputs, phases, totalWeeks } = plan;
  const curve = projectPlan(inputs, phases);
  const made = new Map(plan.weeks.map((w) => [w.weekNumber, w]));
  const tuneUps = inputs.tuneUps ?? [];
  const volumes: WeekVolume[] = [];
  for (let n = 1; n <= totalWeeks; n += 1) {
    const week = made.get(n);
    const point = curve.weeks[n - 1];
    const raceWeek = n === totalWeeks;
    volumes.push({
      weekNumber: n,
      phase: week?.phase ?? phaseOfWeek(phases, n) ?? point?.phase ?? 'taper',
      planned: week ? trainingMiles(week) : (point?.level ?? 0),
      logged: week?.execution ? week.execution.totalMiles : null,
      projected: week === undefined,
      cutback: point?.cutback ?? false,
      raceWeek,
      race: raceWeek ? { date: inputs.raceDate, name: inputs.raceName, miles: inputs.distanceMiles } : null,
      tuneUps: tuneUps
        .filter((t) => weekNumberOf(inputs.startDate, t.date) === n)
        .map((t) => ({ date: t.date, name: t.name, miles: t.distanceMiles })),
    });
  }
  return volumes;
}
