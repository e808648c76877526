/**
 * `/plan resume`: weekly posts and reminders come back, and the weeks left are re-planned with a
 * return ramp for the time off — or, when the race is out of reach, the choices on offer.
 */
import { weekView } from '../plan-views.js';
import { resumedView, unreachableView } from '../replan-views.js';
import type { CommandSpec } from './command-spec.js';

export const resumeCommand = {
  name: 'resume',
  description: 'Resume a paused plan, re-planned for the time off',
  help: { summary: 'resume a paused plan; the weeks left are re-planned for the time off' },
  arguments: [],
  who: 'owner',
  planStatuses: ['active'],
  private: true,
  async handle({ plans }, { actor }, found) {
    const outcome = await plans.resumePlan(actor.identity, found.id);
    if (outcome.kind === 'unreachable') return [unreachableView(outcome)];
    const week = Math.min(outcome.currentWeek, outcome.plan.weeks.length);
    return week >= 1 ? [resumedView(outcome), weekView(outcome.plan, week)] : [resumedView(outcome)];
  },
} satisfies CommandSpec;
