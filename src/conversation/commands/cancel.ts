/** `/plan cancel`: stops the caller's plan, whatever stage it is in. */
import { textView } from '../plan-views.js';
import type { CommandSpec } from './command-spec.js';

export const cancelCommand = {
  name: 'cancel',
  description: 'Stop your plan',
  help: { summary: 'stop the plan' },
  arguments: [],
  who: 'owner',
  planStatuses: ['draft', 'preview', 'active'],
  private: true,
  async handle({ plans }, { actor }, found) {
    await plans.cancelPlan(actor.identity, found.id);
    return [textView(`Plan cancelled${found.inputs ? ` (${found.inputs.raceName})` : ''}. Start a new one any time with /plan.`)];
  },
} satisfies CommandSpec;
