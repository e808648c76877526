/**
 * Every form the core shows, one line each. A surface finds a form's spec here by id (a Slack
 * callback id, a modal submission) or by its short code (a Discord custom id); nothing else keeps a
 * list of forms.
 */
import { clubFormSpec } from './club-form.js';
import { clubJoinFormSpec } from './club-join-form.js';
import { draftFormSpec } from './draft-form.js';
import type { FormSpec } from './form-spec.js';
import { logFormSpec } from './log-form.js';
import { resultFormSpec } from './result-form.js';
import { settingsFormSpec } from './settings-form.js';

export type { FormSpec } from './form-spec.js';

const FORMS: readonly FormSpec[] = [draftFormSpec, logFormSpec, settingsFormSpec, resultFormSpec, clubFormSpec, clubJoinFormSpec];

function unique(forms: readonly FormSpec[], key: 'id' | 'code'): void {
  const seen = new Set<string>();
  for (const form of forms) {
    if (seen.has(form[key])) throw new Error(`two forms share the ${key} "${form[key]}"`);
    seen.add(form[key]);
  }
}
// Checked once, at load: a clash would send one form's submissions to another.
unique(FORMS, 'id');
unique(FORMS, 'code');

export function formSpec(formId: string): FormSpec | undefined {
  return FORMS.find((f) => f.id === formId);
}

export function formSpecByCode(code: string): FormSpec | undefined {
  return FORMS.find((f) => f.code === code);
}
