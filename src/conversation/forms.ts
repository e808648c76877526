/**
 * The forms every surface shows — the draft, the week log, the settings — with per-field
 * validation from the domain, so each adapter can put an error next to its field.
 */
import { DAY_NAMES } from '../domain/calendar.js';
import { InputError } from '../domain/errors.js';
import { parsePlanInputs, type PlanInputField, type RawPlanInputs } from '../domain/plan-inputs.js';
import { formatPace, parseClock } from '../domain/time.js';
import { isTimeZone } from '../domain/time-zones.js';
import { MILES_PER_KM, type Units } from '../domain/units.js';

import { DRAFT_FORM_ID, LOG_FORM_ID, SETTINGS_FORM_ID } from './action-ids.js';
import type { FormField, FormFieldKind, FormOption, FormView } from './views.js';

function field(
  id: string,
  label: string,
  kind: FormFieldKind,
  options: { required?: boolean; placeholder?: string; hint?: string; choices?: readonly FormOption[]; maxLength?: number } = {},
): FormField {
  return {
    id,
    label,
    kind,
    required: options.required ?? false,
    placeholder: options.placeholder ?? null,
    hint: options.hint ?? null,
    options: options.choices ?? [],
    maxLength: options.maxLength ?? null,
  };
}

export const DISTANCE_OPTIONS: readonly FormOption[] = [
  { value: '5k', label: '5K' },
  { value: '10k', label: '10K' },
  { value: 'half', label: 'Half marathon' },
  { value: 'marathon', label: 'Marathon' },
];

export const DAY_OPTIONS: readonly FormOption[] = DAY_NAMES.map((name, i) => ({ value: String(i + 1), label: name }));

export const UNIT_OPTIONS: readonly FormOption[] = [
  { value: 'mi', label: 'Miles' },
  { value: 'km', label: 'Kilometres' },
];

export const REMINDER_OPTIONS: readonly FormOption[] = [
  { value: 'off', label: 'Off' },
  { value: 'on', label: 'On' },
];

export const DELIVERY_OPTIONS: readonly FormOption[] = [
  { value: 'dm', label: 'A direct message to me' },
  { value: 'channel', label: 'This channel' },
];

/** The draft form's fields, in the order people fill them. Ids match `RawPlanInputs`. */
export const DRAFT_FIELDS: readonly FormField[] = [
  field('raceName', 'Race name', 'text', { placeholder: 'Berlin Marathon', maxLength: 100 }),
  field('distance', 'Distance', 'select', { required: true, choices: DISTANCE_OPTIONS, hint: 'or a number of miles, 1–31 (km with units km)' }),
  field('raceDate', 'Race date', 'date', { required: true, placeholder: 'YYYY-MM-DD' }),
  field('goal', 'Goal time', 'text', { required: true, placeholder: '3:45:00', hint: 'H:MM:SS or MM:SS' }),
  field('fiveK', 'Current 5K', 'text', { required: true, placeholder: '24:30', hint: 'a recent 5K time (MM:SS), or a pace per mile (per km with units km) under 12:00' }),
  field('mileage', 'Miles per week now', 'number', { required: true, placeholder: '25', hint: '5–150 miles, or 8–240 km with units km' }),
  field('recentLong', 'Longest run in the last 4 weeks', 'number', {
    placeholder: '10',
    hint: '1–30 miles (1.6–48 km with units km); default 30% of your week',
  }),
  field('days', 'Days you can run', 'multiselect', { choices: DAY_OPTIONS, hint: '3–7 days; default Monday–Saturday' }),
  field('longDay', 'Long-run day', 'select', { choices: DAY_OPTIONS, hint: 'one of the days you run; default: the coach chooses' }),
  field('startDate', 'Start date', 'date', { placeholder: 'YYYY-MM-DD', hint: 'default today' }),
  field('units', 'Units', 'radio', { choices: UNIT_OPTIONS }),
  field('delivery', 'Send my weeks to', 'radio', { choices: DELIVERY_OPTIONS }),
];

/** The log's fields in the athlete's units (the log is stored in miles). */
export function logFields(units: Units): FormField[] {
  const km = units === 'km';
  return [
    field('completedDays', 'Run days completed', 'number', { required: true, placeholder: '4' }),
    field('miles', km ? 'Kilometres run' : 'Miles run', 'number', { required: true, placeholder: km ? '36' : '22.5' }),
    field('averagePace', 'Average pace', 'text', { placeholder: km ? '5:40' : '9:05', hint: `M:SS per ${km ? 'km' : 'mile'}` }),
    field('notes', 'Notes', 'textarea', { maxLength: 500, placeholder: 'Legs heavy on Thursday' }),
  ];
}

export const SETTINGS_FIELDS: readonly FormField[] = [
  field('units', 'Units', 'radio', { choices: UNIT_OPTIONS }),
  field('delivery', 'Send my weeks to', 'radio', { choices: DELIVERY_OPTIONS }),
  field('timezone', 'Time zone', 'timezone', { placeholder: 'Europe/Berlin', hint: 'an IANA zone' }),
  field('postingDay', 'Post each week on', 'select', { choices: DAY_OPTIONS, hint: 'the day before the week; default Sunday' }),
  field('postingHour', 'At hour', 'number', { placeholder: '18', hint: '0–23' }),
  field('reminder', 'Daily reminder of the day’s run', 'radio', { choices: REMINDER_OPTIONS }),
  field('reminderHour', 'Reminder hour', 'number', { placeholder: '7', hint: '0–23' }),
];

export function draftForm(values: Record<string, string> = {}, errors: Record<string, string> = {}, planId: string | null = null): FormView {
  return { kind: 'form', formId: DRAFT_FORM_ID, title: 'New training plan', submitLabel: 'Preview plan', planId, fields: DRAFT_FIELDS, values, errors };
}

export function logForm(
  planId: string,
  weekNumber: number,
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
  units: Units = 'mi',
): FormView {
  return {
    kind: 'form',
    formId: LOG_FORM_ID,
    title: `Log week ${weekNumber}`,
    submitLabel: 'Save log',
    planId,
    fields: [field('week', 'Week', 'number', { required: true }), ...logFields(units)],
    values: { week: String(weekNumber), ...values },
    errors,
  };
}

export function settingsForm(planId: string, values: Record<string, string>, errors: Record<string, string> = {}): FormView {
  return { kind: 'form', formId: SETTINGS_FORM_ID, title: 'Plan settings', submitLabel: 'Save settings', planId, fields: SETTINGS_FIELDS, values, errors };
}

const DRAFT_INPUT_FIELDS: readonly PlanInputField[] = [
  'raceName',
  'distance',
  'raceDate',
  'startDate',
  'goal',
  'fiveK',
  'mileage',
  'days',
  'units',
  'recentLong',
  'longDay',
];

/** The draft fields as `RawPlanInputs` (multi-selects arrive comma-separated). */
export function rawDraft(values: Readonly<Record<string, string>>): RawPlanInputs {
  const raw: Record<string, string> = {};
  for (const id of DRAFT_INPUT_FIELDS) {
    const value = values[id];
    if (value !== undefined && value.trim() !== '') raw[id] = value.trim();
  }
  return raw;
}

/**
 * Field errors of a draft, keyed by form field id; empty when it would make a plan. `today` is the
 * athlete's date in their zone: the forms are chat surfaces, so a start before it is refused.
 */
export function validateDraft(values: Readonly<Record<string, string>>, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const delivery = values.delivery;
  if (delivery !== undefined && delivery !== '' && delivery !== 'dm' && delivery !== 'channel') {
    errors.delivery = 'choose a direct message or this channel';
  }
  try {
    parsePlanInputs(rawDraft(values), today, { refusePastStart: true });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    Object.assign(errors, error.fields);
  }
  return errors;
}

export type SettingsValues = {
  readonly units?: 'mi' | 'km';
  readonly target?: 'dm' | 'channel';
  readonly timezone?: string;
  readonly postingDay?: number;
  readonly postingHour?: number;
  readonly dailyReminder?: boolean;
  readonly reminderHour?: number;
};

/** Settings from the form, or field errors. */
export function parseSettings(values: Readonly<Record<string, string>>): { settings: SettingsValues; errors: Record<string, string> } {
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
    if (/^[1-7]$/.test(day)) settings.postingDay = Number(day);
    else errors.postingDay = 'choose a day, 1 = Monday … 7 = Sunday';
  }
  const hour = get('postingHour');
  if (hour !== undefined) {
    if (/^\d{1,2}$/.test(hour) && Number(hour) <= 23) settings.postingHour = Number(hour);
    else errors.postingHour = 'use an hour from 0 to 23';
  }
  const reminder = get('reminder');
  if (reminder !== undefined) {
    if (reminder === 'on' || reminder === 'off') settings.dailyReminder = reminder === 'on';
    else errors.reminder = 'choose on or off';
  }
  const reminderHour = get('reminderHour');
  if (reminderHour !== undefined) {
    if (/^\d{1,2}$/.test(reminderHour) && Number(reminderHour) <= 23) settings.reminderHour = Number(reminderHour);
    else errors.reminderHour = 'use an hour from 0 to 23';
  }
  return { settings, errors };
}

/** The log form's values as a week log in miles and seconds per mile, or field errors. */
export function parseLog(
  values: Readonly<Record<string, string>>,
  units: Units = 'mi',
): { weekNumber?: number; log?: Record<string, unknown>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const week = values.week?.trim() ?? '';
  const days = values.completedDays?.trim() ?? '';
  const miles = values.miles?.trim() ?? '';
  const pace = values.averagePace?.trim() ?? '';
  const notes = values.notes?.trim() ?? '';
  if (!/^\d{1,2}$/.test(week) || Number(week) < 1) errors.week = 'use a week number, 1 or more';
  if (!/^\d$/.test(days) || Number(days) > 7) errors.completedDays = 'use a whole number of days, 0–7';
  const km = units === 'km';
  if (!/^\d+(\.\d+)?$/.test(miles) || Number(miles) > (km ? 480 : 300)) errors.miles = km ? 'use a number of kilometres, 0–480' : 'use a number of miles, 0–300';
  if (pace !== '' && !/^\d{1,2}:[0-5]\d$/.test(pace)) errors.averagePace = `use M:SS per ${km ? 'km, for example 5:40' : 'mile, for example 9:05'}`;
  if (notes.length > 500) errors.notes = 'keep notes under 500 characters';
  if (Object.keys(errors).length > 0) return { errors };
  const paceSeconds = parseClock(pace);
  return {
    weekNumber: Number(week),
    log: {
      completedDays: Number(days),
      totalMiles: km ? Number((Number(miles) * MILES_PER_KM).toFixed(2)) : Number(miles),
      averagePace: paceSeconds === undefined ? null : km ? formatPace(paceSeconds / MILES_PER_KM) : pace,
      ...(notes === '' ? {} : { notes }),
    },
    errors,
  };
}

