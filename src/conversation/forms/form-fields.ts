/**
 * The building blocks of the forms: one field constructor with the defaults every surface expects,
 * and the choice lists shared by the forms and by command arguments (Discord's option choices).
 */
import { DAY_NAMES } from '../../domain/calendar.js';
import type { FormField, FormFieldKind, FormOption } from '../views.js';

export function field(
  id: string,
  label: string,
  kind: FormFieldKind,
  options: { required?: boolean; placeholder?: string; hint?: string; choices?: readonly FormOption[]; maxLength?: number } = {},
): FormField {
  return {
    id,
    label,
    kind,
    required: options.required ?? false,
    placeholder: options.placeholder ?? null,
    hint: options.hint ?? null,
    options: options.choices ?? [],
    maxLength: options.maxLength ?? null,
  };
}

export const DISTANCE_OPTIONS: readonly FormOption[] = [
  { value: '5k', label: '5K' },
  { value: '10k', label: '10K' },
  { value: 'half', label: 'Half marathon' },
  { value: 'marathon', label: 'Marathon' },
];

export const DAY_OPTIONS: readonly FormOption[] = DAY_NAMES.map((name, i) => ({ value: String(i + 1), label: name }));

export const UNIT_OPTIONS: readonly FormOption[] = [
  { value: 'mi', label: 'Miles' },
  { value: 'km', label: 'Kilometres' },
];

export const REMINDER_OPTIONS: readonly FormOption[] = [
  { value: 'off', label: 'Off' },
  { value: 'on', label: 'On' },
];

export const DELIVERY_OPTIONS: readonly FormOption[] = [
  { value: 'dm', label: 'A direct message to me' },
  { value: 'channel', label: 'This channel' },
];
