/**
 * Plan settings: units, where weeks go, time zone, posting day and hour, the daily reminder. Every
 * field is optional and saved on its own, so a surface may show them a page at a time.
 */
import { dayNameOf } from '../../domain/calendar.js';
import { parseDayName } from '../../domain/day-names.js';
import { parseHourOfDay } from '../../domain/time.js';
import { isTimeZone } from '../../domain/time-zones.js';
import { SETTINGS_FORM_ID } from '../action-ids.js';
import { textView } from '../plan-views.js';
import type { PlanRecord } from '../../plans/plan-record.js';
import type { HandlerContext } from '../handler-context.js';
import type { CommandIntent } from '../intents.js';
import type { FormField, FormView, View } from '../views.js';
import { DAY_OPTIONS, DELIVERY_OPTIONS, REMINDER_OPTIONS, UNIT_OPTIONS, field } from './form-fields.js';
import type { FormSpec } from './form-spec.js';

const SETTINGS_FIELDS: readonly FormField[] = [
  field('units', 'Units', 'radio', { choices: UNIT_OPTIONS }),
  field('delivery', 'Send my weeks to', 'radio', { choices: DELIVERY_OPTIONS }),
  field('timezone', 'Time zone', 'timezone', { placeholder: 'Europe/Berlin', hint: 'an IANA zone' }),
  field('postingDay', 'Post each week on', 'select', { choices: DAY_OPTIONS, hint: 'the day before the week; default Sunday' }),
  field('postingHour', 'At hour', 'number', { placeholder: '18', hint: '0–23' }),
  field('reminder', 'Daily reminder of the day’s run', 'radio', { choices: REMINDER_OPTIONS }),
  field('reminderHour', 'Reminder hour', 'number', { placeholder: '7', hint: '0–23' }),
  field('longDay', 'Long-run day of the weeks to come', 'select', { choices: DAY_OPTIONS, hint: 'one of your run days' }),
];

export function settingsForm(planId: string, values: Record<string, string>, errors: Record<string, string> = {}): FormView {
  return {
    kind: 'form',
    formId: SETTINGS_FORM_ID,
    title: 'Plan settings',
    submitLabel: 'Save settings',
    planId,
    fields: SETTINGS_FIELDS,
    values,
    errors,
  };
}

type SettingsValues = {
  readonly units?: 'mi' | 'km';
  readonly target?: 'dm' | 'channel';
  readonly timezone?: string;
  readonly postingDay?: number;
  readonly postingHour?: number;
  readonly dailyReminder?: boolean;
  readonly reminderHour?: number;
  readonly longDay?: number;
};

/** Settings from the form, or field errors. */
function parseSettings(values: Readonly<Record<string, string>>): { settings: SettingsValues; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const settings: { -readonly [K in keyof SettingsValues]: SettingsValues[K] } = {};
  const get = (id: string): string | undefined => {
    const v = values[id]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const units = get('units');
  if (units !== undefined) {
    if (units === 'mi' || units === 'km') settings.units = units;
    else errors.units = 'use mi or km';
  }
  const delivery = get('delivery');
  if (delivery !== undefined) {
    if (delivery === 'dm' || delivery === 'channel') settings.target = delivery;
    else errors.delivery = 'choose a direct message or this channel';
  }
  const timezone = get('timezone');
  if (timezone !== undefined) {
    if (isTimeZone(timezone)) settings.timezone = timezone;
    else errors.timezone = `"${timezone}" is not a time zone; use an IANA name such as Europe/Berlin or America/New_York`;
  }
  const day = get('postingDay');
  if (day !== undefined) {
    const number = parseDayName(day);
    if (number !== undefined) settings.postingDay = number;
    else errors.postingDay = 'choose a day, 1 = Monday … 7 = Sunday';
  }
  const hour = get('postingHour');
  if (hour !== undefined) {
    const value = parseHourOfDay(hour);
    if (value !== undefined) settings.postingHour = value;
    else errors.postingHour = 'use an hour from 0 to 23, such as 18, 18:00 or 6pm';
  }
  const reminder = get('reminder');
  if (reminder !== undefined) {
    if (reminder === 'on' || reminder === 'off') settings.dailyReminder = reminder === 'on';
    else errors.reminder = 'choose on or off';
  }
  const reminderHour = get('reminderHour');
  if (reminderHour !== undefined) {
    const value = parseHourOfDay(reminderHour);
    if (value !== undefined) settings.reminderHour = value;
    else errors.reminderHour = 'use an hour from 0 to 23, such as 7, 07:00 or 7am';
  }
  const longDay = get('longDay');
  if (longDay !== undefined) {
    const number = parseDayName(longDay);
    if (number !== undefined) settings.longDay = number;
    else errors.longDay = 'choose a day: sat, Saturday or 6 (1 = Monday … 7 = Sunday)';
  }
  return { settings, errors };
}

/**
 * Saves settings typed with the command (`/plan settings long-day=sun`) without the form: the same
 * checks and the same answer as the form's.
 */
export async function saveTypedSettings(
  ctx: HandlerContext,
  intent: CommandIntent,
  planId: string,
  values: Record<string, string>,
): Promise<View[]> {
  const { settings, errors } = parseSettings(values);
  const problems = Object.entries(errors);
  if (problems.length > 0) return [textView(`Check ${problems.map(([f, m]) => `${f}: ${m}`).join('; ')}.`, { ephemeral: true })];
  const plan = await ctx.plans.updateSettings(intent.actor.identity, planId, settings);
  return [savedView(plan)];
}

function savedView(plan: PlanRecord): View {
  const d = plan.delivery;
  const longDay = plan.inputs?.longRunDay;
  return textView(
    `Settings saved: ${plan.inputs?.units ?? 'mi'}, weeks by ${d.target === 'dm' ? 'direct message' : 'channel'}, ` +
      `posted on ${dayNameOf(d.postingDay)}s at ${hh(d.postingHour)}:00 ${d.timezone}` +
      (d.dailyReminder ? `, daily reminder at ${hh(d.reminderHour)}:00` : ', no daily reminder') +
      (longDay === undefined ? '.' : `, long runs of the weeks to come on ${dayNameOf(longDay)}s.`),
  );
}

const hh = (hour: number): string => String(hour).padStart(2, '0');

export const settingsFormSpec = {
  id: SETTINGS_FORM_ID,
  code: 's',
  fields: () => SETTINGS_FIELDS,
  savesDraft: false,
  sharedAnswer: false,
  check: (values) => parseSettings(values).errors,
  reopen: (planId, _units, values) => settingsForm(planId, { ...values }, parseSettings(values).errors),
  async submit({ plans }, intent) {
    const { actor, values } = intent;
    if (intent.planId === null) return [textView('Open settings with /plan settings.', { ephemeral: true })];
    const { settings, errors } = parseSettings(values);
    if (Object.keys(errors).length > 0) return [settingsForm(intent.planId, { ...values }, errors)];
    const channelId = settings.target === 'channel' && actor.origin.kind === 'channel' ? actor.origin.channelId : null;
    const plan = await plans.updateSettings(actor.identity, intent.planId, {
      ...settings,
      ...(settings.target === undefined ? {} : { channelId }),
    });
    return [savedView(plan)];
  },
} satisfies FormSpec;
