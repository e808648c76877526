/**
 * "Are these values of form X right, for this person, now?" in one place, for surfaces that check
 * a form before it is sent (the console after each answer, Slack before a modal closes): the form
 * spec's own check, with today in the person's zone and the units the form reads its numbers in.
 * Also the form's fields as labelled for the values so far (the draft speaks in the units chosen).
 */
import type { Units } from '../../domain/units.js';
import type { Clock } from '../../plans/plan-context.js';
import { today } from '../actor-time.js';
import type { IntentActor } from '../intents.js';
import type { FormField, FormView } from '../views.js';
import { formSpec } from './index.js';

/** The units the form's numbers are read in with these values (a draft's own choice, a log's plan). */
export function formUnits(form: FormView, values: Readonly<Record<string, string>>): Units {
  return formSpec(form.formId)?.unitsOf?.({ ...form, values }) ?? 'mi';
}

/** The form's fields labelled for the values so far; the fields shown when the spec is unknown. */
export function formFieldsFor(form: FormView, values: Readonly<Record<string, string>>): readonly FormField[] {
  const spec = formSpec(form.formId);
  if (!spec) return form.fields;
  const labelled = new Map(spec.fields(formUnits(form, values)).map((f) => [f.id, f]));
  // The fields the form was shown with, in its order: a form may show a subset of its spec.
  return form.fields.map((f) => labelled.get(f.id) ?? f);
}

/**
 * Field id → what is wrong with `values` of the form `formId`, for a person in `timezone` at `now`
 * reading numbers in `units`; empty when the core would take them. Forms not known pass. For
 * surfaces that have the form's id and units but not the form (a modal submission).
 */
export function checkFormIdValues(
  formId: string,
  values: Readonly<Record<string, string>>,
  at: { readonly timezone: string | null; readonly clock: Clock; readonly units: Units },
): Record<string, string> {
  return formSpec(formId)?.check(values, { today: today({ timezone: at.timezone }, at.clock), units: at.units }) ?? {};
}

/** Field id → what is wrong with `values` of a shown form, for `actor` now (`checkFormIdValues`). */
export function checkFormValues(
  form: FormView,
  values: Readonly<Record<string, string>>,
  at: { readonly actor: IntentActor; readonly clock: Clock },
): Record<string, string> {
  return checkFormIdValues(form.formId, values, { timezone: at.actor.timezone, clock: at.clock, units: formUnits(form, values) });
}

/** Whether a surface asking field by field should ask only the form's empty fields (`keepsPrefilled`). */
export function asksOnlyMissing(form: Pick<FormView, 'formId'>): boolean {
  return formSpec(form.formId)?.keepsPrefilled === true;
}
