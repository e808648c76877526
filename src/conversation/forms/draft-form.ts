/**
 * The draft form: a new plan's race and running now. It is kept as a saved draft from the first
 * submission, so a long form can be filled page by page and a mistake fixed without retyping.
 */
import { DRAFT_FORM_ID } from '../action-ids.js';
import { continueDraft, keepDraft, previewFromFields } from '../draft-flow.js';
import { draftFields, draftUnits, validateDraft } from './draft-fields.js';
import type { FormSpec } from './form-spec.js';

export const draftFormSpec = {
  id: DRAFT_FORM_ID,
  code: 'd',
  fields: draftFields,
  // The units and the race; the 5K, the start and where weeks go; the training week. The units
  // come on the first page, before any number read in them (the later pages open from the saved
  // draft, labelled in its units), and each page holds a required field.
  pages: [
    ['units', 'raceName', 'distance', 'raceDate', 'goal'],
    ['fiveK', 'startDate', 'delivery'],
    ['mileage', 'recentLong', 'days', 'longDay'],
  ],
  unitsOf: (form) => draftUnits(form.values),
  savesDraft: true,
  sharedAnswer: true,
  check: (values, { today }) => validateDraft(values, today),
  submit: (ctx, intent) =>
    intent.planId === null
      ? previewFromFields(ctx, intent.actor, { ...intent.values }, intent.requestId)
      : continueDraft(ctx, intent.actor, intent.planId, intent.values),
  keep: (ctx, intent) => keepDraft(ctx, intent.actor, intent.planId, intent.values),
} satisfies FormSpec;
