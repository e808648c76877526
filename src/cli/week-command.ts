/**
 * `gofast week`: continues a plan printed by `gofast plan --json`. Applies the athlete's log to
 * week N−1 and prints week N as JSON, adapted to that log (PLAN-RULES.md R11).
 */
import { readFile } from 'node:fs/promises';
import { weekExecutionSchema, type PlannedWeek, type WeekExecution } from '../domain/schemas.js';
import { totalWeeksOf } from '../domain/validator.js';
import type { PlanEngine } from '../engine/plan-engine.js';
import { parseFlags, requireFlag, stringFlag } from './parse-flags.js';
import { planFileSchema } from './plan-json.js';
import { UsageError } from './usage-error.js';

export const WEEK_HELP = `Usage: gofast week --plan FILE --week N [--completed-days D --logged-miles M
                   [--avg-pace M:SS] [--notes TEXT]] [--ignore-pace-drift]

  Reads a plan printed by \`gofast plan --json\` holding weeks 1..N−1, records the log for week N−1
  (run days completed and miles run), and prints week N as JSON. A logged average pace (per mile)
  moves week N's easy pace within the easy range; --ignore-pace-drift keeps it as planned.`;

function wholeNumber(command: string, flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`gofast ${command}: --${flag} must be a whole number from ${min} to ${max}, not "${text}"`);
  }
  return Number(text);
}

function logFromFlags(values: Record<string, string | boolean | undefined>): WeekExecution | undefined {
  const completed = stringFlag(values, 'completed-days');
  const miles = stringFlag(values, 'logged-miles');
  const avgPace = stringFlag(values, 'avg-pace');
  const notes = stringFlag(values, 'notes');
  if (completed === undefined && miles === undefined) {
    if (avgPace !== undefined || notes !== undefined) {
      throw new UsageError('gofast week: --avg-pace and --notes need --completed-days and --logged-miles');
    }
    return undefined;
  }
  if (completed === undefined) throw new UsageError('gofast week: --logged-miles needs --completed-days too');
  if (miles === undefined) throw new UsageError('gofast week: --completed-days needs --logged-miles too');
  if (!/^\d+(\.\d+)?$/.test(miles)) throw new UsageError(`gofast week: --logged-miles must be a number of miles, not "${miles}"`);
  const parsed = weekExecutionSchema.safeParse({
    completedDays: wholeNumber('week', 'completed-days', completed, 0, 7),
    totalMiles: Number(miles),
    averagePace: avgPace ?? null,
    ...(notes === undefined ? {} : { notes }),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = { totalMiles: 'logged-miles', averagePace: 'avg-pace', notes: 'notes' }[String(issue?.path[0])] ?? 'log';
    throw new UsageError(`gofast week: --${flag}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export async function runWeekCommand(argv: readonly string[], engine: PlanEngine): Promise<string> {
  const { values } = parseFlags('week', argv, {
    plan: { type: 'string' },
    week: { type: 'string' },
    'completed-days': { type: 'string' },
    'logged-miles': { type: 'string' },
    'avg-pace': { type: 'string' },
    notes: { type: 'string' },
    'ignore-pace-drift': { type: 'boolean', default: false },
  });
  const file = requireFlag('week', values, 'plan', 'a file printed by gofast plan --json');
  const weekText = requireFlag('week', values, 'week', 'the week to generate, 2 or more');
  const log = logFromFlags(values);

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`gofast week: cannot read --plan ${file} (${code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`gofast week: --plan ${file} is not JSON; give a file printed by gofast plan --json`);
  }
  const parsed = planFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `gofast week: --plan ${file} is not a plan printed by gofast plan --json (${issue?.path.join('.') || 'root'}: ${issue?.message})`,
    );
  }
  const plan = parsed.data;
  const totalWeeks = totalWeeksOf(plan.inputs);
  const n = wholeNumber('week', 'week', weekText, 2, totalWeeks);
  const have = plan.weeks.length;
  plan.weeks.forEach((w, i) => {
    if (w.weekNumber !== i + 1) throw new UsageError(`gofast week: --plan ${file} lists week ${w.weekNumber} where week ${i + 1} belongs`);
  });
  if (have < n - 1)
    throw new UsageError(`gofast week: week ${n} needs weeks 1–${n - 1} in the plan; ${file} has ${have === 0 ? 'none' : `1–${have}`}`);
  const weeks: PlannedWeek[] = plan.weeks.slice(0, n - 1);
  if (log) {
    const previous = weeks[n - 2];
    if (previous) weeks[n - 2] = { ...previous, execution: log };
  }
  const paceDrift = values['ignore-pace-drift'] === true ? 'ignore' : 'use';
  const week = await engine.nextWeek({ inputs: plan.inputs, phases: plan.phases, weeks, weekNumber: n, paceDrift });
  return `${JSON.stringify(week, null, 2)}\n`;
}
