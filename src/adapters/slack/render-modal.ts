/**
 * FormView → a Slack modal with native inputs. `callback_id` is the core's form id, each input
 * block's `block_id` and `action_id` are the field id (so `state.values` reads straight back into
 * the form's values and `response_action: errors` lands next to the right field), and
 * `private_metadata` carries what a submission cannot otherwise know: the plan, the conversation
 * the form was opened from (the core's "This channel") and its name, and the units the form's
 * numbers are in. Inputs dispatch an action when a value is entered (Enter in a text input, a
 * choice in a select, a radio or a date picker) so each field is checked at once (`on-field-action.ts`);
 * checkboxes do not, since ticking several days quickly would race the updates.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';

import { formSpec } from '../../conversation/forms/index.js';
import type { FormField, FormOption, FormView } from '../../conversation/views.js';
import { LIMITS, escapeMrkdwn, truncate } from './block-kit-limits.js';

/** Where the form was opened, so "This channel" can mean that channel. */
export type ModalOrigin = {
  /** A channel (C…/G…) the form was opened from; null in a DM or the App Home. */
  readonly channelId: string | null;
  /** Its name as Slack sent it, to tell the athlete which channel "This channel" is. */
  readonly channelName?: string | null;
};

const metadataSchema = z.object({
  planId: z.string().nullable(),
  channelId: z.string().nullable().default(null),
  units: z.enum(['mi', 'km']).nullable().default(null),
  /** The channel's name, for the "This channel is #…" hint when the modal is re-rendered. */
  channelName: z.string().nullable().optional(),
});

export type ModalMetadata = z.infer<typeof metadataSchema>;

export function decodeModalMetadata(raw: string | null | undefined): ModalMetadata | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not ours (another app's modal, or tampered): the caller logs and ignores the submission.
    return undefined;
  }
}

function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

function option(o: FormOption): types.PlainTextOption {
  return { text: plain(o.label, LIMITS.optionText), value: truncate(o.value, LIMITS.optionValue) };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Room for a number with its unit or a time of day ("32.5 km", "6:30pm"), not for prose. */
const NUMBER_TEXT_MAX = 20;

/** The "This channel" choice only makes sense when the form was opened in a channel. */
function fieldOptions(field: FormField, origin: ModalOrigin): FormOption[] {
  if (field.id === 'delivery' && origin.channelId === null) return field.options.filter((o) => o.value !== 'channel');
  return [...field.options];
}

function placeholder(field: FormField): { placeholder?: types.PlainTextElement } {
  return field.placeholder === null ? {} : { placeholder: plain(field.placeholder, LIMITS.placeholder) };
}

function inputElement(field: FormField, value: string | undefined, origin: ModalOrigin): types.InputBlockElement {
  const action_id = field.id;
  const given = value !== undefined && value !== '' ? value : undefined;
  const choices = fieldOptions(field, origin);
  const options = choices.map(option);
  const selected = (v: string | undefined) => options[choices.findIndex((c) => c.value === v)];
  switch (field.kind) {
    case 'text':
    case 'timezone':
    case 'textarea':
      return {
        type: 'plain_text_input',
        action_id,
        ...(field.kind === 'textarea' ? { multiline: true } : {}),
        ...placeholder(field),
        ...(field.maxLength === null ? {} : { max_length: Math.min(field.maxLength, LIMITS.plainTextInputMax) }),
        ...(given === undefined ? {} : { initial_value: given }),
      };
    case 'number':
      // A text input, not number_input: people type "32 km" or "6pm", which the core's forgiving
      // parsers read and a number input would refuse before the app ever saw it.
      return {
        type: 'plain_text_input',
        action_id,
        ...placeholder(field),
        max_length: NUMBER_TEXT_MAX,
        ...(given === undefined ? {} : { initial_value: given }),
      };
    case 'date':
      return {
        type: 'datepicker',
        action_id,
        ...placeholder(field),
        ...(given !== undefined && ISO_DATE.test(given) ? { initial_date: given } : {}),
      };
    case 'select': {
      const initial = selected(given);
      return {
        type: 'static_select',
        action_id,
        options: options.slice(0, LIMITS.selectOptions),
        placeholder: plain(field.placeholder ?? `Choose ${field.label.toLowerCase()}`, LIMITS.placeholder),
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case 'radio': {
      const initial = selected(given);
      if (options.length > LIMITS.radioOptions) {
        return {
          type: 'static_select',
          action_id,
          options: options.slice(0, LIMITS.selectOptions),
          ...(initial ? { initial_option: initial } : {}),
        };
      }
      return { type: 'radio_buttons', action_id, options, ...(initial ? { initial_option: initial } : {}) };
    }
    case 'multiselect': {
      const chosen = new Set((given ?? '').split(',').map((v) => v.trim()));
      const initial = options.filter((_, i) => chosen.has(choices[i]?.value ?? ''));
      if (options.length > LIMITS.checkboxOptions) {
        return {
          type: 'multi_static_select',
          action_id,
          options: options.slice(0, LIMITS.selectOptions),
          ...(initial.length > 0 ? { initial_options: initial } : {}),
        };
      }
      return { type: 'checkboxes', action_id, options, ...(initial.length > 0 ? { initial_options: initial } : {}) };
    }
  }
}

function hintFor(field: FormField, origin: ModalOrigin): string | null {
  if (field.id === 'delivery' && origin.channelId !== null && origin.channelName) {
    const where = `"This channel" is #${origin.channelName}`;
    return field.hint === null ? where : `${field.hint} · ${where}`;
  }
  return field.hint;
}

function errorLine(error: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`:warning: ${escapeMrkdwn(error)}`, LIMITS.contextText) }] };
}

/** Whether entering a value in the field sends an action, for the check of that field. */
function dispatches(field: FormField): boolean {
  return field.kind !== 'multiselect' && field.kind !== 'textarea';
}

function inputBlock(field: FormField, form: FormView, origin: ModalOrigin): types.KnownBlock[] {
  const hint = hintFor(field, origin);
  const element = inputElement(field, form.values[field.id], origin);
  const dispatch = dispatches(field) && element.type !== 'checkboxes' && element.type !== 'multi_static_select';
  const blocks: types.KnownBlock[] = [
    {
      type: 'input',
      block_id: field.id,
      label: plain(field.label, LIMITS.inputLabel),
      optional: !field.required,
      element:
        dispatch && element.type === 'plain_text_input'
          ? { ...element, dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] } }
          : element,
      ...(dispatch ? { dispatch_action: true } : {}),
      ...(hint === null ? {} : { hint: plain(hint, LIMITS.inputHint) }),
    },
  ];
  // Errors the core already found (a reopened draft): shown under the field until fixed.
  const error = form.errors[field.id];
  if (error !== undefined) blocks.push(errorLine(error));
  return blocks;
}

function modalMetadata(form: FormView, origin: ModalOrigin): ModalMetadata {
  // Only forms whose fields depend on the units (the log) carry them; the submission check needs them.
  return {
    planId: form.planId,
    channelId: origin.channelId,
    units: formSpec(form.formId)?.unitsOf?.(form) ?? null,
    ...(origin.channelId !== null && origin.channelName ? { channelName: origin.channelName } : {}),
  };
}

export function renderModal(form: FormView, origin: ModalOrigin = { channelId: null }): types.ModalView {
  const blocks = form.fields.flatMap((field) => inputBlock(field, form, origin));
  // Errors about no particular field (none today) would otherwise be lost.
  const fieldIds = new Set(form.fields.map((f) => f.id));
  for (const [id, error] of Object.entries(form.errors)) {
    if (!fieldIds.has(id)) blocks.unshift(errorLine(error));
  }
  return {
    type: 'modal',
    callback_id: form.formId,
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    private_metadata: JSON.stringify(modalMetadata(form, origin)),
    blocks: blocks.slice(0, LIMITS.modalBlocks),
  };
}
