/**
 * The result form: a race or time trial's time, distance and date — what `/plan result` takes as
 * arguments, for the surfaces where a form is the natural way in (a tune-up day's Result button,
 * `/plan result` with nothing typed). Pressed from a tune-up's day, it comes pre-filled with that
 * race's distance and date, so only the time is asked. The checks are the use case's own
 * (`readResult`): the form asks for the time, and the core answers as the command does.
 */
import { parseDuration } from '../../domain/time.js';
import { RESULT_FORM_ID } from '../action-ids.js';
import { textView } from '../plan-views.js';
import { resultView } from '../tune-up-views.js';
import type { FormField, FormView } from '../views.js';
import { field } from './form-fields.js';
import type { FormSpec } from './form-spec.js';

const RESULT_FIELDS: readonly FormField[] = [
  field('time', 'Your time', 'text', { required: true, placeholder: '1:33:10', hint: 'H:MM:SS or MM:SS', maxLength: 20 }),
  field('distance', 'Distance', 'text', {
    placeholder: 'half',
    hint: '5k, 10k, half, or 15 km; default your latest tune-up',
    maxLength: 40,
  }),
  field('date', 'Date', 'date', { placeholder: 'YYYY-MM-DD', hint: 'default today' }),
];

export function resultForm(planId: string, values: Record<string, string> = {}, errors: Record<string, string> = {}): FormView {
  return {
    kind: 'form',
    formId: RESULT_FORM_ID,
    title: 'Enter a result',
    submitLabel: 'Check my paces',
    planId,
    fields: RESULT_FIELDS,
    values,
    errors,
  };
}

/** What can be told without the plan: a time that is no time. The rest is the use case's. */
function checkResult(values: Readonly<Record<string, string>>): Record<string, string> {
  const time = values.time?.trim() ?? '';
  return parseDuration(time) === undefined ? { time: 'write your time as H:MM:SS or MM:SS' } : {};
}

export const resultFormSpec = {
  id: RESULT_FORM_ID,
  code: 'r',
  fields: () => RESULT_FIELDS,
  savesDraft: false,
  keepsPrefilled: true,
  sharedAnswer: false,
  check: (values) => checkResult(values),
  reopen: (planId, _units, values) => resultForm(planId, { ...values }, checkResult(values)),
  async submit({ plans }, intent) {
    if (intent.planId === null) return [textView('That form lost its plan; enter the result with /plan result.', { ephemeral: true })];
    const { time, distance, date } = intent.values;
    const outcome = await plans.recordResult(intent.actor.identity, intent.planId, {
      time: time ?? '',
      ...(distance === undefined || distance.trim() === '' ? {} : { distance }),
      ...(date === undefined || date.trim() === '' ? {} : { date }),
    });
    return [resultView(outcome)];
  },
} satisfies FormSpec;
