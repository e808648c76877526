/**
 * "Not today": move one day of a week to another day of the same week (`/plan move sat sun`, the
 * Move and Not today buttons). The two days swap places — a run moved onto a rest day leaves the
 * rest where the run was — and each remembers where it came from (`movedFrom`), so R9 takes the
 * athlete's choice for the week. The swap is kept only when PLAN-RULES still holds (two key days
 * never back to back, the race's lead-in untouched, …); otherwise nothing changes and the refusal
 * names the rule and the nearest move that is allowed (docs/design/moves-and-cross-training.md).
 */
import type { Day, Week } from '../../domain/schemas.js';
import type { Violation } from '../../domain/validator.js';
import { type Actor, type PlanContext, loadPlan, writePlan } from '../plan-context.js';
import { ChangeRefusedError } from '../plan-errors.js';
import type { PlanRecord } from '../plan-record.js';
import {
  activePlan,
  assertChangeable,
  assertVersion,
  currentWeekNumber,
  dayAt,
  dayOfWeekText,
  dayWords,
  newViolation,
  todayOf,
  weekChange,
  weekOf,
  type ActivePlan,
} from './week-change.js';

export type MoveRequest = {
  /** The week to change; default the week that holds today. */
  readonly weekNumber?: number;
  /** The day whose session moves: a day name, a number (1 = Monday) or a date of the week. */
  readonly from: string;
  /** Where it goes; absent: "not today", the first later day of the week that takes it. */
  readonly to?: string;
  /** The week's version the request was made on (`weekVersion`), for buttons. */
  readonly version?: string;
};

export type MoveResult = {
  readonly plan: PlanRecord;
  readonly weekNumber: number;
  readonly from: number;
  readonly to: number;
};

/** `content` put on `slot`'s day, remembering the day it was planned on (dropped when it goes back). */
function placed(content: Day, slot: Day): Day {
  const origin = content.movedFrom ?? content.dayNumber;
  const { movedFrom: _dropped, ...rest } = content;
  return {
    ...rest,
    dayNumber: slot.dayNumber,
    date: slot.date,
    dayOfWeek: slot.dayOfWeek,
    ...(origin === slot.dayNumber ? {} : { movedFrom: origin }),
  };
}

/** The week's days with days `from` and `to` swapped. */
export function swappedDays(week: Pick<Week, 'days'>, from: number, to: number): Day[] {
  const a = dayAt(week as Week, from);
  const b = dayAt(week as Week, to);
  if (!a || !b) return [...week.days];
  return week.days.map((d) => (d.dayNumber === from ? placed(b, a) : d.dayNumber === to ? placed(a, b) : d));
}

/** Why a rule forbids a move, in a coach's words. */
export function refusalReason(v: Violation): string {
  if (v.rule === 'C1.key-adjacent') return 'it would put two key days (a quality session or the long run) back to back';
  if (v.rule.startsWith('R5.') || v.rule.startsWith('C1.pre-race')) return 'the days before the race stay as the taper has them';
  if (v.rule.startsWith('C3.')) return `the long run's rules would break (${v.message})`;
  return `it would break the plan's rule ${v.rule} (${v.message})`;
}

/** The days `from`'s session may go to this week without breaking a rule, nearest to `wanted` first. */
export function legalTargets(plan: ActivePlan, weekNumber: number, from: number, today: string, wanted?: number): number[] {
  const week = weekOf(plan, weekNumber);
  const marked = new Set((week.execution?.days ?? []).map((m) => m.dayNumber));
  const open = week.days.filter((d) => d.dayNumber !== from && d.date >= today && d.type !== 'race' && !marked.has(d.dayNumber));
  const legal = open
    .filter((d) => newViolation(plan, weekNumber, swappedDays(week, from, d.dayNumber)) === undefined)
    .map((d) => d.dayNumber);
  if (wanted === undefined) return legal;
  // Nearest first; of two as near, the later day (a run put off rather than brought forward).
  return legal.sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted) || b - a);
}

function decideMove(plan: ActivePlan, request: MoveRequest, now: Date): { weekNumber: number; from: number; to: number; days: Day[] } {
  const today = todayOf(plan, now);
  const current = currentWeekNumber(plan, today);
  const weekNumber = request.weekNumber ?? current;
  if (weekNumber < current) throw new ChangeRefusedError(`week ${weekNumber} is over; only this week's days move`, weekNumber);
  const week = weekOf(plan, weekNumber);
  assertVersion(week, request.version);
  const from = dayOfWeekText(plan, weekNumber, request.from);
  const fromDay = dayAt(week, from);
  if (!fromDay) throw new ChangeRefusedError(`week ${weekNumber} has no day ${from}`, weekNumber);
  assertChangeable(plan, week, fromDay, today);
  if (request.to === undefined) {
    const later = legalTargets(plan, weekNumber, from, today).filter((d) => d > from);
    const to = later[0];
    if (fromDay.type === 'rest') throw new ChangeRefusedError(`${dayWords(fromDay)} is already a rest day`, weekNumber);
    if (to === undefined) {
      throw new ChangeRefusedError(
        `no later day of week ${weekNumber} can take ${dayWords(fromDay)}'s run without breaking the plan's rules; mark it Skipped instead, and the next weeks adapt`,
        weekNumber,
      );
    }
    return { weekNumber, from, to, days: swappedDays(week, from, to) };
  }
  const to = dayOfWeekText(plan, weekNumber, request.to);
  const toDay = dayAt(week, to);
  if (!toDay) throw new ChangeRefusedError(`week ${weekNumber} has no day ${to}`, weekNumber);
  if (toDay.type === 'race') {
    throw new ChangeRefusedError(`${dayWords(toDay)} is race day: nothing moves onto it, and the race stays where it is`, weekNumber);
  }
  if (fromDay.type === 'rest') {
    throw new ChangeRefusedError(
      `${dayWords(fromDay)} is a rest day: name the run you want to move, e.g. /plan move ${toDay.dayOfWeek.slice(0, 3).toLowerCase()} …`,
      weekNumber,
    );
  }
  if (from === to) throw new ChangeRefusedError(`that run is already on ${dayWords(fromDay)}`, weekNumber);
  assertChangeable(plan, week, toDay, today);
  const days = swappedDays(week, from, to);
  const broken = newViolation(plan, weekNumber, days);
  if (broken !== undefined) {
    const nearest = legalTargets(plan, weekNumber, from, today, to)[0];
    const offer =
      nearest === undefined
        ? ' No other day of this week takes it either'
        : ` The nearest day that works is ${dayWords(dayAt(week, nearest) as Day)}`;
    throw new ChangeRefusedError(
      `${dayWords(fromDay)}'s run cannot go to ${dayWords(toDay)}: ${refusalReason(broken)}.${offer}`,
      weekNumber,
      nearest === undefined ? undefined : { from, to: nearest },
    );
  }
  return { weekNumber, from, to, days };
}

export async function moveDay(ctx: PlanContext, actor: Actor, planId: string, request: MoveRequest): Promise<MoveResult> {
  let decided: { weekNumber: number; from: number; to: number } | undefined;
  const plan = await writePlan(ctx, planId, actor, (current) => {
    const active = activePlan(current, 'days are moved');
    const { days, ...move } = decideMove(active, request, ctx.clock.now());
    decided = move;
    return weekChange(active, move.weekNumber, days);
  });
  if (decided === undefined) throw new Error(`move on plan ${planId} decided nothing`);
  return { plan, ...decided };
}

/** The days of week N that day `from`'s session may move to now, in order (the Move… choice). */
export async function moveTargets(ctx: PlanContext, actor: Actor, planId: string, weekNumber: number, from: number): Promise<number[]> {
  const plan = activePlan(await loadPlan(ctx, planId, actor), 'days are moved');
  const today = todayOf(plan, ctx.clock.now());
  const week = weekOf(plan, weekNumber);
  const day = dayAt(week, from);
  if (!day) throw new ChangeRefusedError(`week ${weekNumber} has no day ${from}`, weekNumber);
  assertChangeable(plan, week, day, today);
  return legalTargets(plan, weekNumber, from, today);
}
