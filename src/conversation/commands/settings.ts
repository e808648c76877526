/**
 * `/plan settings`: the settings form, filled with the plan's current settings — or with the time
 * zone given as its option (`/plan settings timezone:Europe/London`, picked from suggestions in a
 * command menu), which the form then checks and saves like one typed into it.
 */
import { SETTINGS_FORM_ID } from '../action-ids.js';
import { DAY_OPTIONS } from '../forms/form-fields.js';
import { saveTypedSettings, settingsForm } from '../forms/settings-form.js';
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

const LONG_DAY_ARGUMENT: CommandArgument = {
  name: 'long-day',
  kind: 'text',
  description: 'The long-run day of the weeks to come: sat, Saturday or 6',
  required: false,
  maxLength: 20,
  choices: DAY_OPTIONS,
  aliases: ['long_day', 'longday'],
  field: 'longDay',
};

/** A typed long-run day is saved at once; the form opens for everything else. */
const longDayOf = (args: Readonly<Record<string, string>>): string | undefined => args['long-day'] ?? args.long_day ?? args.longday;

export const settingsCommand = {
  name: 'settings',
  description: 'Units, where weeks are sent, time zone, posting day and hour',
  help: {
    summary: 'units, where weeks are sent, time zone, posting day and hour',
    example: { args: {}, optional: { timezone: 'Europe/London', 'long-day': 'sun' } },
  },
  arguments: [TIMEZONE_ARGUMENT, LONG_DAY_ARGUMENT],
  who: 'owner',
  planStatuses: ['draft', 'preview', 'active'],
  private: true,
  form: { id: SETTINGS_FORM_ID, when: (command) => longDayOf(command.args) === undefined },
  async handle(ctx, intent, found) {
    const { args } = intent.command;
    const longDay = longDayOf(args);
    if (longDay !== undefined) return saveTypedSettings(ctx, intent, found.id, { longDay });
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
        ...(found.inputs?.longRunDay === undefined ? {} : { longDay: String(found.inputs.longRunDay) }),
      }),
    ];
  },
} satisfies CommandSpec;
