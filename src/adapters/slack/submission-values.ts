/**
 * A modal submission's `state.values` back into the form's values, and the inline check that runs
 * before the modal closes: each form spec's own pure check, so a bad field comes back next to the
 * field (`response_action: errors`) without a round trip to the database.
 */
import { formSpec } from '../../conversation/forms/index.js';
import type { ViewStateValues } from './slack-payloads.js';

/** Each block id (a field id) → its value as the core reads it; multi-choices comma-separated. */
export function formValues(state: ViewStateValues): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state)) {
    for (const element of Object.values(actions)) {
      const value =
        element.selected_options != null
          ? element.selected_options.map((o) => o.value).join(',')
          : (element.selected_option?.value ?? element.selected_date ?? element.value ?? undefined);
      if (value !== undefined && value !== null && value !== '') values[blockId] = value;
    }
  }
  return values;
}

export type SubmissionCheck = {
  readonly formId: string;
  readonly values: Readonly<Record<string, string>>;
  /** Today in the athlete's time zone (the draft's start date and race date are checked against it). */
  readonly today: string;
  /** The log's units, from the modal's metadata. */
  readonly units: 'mi' | 'km';
};

/** Field id → message; empty when the core would accept the form (its spec's check). Forms we do not know pass. */
export function submissionErrors(check: SubmissionCheck): Record<string, string> {
  return formSpec(check.formId)?.check(check.values, { today: check.today, units: check.units }) ?? {};
}

/**
 * Errors keyed by the modal's block ids. Slack rejects an errors response naming a block the view
 * does not have, so an error about no shown field joins the first field's message.
 */
export function errorsByBlock(errors: Readonly<Record<string, string>>, blockIds: readonly string[]): Record<string, string> {
  const byBlock: Record<string, string> = {};
  const stray: string[] = [];
  for (const [field, message] of Object.entries(errors)) {
    if (blockIds.includes(field)) byBlock[field] = message;
    else stray.push(`${field}: ${message}`);
  }
  const first = blockIds[0];
  if (stray.length > 0 && first !== undefined) byBlock[first] = [byBlock[first], ...stray].filter((m) => m !== undefined).join('; ');
  return byBlock;
}
