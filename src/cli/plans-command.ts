/**
 * `gofast plans …`: the operators' CLI over the plan use cases and the database, and how the
 * stored-plan behaviour is checked by hand. Acts as the operator (any plan) unless `--as OWNER`
 * says whose hands to act with, in which case the owner checks apply.
 */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { svgToPng } from '../adapters/charts/render-png.js';
import { planChartSvg } from '../conversation/charts/plan-chart-svg.js';
import { weekCardSvg } from '../conversation/charts/week-card-svg.js';
import { isoDateOf } from '../domain/calendar.js';
import { todayFor } from '../plans/plan-schedule.js';
import { computePaces } from '../domain/paces.js';
import { PLAN_STATUSES, type PlanRecord, type PlanStatus } from '../plans/plan-record.js';
import { OPERATOR, type Actor } from '../plans/plan-context.js';
import type { PlanUseCases } from '../plans/plan-use-cases.js';
import { PLAN_INPUT_OPTIONS, planInputsFromFlags, rawInputsFromFlags } from './plan-command.js';
import { parseFlags, requireFlag, stringFlag } from './parse-flags.js';
import { formatPaces } from './plan-json.js';
import { renderPlanText } from './render-plan-text.js';
import { isSurfaceIdentity } from '../app/surfaces.js';
import { UsageError } from './usage-error.js';
import { BREAK_REASONS, type BreakReason } from '../plans/use-cases/pause-plan.js';

export const PLANS_HELP = `Usage: gofast plans <command> [--mongo URI]

  create <the flags of gofast plan> --owner PLATFORM:WORKSPACE:USER [--timezone ZONE]
                                 make a plan and its preview (phases and Week 1)
  confirm ID [--as OWNER]        the preview becomes the active plan
  next ID [--as OWNER]           make the next missing week (exit 2 "plan complete" when none is left)
  week ID N --regenerate [--as OWNER]
                                 another take on a week that has not started; later weeks go to history
  log ID N --completed-days D --miles M [--avg-pace M:SS] [--notes TEXT] [--as OWNER]
  show ID [--json] [--as OWNER]  the whole plan (JSON as gofast plan --json, plus id, status, history)
  list [--owner OWNER] [--status draft|preview|active|completed|cancelled] [--limit N] [--after ID]
                                 plans newest first, N a page (default 50, at most 1000); the last
                                 line gives the command for the next page
  cancel ID [--as OWNER]
  export ID --format ics --out FILE [--as OWNER]
                                 the plan as a calendar file: the weeks made, the later weeks
                                 projected (tentative), the race and tune-ups (--ics FILE: the same)
  export ID --format fit --out FILE.zip [--week N] [--as OWNER]
                                 this week (or week N) as workouts for a watch: a zip of FIT files,
                                 one per run day (import in Garmin Connect, or copy to GARMIN/NewFiles)
  chart ID --out FILE.png|FILE.svg [--week N] [--as OWNER]
                                 the plan chart (every week, projected ones lighter, the race
                                 apart) as a PNG or SVG image; with --week, that week's day cards
  share ID [--off] [--as OWNER]  a new share link to the plan's web page (PUBLIC_BASE_URL/p/…); the
                                 plan's earlier link stops working. --off: the link stops working
  pause ID [--until YYYY-MM-DD] [--reason sick|injured|travel|busy] [--as OWNER]
                                 stop weekly posts and reminders (until the date, if given)
  resume ID [--as OWNER]         resume, re-planning the weeks left for the time off (or list the
                                 choices when the race is out of reach)
  race ID [--date YYYY-MM-DD] [--goal H:MM:SS] [--distance D] [--confirm] [--as OWNER]
                                 show a race change (old and new phases); --confirm applies it
  tuneup ID --date YYYY-MM-DD --distance D [--name TEXT] [--as OWNER]
                                 add a tune-up race; weeks made around it that have not started
                                 are made again (the old ones go to history)
  result ID --time H:MM:SS [--distance D] [--date YYYY-MM-DD] [--accept|--keep] [--as OWNER]
                                 record a race or time trial; new paces over 1% apart are shown,
                                 and applied to the weeks not yet made with --accept
  move ID DAY [TO-DAY] [--week N] [--as OWNER]
                                 move a run of this week (or week N) to another day, within the
                                 plan's rules; without TO-DAY, to the next day that takes it
  cross ID DAY [--sport bike|swim|elliptical|other] [--week N] [--as OWNER]
                                 do a run day as cross-training, the same time at easy effort

  --mongo URI (or MONGODB_URI) picks the database; without either, the storage resolution applies.
  With the embedded server, plans last only as long as the command: run \`gofast dev-mongo\` in
  another terminal and pass --mongo mongodb://127.0.0.1:27017/ to keep them between commands.`;

export type PlansCommandDeps = {
  /** Opens the plan service for the database the flags name. */
  readonly open: (mongoUri: string | undefined) => Promise<{ plans: PlanUseCases; close(): Promise<void> }>;
  readonly now: () => Date;
};

function actorFrom(values: Record<string, string | boolean | undefined>): Actor {
  const as = stringFlag(values, 'as');
  if (as === undefined) return OPERATOR;
  // Checked against the surfaces this build knows, not just the shape: a typo never becomes an owner.
  if (!isSurfaceIdentity(as)) throw new UsageError(`gofast plans: --as must look like platform:workspace:user, not "${as}"`);
  return as;
}

function positiveWeek(text: string | undefined): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(`gofast plans: the week must be a number from 1, not "${text ?? ''}"`);
  }
  return Number(text);
}

/** The plan in the shape of `gofast plan --json`, plus what the store knows about it. */
function planToJson(plan: PlanRecord): Record<string, unknown> {
  const weeks = plan.status === 'preview' && plan.preview ? [plan.preview.week] : plan.weeks;
  return {
    id: plan.id,
    status: plan.status,
    owner: plan.owner,
    totalWeeks: plan.totalWeeks,
    paces: plan.inputs ? formatPaces(computePaces(plan.inputs)) : null,
    warnings: plan.warnings,
    inputs: plan.inputs,
    phases: plan.phases.map((p) => ({ name: p.name, weekCount: p.weekCount, totalMiles: p.totalMiles ?? 0 })),
    weeks,
    nextWeekDueAt: plan.nextWeekDueAt,
    revision: plan.revision,
    history: plan.history.map((h) => ({ kind: h.kind, weekNumber: h.weekNumber, replacedAt: h.replacedAt, reason: h.reason })),
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function listLine(plan: PlanRecord): string {
  const race = plan.inputs ? `${plan.inputs.raceName} (${plan.inputs.distance}, ${plan.inputs.raceDate})` : 'draft';
  const weeks = plan.totalWeeks === null ? '' : `${plan.weeks.length}/${plan.totalWeeks} weeks`;
  return [plan.id, plan.status.padEnd(9), plan.owner, race, weeks].join('  ').trimEnd();
}

/** A page of `plans list`: whole documents are read, so a page stays small by default. */
const DEFAULT_LIST_LIMIT = 50;
const MAX_LIST_LIMIT = 1000;

const ID_OPTIONS = { as: { type: 'string' }, mongo: { type: 'string' } } as const;

/** What `plans export --format F --out FILE` writes: one entry a format, made by its use case. */
type Exporter = (
  plans: PlanUseCases,
  actor: Actor,
  id: string,
  week: number | undefined,
) => Promise<{ readonly content: string | Uint8Array }>;

const EXPORT_FORMATS: Readonly<Record<string, Exporter>> = {
  ics: (plans, actor, id) => plans.exportPlanIcs(actor, id),
  // A week (default: this week) as a zip of FIT workouts, one per run day.
  fit: (plans, actor, id, week) => plans.fitWorkouts(actor, id, week),
};

/** The formats whose export is one week of the plan (`--week N`). */
const WEEKLY_FORMATS: ReadonlySet<string> = new Set(['fit']);

export async function runPlansCommand(argv: readonly string[], deps: PlansCommandDeps): Promise<string> {
  const [sub, ...rest] = argv;
  const withService = async (mongo: string | undefined, run: (plans: PlanUseCases) => Promise<string>): Promise<string> => {
    const service = await deps.open(mongo);
    try {
      return await run(service.plans);
    } finally {
      await service.close();
    }
  };
  const idAnd = (values: { positionals: string[] }, what: string): string => {
    const id = values.positionals[0];
    if (id === undefined) throw new UsageError(`gofast plans ${what}: missing the plan ID`);
    return id;
  };

  switch (sub) {
    case 'create': {
      const { values } = parseFlags('plans create', rest, {
        ...PLAN_INPUT_OPTIONS,
        owner: { type: 'string' },
        timezone: { type: 'string' },
        mongo: { type: 'string' },
      });
      const owner = requireFlag('plans create', values, 'owner', 'PLATFORM:WORKSPACE:USER');
      if (!isSurfaceIdentity(owner)) {
        throw new UsageError(`gofast plans create: --owner must look like platform:workspace:user, not "${owner}"`);
      }
      // Validated here too, so that bad flags never open a database.
      planInputsFromFlags('plans create', values, isoDateOf(deps.now()));
      const timezone = stringFlag(values, 'timezone');
      return withService(stringFlag(values, 'mongo'), async (plans) => {
        const plan = await plans.createPreview({
          owner,
          fields: rawInputsFromFlags(values),
          ...(timezone === undefined ? {} : { delivery: { timezone } }),
        });
        return json(planToJson(plan));
      });
    }
    case 'confirm':
    case 'next':
    case 'cancel': {
      const parsed = parseFlags(`plans ${sub}`, rest, ID_OPTIONS, true);
      const id = idAnd(parsed, sub);
      const actor = actorFrom(parsed.values);
      return withService(stringFlag(parsed.values, 'mongo'), async (plans) => {
        if (sub === 'confirm') return json(planToJson(await plans.confirmPlan(actor, id)));
        if (sub === 'cancel') return json(planToJson(await plans.cancelPlan(actor, id)));
        return json((await plans.generateNextWeek(actor, id)).week);
      });
    }
    case 'pause': {
      const parsed = parseFlags('plans pause', rest, { ...ID_OPTIONS, until: { type: 'string' }, reason: { type: 'string' } }, true);
      const id = idAnd(parsed, 'pause');
      const until = stringFlag(parsed.values, 'until');
      const reason = stringFlag(parsed.values, 'reason');
      if (reason !== undefined && !(BREAK_REASONS as readonly string[]).includes(reason)) {
        throw new UsageError(`gofast plans pause: --reason must be one of ${BREAK_REASONS.join(', ')}, not "${reason}"`);
      }
      const actor = actorFrom(parsed.values);
      return withService(stringFlag(parsed.values, 'mongo'), async (plans) => {
        const plan = await plans.pausePlan(actor, id, {
          ...(until === undefined ? {} : { until }),
          ...(reason === undefined ? {} : { reason: reason as BreakReason }),
        });
        return json({ id: plan.id, pause: plan.pause ?? null });
      });
    }
    case 'resume': {
      const parsed = parseFlags('plans resume', rest, ID_OPTIONS, true);
      const id = idAnd(parsed, 'resume');
      const actor = actorFrom(parsed.values);
      return withService(stringFlag(parsed.values, 'mongo'), async (plans) => {
        const outcome = await plans.resumePlan(actor, id, false);
        if (outcome.kind === 'unreachable') {
          return json({ id, kind: outcome.kind, why: outcome.why, options: outcome.change?.options.map((o) => o.label) ?? [] });
        }
        return json({ id, kind: outcome.kind, breakDays: outcome.breakDays, returnRamp: outcome.plan.returnRamp ?? null });
      });
    }
    case 'race': {
      const parsed = parseFlags(
        'plans race',
        rest,
        {
          ...ID_OPTIONS,
          date: { type: 'string' },
          goal: { type: 'string' },
          distance: { type: 'string' },
          confirm: { type: 'boolean', default: false },
        },
        true,
      );
      const id = idAnd(parsed, 'race');
      const actor = actorFrom(parsed.values);
      const date = stringFlag(parsed.values, 'date');
      const goal = stringFlag(parsed.values, 'goal');
      const distance = stringFlag(parsed.values, 'distance');
      return withService(stringFlag(parsed.values, 'mongo'), async (plans) => {
        const preview = await plans.proposeRaceChange(actor, id, {
          ...(date === undefined ? {} : { date }),
          ...(goal === undefined ? {} : { goal }),
          ...(distance === undefined ? {} : { distance }),
        });
        const after = preview.change.options[0];
        if (parsed.values.confirm !== true) {
          return json({ id, pendingChange: preview.change.id, before: preview.before.phases, after: after?.phases ?? [] });
        }
        const plan = await plans.applyPendingChange(actor, id, preview.change.id, 0);
        return json(planToJson(plan));
      });
    }
    case 'tuneup': {
      const parsed = parseFlags(
        'plans tuneup',
        rest,
        { ...ID_OPTIONS, date: { type: 'string' }, distance: { type: 'string' }, name: { type: 'string' } },
        true,
      );
      const id = idAnd(parsed, 'tuneup');
      const date = requireFlag('plans tuneup', parsed.values, 'date', 'the tune-up race date');
      const distance = requireFlag('plans tuneup', parsed.values, 'distance', 'its distance: 5k, 10k, half, or 15 km');
      const name = stringFlag(parsed.values, 'name');
      const actor = actorFrom(parsed.values);
      return withService(stringFlag(parsed.values, 'mongo'), async (plans) => {
        const added = await plans.addTuneUp(actor, id, { date, distance, ...(name === undefined ? {} : { name }) });
        return json({
          id,
          tuneUp: added.tuneUp,
          remadeWeeks: added.remade,
          postedWeeks: added.posted,
          tuneUps: added.plan.inputs?.tuneUps ?? [],
        });
      });
    }
    case 'result': {
      const parsed = parseFlags(
        'plans result',
        rest,
        {
          ...ID_OPTIONS,
          time: { type: 'string' },
          distance: { type: 'string' },
          date: { type: 'string' },
          accept: { type: 'boolean', default: false },
          keep: { type: 'boolean', default: false },
        },
        true,
      );
      const id = idAnd(parsed, 'result');
      const time = requireFlag('plans result', parsed.values, 'time', 'the time run, H:MM:SS or MM:SS');
      if (parsed.values.accept === true && parsed.values.keep === true) {
        throw new UsageError('gofast plans result: --accept or --keep, not both');
      }
      const distance = stringFlag(parsed.values, 'distance');
      const date = stringFlag(parsed.values, 'date');
      const actor = actorFrom(parsed.values);
      return withService(stringFlag(parsed.values, 'mongo'), async (plans) => {
        const outcome = await plans.recordResult(actor, id, {
          time,
          ...(distance === undefined ? {} : { distance }),
          ...(date === undefined ? {} : { date }),
        });
        const shown = {
          id,
          result: outcome.result,
          shift: Number(outcome.shift.toFixed(4)),
          paces: formatPaces(outcome.current),
          newPaces: formatPaces(outcome.proposed),
          pendingChange: outcome.pending?.id ?? null,
        };
        const choose = parsed.values.accept === true ? true : parsed.values.keep === true ? false : undefined;
        if (outcome.pending === null || choose === undefined) return json(shown);
        const choice = await plans.choosePaces(actor, id, outcome.pending.id, choose);
        return json({ ...shown, pendingChange: null, accepted: choose, fromWeek: choose ? choice.fromWeek : null });
      });
    }
    case 'move':
    case 'cross': {
      const parsed = parseFlags(`plans ${sub}`, rest, { ...ID_OPTIONS, week: { type: 'string' }, sport: { type: 'string' } }, true);
      const id = idAnd(parsed, sub);
      const [, day, to] = parsed.positionals;
      if (day === undefined) throw new UsageError(`gofast plans ${sub}: missing the DAY (sat, Saturday or 6)`);
      const weekText = stringFlag(parsed.values, 'week');
      const week = weekText === undefined ? {} : { weekNumber: positiveWeek(weekText) };
      const sport = stringFlag(parsed.values, 'sport');
      const actor = actorFrom(parsed.values);
      return withService(stringFlag(parsed.values, 'mongo'), async (plans) => {
        if (sub === 'move') {
          const moved = await plans.moveDay(actor, id, { ...week, from: day, ...(to === undefined ? {} : { to }) });
          return json({ id, weekNumber: moved.weekNumber, from: moved.from, to: moved.to, week: moved.plan.weeks[moved.weekNumber - 1] });
        }
        const crossed = await plans.crossTrain(actor, id, { ...week, day, ...(sport === undefined ? {} : { mode: sport }) });
        return json({
          id,
          weekNumber: crossed.weekNumber,
          day: crossed.dayNumber,
          sport: crossed.mode,
          week: crossed.plan.weeks[crossed.weekNumber - 1],
        });
      });
    }
    case 'week': {
      const parsed = parseFlags('plans week', rest, { ...ID_OPTIONS, regenerate: { type: 'boolean', default: false } }, true);
      const id = idAnd(parsed, 'week');
      const weekNumber = positiveWeek(parsed.positionals[1]);
      if (parsed.values.regenerate !== true) throw new UsageError('gofast plans week: say what to do with the week: --regenerate');
      const actor = actorFrom(parsed.values);
      return withService(stringFlag(parsed.values, 'mongo'), async (plans) =>
        json((await plans.regenerateWeek(actor, id, weekNumber)).week),
      );
    }
    case 'log': {
      const parsed = parseFlags(
        'plans log',
        rest,
        {
          ...ID_OPTIONS,
          'completed-days': { type: 'string' },
          miles: { type: 'string' },
          'avg-pace': { type: 'string' },
          notes: { type: 'string' },
        },
        true,
      );
      const id = idAnd(parsed, 'log');
      const weekNumber = positiveWeek(parsed.positionals[1]);
      const days = requireFlag('plans log', parsed.values, 'completed-days', 'run days completed, 0–7');
      const miles = requireFlag('plans log', parsed.values, 'miles', 'miles run that week');
      if (!/^\d+$/.test(days)) throw new UsageError(`gofast plans log: --completed-days must be a whole number, not "${days}"`);
      if (!/^\d+(\.\d+)?$/.test(miles)) throw new UsageError(`gofast plans log: --miles must be a number, not "${miles}"`);
      const notes = stringFlag(parsed.values, 'notes');
      const log = {
        completedDays: Number(days),
        totalMiles: Number(miles),
        averagePace: stringFlag(parsed.values, 'avg-pace') ?? null,
        ...(notes === undefined ? {} : { notes }),
      };
      const actor = actorFrom(parsed.values);
      return withService(stringFlag(parsed.values, 'mongo'), async (plans) => {
        const plan = await plans.logExecution(actor, id, weekNumber, log);
        return json({ id: plan.id, weekNumber, execution: plan.weeks[weekNumber - 1]?.execution ?? null });
      });
    }
    case 'show': {
      const parsed = parseFlags('plans show', rest, { ...ID_OPTIONS, json: { type: 'boolean', default: false } }, true);
      const id = idAnd(parsed, 'show');
      const actor = actorFrom(parsed.values);
      return withService(stringFlag(parsed.values, 'mongo'), async (plans) => {
        const plan = await plans.getPlan(actor, id);
        if (parsed.values.json === true || !plan.inputs) return json(planToJson(plan));
        const weeks = plan.status === 'preview' && plan.preview ? [plan.preview.week] : plan.weeks;
        const header = `Plan ${plan.id} · ${plan.status} · owner ${plan.owner}\n\n`;
        return (
          header +
          renderPlanText({
            inputs: plan.inputs,
            totalWeeks: plan.totalWeeks ?? 0,
            paces: computePaces(plan.inputs),
            warnings: plan.warnings,
            phases: plan.phases,
            weeks,
          })
        );
      });
    }
    case 'list': {
      const { values } = parseFlags('plans list', rest, {
        owner: { type: 'string' },
        status: { type: 'string' },
        limit: { type: 'string' },
        after: { type: 'string' },
        mongo: { type: 'string' },
      });
      const status = stringFlag(values, 'status');
      if (status !== undefined && !(PLAN_STATUSES as readonly string[]).includes(status)) {
        throw new UsageError(`gofast plans list: --status must be one of ${PLAN_STATUSES.join(', ')}, not "${status}"`);
      }
      const owner = stringFlag(values, 'owner');
      const limitText = stringFlag(values, 'limit');
      const limit = limitText === undefined ? DEFAULT_LIST_LIMIT : Number(limitText);
      if (limitText !== undefined && (!/^\d+$/.test(limitText) || limit < 1 || limit > MAX_LIST_LIMIT)) {
        throw new UsageError(`gofast plans list: --limit must be a whole number from 1 to ${MAX_LIST_LIMIT}, not "${limitText}"`);
      }
      const after = stringFlag(values, 'after');
      const filter = {
        ...(owner === undefined ? {} : { owner }),
        ...(status === undefined ? {} : { statuses: [status as PlanStatus] }),
      };
      return withService(stringFlag(values, 'mongo'), async (plans) => {
        const page = await plans.listPlanPage(filter, { limit, ...(after === undefined ? {} : { after }) });
        if (page.plans.length === 0) return after === undefined ? 'no plans\n' : 'no more plans\n';
        const lines = page.plans.map(listLine);
        if (page.nextAfter !== null) {
          // The same filters and page size, so the next page continues this listing exactly.
          const next = ['gofast plans list', ...(owner === undefined ? [] : [`--owner ${owner}`])];
          if (status !== undefined) next.push(`--status ${status}`);
          if (limitText !== undefined) next.push(`--limit ${limit}`);
          next.push(`--after ${page.nextAfter}`);
          lines.push(`more plans: ${next.join(' ')}`);
        }
        return `${lines.join('\n')}\n`;
      });
    }
    case 'export': {
      const parsed = parseFlags(
        'plans export',
        rest,
        { ...ID_OPTIONS, format: { type: 'string' }, out: { type: 'string' }, ics: { type: 'string' }, week: { type: 'string' } },
        true,
      );
      const id = idAnd(parsed, 'export');
      // `--ics FILE`, the first form, still means `--format ics --out FILE`.
      const ics = stringFlag(parsed.values, 'ics');
      const format = stringFlag(parsed.values, 'format') ?? (ics === undefined ? undefined : 'ics');
      const formats = Object.keys(EXPORT_FORMATS).join(', ');
      if (format === undefined) throw new UsageError(`gofast plans export: missing --format (${formats})`);
      const exporter = Object.hasOwn(EXPORT_FORMATS, format) ? EXPORT_FORMATS[format] : undefined;
      if (exporter === undefined) throw new UsageError(`gofast plans export: --format must be one of ${formats}, not "${format}"`);
      const file = stringFlag(parsed.values, 'out') ?? ics ?? requireFlag('plans export', parsed.values, 'out', 'the file to write');
      const weekText = stringFlag(parsed.values, 'week');
      if (weekText !== undefined && !WEEKLY_FORMATS.has(format)) throw new UsageError(`gofast plans export: --week goes with --format fit`);
      const week = weekText === undefined ? undefined : positiveWeek(weekText);
      const actor = actorFrom(parsed.values);
      return withService(stringFlag(parsed.values, 'mongo'), async (plans) => {
        await writeFile(file, (await exporter(plans, actor, id, week)).content);
        return `${file}\n`;
      });
    }
    case 'share': {
      const parsed = parseFlags('plans share', rest, { ...ID_OPTIONS, off: { type: 'boolean' } }, true);
      const id = idAnd(parsed, 'share');
      const actor = actorFrom(parsed.values);
      return withService(stringFlag(parsed.values, 'mongo'), async (plans) => {
        if (parsed.values.off === true) {
          return (await plans.unsharePlan(actor, id)) ? 'sharing is off: the link no longer works\n' : 'the plan had no share link\n';
        }
        return `${(await plans.sharePlan(actor, id)).url}\n`;
      });
    }
    case 'chart': {
      const parsed = parseFlags('plans chart', rest, { ...ID_OPTIONS, out: { type: 'string' }, week: { type: 'string' } }, true);
      const id = idAnd(parsed, 'chart');
      const file = requireFlag('plans chart', parsed.values, 'out', 'the image to write, FILE.png or FILE.svg');
      const format = extname(file).toLowerCase();
      if (format !== '.png' && format !== '.svg') {
        throw new UsageError(`gofast plans chart: --out must end in .png or .svg, not "${file}"`);
      }
      const weekText = stringFlag(parsed.values, 'week');
      const weekNumber = weekText === undefined ? undefined : positiveWeek(weekText);
      const actor = actorFrom(parsed.values);
      return withService(stringFlag(parsed.values, 'mongo'), async (plans) => {
        const plan = await plans.getPlan(actor, id);
        // "This week" is the athlete's: the plan's own time zone says which day it is for them.
        const image = weekNumber === undefined ? planChartSvg(plan, todayFor(plan.delivery, deps.now())) : weekCardSvg(plan, weekNumber);
        await writeFile(file, format === '.png' ? svgToPng(image.svg) : image.svg);
        return `${file}\n${image.alt}\n`;
      });
    }
    default:
      throw new UsageError(
        `gofast plans: ${sub === undefined ? 'missing' : `unknown`} command${sub === undefined ? '' : ` "${sub}"`}; commands are create, confirm, next, week, log, show, list, cancel, export, chart, share, pause, resume, race, tuneup, result`,
      );
  }
}
