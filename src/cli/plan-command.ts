/**
 * `gofast plan`: a plan from the command line — the preview (phases and Week 1) by default, every
 * week with `--weeks all`, as text or as JSON. The rules engine makes it unless `--engine openai`
 * asks for the OpenAI engine (OPENAI_API_KEY, OPENAI_BASE_URL…), which falls back to the rules
 * engine week by week when the model cannot give a valid plan.
 */
import { InputError } from '../domain/errors.js';
import { parsePlanInputs, type PlanInputField, type RawPlanInputs } from '../domain/plan-inputs.js';
import type { PlanInputs, PlannedWeek, PlanOutline } from '../domain/schemas.js';
import type { OpenAiEngineConfig } from '../engine/openai/index.js';
import type { PlanEngine, Provenance, WeekResult } from '../engine/plan-engine.js';
import { parseFlags, requireFlag, stringFlag } from './parse-flags.js';
import { toPlanJson } from './plan-json.js';
import { renderPlanText } from './render-plan-text.js';
import { UsageError } from './usage-error.js';

export const PLAN_HELP = `Usage: gofast plan --distance 5k|10k|half|marathon|<miles> --race-date YYYY-MM-DD
                   --start YYYY-MM-DD --goal H:MM:SS --five-k MM:SS --mileage N
                   [--days 2,3,4,6,7] [--recent-long N] [--long-day DAY] [--race-name TEXT]
                   [--units mi|km] [--weeks 1|all] [--json] [--engine rules|openai]

  --units        mi (default) or km: with km, --mileage, --recent-long and a custom --distance are
                 kilometres and a --five-k pace is per km
  --start        the first day of training; a Friday–Sunday start moves to the Monday after (unless
                 the plan would then be too short); a date already past is accepted (backfills)
  --five-k       your current 5K time (MM:SS, 12:00–60:00); M:SS under 12:00 is read as a pace per
                 mile (per km with --units km)
  --mileage      miles you run per week now (5–150; 8–240 km)
  --recent-long  your longest run of the last 4 weeks (1–30 miles; 1.6–48 km); default 30% of
                 --mileage, at least 3 miles
  --days         the days you can run, as numbers (1 = Monday … 7 = Sunday) or names: 2,4,6,7 or
                 tue,thu,sat,sun (3–7 days; default 1,2,3,4,5,6)
  --long-day     the day of your long run, one of --days: sat, Sunday or 6
  --weeks        1 prints the preview (phases and Week 1); all prints every week, each generated as
                 if the weeks before it went as planned
  --json         machine-readable output (laps as in the seed: lapIndex, distanceMiles, paceGoal)
  --engine       rules (default, offline) or openai (needs OPENAI_API_KEY; OPENAI_BASE_URL for a
                 compatible server); the rules engine answers for any week the model cannot make`;

export const OPENAI_KEY_MISSING = 'gofast plan: --engine openai needs OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server)';

export type PlanCommandOptions = {
  /** The OPENAI_* settings, read only when `--engine openai` asks for them; undefined when no key is set. */
  readonly openAiConfig?: () => OpenAiEngineConfig | undefined;
  /** Builds the OpenAI engine (default: `createOpenAiEngine` with the rules engine as its fallback). */
  readonly openAiEngine?: (config: OpenAiEngineConfig, fallback: PlanEngine) => PlanEngine;
};

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
  recentLong: '--recent-long',
  longDay: '--long-day',
  // No flag: a club's join sets the quality days (issue 19).
  qualityDays: 'quality days',
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
  'recent-long': { type: 'string' },
  'long-day': { type: 'string' },
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
    recentLong: stringFlag(values, 'recent-long'),
    longDay: stringFlag(values, 'long-day'),
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
    // Past starts are accepted here (no `refusePastStart`): operators backfill plans from the CLI.
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
async function generateAllWeeks(engine: PlanEngine, inputs: PlanInputs, outline: PlanOutline): Promise<WeekResult[]> {
  const weeks: (PlannedWeek & WeekResult)[] = [outline.week];
  for (let n = 2; n <= outline.totalWeeks; n += 1) {
    const asPlanned = weeks.map(({ provenance: _provenance, ...w }) => ({
      ...w,
      execution: { completedDays: w.days.filter((d) => d.type !== 'rest').length, totalMiles: w.miles },
    }));
    weeks.push(await engine.nextWeek({ inputs, phases: outline.phases, weeks: asPlanned, weekNumber: n }));
  }
  return weeks;
}

async function chooseEngine(
  values: Record<string, string | boolean | undefined>,
  rules: PlanEngine,
  options: PlanCommandOptions,
): Promise<PlanEngine> {
  const choice = stringFlag(values, 'engine');
  if (choice === 'rules') return rules;
  if (choice !== 'openai') throw new UsageError(`gofast plan: --engine must be rules or openai, not "${choice}"`);
  const config = options.openAiConfig?.();
  if (!config || config.apiKey.trim() === '') throw new UsageError(OPENAI_KEY_MISSING);
  if (options.openAiEngine) return options.openAiEngine(config, rules);
  // Loaded on demand: the OpenAI SDK stays out of the start-up of every other command.
  const { createOpenAiEngine } = await import('../engine/openai/index.js');
  return createOpenAiEngine({ config, fallback: rules });
}

/**
 * One line saying which engine made the weeks and, in runs of weeks with the same reason, where
 * the rules engine stood in: `… the rules engine made weeks 2-4 (server-error), 5-20 (circuit-open).`
 */
function engineLine(made: readonly { readonly weekNumber: number; readonly provenance?: Provenance }[], engine: PlanEngine): string {
  const runs: { from: number; to: number; reason: string }[] = [];
  for (const week of made) {
    const reason = week.provenance?.fallbackReason;
    if (!reason) continue;
    const last = runs[runs.length - 1];
    if (last && last.reason === reason && last.to === week.weekNumber - 1) last.to = week.weekNumber;
    else runs.push({ from: week.weekNumber, to: week.weekNumber, reason });
  }
  if (runs.length === 0) return `Engine: ${engine.name}.\n`;
  const weeks = runs.length === 1 && runs[0]?.from === runs[0]?.to ? 'week' : 'weeks';
  const list = runs.map((r) => `${r.from === r.to ? r.from : `${r.from}-${r.to}`} (${r.reason})`).join(', ');
  return `Engine: ${engine.name}; the rules engine made ${weeks} ${list}.\n`;
}

/**
 * `options` says how to reach the OpenAI engine for `--engine openai`; `engine` is the rules
 * engine (the default, and the OpenAI engine's fallback).
 */
export async function runPlanCommand(
  argv: readonly string[],
  engine: PlanEngine,
  today: string,
  options: PlanCommandOptions = {},
): Promise<string> {
  const { values } = parseFlags('plan', argv, {
    ...PLAN_INPUT_OPTIONS,
    weeks: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'rules' },
  });
  const weeksFlag = stringFlag(values, 'weeks');
  if (weeksFlag !== '1' && weeksFlag !== 'all') throw new UsageError(`gofast plan: --weeks must be 1 or all, not "${weeksFlag}"`);
  const chosen = await chooseEngine(values, engine, options);
  const { inputs, notes } = planInputsFromFlags('plan', values, today);
  const outline = await chosen.outline({ inputs });
  const weeks: WeekResult[] = weeksFlag === 'all' ? await generateAllWeeks(chosen, inputs, outline) : [outline.week];
  // The documented plan shape: weeks without the engine's provenance (the text output names it);
  // the notes (a late start moved to Monday) lead the warnings, as in the chat preview.
  const plan = {
    ...outline,
    warnings: [...notes, ...outline.warnings],
    inputs,
    weeks: weeks.map(({ provenance: _provenance, ...week }) => week),
  };
  if (values.json === true) return `${JSON.stringify(toPlanJson(plan), null, 2)}\n`;
  const text = renderPlanText(plan);
  if (chosen === engine) return text;
  // Week 1's provenance is the outline's: the preview carries it.
  const made = [{ weekNumber: 1, provenance: outline.provenance }, ...weeks.slice(1)];
  return `${text}${text.endsWith('\n') ? '' : '\n'}${engineLine(made, chosen)}`;
}
