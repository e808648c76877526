/**
 * The draft form's fields, view and validation: pure, so the core, Slack's inline check and the
 * tests share them. Ids match `RawPlanInputs`; the delivery choice travels with them.
 */
import { InputError } from '../../domain/errors.js';
import { INPUT_RANGES, parsePlanInputs, type PlanInputField, type RawPlanInputs } from '../../domain/plan-inputs.js';
import type { Units } from '../../domain/units.js';
import type { PlanRecord } from '../../plans/plan-record.js';
import { DRAFT_FORM_ID } from '../action-ids.js';
import type { FormField, FormView } from '../views.js';
import { DAY_OPTIONS, DELIVERY_OPTIONS, DISTANCE_OPTIONS, UNIT_OPTIONS, field } from './form-fields.js';

/**
 * The draft form's fields in the order people fill them, labelled in `units`: the units come first,
 * so every later number is asked for, hinted and checked in them.
 */
export function draftFields(units: Units): readonly FormField[] {
  const km = units === 'km';
  const unit = km ? 'km' : 'miles';
  const ranges = INPUT_RANGES[units];
  const range = (r: { readonly min: number; readonly max: number }): string => `${r.min}–${r.max}`;
  return [
    field('units', 'Units', 'radio', { choices: UNIT_OPTIONS, hint: 'for every distance below' }),
    field('raceName', 'Race name', 'text', { placeholder: 'Berlin Marathon', maxLength: 100 }),
    field('distance', 'Distance', 'select', {
      required: true,
      choices: DISTANCE_OPTIONS,
      hint: `or a number of ${km ? 'kilometres' : 'miles'}, ${range(ranges.distance)}`,
    }),
    field('raceDate', 'Race date', 'date', { required: true, placeholder: 'YYYY-MM-DD', hint: 'or 21 Feb 2027' }),
    field('goal', 'Goal time', 'text', { required: true, placeholder: '3:45:00', hint: 'H:MM:SS or MM:SS, or 1h50, 48 min' }),
    field('fiveK', 'Current 5K', 'text', {
      required: true,
      placeholder: '24:30',
      hint: `a recent 5K time (MM:SS), or a pace per ${km ? 'km' : 'mile'} under 12:00`,
    }),
    field('mileage', km ? 'Kilometres per week now' : 'Miles per week now', 'number', {
      required: true,
      placeholder: km ? '40' : '25',
      hint: `${range(ranges.volume)} ${unit}`,
    }),
    field('recentLong', `Longest run in the last 4 weeks (${unit})`, 'number', {
      placeholder: km ? '16' : '10',
      hint: `${range(ranges.recentLong)} ${unit}; default 30% of your week`,
    }),
    field('days', 'Days you can run', 'multiselect', { choices: DAY_OPTIONS, hint: '3–7 days; default Monday–Saturday' }),
    field('longDay', 'Long-run day', 'select', { choices: DAY_OPTIONS, hint: 'one of the days you run; default: the coach chooses' }),
    field('startDate', 'Start date', 'date', { placeholder: 'YYYY-MM-DD', hint: 'default today' }),
    field('delivery', 'Send my weeks to', 'radio', { choices: DELIVERY_OPTIONS }),
  ];
}

/** The units a draft's values are in (miles until the athlete says km). */
export function draftUnits(values: Readonly<Record<string, string>>): Units {
  return values.units?.trim().toLowerCase() === 'km' ? 'km' : 'mi';
}

/** The draft form's fields in miles, the default (see `draftFields`). */
export const DRAFT_FIELDS: readonly FormField[] = draftFields('mi');

export function draftForm(
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
  planId: string | null = null,
): FormView {
  return {
    kind: 'form',
    formId: DRAFT_FORM_ID,
    title: 'New training plan',
    submitLabel: 'Preview plan',
    planId,
    fields: draftFields(draftUnits(values)),
    values,
    errors,
  };
}

/** A new, empty draft form: weeks by direct message, in miles, until the athlete says otherwise. */
export function blankDraftForm(): FormView {
  return draftForm({ delivery: 'dm', units: 'mi' });
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

/** A saved draft's fields as form values (with where its weeks go). */
export function draftValues(plan: PlanRecord): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(plan.draft)) if (typeof value === 'string') values[key] = value;
  values.delivery = plan.delivery.target;
  return values;
}
