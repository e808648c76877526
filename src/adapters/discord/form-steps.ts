/**
 * How a core form fits Discord's modals (at most 5 fields each): as its spec's pages say (the
 * twelve-field draft's three: the units and the race; the 5K, the start and where weeks go; the
 * training week), and any form of five fields or fewer stays one. Each draft step holds a
 * required field, because the core previews as soon as no required field is missing: a step of
 * optional fields only would never be offered. Also which step a form should open on, and what a
 * draft form returned after a submission means: a step to fix (an error on something the user
 * typed), a step to continue with (only fields never filled are missing), or nothing pending.
 */
import { formSpec } from '../../conversation/forms/index.js';
import type { FormField, FormView } from '../../conversation/views.js';
import { LIMITS } from './limits.js';

export function formSteps(form: Pick<FormView, 'formId' | 'fields'>): FormField[][] {
  const byId = new Map(form.fields.map((f) => [f.id, f]));
  // The form spec's pages first; fields not named there fill the steps in order.
  const steps = (formSpec(form.formId)?.pages ?? [])
    .map((ids) => ids.flatMap((id) => byId.get(id) ?? []))
    .filter((step) => step.length > 0);
  const placed = new Set(steps.flat().map((f) => f.id));
  for (const f of form.fields) {
    if (placed.has(f.id)) continue;
    let step = steps.find((s) => s.length < LIMITS.modalComponents);
    if (!step) {
      step = [];
      steps.push(step);
    }
    step.push(f);
  }
  return steps.length > 0 ? steps : [[]];
}

export function isFilled(form: Pick<FormView, 'values'>, fieldId: string): boolean {
  return (form.values[fieldId] ?? '').trim() !== '';
}

/** Errors not tied to any field of the form (shown with the first step). */
export function formLevelErrors(form: Pick<FormView, 'fields' | 'errors'>): string[] {
  const ids = new Set(form.fields.map((f) => f.id));
  return Object.entries(form.errors)
    .filter(([id]) => !ids.has(id))
    .map(([, message]) => message);
}

export type FormProgress =
  /** Something typed is wrong: re-open this step with the messages. */
  | { readonly kind: 'fix'; readonly step: number; readonly problems: readonly string[] }
  /** What was sent is kept; the next step still has required fields never filled. */
  | { readonly kind: 'continue'; readonly step: number }
  /** No errors: the form is simply to be opened (from its first step). */
  | { readonly kind: 'open'; readonly step: number };

export function progressOf(form: FormView): FormProgress {
  const steps = formSteps(form);
  const level = formLevelErrors(form);
  const problemsIn = (step: readonly FormField[]): string[] =>
    step.filter((f) => form.errors[f.id] !== undefined && isFilled(form, f.id)).map((f) => `${f.label}: ${form.errors[f.id]}`);
  for (const [i, step] of steps.entries()) {
    const problems = [...(i === 0 ? level : []), ...problemsIn(step)];
    if (problems.length > 0) return { kind: 'fix', step: i + 1, problems };
  }
  const missing = steps.findIndex((step) => step.some((f) => form.errors[f.id] !== undefined));
  if (missing >= 0) return { kind: 'continue', step: missing + 1 };
  return { kind: 'open', step: 1 };
}

/** The step to show: the one asked for when it exists, else where the form needs the user. */
export function stepToOpen(form: FormView, requested: number | null): number {
  const count = formSteps(form).length;
  if (requested !== null && requested >= 1 && requested <= count) return requested;
  return progressOf(form).step;
}
