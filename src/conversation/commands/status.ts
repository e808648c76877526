/** `/plan status`: where the caller's plan stands, or a button to start one. */
import { currentWeekOf } from '../actor-time.js';
import { statusView } from '../plan-views.js';
import type { CommandSpec } from './command-spec.js';

export const statusCommand = {
  name: 'status',
  description: 'Where your plan stands',
  help: { summary: 'where your plan stands' },
  arguments: [],
  who: 'anyone',
  private: true,
  async handle({ plans, clock }, { actor }) {
    const plan = await plans.currentPlan(actor.identity);
    return [statusView(plan, plan ? currentWeekOf(plan, clock) : undefined)];
  },
} satisfies CommandSpec;
