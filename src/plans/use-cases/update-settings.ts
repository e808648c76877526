/**
 * `/plan settings`: units, where weeks go, the time zone and the posting day and hour. A change
 * of schedule moves the next week's due time at once.
 */
import { dayNameOf } from '../../domain/calendar.js';
import { InputError } from '../../domain/errors.js';
import type { PlanInputs } from '../../domain/schemas.js';
import type { Delivery, PlanRecord, StoredWeek } from '../plan-record.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { lastPostedWeek, nextDueAt, nextReminderAt } from '../plan-schedule.js';
import { assertDeliveryLengths } from '../text-limits.js';

export type SettingsChange = {
  readonly units?: 'mi' | 'km';
  readonly target?: Delivery['target'];
  readonly channelId?: string | null;
  readonly timezone?: string;
  readonly postingDay?: number;
  readonly postingHour?: number;
  readonly dailyReminder?: boolean;
  readonly reminderHour?: number;
  /**
   * The long-run day of weeks made from now on (1 = Monday … 7 = Sunday), one of the run days.
   * Weeks already made keep theirs: each is stamped with the day it was made with (R9).
   */
  readonly longDay?: number;
};

/** The weeks made so far, each keeping the long-run day it was made with when the setting changes. */
function keepLongDays(plan: PlanRecord, longDay: number): { inputs: PlanInputs; weeks: StoredWeek[] } | undefined {
  const inputs = plan.inputs;
  if (!inputs || inputs.longRunDay === longDay) return undefined;
  if (!inputs.preferredDays.includes(longDay)) {
    throw new InputError({
      longDay: `${dayNameOf(longDay)} is not one of your run days; choose one of ${inputs.preferredDays.map(dayNameOf).join(', ')}`,
    });
  }
  const made = inputs.longRunDay ?? null;
  return {
    inputs: { ...inputs, longRunDay: longDay },
    weeks: plan.weeks.map((w) => (w.longRunDay === undefined ? { ...w, longRunDay: made } : w)),
  };
}

export async function updateSettings(ctx: PlanContext, actor: Actor, planId: string, change: SettingsChange): Promise<PlanRecord> {
  assertDeliveryLengths(change);
  return writePlan(ctx, planId, actor, (plan) => {
    const delivery: Delivery = {
      ...plan.delivery,
      ...(change.target === undefined ? {} : { target: change.target }),
      ...(change.channelId === undefined ? {} : { channelId: change.channelId }),
      ...(change.timezone === undefined ? {} : { timezone: change.timezone }),
      ...(change.postingDay === undefined ? {} : { postingDay: change.postingDay }),
      ...(change.postingHour === undefined ? {} : { postingHour: change.postingHour }),
      ...(change.dailyReminder === undefined ? {} : { dailyReminder: change.dailyReminder }),
      ...(change.reminderHour === undefined ? {} : { reminderHour: change.reminderHour }),
      // New settings are the owner's answer to a paused delivery: try again with them.
      paused: false,
      pauseReason: null,
    };
    const units = change.units;
    const longDay = change.longDay === undefined ? undefined : keepLongDays(plan, change.longDay);
    const base = longDay?.inputs ?? plan.inputs;
    const inputs = base && units ? { ...base, units } : base;
    // The athlete's own pause keeps posts and reminders off until they resume.
    const due =
      plan.status === 'active' && inputs && plan.totalWeeks !== null && !plan.pause
        ? nextDueAt(inputs, delivery, lastPostedWeek(plan.weeks), plan.totalWeeks)
        : plan.nextWeekDueAt;
    const reminderAt = plan.status === 'active' && !plan.pause && delivery.dailyReminder ? nextReminderAt(delivery, ctx.clock.now()) : null;
    return {
      guard: { revision: plan.revision },
      change: {
        ...(longDay === undefined ? {} : { weeks: longDay.weeks }),
        set: {
          delivery,
          inputs,
          nextWeekDueAt: due,
          nextReminderAt: reminderAt,
          ...(units === undefined && longDay === undefined
            ? {}
            : {
                draft: {
                  ...plan.draft,
                  ...(units === undefined ? {} : { units }),
                  ...(change.longDay === undefined ? {} : { longDay: String(change.longDay) }),
                },
              }),
        },
      },
    };
  });
}
