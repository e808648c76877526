/**
 * The week log: run days done, distance, average pace and notes, in the athlete's units (stored in
 * miles and seconds per mile). Nothing is saved until the whole form is valid. The form comes
 * pre-filled with what the plan knows — its week, and the days marked Done / Skipped — so a
 * surface that asks field by field asks only what is missing (`keepsPrefilled`).
 */
import { formatPace, parseClock } from '../../domain/time.js';
import { MILES_PER_KM, formatDistance, lengthIn, paceInUnits, type Units } from '../../domain/units.js';
import type { Clock } from '../../plans/plan-context.js';
import type { PlanRecord } from '../../plans/plan-record.js';
import { LOG_FORM_ID } from '../action-ids.js';
import { currentWeekOf } from '../actor-time.js';
import { textView } from '../plan-views.js';
import type { FormField, FormView } from '../views.js';
import { field } from './form-fields.js';
import type { FormSpec } from './form-spec.js';

/** The log's fields in the athlete's units (the log is stored in miles). */
function logFields(units: Units): FormField[] {
  const km = units === 'km';
  return [
    field('completedDays', 'Run days completed', 'number', { required: true, placeholder: '4' }),
    field('miles', km ? 'Kilometres run' : 'Miles run', 'number', { required: true, placeholder: km ? '36' : '22.5' }),
    field('averagePace', 'Average pace', 'text', { placeholder: km ? '5:40' : '9:05', hint: `M:SS per ${km ? 'km' : 'mile'}` }),
    field('notes', 'Notes', 'textarea', { maxLength: 500, placeholder: 'Legs heavy on Thursday' }),
  ];
}

function allFields(units: Units): FormField[] {
  return [field('week', 'Week', 'number', { required: true }), ...logFields(units)];
}

export function logForm(
  planId: string,
  weekNumber: number,
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
  units: Units = 'mi',
): FormView {
  return {
    kind: 'form',
    formId: LOG_FORM_ID,
    title: `Log week ${weekNumber}`,
    submitLabel: 'Save log',
    planId,
    fields: allFields(units),
    values: { week: String(weekNumber), ...values },
    errors,
  };
}

/**
 * The week `/plan log` opens without a number: the week the athlete is in once they have marked a
 * day of it (they are logging as they go), else last week, the one just finished.
 */
export function defaultLogWeek(plan: PlanRecord, clock: Clock): number {
  const current = currentWeekOf(plan, clock);
  if (current !== undefined && (plan.weeks[current - 1]?.execution?.days?.length ?? 0) > 0) return current;
  return Math.max(1, Math.min(plan.weeks.length, (current ?? 2) - 1));
}

/**
 * The log form of `weekNumber`, pre-filled from the week's Done / Skipped marks: the run days done
 * and their planned distance (in the plan's units), with any pace and notes already logged.
 */
export function logFormFor(plan: PlanRecord, weekNumber: number): FormView {
  const units = plan.inputs?.units ?? 'mi';
  const execution = plan.weeks[weekNumber - 1]?.execution;
  const values: Record<string, string> = {};
  if (execution && (execution.days?.length ?? 0) > 0) {
    values.completedDays = String(execution.completedDays);
    values.miles = formatDistance(execution.totalMiles, units).split(' ')[0] ?? '';
    const pace = execution.averagePace == null ? undefined : parseClock(execution.averagePace);
    if (pace !== undefined) values.averagePace = formatPace(paceInUnits(pace, units));
    if (execution.notes !== undefined) values.notes = execution.notes;
  }
  return logForm(plan.id, weekNumber, values, {}, units);
}

/** The log form's values as a week log in miles and seconds per mile, or field errors. */
function parseLog(
  values: Readonly<Record<string, string>>,
  units: Units = 'mi',
): { weekNumber?: number; log?: Record<string, unknown>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const week = values.week?.trim() ?? '';
  const days = values.completedDays?.trim() ?? '';
  const miles = values.miles?.trim() ?? '';
  const pace = values.averagePace?.trim() ?? '';
  const notes = values.notes?.trim() ?? '';
  if (!/^\d{1,2}$/.test(week) || Number(week) < 1) errors.week = 'use a week number, 1 or more';
  if (!/^\d$/.test(days) || Number(days) > 7) errors.completedDays = 'use a whole number of days, 0–7';
  const km = units === 'km';
  // "32", "32 km", "20 mi": a bare number is in the form's units, another unit is converted.
  const distance = lengthIn(miles, units);
  if (distance === undefined || distance > (km ? 480 : 300))
    errors.miles = km ? 'use a number of kilometres, 0–480' : 'use a number of miles, 0–300';
  if (pace !== '' && !/^\d{1,2}:[0-5]\d$/.test(pace))
    errors.averagePace = `use M:SS per ${km ? 'km, for example 5:40' : 'mile, for example 9:05'}`;
  if (notes.length > 500) errors.notes = 'keep notes under 500 characters';
  if (Object.keys(errors).length > 0) return { errors };
  const paceSeconds = parseClock(pace);
  return {
    weekNumber: Number(week),
    log: {
      completedDays: Number(days),
      totalMiles: km ? Number(((distance ?? 0) * MILES_PER_KM).toFixed(2)) : (distance ?? 0),
      averagePace: paceSeconds === undefined ? null : km ? formatPace(paceSeconds / MILES_PER_KM) : pace,
      ...(notes === '' ? {} : { notes }),
    },
    errors,
  };
}

/** A shown log's units, read from its distance label: a FormView carries no units of its own. */
function logUnitsOf(form: FormView): Units {
  const kmLabel = logFields('km').find((f) => f.id === 'miles')?.label;
  return form.fields.find((f) => f.id === 'miles')?.label === kmLabel ? 'km' : 'mi';
}

export const logFormSpec = {
  id: LOG_FORM_ID,
  code: 'l',
  fields: allFields,
  savesDraft: false,
  keepsPrefilled: true,
  sharedAnswer: false,
  check: (values, { units }) => parseLog(values, units).errors,
  reopen: (planId, units, values) => {
    const week = Number(values.week);
    return logForm(planId, Number.isInteger(week) && week >= 1 ? week : 1, { ...values }, parseLog(values, units).errors, units);
  },
  unitsOf: logUnitsOf,
  async submit({ plans }, intent) {
    const { actor, values } = intent;
    if (intent.planId === null) return [textView('That log form lost its plan; open it again with /plan log.', { ephemeral: true })];
    const before = await plans.getPlan(actor.identity, intent.planId);
    const units = before.inputs?.units ?? 'mi';
    const parsed = parseLog(values, units);
    if (!parsed.log || parsed.weekNumber === undefined) {
      return [logForm(intent.planId, Number(values.week) || 1, { ...values }, parsed.errors, units)];
    }
    const plan = await plans.logExecution(actor.identity, intent.planId, parsed.weekNumber, parsed.log);
    const log = plan.weeks[parsed.weekNumber - 1]?.execution;
    return [
      textView(
        `Logged week ${parsed.weekNumber}: ${log?.completedDays ?? 0} run days, ${values.miles} ${units === 'km' ? 'km' : 'miles'}. The next week adapts to it.`,
      ),
    ];
  },
} satisfies FormSpec;
