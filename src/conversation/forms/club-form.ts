/**
 * The new-club form (`/plan club new`): the club's name, its race (a name, or blank for a season
 * that ends on the date given), the date, the distance and the group days — five fields, one
 * Discord modal. The weekly post defaults to Sunday at 18:00 in the creator's zone; typed
 * `/plan club new` takes `posting-day`, `posting-hour`, `timezone` and `admins` too.
 */
import { CLUB_FORM_ID } from '../action-ids.js';
import { createFromValues } from '../club-actions.js';
import { parseGroupDays } from '../club-input.js';
import type { FormField, FormView } from '../views.js';
import { DISTANCE_OPTIONS, field } from './form-fields.js';
import type { FormSpec } from './form-spec.js';

const CLUB_FIELDS: readonly FormField[] = [
  field('name', 'Club name', 'text', { required: true, placeholder: 'Riverside Runners', maxLength: 100 }),
  field('race', 'Race', 'text', { placeholder: 'Riverside Half', hint: 'blank for a season with no race', maxLength: 100 }),
  field('date', 'Race day, or the season’s end', 'date', { required: true, placeholder: 'YYYY-MM-DD' }),
  field('distance', 'Distance', 'select', { required: true, choices: DISTANCE_OPTIONS }),
  field('days', 'Group days', 'text', {
    required: true,
    placeholder: 'long sun quality tue easy thu',
    hint: 'the long-run day, up to two quality days, easy days',
    maxLength: 80,
  }),
];

export function clubForm(values: Record<string, string> = {}, errors: Record<string, string> = {}): FormView {
  return {
    kind: 'form',
    formId: CLUB_FORM_ID,
    title: 'New club',
    submitLabel: 'Make the club',
    planId: null,
    fields: CLUB_FIELDS,
    values,
    errors,
  };
}

/** What can be told without the database; the use case checks the rest (a past date, the channel's club). */
function checkClub(values: Readonly<Record<string, string>>, today: string | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  const get = (id: string): string => values[id]?.trim() ?? '';
  if (get('name') === '') errors.name = 'name the club';
  const date = get('date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.date = 'write the date as YYYY-MM-DD';
  else if (today !== undefined && date <= today) errors.date = `pick a day after today (${today})`;
  if (!DISTANCE_OPTIONS.some((o) => o.value === get('distance').toLowerCase())) errors.distance = 'choose 5k, 10k, half or marathon';
  const days = parseGroupDays(get('days'));
  if (typeof days === 'string') errors.days = days;
  return errors;
}

export const clubFormSpec = {
  id: CLUB_FORM_ID,
  code: 'c',
  fields: () => CLUB_FIELDS,
  savesDraft: false,
  // The new club's card, with its Join button, is for the whole channel.
  sharedAnswer: true,
  check: (values, { today }) => checkClub(values, today),
  reopen: (_planId, _units, values) => clubForm({ ...values }, checkClub(values, undefined)),
  submit: (ctx, intent) => createFromValues(ctx, intent.actor, intent.values),
} satisfies FormSpec;
