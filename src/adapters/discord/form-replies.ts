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
import { DRAFT_FORM_ID, LOG_FORM_ID, PLAN_EDIT_DRAFT_ACTION, PLAN_NEW_ACTION, SETTINGS_FORM_ID } from '../../conversation/action-ids.js';
import { logFields, logForm, parseLog, parseSettings, settingsForm, SETTINGS_FIELDS } from '../../conversation/forms.js';
import type { FormView } from '../../conversation/views.js';
import { encodeButtonId, encodeReopenId, type ReopenId } from './custom-ids.js';
import { formSteps, progressOf, stepToOpen } from './form-steps.js';
import { noticePayload, type DiscordPayload } from './render-message.js';

function problemList(problems: readonly string[]): string {
  return problems.map((p) => `• ${p}`).join('\n');
}

/** A log form's units, read from its distance field (the core labels it in the athlete's units). */
function logUnits(form: FormView): 'mi' | 'km' {
  const kmLabel = logFields('km').find((f) => f.id === 'miles')?.label;
  return form.fields.find((f) => f.id === 'miles')?.label === kmLabel ? 'km' : 'mi';
}

function fieldOrder(formId: string, units: 'mi' | 'km'): string[] {
  if (formId === LOG_FORM_ID) return logForm('p', 1, {}, {}, units).fields.map((f) => f.id);
  if (formId === SETTINGS_FORM_ID) return SETTINGS_FIELDS.map((f) => f.id);
  return [];
}

/**
 * The custom id of a button that opens `form` (at `step`, else where it needs the user) without a
 * round trip to the core; `again` when the form cannot travel in an id.
 */
export function openFormId(form: FormView, options: { scope: string | null; step: number | null; again: string }): string {
  const { scope } = options;
  const step = stepToOpen(form, options.step);
  if (form.formId === DRAFT_FORM_ID) {
    return form.planId === null ? encodeButtonId(PLAN_NEW_ACTION, 'new', null, scope) : encodeButtonId(PLAN_EDIT_DRAFT_ACTION, form.planId, String(step), scope);
  }
  if (form.planId === null) return options.again;
  const units = form.formId === LOG_FORM_ID ? logUnits(form) : 'mi';
  const order = fieldOrder(form.formId, units);
  if (order.length === 0) return options.again;
  const values = order.map((id) => form.values[id] ?? '');
  return encodeReopenId(form.formId, form.planId, units, step, values, scope, { shortenLast: form.formId === LOG_FORM_ID }) ?? options.again;
}

function draftReply(form: FormView & { planId: string }, scope: string | null): DiscordPayload {
  const count = formSteps(form).length;
  const progress = progressOf(form);
  const button = (label: string) => ({ customId: encodeButtonId(PLAN_EDIT_DRAFT_ACTION, form.planId, String(progress.step), scope), label, style: 'primary' as const });
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
      return noticePayload(`Step ${progress.step - 1 || 1} of ${count} saved. Continue with step ${progress.step}${then}.`, [button('Continue')], true);
    }
    case 'open':
      return noticePayload('Your draft is saved.', [button('Open the form')], true);
  }
}

/**
 * The message standing in for `form`. `again` is the custom id that asks for the form anew, for
 * when the form cannot travel in a custom id.
 */
export function formReply(form: FormView, options: { scope: string | null; again: string; step?: number | null }): DiscordPayload {
  const { scope } = options;
  if (form.formId === DRAFT_FORM_ID && form.planId !== null) return draftReply({ ...form, planId: form.planId }, scope);
  const open = openFormId(form, { scope, step: options.step ?? null, again: options.again });
  const errors = form.fields.filter((f) => form.errors[f.id] !== undefined).map((f) => `${f.label}: ${form.errors[f.id]}`);
  if (errors.length > 0) {
    const notes = form.values.notes ?? '';
    const quoted = notes.length > 40 ? `\nYour notes, in case the form cannot hold them all: ${notes}` : '';
    return noticePayload(`Please check — what you typed is kept:\n${problemList(errors)}${quoted}`, [{ customId: open, label: 'Fix and send again', style: 'primary' }], true);
  }
  return noticePayload(`${form.title}: press the button to open the form.`, [{ customId: open, label: 'Open the form', style: 'primary' }], true);
}

/** The form a re-open button stands for, rebuilt with its values and the core's validation. */
export function reopenedForm(id: ReopenId): FormView | undefined {
  const order = fieldOrder(id.formId, id.units);
  if (order.length === 0) return undefined;
  const values: Record<string, string> = {};
  order.forEach((fieldId, i) => {
    const value = id.values[i];
    if (value !== undefined && value !== '') values[fieldId] = value;
  });
  if (id.formId === LOG_FORM_ID) {
    const week = Number(values.week);
    return logForm(id.planId, Number.isInteger(week) && week >= 1 ? week : 1, values, parseLog(values, id.units).errors, id.units);
  }
  return settingsForm(id.planId, values, parseSettings(values).errors);
}
