/**
 * A week of the plan as workouts for the watch (issue 20): a zip of FIT workout files, one per
 * run day (`2027-01-12-intervals.fit`); rest and cross-training days have none. Without a week
 * number it is the week the athlete is in today, in their time zone. Each day is paced from the
 * paces in force for its week (`pacesForWeek`: accepted results recalibrate later weeks).
 *
 * Reading only: a week not made yet is refused, never made here, so the share page's GET and the
 * CLI cannot change a plan. Every refusal is one sentence for the person who asked (written, as the
 * other use cases' messages are, to be capitalised and given its full stop by the surface).
 */
import { zipSync } from 'fflate';
import { weekNumberOf } from '../../domain/calendar.js';
import { GoFastError, type ErrorCode } from '../../domain/errors.js';
import { pacesForWeek } from '../../domain/paces.js';
import { watchWorkout } from '../../domain/watch-workout.js';
import { dayLabel } from '../../domain/day-format.js';
import type { PlanRecord, PlanStatus } from '../plan-record.js';
import { type Actor, type PlanContext, loadPlan } from '../plan-context.js';
import { WrongStateError } from '../plan-errors.js';
import { todayFor } from '../plan-schedule.js';
import { encodeFitWorkout, fitSerialOf } from '../fit-workout.js';
import { sharedPlan } from './share-plan.js';

export const FIT_ZIP_MIME = 'application/zip';

/** A plan under way or done; a draft, a preview or a cancelled plan has nothing to run. */
const ON_THE_WATCH: readonly PlanStatus[] = ['active', 'completed'];

export type FitZip = {
  /** `gofast-boston-marathon-week-7.zip`. */
  readonly filename: string;
  readonly weekNumber: number;
  /** The FIT files inside, in day order. */
  readonly files: readonly string[];
  readonly content: Uint8Array;
};

/** A week that cannot go on the watch: out of the plan, not made yet, or with no run in it. */
export class FitWeekError extends GoFastError {
  constructor(code: Extract<ErrorCode, 'INVALID_INPUT' | 'WRONG_STATE'>, message: string) {
    super(code, message, { userFacing: true });
    this.name = 'FitWeekError';
  }
}

/** `Easy run + strides` → `easy-run-strides`. */
function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The week the athlete is in today (1 before the start, the last week after the race). */
function currentWeek(plan: PlanRecord, totalWeeks: number, now: Date): number {
  if (plan.inputs === null) return 1;
  return Math.min(totalWeeks, Math.max(1, weekNumberOf(plan.inputs.startDate, todayFor(plan.delivery, now))));
}

/** The zip of week `week` (default: this week) of a plan that has weeks. */
function renderWeekFit(plan: PlanRecord, week: number | undefined, now: Date): FitZip {
  const inputs = plan.inputs;
  if (inputs === null || !ON_THE_WATCH.includes(plan.status)) {
    throw new WrongStateError(plan.status, `the plan is ${plan.status}: only a confirmed plan's workouts go on a watch`);
  }
  const total = plan.totalWeeks ?? plan.weeks.length;
  const n = week ?? currentWeek(plan, total, now);
  if (!Number.isInteger(n)) throw new FitWeekError('INVALID_INPUT', `pick a week from 1 to ${total}`);
  if (n < 1 || n > total) throw new FitWeekError('INVALID_INPUT', `this plan has ${total} weeks, so there is no week ${n}`);
  const made = plan.weeks.find((w) => w.weekNumber === n);
  if (made === undefined) {
    throw new FitWeekError('WRONG_STATE', `week ${n} is not made yet: weeks are made as you go, adapting to your logs`);
  }
  const paces = pacesForWeek(inputs, n);
  const files: Record<string, Uint8Array> = {};
  for (const day of made.days) {
    const workout = watchWorkout(day, paces, inputs.units);
    if (workout === undefined) continue;
    const name = `${day.date}-${slugOf(dayLabel(day))}.fit`;
    files[name] = encodeFitWorkout(workout, { serial: fitSerialOf(`${plan.id}/${day.date}`), createdAt: now });
  }
  const names = Object.keys(files);
  if (names.length === 0) throw new FitWeekError('WRONG_STATE', `week ${n} has no runs to put on a watch`);
  // FIT files are small and already dense; the zip's dates are the export's, not the machine's clock.
  const content = zipSync(files, { level: 6, mtime: now });
  return { filename: `gofast-${slugOf(inputs.raceName) || 'plan'}-week-${n}.zip`, weekNumber: n, files: names, content };
}

/** The owner's (or, as `OPERATOR`, any) plan's week as FIT workouts. */
export async function fitWorkouts(ctx: PlanContext, actor: Actor, planId: string, week?: number): Promise<FitZip> {
  return renderWeekFit(await loadPlan(ctx, planId, actor), week, ctx.clock.now());
}

/** The same for a share link (`GET /p/<token>/fit[?week=N]`); undefined when the token opens no plan. */
export async function sharedFitWorkouts(ctx: PlanContext, token: string, week?: number): Promise<FitZip | undefined> {
  const plan = await sharedPlan(ctx, token);
  return plan === undefined ? undefined : renderWeekFit(plan, week, ctx.clock.now());
}
