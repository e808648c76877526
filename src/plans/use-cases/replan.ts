/**
 * Re-planning an active plan from today (the one home of it: resume and race change use it, and
 * any later mid-plan change may): the weeks already made keep their days and logs; the plan's
 * inputs and phases may change; the weeks left are checked by the re-plan core
 * (`engine/rules/replan.ts`) before anything is written; the old inputs and phases go to the
 * plan's history as an `outline` entry. The result is one change, written by the caller under a
 * revision guard.
 */
import { randomUUID } from 'node:crypto';
import { weekNumberOf, type IsoDate } from '../../domain/calendar.js';
import { recentLongRunOf } from '../../domain/coaching-limits.js';
import type { Phase, PlanInputs } from '../../domain/schemas.js';
import { totalWeeksOf } from '../../domain/validator.js';
import type { RampWeek } from '../../engine/plan-engine.js';
import { projectRest, reachability, type Unreachable } from '../../engine/rules/replan.js';
import { returnRampOf, stateBefore, type BreakReason, type ReturnRamp } from '../../engine/rules/return-ramp.js';
import { historyChange } from '../plan-history.js';
import type { HistoryEntry, PlanRecord, StoredReturnRamp, StoredWeek } from '../plan-record.js';
import type { PlanChange } from '../plan-store.js';
import { phaseTotals, plannedWeeks, storedWeek } from '../plan-weeks.js';

/** A break the plan comes back from: when it began, how long it was, and why. */
export type BreakInfo = { readonly sinceDate: IsoDate; readonly days: number; readonly reason: BreakReason | null };

export type ReplanRequest = {
  readonly plan: PlanRecord;
  readonly inputs: PlanInputs;
  readonly phases: readonly Phase[];
  /** The athlete's today: weeks through the current one are made now on a resume. */
  readonly today: IsoDate;
  readonly now: Date;
  /** Present on a resume: the return ramp is made from it. */
  readonly breakInfo?: BreakInfo;
  /** Why, as the history entry says (`resume after 10 days (sick)`, `race change <id>`). */
  readonly reason: string;
  /**
   * The same change was checked against this very revision of the plan (a Confirm right after its
   * preview): the weeks left need not be built again. Ignored on a resume, which makes weeks.
   */
  readonly verified?: boolean;
};

export type ReplanOutcome =
  | {
      readonly ok: true;
      readonly change: PlanChange;
      /** The ramp the weeks follow, when the re-plan made one. */
      readonly ramp: ReturnRamp | undefined;
      readonly rampStart: number;
      /** The week the athlete is in (today). */
      readonly currentWeek: number;
      readonly totalWeeks: number;
    }
  | ({ readonly ok: false } & Unreachable);

/** The ramp weeks still ahead of `fromWeek` in a stored ramp (a race change keeps a ramp in progress). */
export function keptRamp(plan: Pick<PlanRecord, 'returnRamp'>, fromWeek: number): { start: number; weeks: RampWeek[] } {
  const stored = plan.returnRamp;
  if (!stored) return { start: fromWeek, weeks: [] };
  const skip = Math.max(0, fromWeek - stored.fromWeek);
  return { start: Math.max(fromWeek, stored.fromWeek), weeks: stored.weeks.slice(skip) };
}

export function replan(request: ReplanRequest): ReplanOutcome {
  const { plan, inputs, phases, today, now, breakInfo } = request;
  const totalWeeks = totalWeeksOf(inputs);
  const made = plan.weeks.length;
  const currentWeek = Math.max(1, weekNumberOf(inputs.startDate, today));
  let ramp: ReturnRamp | undefined;
  let rampStart = made + 1;
  let rampWeeks: RampWeek[] = [];
  let makeThrough = made;
  let breakWeek = 0;
  if (breakInfo !== undefined) {
    rampStart = Math.max(made + 1, currentWeek);
    breakWeek = Math.max(1, weekNumberOf(inputs.startDate, breakInfo.sinceDate));
    const fallback = { volume: inputs.weeklyMileage, long: recentLongRunOf(inputs) };
    ramp = returnRampOf(breakInfo.days, breakInfo.reason, stateBefore(plannedWeeks(plan.weeks), breakWeek, fallback));
    rampWeeks = [...ramp.weeks];
    // The weeks that fell inside the break, and the one the athlete comes back in, exist now.
    makeThrough = Math.min(totalWeeks, Math.max(made, currentWeek));
    if (rampStart <= totalWeeks) {
      const unreachable = reachability(inputs, phases, rampStart, ramp, breakInfo.days);
      if (unreachable) return { ok: false, ...unreachable };
    }
  } else {
    ({ start: rampStart, weeks: rampWeeks } = keptRamp(plan, made + 1));
  }
  const skip = request.verified === true && breakInfo === undefined;
  const rest = skip
    ? { ok: true as const, weeks: [] }
    : projectRest({ inputs, phases, weeks: plannedWeeks(plan.weeks), rampStart, ramp: rampWeeks, breakWeek });
  if (!rest.ok) return rest;
  const newWeeks: StoredWeek[] = rest.weeks.filter((w) => w.weekNumber <= makeThrough).map((w) => storedWeek(w, 'rules', now));
  const weeks = [...plan.weeks, ...newWeeks];
  const entry: HistoryEntry | undefined =
    plan.inputs && plan.totalWeeks !== null
      ? {
          kind: 'outline',
          weekNumber: null,
          replacedAt: now,
          reason: request.reason,
          preview: null,
          week: null,
          outline: { inputs: plan.inputs, phases: plan.phases, totalWeeks: plan.totalWeeks },
        }
      : undefined;
  const returnRamp: StoredReturnRamp | null =
    breakInfo !== undefined && ramp !== undefined
      ? { fromWeek: rampStart, breakDays: breakInfo.days, reason: breakInfo.reason, weeks: rampWeeks }
      : (plan.returnRamp ?? null);
  const change: PlanChange = {
    set: { inputs, phases: phaseTotals(phases, weeks), totalWeeks, returnRamp, pendingChange: null },
    ...(newWeeks.length > 0 ? { weeks } : {}),
    ...(entry ? historyChange(plan.history, [entry]) : {}),
  };
  return { ok: true, change, ramp, rampStart, currentWeek, totalWeeks };
}

/** The ramp week a week about to be made follows (after a resume), if any. */
export function rampWeekOf(plan: Pick<PlanRecord, 'returnRamp'>, weekNumber: number): RampWeek | undefined {
  const ramp = plan.returnRamp;
  if (!ramp || weekNumber < ramp.fromWeek) return undefined;
  return ramp.weeks[weekNumber - ramp.fromWeek];
}

/** The id of a change on offer: short, since buttons carry it (Discord gives a button 100 characters). */
export function newChangeId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 12);
}
