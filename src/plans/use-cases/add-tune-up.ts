/**
 * `/plan tuneup`: a tune-up (B) race inside an active plan (issue 18). It is stored with the plan's
 * inputs, where the engines and the validator read it (its week gets a mini-taper; see
 * `engine/rules/tune-up-week.ts` and the T1 rules). Weeks already made around it that have not
 * started are made again in the same guarded update (the old ones go to history); a remade week
 * that was posted stays posted (its message is edited, or the change told, by the caller: the
 * issue's posted-week rule). A week under way is never changed: the tune-up is refused and nothing
 * changes.
 */
import { addDaysIso, dateOfPlanDay, daysBetween, weekNumberOf } from '../../domain/calendar.js';
import { parseDateInput } from '../../domain/date-input.js';
import { InputError } from '../../domain/errors.js';
import { TUNE_UP, tuneUpCutoff } from '../../domain/rules/tune-up-rules.js';
import type { PlanInputs, TuneUp } from '../../domain/schemas.js';
import { formatDistance, parseRaceDistance } from '../../domain/units.js';
import type { HistoryEntry, PlanRecord, StoredWeek } from '../plan-record.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { historyChange } from '../plan-history.js';
import { WrongStateError } from '../plan-errors.js';
import { todayFor } from '../plan-schedule.js';
import { assertWeekValid, phaseTotals, plannedWeeks, storedWeek, workspaceOf } from '../plan-weeks.js';

export type TuneUpRequest = {
  readonly date: string;
  readonly distance: string;
  readonly name?: string;
};

export type TuneUpResult = {
  readonly plan: PlanRecord;
  readonly tuneUp: TuneUp;
  /** Weeks made again around it (already made, not started). */
  readonly remade: readonly number[];
  /** Those of them already posted: their messages show the old week. */
  readonly posted: readonly number[];
};

const MAX_NAME = 60;
/** Tune-ups closer than this many days apart would overlap their mini-tapers. */
const MIN_DAYS_APART = 7;

type Active = PlanRecord & { inputs: PlanInputs; totalWeeks: number };

function activePlan(plan: PlanRecord): Active {
  if (plan.status !== 'active' || plan.inputs === null || plan.totalWeeks === null) {
    throw new WrongStateError(plan.status, `the plan is ${plan.status}; tune-ups go into an active plan`);
  }
  return plan as Active;
}

/** Reads and checks the request against the plan; InputError (nothing changes) when it does not fit. */
function checkTuneUp(plan: Active, request: TuneUpRequest, today: string): TuneUp {
  const read = parseDateInput(request.date, today);
  if (!read.ok) {
    throw new InputError({ date: read.problem === 'ambiguous' ? read.message : `"${request.date}" is not a date: write it as YYYY-MM-DD` });
  }
  const date = read.date;
  const { inputs } = plan;
  if (date <= today) throw new InputError({ date: `${date} is not in the future; a tune-up is a race still to come` });
  if (date < inputs.startDate) throw new InputError({ date: `${date} is before your plan starts (${inputs.startDate})` });
  if (date >= inputs.raceDate) throw new InputError({ date: `${date} is not before your race on ${inputs.raceDate}` });
  const taper = tuneUpCutoff(inputs);
  if (date >= taper) throw new InputError({ date: `${date} is inside your race's taper, which starts ${taper}; a tune-up goes before it` });
  for (const other of inputs.tuneUps ?? []) {
    const apart = Math.abs(daysBetween(other.date, date));
    if (apart < MIN_DAYS_APART) {
      throw new InputError({
        date: `${date} is ${apart === 0 ? 'the day of' : `${apart} days from`} your tune-up ${other.name} (${other.date}); keep tune-ups a week apart`,
      });
    }
  }
  const distance = parseRaceDistance(request.distance, inputs.units);
  if (distance === undefined) throw new InputError({ distance: `"${request.distance}" is not a distance: try 5k, 10k, half or 15 km` });
  if (distance.miles > inputs.distanceMiles + 1e-9) {
    throw new InputError({
      distance: `a ${distance.label} tune-up is longer than your ${formatDistance(inputs.distanceMiles, inputs.units)} race`,
    });
  }
  const name = (request.name ?? '').trim().slice(0, MAX_NAME) || `${distance.label} tune-up`;
  return { date, distance: distance.label, distanceMiles: distance.miles, name };
}

export async function addTuneUp(ctx: PlanContext, actor: Actor, planId: string, request: TuneUpRequest): Promise<TuneUpResult> {
  let added: TuneUp | undefined;
  let remade: number[] = [];
  let posted: number[] = [];
  const plan = await writePlan(ctx, planId, actor, async (current) => {
    const active = activePlan(current);
    const now = ctx.clock.now();
    const today = todayFor(active.delivery, now);
    const tuneUp = checkTuneUp(active, request, today);
    const inputs: PlanInputs = {
      ...active.inputs,
      tuneUps: [...(active.inputs.tuneUps ?? []), tuneUp].sort((a, b) => a.date.localeCompare(b.date)),
    };
    // The weeks its mini-taper reaches: from two days before it on.
    const first = Math.max(1, weekNumberOf(inputs.startDate, addDaysIso(tuneUp.date, -TUNE_UP.quietDays)));
    const affected = active.weeks.slice(first - 1);
    for (const w of affected) {
      const begins = w.days[0]?.date ?? dateOfPlanDay(inputs.startDate, w.weekNumber, 1);
      if (begins <= today) {
        throw new WrongStateError(
          active.status,
          `week ${w.weekNumber} is already under way, so a tune-up on ${tuneUp.date} cannot be fitted into it; nothing changed`,
        );
      }
    }
    const weeks: StoredWeek[] = active.weeks.slice(0, first - 1);
    for (const old of affected) {
      const week = await ctx.engine.nextWeek({
        inputs,
        phases: active.phases,
        weeks: plannedWeeks(weeks),
        weekNumber: old.weekNumber,
        variant: active.variant,
        workspace: workspaceOf(active.owner),
      });
      assertWeekValid(inputs, active.phases, weeks, week);
      // A week already posted stays posted: the caller edits its message (or tells the change).
      weeks.push({ ...storedWeek(week, ctx.engine.name, now), postedAt: old.postedAt, messageRef: old.messageRef });
    }
    const replaced: HistoryEntry[] = affected.map((w) => ({
      kind: 'week',
      weekNumber: w.weekNumber,
      replacedAt: now,
      reason: `remade around the tune-up ${tuneUp.name} on ${tuneUp.date}`,
      preview: null,
      week: w,
    }));
    added = tuneUp;
    remade = affected.map((w) => w.weekNumber);
    posted = affected.filter((w) => w.postedAt !== null).map((w) => w.weekNumber);
    return {
      guard: { revision: active.revision, statuses: ['active'] },
      change: {
        ...(affected.length > 0 ? { weeks, ...historyChange(active.history, replaced) } : {}),
        set: { inputs, phases: phaseTotals(active.phases, weeks) },
      },
    };
  });
  if (added === undefined) throw new Error(`tune-up not added to plan ${planId}`);
  return { plan, tuneUp: added, remade, posted };
}
