/**
 * `/plan settings`: the settings form, filled with the plan's current settings — or with the time
 * zone given as its option (`/plan settings timezone:Europe/London`, picked from suggestions in a
 * command menu), which the form then checks and saves like one typed into it.
 */
import { SETTINGS_FORM_ID } from '../action-ids.js';
import { settingsForm } from '../forms/settings-form.js';
import { suggestTimeZones } from '../time-zone-suggestions.js';
import type { CommandArgument, CommandSpec } from './command-spec.js';

const TIMEZONE_ARGUMENT: CommandArgument = {
  name: 'timezone',
  kind: 'text',
  description: 'Your time zone (Europe/London): start typing a city',
  required: false,
  maxLength: 64,
  aliases: ['tz'],
  suggest: suggestTimeZones,
};

export const settingsCommand = {
  name: 'settings',
  description: 'Units, where weeks are sent, time zone, posting day and hour',
  help: {
    summary: 'units, where weeks are sent, time zone, posting day and hour',
    example: { args: {}, optional: { timezone: 'Europe/London' } },
  },
  arguments: [TIMEZONE_ARGUMENT],
  who: 'owner',
  planStatuses: ['draft', 'preview', 'active'],
  private: true,
  form: { id: SETTINGS_FORM_ID },
  async handle(_ctx, intent, found) {
    const { args } = intent.command;
    const typedZone = args.timezone ?? args.tz;
    const d = found.delivery;
    return [
      settingsForm(found.id, {
        units: found.inputs?.units ?? found.draft.units ?? 'mi',
        delivery: d.target,
        timezone: typedZone ?? d.timezone,
        postingDay: String(d.postingDay),
        postingHour: String(d.postingHour),
        reminder: d.dailyReminder ? 'on' : 'off',
        reminderHour: String(d.reminderHour),
      }),
    ];
  },
} satisfies CommandSpec;
