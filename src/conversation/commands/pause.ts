/**
 * `/plan pause [until=YYYY-MM-DD] [reason=sick|injured|travel|busy]`: stops weekly posts and
 * reminders until `/plan resume`, or until the date given (the plan then resumes by itself).
 */
import { parseDateInput } from '../../domain/date-input.js';
import { todayFor } from '../../plans/plan-schedule.js';
import { BREAK_REASONS, type BreakReason } from '../../plans/use-cases/pause-plan.js';
import { textView } from '../plan-views.js';
import { pausedView } from '../replan-views.js';
import type { CommandSpec } from './command-spec.js';

function isReason(text: string): text is BreakReason {
  return (BREAK_REASONS as readonly string[]).includes(text);
}

export const pauseCommand = {
  name: 'pause',
  description: 'Pause your plan: sick, injured, travelling or busy',
  help: {
    summary: 'pause weekly posts and reminders; the weeks left are re-planned when you resume',
    example: { args: {}, optional: { until: '2027-01-20', reason: 'sick' } },
  },
  arguments: [
    { name: 'until', kind: 'text', description: 'Resume by itself on this date (YYYY-MM-DD)', required: false, maxLength: 60 },
    {
      name: 'reason',
      kind: 'text',
      description: 'Why: sick, injured, travel or busy',
      required: false,
      choices: BREAK_REASONS.map((r) => ({ value: r, label: r })),
    },
  ],
  who: 'owner',
  planStatuses: ['active'],
  private: true,
  async handle({ plans, clock }, { actor, command }, found) {
    const { until, reason } = command.args;
    if (reason !== undefined && !isReason(reason.toLowerCase())) {
      return [textView(`"${reason}" is not a reason I know: use sick, injured, travel or busy.`, { ephemeral: true })];
    }
    let untilDate: string | undefined;
    if (until !== undefined) {
      const read = parseDateInput(until, todayFor(found.delivery, clock.now()));
      if (!read.ok) {
        return [
          textView(read.problem === 'ambiguous' ? `${read.message}.` : `"${until}" is not a date: write it YYYY-MM-DD.`, {
            ephemeral: true,
          }),
        ];
      }
      untilDate = read.date;
    }
    const lower = reason?.toLowerCase();
    const plan = await plans.pausePlan(actor.identity, found.id, {
      ...(untilDate === undefined ? {} : { until: untilDate }),
      ...(lower !== undefined && isReason(lower) ? { reason: lower } : {}),
    });
    return [pausedView(plan)];
  },
} satisfies CommandSpec;
