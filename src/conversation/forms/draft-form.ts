/**
 * The draft form: a new plan's race and running now. It is kept as a saved draft from the first
 * submission, so a long form can be filled page by page and a mistake fixed without retyping.
 */
import { DRAFT_FORM_ID } from '../action-ids.js';
import { continueDraft, previewFromFields } from '../draft-flow.js';
import { DRAFT_FIELDS, validateDraft } from './draft-fields.js';
import type { FormSpec } from './form-spec.js';

export const draftFormSpec = {
  id: DRAFT_FORM_ID,
  code: 'd',
  fields: () => DRAFT_FIELDS,
  // The race; the units, the 5K and where weeks go; the training week. The units come before the
  // numbers read in them, and each page holds a required field.
  pages: [
    ['raceName', 'distance', 'raceDate', 'goal', 'startDate'],
    ['units', 'fiveK', 'delivery'],
    ['mileage', 'recentLong', 'days', 'longDay'],
  ],
  savesDraft: true,
  sharedAnswer: true,
  check: (values, { today }) => validateDraft(values, today),
  submit: (ctx, intent) =>
    intent.planId === null
      ? previewFromFields(ctx, intent.actor, { ...intent.values }, intent.requestId)
      : continueDraft(ctx, intent.actor, intent.planId, intent.values),
} satisfies FormSpec;
