/**
 * One step of a core form as a Discord modal: each field a Label (type 18) around a text input or a
 * string select, pre-filled with the form's values. A field whose typed value the core rejected
 * shows the error as its label description (a hint otherwise); an empty required field shows its
 * hint, since Discord itself will not let it through empty. Discord's modal has a fixed Submit
 * button, so the form's submit label has no place here.
 */
import {
  LabelBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
  TextDisplayBuilder,
  TextInputBuilder,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';

import type { FormField, FormView } from '../../conversation/views.js';
import { encodeModalId } from './custom-ids.js';
import { formLevelErrors, formSteps, isFilled } from './form-steps.js';
import { LIMITS, clip } from './limits.js';

function description(field: FormField, form: FormView): string | null {
  const error = form.errors[field.id];
  if (error !== undefined && isFilled(form, field.id)) return `⚠️ ${error}`;
  return field.hint;
}

function selectFor(field: FormField, form: FormView): StringSelectMenuBuilder {
  const chosen = new Set((form.values[field.id] ?? '').split(',').map((v) => v.trim()));
  const options = field.options.slice(0, LIMITS.selectOptions);
  const multi = field.kind === 'multiselect';
  return new StringSelectMenuBuilder()
    .setCustomId(field.id)
    .setRequired(field.required)
    .setMinValues(field.required ? 1 : 0)
    .setMaxValues(multi ? options.length : 1)
    .setPlaceholder(clip(field.placeholder ?? (multi ? 'Choose any' : 'Choose one'), 150))
    .addOptions(
      options.map((o) =>
        new StringSelectMenuOptionBuilder()
          .setLabel(clip(o.label, LIMITS.selectOptionText))
          .setValue(clip(o.value, LIMITS.selectOptionText))
          .setDefault(chosen.has(o.value)),
      ),
    );
}

function textInputFor(field: FormField, form: FormView): TextInputBuilder {
  const max = Math.min(field.maxLength ?? LIMITS.textInputValue, LIMITS.textInputValue);
  const input = new TextInputBuilder()
    .setCustomId(field.id)
    .setStyle(field.kind === 'textarea' ? TextInputStyle.Paragraph : TextInputStyle.Short)
    .setRequired(field.required)
    .setMaxLength(max);
  if (field.placeholder !== null) input.setPlaceholder(clip(field.placeholder, LIMITS.placeholder));
  const value = form.values[field.id] ?? '';
  if (value.trim() !== '') input.setValue(value.slice(0, max));
  return input;
}

function labelFor(field: FormField, form: FormView): LabelBuilder {
  const label = new LabelBuilder().setLabel(clip(field.label, LIMITS.labelText));
  const note = description(field, form);
  if (note !== null && note.trim() !== '') label.setDescription(clip(note, LIMITS.labelDescription));
  return field.options.length > 0 && field.kind !== 'text' && field.kind !== 'number'
    ? label.setStringSelectMenuComponent(selectFor(field, form))
    : label.setTextInputComponent(textInputFor(field, form));
}

function stepTitle(form: FormView, step: number, count: number): string {
  return clip(count > 1 ? `${form.title} (${step}/${count})` : form.title, LIMITS.modalTitle);
}

/** Step `step` (1-based) of `form` as a modal. */
export function renderModal(form: FormView, step: number): APIModalInteractionResponseCallbackData {
  const steps = formSteps(form);
  const index = Math.min(Math.max(step, 1), steps.length) - 1;
  const fields = steps[index] ?? [];
  const modal = new ModalBuilder()
    .setCustomId(encodeModalId(form.formId, form.planId, index + 1))
    .setTitle(stepTitle(form, index + 1, steps.length));
  const level = index === 0 ? formLevelErrors(form) : [];
  // A problem not tied to a field goes above the fields when the step has room for it.
  if (level.length > 0 && fields.length < LIMITS.modalComponents) {
    modal.addTextDisplayComponents(new TextDisplayBuilder().setContent(clip(level.map((e) => `⚠️ ${e}`).join('\n'), 4000)));
  }
  modal.addLabelComponents(...fields.map((f) => labelFor(f, form)));
  return modal.toJSON();
}

/** Every step of a form as modals (what a user may see of it, in order). */
export function renderModals(form: FormView): APIModalInteractionResponseCallbackData[] {
  return formSteps(form).map((_, i) => renderModal(form, i + 1));
}
