/**
 * The athlete's pause and resume (`/plan pause`, `/plan resume`). A pause stops weekly posts and
 * reminders by clearing their due times (the scheduler's due queries then never see the plan);
 * with an `until` date the scheduler resumes it by itself (`pause.resumeAt`). A resume re-plans
 * the weeks left with a return ramp by the break's length and reason (`replan.ts`); when the race
 * can no longer be reached safely, nothing changes: the athlete is told why, with numbers, and
 * offered a later race date or a shorter race (a pending change, `change-race.ts` applies it).
 */
import { addDaysIso, daysBetween, isIsoDate, weekNumberOf, type IsoDate } from '../../domain/calendar.js';
import { InputError } from '../../domain/errors.js';
import { computePaces, predictedSeconds } from '../../domain/paces.js';
import { RACE_NAME } from '../../domain/plan-inputs.js';
import type { PlanInputs } from '../../domain/schemas.js';
import { totalWeeksOf } from '../../domain/validator.js';
import { MAX_PLAN_WEEKS } from '../../domain/coaching-limits.js';
import { RACE_DISTANCES, type DistanceClass } from '../../domain/units.js';
import { zonedTime } from '../../domain/time-zones.js';
import { phasesAfter } from '../../engine/rules/replan.js';
import type { BreakReason } from '../../engine/rules/return-ramp.js';

export { BREAK_REASONS, type BreakReason } from '../../engine/rules/return-ramp.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';
import type { PendingChange, PlanRecord } from '../plan-record.js';
import { nextReminderAt, todayFor, weekDueAt } from '../plan-schedule.js';
import type { PlanFieldChanges } from '../plan-store.js';
import { newChangeId, replan, type BreakInfo, type ReplanOutcome } from './replan.js';

export type PauseRequest = { readonly until?: IsoDate; readonly reason?: BreakReason };

const DAY_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "3 Dec". */
export function shortDate(iso: IsoDate): string {
  return `${Number(iso.slice(8, 10))} ${DAY_MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''}`;
}

function activePlan(plan: PlanRecord): { inputs: PlanInputs; totalWeeks: number } {
  if (plan.status !== 'active' || !plan.inputs || plan.totalWeeks === null) {
    throw new WrongStateError(plan.status, `the plan is ${plan.status}; only an active plan can be paused or resumed`);
  }
  return { inputs: plan.inputs, totalWeeks: plan.totalWeeks };
}

export async function pausePlan(ctx: PlanContext, actor: Actor, planId: string, request: PauseRequest): Promise<PlanRecord> {
  return writePlan(ctx, planId, actor, (plan) => {
    const { inputs } = activePlan(plan);
    const now = ctx.clock.now();
    const today = todayFor(plan.delivery, now);
    if (plan.pause) {
      throw new WrongStateError(
        plan.status,
        `your plan is already paused since ${shortDate(plan.pause.sinceDate)}; /plan resume brings it back`,
      );
    }
    const until = request.until;
    if (until !== undefined) {
      if (!isIsoDate(until)) throw new InputError({ until: `"${until}" is not a date: write it YYYY-MM-DD` });
      if (until <= today) throw new InputError({ until: `${until} is not after today (${today}); a pause lasts until a day to come` });
      if (until >= inputs.raceDate) {
        throw new InputError({ until: `${until} is not before your race (${inputs.raceDate}); pause until a day before it` });
      }
    }
    return {
      guard: { revision: plan.revision, statuses: ['active'] },
      change: {
        set: {
          pause: {
            since: now,
            sinceDate: today,
            until: until ?? null,
            reason: request.reason ?? null,
            // The athlete's morning of `until`, when the scheduler brings the plan back.
            resumeAt: until === undefined ? null : zonedTime(until, 6, 0, plan.delivery.timezone),
          },
          nextWeekDueAt: null,
          nextReminderAt: null,
        },
      },
    };
  });
}

export type ResumeOutcome =
  | {
      readonly kind: 'resumed';
      readonly plan: PlanRecord;
      readonly breakDays: number;
      readonly reason: BreakReason | null;
      /** The week the athlete comes back in. */
      readonly currentWeek: number;
      /** Each ramp week's share of the pre-break week (empty when no week was left to re-plan). */
      readonly shares: readonly number[];
      readonly rampKind: 'short' | 'medium' | 'base-block' | undefined;
    }
  | { readonly kind: 'unreachable'; readonly plan: PlanRecord; readonly why: string; readonly change: PendingChange | null };

/** When the scheduler should post next after a resume: week N (posted by the scheduler) or N + 1. */
function dueAfterResume(plan: PlanRecord, inputs: PlanInputs, totalWeeks: number, week: number, showsWeek: boolean): Date {
  const posted = plan.weeks[week - 1]?.postedAt != null;
  const next = showsWeek || posted || week < 2 ? week + 1 : week;
  if (next > totalWeeks) return zonedTime(addDaysIso(inputs.raceDate, 1), 9, 0, plan.delivery.timezone);
  return weekDueAt(inputs, plan.delivery, next);
}

/** The fields a resume sets besides the re-plan: no pause, due times back. */
function resumedFields(plan: PlanRecord, inputs: PlanInputs, week: number, showsWeek: boolean, now: Date): PlanFieldChanges {
  return {
    pause: null,
    nextWeekDueAt: dueAfterResume(plan, inputs, totalWeeksOf(inputs), week, showsWeek),
    nextReminderAt: plan.delivery.dailyReminder ? nextReminderAt(plan.delivery, now) : null,
  };
}

function breakOf(plan: PlanRecord, today: IsoDate): BreakInfo {
  const pause = plan.pause;
  if (!pause) throw new WrongStateError(plan.status, 'your plan is not paused; /plan pause stops it for a while');
  return { sinceDate: pause.sinceDate, days: Math.max(0, daysBetween(pause.sinceDate, today)), reason: pause.reason };
}

/** Later race dates and shorter races (same date) that the athlete's state can reach. */
function reachableOptions(plan: PlanRecord, inputs: PlanInputs, today: IsoDate, now: Date, info: BreakInfo): PendingChange['options'] {
  const options: PendingChange['options'] = [];
  const made = plan.weeks.map((w) => w.phase);
  const tryOption = (candidate: PlanInputs, label: string): boolean => {
    const phases = phasesAfter(made, totalWeeksOf(candidate), candidate);
    if (!phases) return false;
    const outcome = replan({ plan, inputs: candidate, phases, today, now, breakInfo: info, reason: 'option' });
    if (!outcome.ok) return false;
    options.push({ label, inputs: candidate, phases });
    return true;
  };
  const total = totalWeeksOf(inputs);
  for (let extra = 1; total + extra <= MAX_PLAN_WEEKS; extra += 1) {
    const raceDate = addDaysIso(inputs.raceDate, 7 * extra);
    if (
      tryOption(
        { ...inputs, raceDate },
        `Race on ${shortDate(raceDate)} ${raceDate.slice(0, 4)} (${extra} week${extra === 1 ? '' : 's'} later)`,
      )
    )
      break;
  }
  const shorter: DistanceClass[] = (['half', '10k', '5k'] as const).filter((d) => RACE_DISTANCES[d] < inputs.distanceMiles - 1e-6);
  const vdot = computePaces(inputs).vdot;
  for (const distance of shorter) {
    const miles = RACE_DISTANCES[distance];
    const candidate: PlanInputs = { ...inputs, distance, distanceMiles: miles, goalTimeSeconds: Math.round(predictedSeconds(vdot, miles)) };
    if (tryOption(candidate, `Run the ${RACE_NAME[distance]} on ${shortDate(inputs.raceDate)} instead`)) break;
  }
  return options;
}

/**
 * Resumes a paused plan from the athlete's today. `showsWeek`: the caller shows the current week
 * (a command's reply), so the scheduler posts the one after it; the scheduler's own resume leaves
 * the current week for its next post.
 */
export async function resumePlan(ctx: PlanContext, actor: Actor, planId: string, showsWeek = true): Promise<ResumeOutcome> {
  let outcome: ResumeOutcome | undefined;
  const plan = await writePlan(ctx, planId, actor, (current) => {
    const { inputs } = activePlan(current);
    const now = ctx.clock.now();
    const today = todayFor(current.delivery, now);
    const info = breakOf(current, today);
    const guard = { revision: current.revision, statuses: ['active' as const] };
    // Paused and resumed the same day: nothing was missed, nothing is re-planned.
    if (today > inputs.raceDate || info.days === 0) {
      outcome = {
        kind: 'resumed',
        plan: current,
        breakDays: info.days,
        reason: info.reason,
        currentWeek: current.weeks.length,
        shares: [],
        rampKind: undefined,
      };
      if (info.days === 0) {
        const week = Math.min(current.weeks.length, Math.max(1, weekNumberOf(inputs.startDate, today)));
        outcome = { ...outcome, currentWeek: week };
        return { guard, change: { set: { ...resumedFields(current, inputs, week, showsWeek, now), pendingChange: null } } };
      }
      return { guard, change: { set: { pause: null, nextWeekDueAt: now, nextReminderAt: null } } };
    }
    const replanned: ReplanOutcome = replan({
      plan: current,
      inputs,
      phases: current.phases,
      today,
      now,
      breakInfo: info,
      reason: `resume after ${info.days} days${info.reason ? ` (${info.reason})` : ''}`,
    });
    if (!replanned.ok) {
      const options = reachableOptions(current, inputs, today, now, info);
      const change: PendingChange | null =
        options.length === 0 ? null : { id: newChangeId(), kind: 'resume', createdAt: now, revision: current.revision + 1, options };
      outcome = { kind: 'unreachable', plan: current, why: replanned.reason, change };
      // Nothing changes but the choice on offer (and a pause that ended by itself stays put).
      return {
        guard,
        change: { set: { pendingChange: change, pause: current.pause ? { ...current.pause, resumeAt: null } : null } },
      };
    }
    outcome = {
      kind: 'resumed',
      plan: current,
      breakDays: info.days,
      reason: info.reason,
      currentWeek: replanned.currentWeek,
      shares: replanned.ramp?.shares ?? [],
      rampKind: replanned.ramp?.kind,
    };
    const set = { ...replanned.change.set, ...resumedFields(current, inputs, replanned.currentWeek, showsWeek, now) };
    return { guard, change: { ...replanned.change, set } };
  });
  if (!outcome) throw new Error(`resume of plan ${planId} decided nothing`);
  return { ...outcome, plan };
}

/** Applies a resume the athlete chose among the options (`change-race.ts` calls it). */
export function resumeWith(
  plan: PlanRecord,
  inputs: PlanInputs,
  phases: PlanRecord['phases'],
  now: Date,
  reason: string,
): { outcome: ReplanOutcome; set: PlanFieldChanges } {
  const today = todayFor(plan.delivery, now);
  const info = breakOf(plan, today);
  const outcome = replan({ plan, inputs, phases, today, now, breakInfo: info, reason });
  const set = outcome.ok ? { ...outcome.change.set, ...resumedFields(plan, inputs, outcome.currentWeek, true, now) } : {};
  return { outcome, set };
}
