/**
 * `/plan log [N]`: the log form for week N, or for the week being marked (else last week), in the
 * plan's units and pre-filled from the week's Done / Skipped marks. Where a command menu takes
 * attachments, `/plan log file:` logs a run's file instead: the surface sends that as the
 * `activity-file` intent (activity-file-actions.ts), so it never reaches this handler.
 */
import { LOG_FORM_ID } from '../action-ids.js';
import { defaultLogWeek, logFormFor } from '../forms/log-form.js';
import { activityFileArgument, notAWeek, weekArgument, typedWeekNumber } from './command-arguments.js';
import type { CommandSpec } from './command-spec.js';

export const logCommand = {
  name: 'log',
  description: 'Log a week: run days done and distance',
  help: { summary: 'log the week you are marking, else last week (or week N): run days done and distance' },
  arguments: [weekArgument('Week number (default: last week)'), activityFileArgument()],
  who: 'owner',
  planStatuses: ['active', 'completed'],
  private: true,
  form: { id: LOG_FORM_ID },
  async handle({ clock }, { command }, found) {
    const asked = typedWeekNumber(command.positional[0]);
    if (asked === 'bad') return [notAWeek(command.positional[0])];
    return [logFormFor(found, asked ?? defaultLogWeek(found, clock))];
  },
} satisfies CommandSpec;
