/** `/plan log [N]`: the log form for last week (or week N), in the plan's units. */
import { LOG_FORM_ID } from '../action-ids.js';
import { currentWeekOf } from '../actor-time.js';
import { logForm } from '../forms/log-form.js';
import { notAWeek, weekArgument, typedWeekNumber } from './command-arguments.js';
import type { CommandSpec } from './command-spec.js';

export const logCommand = {
  name: 'log',
  description: 'Log a week: run days done and distance',
  help: { summary: 'log last week (or week N): run days done and miles' },
  arguments: [weekArgument('Week number (default: last week)')],
  who: 'owner',
  planStatuses: ['active', 'completed'],
  private: true,
  form: { id: LOG_FORM_ID },
  async handle({ clock }, { command }, found) {
    const asked = typedWeekNumber(command.positional[0]);
    if (asked === 'bad') return [notAWeek(command.positional[0])];
    const lastDone = Math.max(1, Math.min(found.weeks.length, (currentWeekOf(found, clock) ?? 2) - 1));
    return [logForm(found.id, asked ?? lastDone, {}, {}, found.inputs?.units ?? 'mi')];
  },
} satisfies CommandSpec;
