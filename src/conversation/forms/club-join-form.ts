/**
 * The join form (`/plan club join`, the club card's Join button): the athlete's own running — a
 * recent 5K, weekly volume, recent long run, a goal (optional) and days they add to the group's.
 * The race, its date and the group days are the club's. The form's plan id is the club's id.
 */
import { parseFiveK } from '../../domain/plan-inputs.js';
import { CLUB_JOIN_FORM_ID } from '../action-ids.js';
import { joinFromValues } from '../club-actions.js';
import type { FormField, FormView } from '../views.js';
import { field } from './form-fields.js';
import type { FormSpec } from './form-spec.js';

const JOIN_FIELDS: readonly FormField[] = [
  field('fiveK', 'A recent 5K', 'text', { required: true, placeholder: '24:30', hint: 'MM:SS', maxLength: 8 }),
  field('mileage', 'Miles a week now', 'number', { required: true, placeholder: '20', hint: '5–150' }),
  field('recentLong', 'Longest run of the last 4 weeks, miles', 'number', { placeholder: '8', hint: 'optional' }),
  field('goal', 'Goal time', 'text', {
    placeholder: '1:55:00',
    hint: 'optional: without one you train for your 5K’s predicted time',
    maxLength: 8,
  }),
  field('extraDays', 'Days you add to the group’s', 'text', { placeholder: 'mon,fri', hint: 'optional', maxLength: 40 }),
];

export function clubJoinForm(clubId: string, values: Record<string, string> = {}, errors: Record<string, string> = {}): FormView {
  return {
    kind: 'form',
    formId: CLUB_JOIN_FORM_ID,
    title: 'Join the club',
    submitLabel: 'Join',
    planId: clubId,
    fields: JOIN_FIELDS,
    values,
    errors,
  };
}

function checkJoin(values: Readonly<Record<string, string>>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (parseFiveK(values.fiveK?.trim() ?? '') === undefined) errors.fiveK = 'write a 5K time as MM:SS, from 12:00 to 60:00';
  const mileage = Number(values.mileage?.trim() || 'NaN');
  if (!Number.isFinite(mileage) || mileage < 5 || mileage > 150) errors.mileage = 'a number of miles from 5 to 150';
  return errors;
}

export const clubJoinFormSpec = {
  id: CLUB_JOIN_FORM_ID,
  code: 'j',
  fields: () => JOIN_FIELDS,
  savesDraft: false,
  sharedAnswer: false,
  check: (values) => checkJoin(values),
  reopen: (clubId, _units, values) => clubJoinForm(clubId, { ...values }, checkJoin(values)),
  submit: (ctx, intent) => joinFromValues(ctx, intent.actor, intent.planId, intent.values, intent.requestId),
} satisfies FormSpec;
