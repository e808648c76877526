/**
 * A modal submission's components into the core's form values, checked with zod. Discord sends a
 * Label-wrapped component per field (`{type: 18, component: {type: 4, custom_id, value}}` for a
 * text input, `values: [...]` for a string select); older clients' action rows are accepted too.
 * Only the fields the form defines are kept; multi-select values are comma-joined, as the core
 * expects.
 */
import { z } from 'zod';

import { LIMITS } from './limits.js';

// discord.js's transformed shape (`ModalSubmitInteraction#components`): camelCase customId.
const textInput = z.object({ type: z.literal(4), customId: z.string().max(LIMITS.customId), value: z.string().max(LIMITS.textInputValue) });
const stringSelect = z.object({
  type: z.literal(3),
  customId: z.string().max(LIMITS.customId),
  values: z.array(z.string().max(LIMITS.selectOptionText)).max(LIMITS.selectOptions),
});
const fieldComponent = z.union([textInput, stringSelect]);
const label = z.object({ type: z.literal(18), component: fieldComponent });
const actionRow = z.object({ type: z.literal(1), components: z.array(fieldComponent).max(5) });
const textDisplay = z.object({ type: z.literal(10) });
const componentsSchema = z.array(z.union([label, actionRow, textDisplay])).max(LIMITS.modalComponents + 5);

export type ModalValues = { readonly ok: true; readonly values: Record<string, string> } | { readonly ok: false; readonly error: string };

export function modalValues(components: unknown, fieldIds: readonly string[]): ModalValues {
  const parsed = componentsSchema.safeParse(components);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'unexpected modal components' };
  const known = new Set(fieldIds);
  const values: Record<string, string> = {};
  const fields = parsed.data.flatMap((c) => ('component' in c ? [c.component] : 'components' in c ? c.components : []));
  for (const f of fields) {
    if (!known.has(f.customId)) continue;
    values[f.customId] = 'value' in f ? f.value : f.values.join(',');
  }
  return { ok: true, values };
}
