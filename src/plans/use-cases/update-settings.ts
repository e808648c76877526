/**
 * `/plan settings`: units, where weeks go, the time zone and the posting day and hour. A change
 * of schedule moves the next week's due time at once.
 */
import type { Delivery, PlanRecord } from '../plan-record.js';
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
};

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
    const inputs = plan.inputs && units ? { ...plan.inputs, units } : plan.inputs;
    const due =
      plan.status === 'active' && inputs && plan.totalWeeks !== null
        ? nextDueAt(inputs, delivery, lastPostedWeek(plan.weeks), plan.totalWeeks)
        : plan.nextWeekDueAt;
    const reminderAt = plan.status === 'active' && delivery.dailyReminder ? nextReminderAt(delivery, ctx.clock.now()) : null;
    return {
      guard: { revision: plan.revision },
      change: {
        set: {
          delivery,
          inputs,
          nextWeekDueAt: due,
          nextReminderAt: reminderAt,
          ...(units === undefined ? {} : { draft: { ...plan.draft, units } }),
        },
      },
    };
  });
}
