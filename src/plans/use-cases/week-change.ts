/**
 * What moving a day and cross-training a day share: finding the week and the day the athlete
 * means, the checks that come before any rule (a past day, the race, a marked day), the rule check
 * of the changed week, and the one guarded write.
 *
 * A change is allowed when it breaks no rule the week did not already break: the changed week and
 * the week after it (C1's key days across the boundary) are validated, and their violations are
 * compared rule by rule with the stored weeks'. A week stored before a rule existed therefore stays
 * changeable, and nothing a change stores breaks a rule the plan kept.
 */
import { dateOfPlanDay, dayNumberOf, isIsoDate, weekNumberOf } from '../../domain/calendar.js';
import { parseDayName } from '../../domain/day-names.js';
import { roundMiles, weekMiles } from '../../domain/plan-math.js';
import type { Day, Week } from '../../domain/schemas.js';
import { validateWeek, type Violation } from '../../domain/validator.js';
import { ChangeRefusedError, WrongStateError } from '../plan-errors.js';
import type { PlanRecord, StoredWeek } from '../plan-record.js';
import type { PlanGuard, PlanChange } from '../plan-store.js';
import { todayFor } from '../plan-schedule.js';
import { phaseTotals } from '../plan-weeks.js';

/** An active plan with its inputs, as a change needs it. */
export type ActivePlan = PlanRecord & { readonly inputs: NonNullable<PlanRecord['inputs']> };

export function activePlan(plan: PlanRecord, what: string): ActivePlan {
  if (plan.status !== 'active' || plan.inputs === null) {
    throw new WrongStateError(plan.status, `the plan is ${plan.status}; ${what} on an active plan`);
  }
  return plan as ActivePlan;
}

export function todayOf(plan: PlanRecord, now: Date): string {
  return todayFor(plan.delivery, now);
}

/** The week that holds today (week 1 before the plan starts); it must have been made. */
export function currentWeekNumber(plan: ActivePlan, today: string): number {
  const n = Math.max(1, weekNumberOf(plan.inputs.startDate, today));
  if (n > (plan.totalWeeks ?? plan.weeks.length)) throw new WrongStateError(plan.status, 'the plan has no week left to change');
  if (n > plan.weeks.length) throw new WrongStateError(plan.status, `week ${n} is not made yet; /plan week makes it`);
  return n;
}

export function weekOf(plan: ActivePlan, weekNumber: number): StoredWeek {
  const week = plan.weeks[weekNumber - 1];
  if (!week) throw new ChangeRefusedError(`week ${weekNumber} is not made yet, so there is nothing to change in it`, weekNumber);
  return week;
}

/** `sat`, `6`, `Saturday` or a date of the week: its day number; one clear sentence when it is none. */
export function dayOfWeekText(plan: ActivePlan, weekNumber: number, text: string): number {
  const trimmed = text.trim();
  if (isIsoDate(trimmed)) {
    const monday = dateOfPlanDay(plan.inputs.startDate, weekNumber, 1);
    const sunday = dateOfPlanDay(plan.inputs.startDate, weekNumber, 7);
    if (trimmed < monday || trimmed > sunday) {
      throw new ChangeRefusedError(
        `${trimmed} is not in week ${weekNumber} (${monday} to ${sunday}); only this week's days move`,
        weekNumber,
      );
    }
    return dayNumberOf(trimmed);
  }
  const day = parseDayName(trimmed);
  if (day === undefined) {
    throw new ChangeRefusedError(
      `"${trimmed.slice(0, 20)}" is not a day: use a day name (sat, Saturday) or a number, 1 = Monday … 7 = Sunday`,
      weekNumber,
    );
  }
  return day;
}

export function dayAt(week: Week, dayNumber: number): Day | undefined {
  return week.days.find((d) => d.dayNumber === dayNumber);
}

/** `Sat 12 Dec`, how a refusal names a day. */
export function dayWords(day: Pick<Day, 'dayOfWeek' | 'date'>): string {
  return `${day.dayOfWeek} ${day.date}`;
}

/** A day that has passed, or that the athlete already marked, stays as it is. */
export function assertChangeable(plan: ActivePlan, week: StoredWeek, day: Day, today: string): void {
  if (day.date < today) throw new ChangeRefusedError(`${dayWords(day)} is past; only today and later days change`, week.weekNumber);
  const mark = week.execution?.days?.find((m) => m.dayNumber === day.dayNumber);
  if (mark) throw new ChangeRefusedError(`${dayWords(day)} is already marked ${mark.status}, so it stays as it is`, week.weekNumber);
  if (day.type === 'race') {
    throw new ChangeRefusedError(
      `${dayWords(day)} is race day: the race stays where it is, and so does the rest before it`,
      week.weekNumber,
    );
  }
}

function countByRule(violations: readonly Violation[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of violations) counts.set(v.rule, (counts.get(v.rule) ?? 0) + 1);
  return counts;
}

function weekViolations(plan: ActivePlan, weeks: readonly Week[], n: number): Violation[] {
  if (n > weeks.length) return [];
  return validateWeek({ inputs: plan.inputs, phases: [...plan.phases], weeks: [...weeks] }, n);
}

/**
 * The first rule the plan would break with week N replaced by `days` that it does not break now;
 * undefined when the change keeps every rule the plan kept.
 */
export function newViolation(plan: ActivePlan, weekNumber: number, days: readonly Day[]): Violation | undefined {
  const stored = plan.weeks;
  const changed = stored.map((w) => (w.weekNumber === weekNumber ? withDays(w, days) : w));
  for (const n of [weekNumber, weekNumber + 1]) {
    const before = countByRule(weekViolations(plan, stored, n));
    const after = weekViolations(plan, changed, n);
    const counts = countByRule(after);
    for (const v of after) {
      if ((counts.get(v.rule) ?? 0) > (before.get(v.rule) ?? 0)) return v;
    }
  }
  return undefined;
}

/** The week with new days, its total kept equal to its laps (DATA). */
function withDays<W extends Week>(week: W, days: readonly Day[]): W {
  const sorted = [...days].sort((a, b) => a.dayNumber - b.dayNumber);
  return { ...week, days: sorted, miles: roundMiles(weekMiles({ days: sorted })) };
}

/** The guarded write of a changed week: applies only to the plan as it was read. */
export function weekChange(plan: ActivePlan, weekNumber: number, days: readonly Day[]): { guard: PlanGuard; change: PlanChange } {
  const weeks = plan.weeks.map((w) => (w.weekNumber === weekNumber ? withDays(w, days) : w));
  return {
    guard: { revision: plan.revision, statuses: ['active'] },
    change: { weeks, set: { phases: phaseTotals(plan.phases, weeks) } },
  };
}

/**
 * A short fingerprint of a week's days (FNV-1a over type, session and miles per day): buttons carry
 * it, so a press made on a week that has changed since (another press, a move typed meanwhile) is
 * refused instead of moving what is there now. Marks and logs do not change it.
 */
export function weekVersion(week: Pick<Week, 'days'>): string {
  let hash = 0x811c9dc5;
  const text = week.days.map((d) => `${d.dayNumber}${d.type}${d.session ?? ''}${roundMiles(weekMiles({ days: [d] }))}`).join('|');
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0').slice(-7);
}

export function assertVersion(week: StoredWeek, version: string | undefined): void {
  if (version !== undefined && version !== weekVersion(week)) {
    throw new ChangeRefusedError(`week ${week.weekNumber} has changed since that message; here it is as it stands now`, week.weekNumber);
  }
}
