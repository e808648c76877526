/** `/plan settings`: the settings form, filled with the plan's current settings. */
import { SETTINGS_FORM_ID } from '../action-ids.js';
import { settingsForm } from '../forms/settings-form.js';
import type { CommandSpec } from './command-spec.js';

export const settingsCommand = {
  name: 'settings',
  description: 'Units, where weeks are sent, time zone, posting day and hour',
  help: { summary: 'units, where weeks are sent, time zone, posting day and hour' },
  arguments: [],
  who: 'owner',
  planStatuses: ['draft', 'preview', 'active'],
  private: true,
  form: { id: SETTINGS_FORM_ID },
  async handle(_ctx, _intent, found) {
    const d = found.delivery;
    return [
      settingsForm(found.id, {
        units: found.inputs?.units ?? found.draft.units ?? 'mi',
        delivery: d.target,
        timezone: d.timezone,
        postingDay: String(d.postingDay),
        postingHour: String(d.postingHour),
        reminder: d.dailyReminder ? 'on' : 'off',
        reminderHour: String(d.reminderHour),
      }),
    ];
  },
} satisfies CommandSpec;
