/**
 * What to show when the core answers with a form but Discord cannot open a modal: a modal can only
 * be the whole first answer to a command or a click — never the answer to a modal submission, never
 * after a deferral, never alongside a message. So the form comes back as a short message whose
 * button opens it without asking the core again:
 *
 * - a draft: "Step 1 of 2 saved — Continue" or "Please check … — Fix step N"; the draft is saved by
 *   the core, so the button (PLAN_EDIT_DRAFT_ACTION + plan + step) re-opens it pre-filled; a draft
 *   not saved yet opens with PLAN_NEW_ACTION;
 * - a log or settings form: those are not saved anywhere, so the values (typed, or the current
 *   settings) travel in the button's custom id and the modal is rebuilt from the core's own form
 *   builders and validators — instantly, with the errors under the fields;
 * - otherwise (values too long for a custom id): a button that runs the command again.
 */
import { PLAN_EDIT_DRAFT_ACTION, PLAN_NEW_ACTION } from '../../conversation/action-ids.js';
import { formSpec, type FormSpec } from '../../conversation/forms/index.js';
import type { FormField, FormView } from '../../conversation/views.js';
import { encodeButtonId, encodeReopenId, type ReopenId } from './custom-ids.js';
import { formSteps, progressOf, stepToOpen } from './form-steps.js';
import { noticePayload, type DiscordPayload } from './render-message.js';

function problemList(problems: readonly string[]): string {
  return problems.map((p) => `• ${p}`).join('\n');
}

/** The fields whose values a re-open id carries, in order; none for a form not rebuilt from values. */
function carriedFields(spec: FormSpec | undefined, units: 'mi' | 'km'): readonly FormField[] {
  return spec?.reopen === undefined ? [] : spec.fields(units);
}

/**
 * The custom id of a button that opens `form` (at `step`, else where it needs the user) without a
 * round trip to the core; `again` when the form cannot travel in an id.
 */
function openFormId(form: FormView, options: { step: number | null; again: string }): string {
  const step = stepToOpen(form, options.step);
  const spec = formSpec(form.formId);
  if (spec?.savesDraft === true) {
    return form.planId === null
      ? encodeButtonId(PLAN_NEW_ACTION, 'new', null)
      : encodeButtonId(PLAN_EDIT_DRAFT_ACTION, form.planId, String(step));
  }
  if (form.planId === null) return options.again;
  const units = spec?.unitsOf?.(form) ?? 'mi';
  const fields = carriedFields(spec, units);
  if (fields.length === 0) return options.again;
  const values = fields.map((f) => form.values[f.id] ?? '');
  // Free text last (a log's notes) may be shortened to fit; the message beside the button shows it whole.
  const shortenLast = fields.at(-1)?.kind === 'textarea';
  return encodeReopenId(form.formId, form.planId, units, step, values, { shortenLast }) ?? options.again;
}

function draftReply(form: FormView & { planId: string }): DiscordPayload {
  const count = formSteps(form).length;
  const progress = progressOf(form);
  const button = (label: string) => ({
    customId: encodeButtonId(PLAN_EDIT_DRAFT_ACTION, form.planId, String(progress.step)),
    label,
    style: 'primary' as const,
  });
  switch (progress.kind) {
    case 'fix':
      return noticePayload(
        `Please check step ${progress.step} of ${count} — what you typed is kept:\n${problemList(progress.problems)}`,
        [button(`Fix step ${progress.step}`)],
        true,
      );
    case 'continue': {
      // "to see your plan" only when the last step is next: an earlier one leads to another step.
      const then = progress.step === count ? ' to see your plan' : '';
      return noticePayload(
        `Step ${progress.step - 1 || 1} of ${count} saved. Continue with step ${progress.step}${then}.`,
        [button('Continue')],
        true,
      );
    }
    case 'open':
      return noticePayload('Your draft is saved.', [button('Open the form')], true);
  }
}

/**
 * The message standing in for `form`. `again` is the custom id that asks for the form anew, for
 * when the form cannot travel in a custom id.
 */
export function formReply(form: FormView, options: { again: string; step?: number | null }): DiscordPayload {
  if (formSpec(form.formId)?.savesDraft === true && form.planId !== null) return draftReply({ ...form, planId: form.planId });
  const open = openFormId(form, { step: options.step ?? null, again: options.again });
  const errors = form.fields.filter((f) => form.errors[f.id] !== undefined).map((f) => `${f.label}: ${form.errors[f.id]}`);
  if (errors.length > 0) {
    const notes = form.values.notes ?? '';
    const quoted = notes.length > 40 ? `\nYour notes, in case the form cannot hold them all: ${notes}` : '';
    return noticePayload(
      `Please check — what you typed is kept:\n${problemList(errors)}${quoted}`,
      [{ customId: open, label: 'Fix and send again', style: 'primary' }],
      true,
    );
  }
  return noticePayload(
    `${form.title}: press the button to open the form.`,
    [{ customId: open, label: 'Open the form', style: 'primary' }],
    true,
  );
}

/**
 * A complete draft asked for without a step (Edit on a preview): a modal holds one step only, and
 * sending a complete draft's step previews at once, so the person first chooses which step to
 * change; each button opens that step pre-filled. Undefined for anything else.
 */
export function draftStepChoice(form: FormView, requestedStep: number | null): DiscordPayload | undefined {
  if (requestedStep !== null || form.planId === null || formSpec(form.formId)?.savesDraft !== true) return undefined;
  const steps = formSteps(form);
  if (steps.length < 2 || progressOf(form).kind !== 'open') return undefined;
  const lines = steps.map((step, i) => `Step ${i + 1}: ${step.map((f) => f.label).join(', ')}`);
  return noticePayload(
    `Which part do you want to change? Your answers are kept, and sending a step shows the new preview.\n${lines.join('\n')}`,
    steps.map((_, i) => ({
      customId: encodeButtonId(PLAN_EDIT_DRAFT_ACTION, form.planId ?? '', String(i + 1)),
      label: `Step ${i + 1}`,
      style: 'primary',
    })),
    true,
  );
}

/** The form a re-open button stands for, rebuilt with its values and the core's validation. */
export function reopenedForm(id: ReopenId): FormView | undefined {
  const spec = formSpec(id.formId);
  const fields = carriedFields(spec, id.units);
  if (spec?.reopen === undefined || fields.length === 0) return undefined;
  const values: Record<string, string> = {};
  fields.forEach((field, i) => {
    const value = id.values[i];
    if (value !== undefined && value !== '') values[field.id] = value;
  });
  return spec.reopen(id.planId, id.units, values);
}
