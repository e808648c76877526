/**
 * `/plan result`: a race or time trial that recalibrates the paces (issue 18). The result gives a
 * VDOT (Daniels–Gilbert, `domain/paces.ts`); when the paces it implies differ from the plan's by
 * more than 1%, they wait on the plan as a pending change with an id until the athlete presses
 * Accept or Keep. Nothing changes before Accept; an accepted change applies to the weeks not yet
 * made (`inputs.paceChanges`), so the weeks already made keep the paces they were made with.
 * Each step is one guarded update: concurrent Accepts make one change, a stale one is refused.
 */
import { parseDateInput } from '../../domain/date-input.js';
import { InputError } from '../../domain/errors.js';
import {
  PACE_CHANGE_SHARE,
  WALKING_PACE_SECONDS,
  METRES_PER_MILE,
  computePaces,
  fiveKEquivalentOf,
  pacesForWeek,
  paceShiftOf,
  vdotOf,
  type TrainingPaces,
} from '../../domain/paces.js';
import type { PlanInputs, TuneUp } from '../../domain/schemas.js';
import { formatPace, parseDuration } from '../../domain/time.js';
import { paceInUnits, parseRaceDistance, type RaceDistance } from '../../domain/units.js';
import type { PendingPaces, PlanRecord, RaceResult } from '../plan-record.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';
import { todayFor } from '../plan-schedule.js';

export type ResultRequest = {
  readonly time: string;
  readonly distance?: string;
  readonly date?: string;
};

export type ResultOutcome = {
  readonly plan: PlanRecord;
  readonly result: RaceResult;
  /** The paces of the next week to be made, before and with this result. */
  readonly current: TrainingPaces;
  readonly proposed: TrainingPaces;
  /** The largest relative change of easy, M, T and I pace. */
  readonly shift: number;
  /** Set when the new paces wait for Accept / Keep. */
  readonly pending: PendingPaces | null;
};

export type PaceChoice = {
  readonly plan: PlanRecord;
  /** `done` the first time; `already` when this change was accepted (or kept) before. */
  readonly outcome: 'done' | 'already';
  /** The week the accepted paces start from. */
  readonly fromWeek: number;
};

/** A result faster than this VDOT is a typing slip, not a race (the best marathons are about 85). */
const MAX_VDOT = 90;

type Active = PlanRecord & { inputs: PlanInputs; totalWeeks: number };

function activePlan(plan: PlanRecord): Active {
  if (plan.status !== 'active' || plan.inputs === null || plan.totalWeeks === null) {
    throw new WrongStateError(plan.status, `the plan is ${plan.status}; results recalibrate an active plan`);
  }
  return plan as Active;
}

/** The tune-up a result is for: the one on its date, else (no distance given) the latest before it. */
function tuneUpFor(inputs: PlanInputs, date: string, distance: RaceDistance | undefined): TuneUp | undefined {
  const past = (inputs.tuneUps ?? []).filter((t) => t.date <= date);
  const onDay = past.find((t) => t.date === date && (distance === undefined || Math.abs(t.distanceMiles - distance.miles) < 0.01));
  if (onDay !== undefined || distance !== undefined) return onDay;
  return past.at(-1);
}

/** Reads and checks a result; InputError (one sentence, nothing changes) when it cannot be one. */
export function readResult(inputs: PlanInputs, request: ResultRequest, today: string, recordedAt: Date): RaceResult {
  let date = today;
  if (request.date !== undefined && request.date.trim() !== '') {
    const read = parseDateInput(request.date, today);
    if (!read.ok) {
      throw new InputError({
        date: read.problem === 'ambiguous' ? read.message : `"${request.date}" is not a date: write it as YYYY-MM-DD`,
      });
    }
    if (read.date > today) throw new InputError({ date: `${read.date} is in the future; enter a result once you have run it` });
    date = read.date;
  }
  let distance: RaceDistance | undefined;
  if (request.distance !== undefined && request.distance.trim() !== '') {
    distance = parseRaceDistance(request.distance, inputs.units);
    if (distance === undefined) throw new InputError({ distance: `"${request.distance}" is not a distance: try 5k, 10k, half or 15 km` });
  }
  const tuneUp = tuneUpFor(inputs, date, distance);
  if (distance === undefined && tuneUp !== undefined) distance = { label: tuneUp.distance, miles: tuneUp.distanceMiles };
  if (distance === undefined) throw new InputError({ distance: 'which distance did you run? Add distance=5k (or 10k, half, 15 km)' });
  const seconds = parseDuration(request.time);
  if (seconds === undefined) throw new InputError({ time: `"${request.time}" is not a time: write it as H:MM:SS or MM:SS` });
  const pace = seconds / distance.miles;
  if (pace > WALKING_PACE_SECONDS) {
    const walking = `${formatPace(paceInUnits(WALKING_PACE_SECONDS, inputs.units))}/${inputs.units}`;
    throw new InputError({
      time: `${request.time} for ${distance.label} is slower than walking pace (${walking}); enter a race or time trial`,
    });
  }
  const vdot = vdotOf(distance.miles * METRES_PER_MILE, seconds);
  if (vdot > MAX_VDOT)
    throw new InputError({ time: `${request.time} for ${distance.label} would beat the world record; check the time and distance` });
  return {
    date,
    distance: distance.label,
    distanceMiles: distance.miles,
    timeSeconds: seconds,
    vdot: Math.round(vdot * 10) / 10,
    fiveKSeconds: fiveKEquivalentOf(distance.miles, seconds),
    tuneUpDate: tuneUp?.date ?? null,
    outcome: 'within',
    changeId: null,
    recordedAt,
  };
}

export async function recordResult(ctx: PlanContext, actor: Actor, planId: string, request: ResultRequest): Promise<ResultOutcome> {
  let outcome: Omit<ResultOutcome, 'plan'> | undefined;
  const plan = await writePlan(ctx, planId, actor, (current) => {
    const active = activePlan(current);
    const now = ctx.clock.now();
    const read = readResult(active.inputs, request, todayFor(active.delivery, now), now);
    const nextWeek = active.weeks.length + 1;
    const paces = pacesForWeek(active.inputs, nextWeek);
    const proposed = computePaces({ ...active.inputs, fiveKSeconds: read.fiveKSeconds });
    const shift = paceShiftOf(paces, proposed);
    const offer = shift > PACE_CHANGE_SHARE && nextWeek <= active.totalWeeks;
    const results = (active.results ?? []).map((r) => (r.outcome === 'pending' ? { ...r, outcome: 'replaced' as const } : r));
    // The revision the change is written at makes the id unique on this plan, and deterministic.
    const pending: PendingPaces | null = offer
      ? { id: `p${active.revision + 1}`, fiveKSeconds: read.fiveKSeconds, resultIndex: results.length, createdAt: now }
      : null;
    const result: RaceResult = { ...read, outcome: offer ? 'pending' : 'within', changeId: pending?.id ?? null };
    outcome = { result, current: paces, proposed, shift, pending };
    return {
      guard: { revision: active.revision, statuses: ['active'] },
      change: { set: { results: [...results, result], pendingPaces: pending } },
    };
  });
  if (outcome === undefined) throw new Error(`result not recorded on plan ${planId}`);
  return { plan, ...outcome };
}

/** Accept (`accept` true) or Keep the pending paces `pendingId`. */
export async function choosePaces(ctx: PlanContext, actor: Actor, planId: string, pendingId: string, accept: boolean): Promise<PaceChoice> {
  let choice: Omit<PaceChoice, 'plan'> | undefined;
  const plan = await writePlan(ctx, planId, actor, (current) => {
    const active = activePlan(current);
    const answered = (active.results ?? []).find((r) => r.changeId === pendingId);
    const pending = active.pendingPaces;
    if (pending === null || pending === undefined || pending.id !== pendingId || answered?.outcome !== 'pending') {
      // Answered before: the same answer again is done already (a double click, a retry); another is stale.
      const fromWeek = (active.inputs.paceChanges ?? []).find((c) => c.id === pendingId)?.fromWeek ?? active.weeks.length + 1;
      if (answered?.outcome === (accept ? 'accepted' : 'kept')) {
        choice = { outcome: 'already', fromWeek };
        return { done: active };
      }
      const why =
        answered?.outcome === 'accepted'
          ? 'you accepted them already'
          : answered?.outcome === 'kept'
            ? 'you kept your paces; enter a result again to see new ones'
            : 'a newer result replaced them';
      throw new WrongStateError(active.status, `those paces are no longer waiting for an answer: ${why}`);
    }
    const fromWeek = active.weeks.length + 1;
    const results = (active.results ?? []).map((r, i) =>
      i === pending.resultIndex ? { ...r, outcome: accept ? ('accepted' as const) : ('kept' as const) } : r,
    );
    const inputs: PlanInputs = accept
      ? {
          ...active.inputs,
          paceChanges: [...(active.inputs.paceChanges ?? []), { id: pending.id, fromWeek, fiveKSeconds: pending.fiveKSeconds }],
        }
      : active.inputs;
    choice = { outcome: 'done', fromWeek };
    return {
      guard: { revision: active.revision, statuses: ['active'] },
      // The paces stored with the plan follow (DATA); readers still recompute them per week.
      change: {
        set: {
          results,
          pendingPaces: null,
          ...(accept ? { inputs, paces: { ...computePaces({ ...inputs, fiveKSeconds: pending.fiveKSeconds }) } } : {}),
        },
      },
    };
  });
  if (choice === undefined) throw new Error(`no pace choice made on plan ${planId}`);
  return { plan, ...choice };
}
