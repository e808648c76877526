/**
 * `/plan week [N]`: this week, or week N. Weeks are made as the athlete goes (adapting to the
 * logs), so a week far ahead is refused with when the next one arrives; the next one is made now.
 */
import { currentWeekOf } from '../actor-time.js';
import { dueLabel, textView, weekView } from '../plan-views.js';
import { notAWeek, weekArgument, typedWeekNumber } from './command-arguments.js';
import type { CommandSpec } from './command-spec.js';

export const weekCommand = {
  name: 'week',
  description: 'This week of your plan, or week N',
  help: { summary: 'this week, or week N' },
  arguments: [weekArgument('Week number (default: this week)')],
  who: 'owner',
  planStatuses: ['active', 'completed'],
  private: true,
  async handle({ plans, clock }, { actor, command }, found) {
    const asked = typedWeekNumber(command.positional[0]);
    if (asked === 'bad') return [notAWeek(command.positional[0])];
    const current = currentWeekOf(found, clock) ?? 1;
    const n = asked ?? current;
    const total = found.totalWeeks ?? found.weeks.length;
    if (n > total) return [textView(`This plan has ${total} weeks.`, { ephemeral: true })];
    if (n > Math.max(found.weeks.length, current) + 1) {
      const due = found.nextWeekDueAt
        ? ` Week ${found.weeks.length + 1} arrives ${dueLabel(found.nextWeekDueAt, found.delivery.timezone)}.`
        : '';
      return [textView(`Week ${n} is not ready yet: weeks are made as you go, adapting to your logs.${due}`, { ephemeral: true })];
    }
    const { plan } = await plans.ensureWeek(actor.identity, found.id, n);
    return [weekView(plan, n)];
  },
} satisfies CommandSpec;
