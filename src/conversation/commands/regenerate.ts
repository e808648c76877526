/**
 * `/plan regenerate [N]`: another take on the preview, or a new version of future week N (the old
 * one goes to the plan's history).
 */
import { previewView, textView, weekView } from '../plan-views.js';
import { weekArgument, typedWeekNumber } from './command-arguments.js';
import type { CommandSpec } from './command-spec.js';

export const regenerateCommand = {
  name: 'regenerate',
  description: 'Another take on the preview, or on future week N',
  help: { summary: 'another take on the preview, or on future week N' },
  arguments: [weekArgument('Future week to make again')],
  who: 'owner',
  planStatuses: ['preview', 'active'],
  private: false,
  async handle({ plans }, { actor, command }, found) {
    if (found.status === 'preview') return [previewView(await plans.regeneratePreview(actor.identity, found.id))];
    const asked = typedWeekNumber(command.positional[0]);
    if (asked === undefined || asked === 'bad') {
      return [textView('Which week? /plan regenerate N makes a new version of future week N.', { ephemeral: true })];
    }
    const { plan } = await plans.regenerateWeek(actor.identity, found.id, asked);
    return [weekView(plan, asked, { note: `A new version of week ${asked}; the old one is kept in your plan's history.` })];
  },
} satisfies CommandSpec;
