/**
 * Where and when the user is: their zone (UTC when the platform does not say), their today, the
 * plan week they are in, and where their weeks go when they choose "this channel".
 */
import { weekNumberOf } from '../domain/calendar.js';
import type { Clock } from '../plans/plan-context.js';
import type { PlanRecord } from '../plans/plan-record.js';
import { todayFor } from '../plans/plan-schedule.js';
import type { IntentActor } from './intents.js';

function zoneOf(actor: Pick<IntentActor, 'timezone'>): string {
  return actor.timezone ?? 'UTC';
}

export function today(actor: Pick<IntentActor, 'timezone'>, clock: Clock): string {
  return todayFor({ timezone: zoneOf(actor) }, clock.now());
}

/** Where a plan's weeks go: "channel" only means something when the user spoke in one. */
export function deliveryFor(actor: IntentActor, choice: string | undefined) {
  const toChannel = choice === 'channel' && actor.origin.kind === 'channel';
  return {
    timezone: zoneOf(actor),
    target: toChannel ? ('channel' as const) : ('dm' as const),
    channelId: toChannel && actor.origin.kind === 'channel' ? actor.origin.channelId : null,
  };
}

/** The plan week the athlete is in today (1 before the start, clamped to the plan). */
export function currentWeekOf(plan: PlanRecord, clock: Clock): number | undefined {
  if (!plan.inputs || plan.totalWeeks === null) return undefined;
  const week = weekNumberOf(plan.inputs.startDate, todayFor(plan.delivery, clock.now()));
  return Math.min(plan.totalWeeks, Math.max(1, week));
}
