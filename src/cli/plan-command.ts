/**
 * `gofast plan`: a plan from the command line with the rules engine — the preview (phases and
 * Week 1) by default, every week with `--weeks all`, as text or as JSON.
 */
import { InputError } from '../domain/errors.js';
import { parsePlanInputs, type PlanInputField, type RawPlanInputs } from '../domain/plan-inputs.js';
import type { PlanInputs, PlannedWeek, PlanOutline, Week } from '../domain/schemas.js';
import type { PlanEngine } from '../engine/plan-engine.js';
import { parseFlags, requireFlag, stringFlag } from './parse-flags.js';
import { toPlanJson } from './plan-json.js';
import { renderPlanText } from './render-plan-text.js';
import { UsageError } from './usage-error.js';

export const PLAN_HELP = `Usage: gofast plan --distance 5k|10k|half|marathon|<miles> --race-date YYYY-MM-DD
                   --start YYYY-MM-DD --goal H:MM:SS --five-k MM:SS --mileage N
                   [--days 2,3,4,6,7] [--race-name TEXT] [--units mi|km] [--weeks 1|all] [--json]

  --five-k    your current 5K time (MM:SS, 12:00–60:00); M:SS under 12:00 is read as a pace per mile
  --mileage   miles you run per week now (5–150)
  --days      the days you can run, 1 = Monday … 7 = Sunday (3–7 days; default 1,2,3,4,5,6)
  --weeks     1 prints the preview (phases and Week 1); all prints every week, each generated as if
              the weeks before it went as planned
  --json      machine-readable output (laps as in the seed: lapIndex, distanceMiles, paceGoal)`;

const FLAG_OF_FIELD: Record<PlanInputField, string> = {
  raceName: '--race-name',
  distance: '--distance',
  raceDate: '--race-date',
  startDate: '--start',
  goal: '--goal',
  fiveK: '--five-k',
  mileage: '--mileage',
  days: '--days',
  units: '--units',
};

export const PLAN_INPUT_OPTIONS = {
  distance: { type: 'string' },
  'race-date': { type: 'string' },
  start: { type: 'string' },
  goal: { type: 'string' },
  'five-k': { type: 'string' },
  mileage: { type: 'string' },
  days: { type: 'string' },
  'race-name': { type: 'string' },
  units: { type: 'string' },
} as const;

/** The plan-input flags as typed, before validation. */
export function rawInputsFromFlags(values: Record<string, string | boolean | undefined>): RawPlanInputs {
  return {
    distance: stringFlag(values, 'distance'),
    raceDate: stringFlag(values, 'race-date'),
    startDate: stringFlag(values, 'start'),
    goal: stringFlag(values, 'goal'),
    fiveK: stringFlag(values, 'five-k'),
    mileage: stringFlag(values, 'mileage'),
    days: stringFlag(values, 'days'),
    raceName: stringFlag(values, 'race-name'),
    units: stringFlag(values, 'units'),
  };
}

/** Reads and validates the plan-input flags shared by `gofast plan` and `gofast plans create`. */
export function planInputsFromFlags(command: string, values: Record<string, string | boolean | undefined>, today: string) {
  for (const [flag, what] of [
    ['distance', '5k, 10k, half, marathon or miles'],
    ['race-date', 'YYYY-MM-DD'],
    ['start', 'YYYY-MM-DD'],
    ['goal', 'H:MM:SS'],
    ['five-k', 'MM:SS'],
    ['mileage', 'miles per week'],
  ] as const) {
    requireFlag(command, values, flag, what);
  }
  const raw = rawInputsFromFlags(values);
  try {
    return parsePlanInputs(raw, today);
  } catch (error) {
    if (error instanceof InputError) {
      const [field, message] = Object.entries(error.fields)[0] ?? ['', error.message];
      const flag = FLAG_OF_FIELD[field as PlanInputField] ?? field;
      throw new UsageError(`gofast ${command}: ${flag}: ${message}`);
    }
    throw error;
  }
}

/** Every week of the plan, each next one generated as if the one before went exactly to plan. */
export async function generateAllWeeks(engine: PlanEngine, inputs: PlanInputs, outline: PlanOutline): Promise<Week[]> {
  const weeks: PlannedWeek[] = [outline.week];
  for (let n = 2; n <= outline.totalWeeks; n += 1) {
    const asPlanned = weeks.map((w) => ({
      ...w,
      execution: { completedDays: w.days.filter((d) => d.type !== 'rest').length, totalMiles: w.miles },
    }));
    weeks.push(await engine.nextWeek({ inputs, phases: outline.phases, weeks: asPlanned, weekNumber: n }));
  }
  return weeks;
}

export async function runPlanCommand(argv: readonly string[], engine: PlanEngine, today: string): Promise<string> {
  const { values } = parseFlags('plan', argv, {
    ...PLAN_INPUT_OPTIONS,
    weeks: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  });
  const weeksFlag = stringFlag(values, 'weeks');
  if (weeksFlag !== '1' && weeksFlag !== 'all') throw new UsageError(`gofast plan: --weeks must be 1 or all, not "${weeksFlag}"`);
  const { inputs } = planInputsFromFlags('plan', values, today);
  const outline = await engine.outline({ inputs });
  const weeks = weeksFlag === 'all' ? await generateAllWeeks(engine, inputs, outline) : [outline.week];
  const plan = { ...outline, inputs, weeks };
  return values.json === true ? `${JSON.stringify(toPlanJson(plan), null, 2)}\n` : renderPlanText(plan);
}
