/**
 * When things happen in the athlete's own time zone: when week N is due to be posted (the posting
 * day and hour before the week's Monday; default Sunday 18:00) and what "today" is for them.
 */
import { addDaysIso, dateOfPlanDay, type IsoDate } from '../domain/calendar.js';
import type { PlanInputs } from '../domain/schemas.js';
import { zonedDate, zonedTime } from '../domain/time-zones.js';
import type { Delivery } from './plan-record.js';

/** The instant the week starting on `monday` is posted, on the posting day and hour before it. */
export function postingTimeBefore(monday: IsoDate, delivery: Pick<Delivery, 'postingDay' | 'postingHour' | 'timezone'>): Date {
  // postingDay 7 (Sunday) is the day before Monday; 1 (Monday) is a week before.
  const postingDate = addDaysIso(monday, delivery.postingDay - 8);
  return zonedTime(postingDate, delivery.postingHour, 0, delivery.timezone);
}

/** The instant week `weekNumber` is due to be posted. */
export function weekDueAt(inputs: PlanInputs, delivery: Delivery, weekNumber: number): Date {
  return postingTimeBefore(dateOfPlanDay(inputs.startDate, weekNumber, 1), delivery);
}

/** The due time of the week after `weekCount` weeks exist, or null when the plan has them all. */
export function nextDueAt(inputs: PlanInputs, delivery: Delivery, weekCount: number, totalWeeks: number): Date | null {
  return weekCount >= totalWeeks ? null : weekDueAt(inputs, delivery, weekCount + 1);
}

/** The last week already in the athlete's hands (week 1 from the confirmed preview). */
export function lastPostedWeek(weeks: readonly { weekNumber: number; postedAt: Date | null }[]): number {
  let last = 1;
  for (const week of weeks) if (week.postedAt && week.weekNumber > last) last = week.weekNumber;
  return last;
}

/** The next daily reminder after `now`: today at the reminder hour if still ahead, else tomorrow. */
export function nextReminderAt(delivery: Pick<Delivery, 'timezone' | 'reminderHour'>, now: Date): Date {
  const today = zonedDate(now, delivery.timezone);
  const todayAt = zonedTime(today, delivery.reminderHour, 0, delivery.timezone);
  return todayAt.getTime() > now.getTime() ? todayAt : zonedTime(addDaysIso(today, 1), delivery.reminderHour, 0, delivery.timezone);
}

/** Today's date where the athlete is. */
export function todayFor(delivery: Pick<Delivery, 'timezone'>, now: Date): IsoDate {
  return zonedDate(now, delivery.timezone);
}
