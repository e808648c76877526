/**
 * Changing the race mid-plan (`/plan race date=… goal=… distance=…`) and applying a change the
 * athlete picked (a race change, or an option offered by a resume that found the race out of
 * reach). Proposing stores the change on the plan (`pendingChange`, with an id the buttons carry)
 * and changes nothing else; Confirm re-plans the weeks not yet made from the chosen inputs in one
 * guarded update; Cancel drops it. A stale or repeated press is refused or finds the change done,
 * so concurrent Confirms make one change.
 */
import { isIsoDate } from '../../domain/calendar.js';
import { InputError } from '../../domain/errors.js';
import type { Phase, PlanInputs } from '../../domain/schemas.js';
import { parseDuration } from '../../domain/time.js';
import { computePaces, predictedSeconds } from '../../domain/paces.js';
import { isReady, minimumVolume } from '../../domain/readiness.js';
import { distanceClass, parseRaceDistance } from '../../domain/units.js';
import { totalWeeksOf } from '../../domain/validator.js';
import { parseDateInput } from '../../domain/date-input.js';
import { MAX_PLAN_WEEKS } from '../../domain/coaching-limits.js';
import { phasesAfter } from '../../engine/rules/replan.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';
import type { PendingChange, PlanRecord } from '../plan-record.js';
import { todayFor, weekDueAt } from '../plan-schedule.js';
import { resumeWith, shortDate } from './pause-plan.js';
import { newChangeId, replan } from './replan.js';

export type RaceChangeRequest = { readonly date?: string; readonly goal?: string; readonly distance?: string };

/** Goal paces PLAN-RULES accepts: 4:00–20:00 per mile. */
const GOAL_PACE = { min: 240, max: 1200 } as const;

function newInputs(plan: PlanRecord, inputs: PlanInputs, request: RaceChangeRequest, today: string): PlanInputs {
  if (request.date === undefined && request.goal === undefined && request.distance === undefined) {
    throw new InputError({ race: 'say what changes: /plan race date=YYYY-MM-DD, goal=H:MM:SS or distance=half' });
  }
  let next: PlanInputs = { ...inputs };
  if (request.date !== undefined) {
    const read = parseDateInput(request.date, today);
    const date = read.ok ? read.date : undefined;
    if (date === undefined || !isIsoDate(date)) throw new InputError({ date: `"${request.date}" is not a date: write it YYYY-MM-DD` });
    if (date <= today) throw new InputError({ date: `${date} is not after today (${today}); the race must be ahead of you` });
    next = { ...next, raceDate: date };
  }
  if (request.distance !== undefined) {
    const distance = parseRaceDistance(request.distance, inputs.units);
    if (!distance) throw new InputError({ distance: `unknown distance "${request.distance}": use 5k, 10k, half, marathon or a distance` });
    next = { ...next, distance: distance.label, distanceMiles: distance.miles };
    // A new distance without a new goal: the time the athlete's 5K predicts for it (C-paces).
    if (request.goal === undefined)
      next = { ...next, goalTimeSeconds: Math.round(predictedSeconds(computePaces(inputs).vdot, distance.miles)) };
  }
  if (request.goal !== undefined) {
    const seconds = parseDuration(request.goal);
    if (seconds === undefined) throw new InputError({ goal: `"${request.goal}" is not a time: write it H:MM:SS or MM:SS` });
    next = { ...next, goalTimeSeconds: seconds };
  }
  const pace = next.goalTimeSeconds / next.distanceMiles;
  if (pace < GOAL_PACE.min || pace > GOAL_PACE.max) {
    throw new InputError({ goal: `that goal means a pace outside 4:00–20:00 per mile for this race; give a goal time for the new race` });
  }
  const cls = distanceClass(next.distanceMiles);
  if (!isReady(cls, totalWeeksOf(next), next.weeklyMileage, 'mi')) {
    throw new InputError({
      race: `a ${next.distance} in ${totalWeeksOf(next)} weeks asks at least ${minimumVolume(cls, totalWeeksOf(next), 'mi')} mi a week to start from; your plan starts from ${next.weeklyMileage}`,
    });
  }
  if (totalWeeksOf(next) > MAX_PLAN_WEEKS) {
    throw new InputError({ date: `that makes a plan of ${totalWeeksOf(next)} weeks; a plan runs at most ${MAX_PLAN_WEEKS}` });
  }
  if (plan.weeks.length > 0 && next.raceDate < (plan.weeks[plan.weeks.length - 1]?.days.at(-1)?.date ?? next.raceDate)) {
    throw new InputError({ date: `${next.raceDate} falls in a week already made; pick a date after week ${plan.weeks.length}` });
  }
  return next;
}

export type RaceChangePreview = {
  readonly plan: PlanRecord;
  readonly change: PendingChange;
  readonly before: { readonly inputs: PlanInputs; readonly phases: readonly Phase[] };
};

/** Shows a race change: checks it can be planned from here, stores it pending, changes nothing else. */
export async function proposeRaceChange(
  ctx: PlanContext,
  actor: Actor,
  planId: string,
  request: RaceChangeRequest,
): Promise<RaceChangePreview> {
  let pending: PendingChange | undefined;
  let before: RaceChangePreview['before'] | undefined;
  const plan = await writePlan(ctx, planId, actor, (current) => {
    const { inputs } = current;
    if (current.status !== 'active' || !inputs) {
      throw new WrongStateError(current.status, `the plan is ${current.status}; only an active plan's race can be changed`);
    }
    if (current.pause) throw new WrongStateError(current.status, 'your plan is paused; /plan resume first, then change the race');
    const now = ctx.clock.now();
    const today = todayFor(current.delivery, now);
    const next = newInputs(current, inputs, request, today);
    const phases = phasesAfter(
      current.weeks.map((w) => w.phase),
      totalWeeksOf(next),
      next,
    );
    if (!phases) {
      throw new InputError({
        race: `that race leaves too few weeks after the ${current.weeks.length} already made for the phases and taper it needs`,
      });
    }
    const outcome = replan({ plan: current, inputs: next, phases, today, now, reason: 'check' });
    if (!outcome.ok) throw new InputError({ race: `that race cannot be planned safely from here: ${outcome.reason}` });
    pending = {
      id: newChangeId(),
      kind: 'race',
      createdAt: now,
      revision: current.revision + 1,
      options: [
        { label: `${next.raceName}: ${next.distance}, ${shortDate(next.raceDate)} ${next.raceDate.slice(0, 4)}`, inputs: next, phases },
      ],
    };
    before = { inputs, phases: current.phases };
    return { guard: { revision: current.revision, statuses: ['active'] }, change: { set: { pendingChange: pending } } };
  });
  if (!pending || !before) throw new Error(`race change of plan ${planId} decided nothing`);
  return { plan, change: pending, before };
}

const STALE = 'that choice is out of date (the plan changed since); /plan status shows your plan as it is now';

/** Whether the change with this id was already applied (a second press of the same button). */
function applied(plan: PlanRecord, changeId: string): boolean {
  return plan.history.some((h) => h.kind === 'outline' && h.reason.endsWith(`[${changeId}]`));
}

/** Applies option `index` of the pending change `changeId`: one guarded update. */
export async function applyPendingChange(
  ctx: PlanContext,
  actor: Actor,
  planId: string,
  changeId: string,
  index: number,
): Promise<PlanRecord> {
  return writePlan(ctx, planId, actor, (current) => {
    const pending = current.pendingChange;
    if (!pending || pending.id !== changeId) {
      if (applied(current, changeId)) return { done: current };
      throw new WrongStateError(current.status, STALE);
    }
    const option = pending.options[index];
    if (!option) throw new WrongStateError(current.status, STALE);
    if (current.status !== 'active' || !current.inputs) throw new WrongStateError(current.status, STALE);
    const now = ctx.clock.now();
    const guard = { revision: current.revision, statuses: ['active' as const] };
    if (pending.kind === 'resume') {
      const { outcome, set } = resumeWith(current, option.inputs, option.phases, now, `resume with a new race [${changeId}]`);
      if (!outcome.ok) throw new WrongStateError(current.status, `that choice no longer fits: ${outcome.reason}`);
      return { guard, change: { ...outcome.change, set } };
    }
    const today = todayFor(current.delivery, now);
    const outcome = replan({
      plan: current,
      inputs: option.inputs,
      phases: option.phases,
      today,
      now,
      reason: `race change [${changeId}]`,
      // Checked when it was shown; the plan has not moved since, so the check still holds.
      verified: current.revision === pending.revision,
    });
    if (!outcome.ok) throw new WrongStateError(current.status, `that change no longer fits: ${outcome.reason}`);
    // A plan that had all its weeks gets its next week's post back.
    const made = current.weeks.length;
    const due = current.nextWeekDueAt ?? (made < outcome.totalWeeks ? weekDueAt(option.inputs, current.delivery, made + 1) : null);
    return { guard, change: { ...outcome.change, set: { ...outcome.change.set, nextWeekDueAt: due } } };
  });
}

/** Drops the pending change (Cancel, or Keep paused): nothing else changes. */
export async function dropPendingChange(ctx: PlanContext, actor: Actor, planId: string, changeId: string): Promise<PlanRecord> {
  return writePlan(ctx, planId, actor, (current) => {
    if (!current.pendingChange || current.pendingChange.id !== changeId) {
      if (applied(current, changeId))
        throw new WrongStateError(current.status, 'that change was already confirmed; /plan status shows your plan');
      return { done: current };
    }
    return { guard: { revision: current.revision }, change: { set: { pendingChange: null } } };
  });
}
