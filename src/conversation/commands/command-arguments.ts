/**
 * Shared argument shapes and readings: the week number of `week`, `log` and `regenerate`, the run
 * file of `log`, and the `key=value` arguments of a command as the form fields they fill.
 */
import { textView } from '../plan-views.js';
import type { MessageView } from '../views.js';
import type { CommandArgument } from './command-spec.js';

/** The optional week number, a bare word (`/plan week 3`): Discord's integer option `week`. */
export function weekArgument(description: string): CommandArgument {
  return { name: 'week', kind: 'integer', description, required: false, min: 1, max: 52, positional: { placeholder: 'N' } };
}

/**
 * A run's `.fit`, `.gpx` or `.tcx` file attached to the command (`/plan log file:`), where the
 * surface's command menu takes attachments; it becomes the `activity-file` intent.
 */
export function activityFileArgument(): CommandArgument {
  return { name: 'file', kind: 'file', description: 'A run from your watch (.fit, .gpx or .tcx) to log on its plan day', required: false };
}

/** A typed week number: undefined when none was given, 'bad' when it is not one. */
export function typedWeekNumber(text: string | undefined): number | undefined | 'bad' {
  if (text === undefined) return undefined;
  return /^\d{1,2}$/.test(text) && Number(text) >= 1 ? Number(text) : 'bad';
}

export function notAWeek(text: string | undefined): MessageView {
  return textView(`"${text}" is not a week number.`, { ephemeral: true });
}

/** The form field a `key=value` argument fills, by its key or an alias. */
export function argumentField(list: readonly CommandArgument[], key: string): string | undefined {
  return list.find((a) => (a.key ?? a.name) === key || (a.aliases ?? []).includes(key))?.field;
}

/** `key=value` arguments as form values; keys that fill no field are listed as unknown. */
export function argumentValues(
  list: readonly CommandArgument[],
  args: Readonly<Record<string, string>>,
): { values: Record<string, string>; unknown: string[] } {
  const values: Record<string, string> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    const fieldId = argumentField(list, key);
    if (fieldId) values[fieldId] = value;
    else unknown.push(key);
  }
  return { values, unknown };
}
