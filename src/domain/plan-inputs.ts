/**
 * Turns what a person typed (CLI flags, form fields, command arguments) into validated
 * `PlanInputs`, with one message per bad field saying what is accepted (PLAN-RULES.md "Inputs").
 */
import { daysBetween, isIsoDate, totalWeeksBetween, type IsoDate } from './calendar.js';
import { MAX_PLAN_WEEKS, MIN_PLAN_WEEKS } from './coaching-limits.js';
import { InputError } from './errors.js';
import { computePaces, FIVE_K_MILES, isAmbitiousGoal } from './paces.js';
import type { PlanInputs } from './schemas.js';
import { formatPace, parseClock } from './time.js';
import { distanceClass, paceInUnits, parseDistance, type Units } from './units.js';

/** The fields as typed; everything optional so that each missing one can be named. */
export type RawPlanInputs = {
  readonly raceName?: string | undefined;
  readonly distance?: string | undefined;
  readonly raceDate?: string | undefined;
  readonly startDate?: string | undefined;
  readonly goal?: string | undefined;
  readonly fiveK?: string | undefined;
  readonly mileage?: string | undefined;
  readonly days?: string | undefined;
  readonly units?: string | undefined;
  /** Longest run of the last 4 weeks, in the plan's units (optional). */
  readonly recentLong?: string | undefined;
  /** The long-run day: a number 1–7 or a day name (optional). */
  readonly longDay?: string | undefined;
};

export type PlanInputField = keyof RawPlanInputs;

export const DEFAULT_PREFERRED_DAYS = [1, 2, 3, 4, 5, 6];
const MAX_RACE_NAME = 100;

const FIELD_HELP: Record<PlanInputField, string> = {
  raceName: `up to ${MAX_RACE_NAME} characters`,
  distance: 'use 5k, 10k, half, marathon or a number of miles from 1 to 31',
  raceDate: 'use a date written YYYY-MM-DD',
  startDate: 'use a date written YYYY-MM-DD',
  goal: 'use H:MM:SS or MM:SS, for example 3:45:00 or 24:30',
  fiveK: 'use a 5K time MM:SS (12:00–60:00) or a pace per mile M:SS (3:50–11:59)',
  mileage: 'use a number of miles per week from 5 to 150',
  days: 'list 3 to 7 different days as numbers, 1 = Monday … 7 = Sunday, for example 2,3,4,6,7',
  units: 'use mi or km',
  recentLong: 'use the longest run of your last 4 weeks, a number from 1 to 30 (in your units)',
  longDay: 'use a day name (Saturday) or a number, 1 = Monday … 7 = Sunday',
};

/** Cleans free text: control characters out, whitespace folded, length capped. */
export function cleanText(text: string, maxLength: number): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, maxLength);
}

/** Reads the 5K field: a 5K time (12:00–60:00) or, under 12:00, a pace per mile (3:50–11:59). */
export function parseFiveK(text: string): number | undefined {
  const seconds = parseClock(text);
  if (seconds === undefined) return undefined;
  if (seconds < 12 * 60) {
    if (seconds < 3 * 60 + 50) return undefined;
    return Math.round(seconds * FIVE_K_MILES);
  }
  return seconds <= 60 * 60 ? seconds : undefined;
}

export function parsePreferredDays(text: string): number[] | undefined {
  const parts = text.split(/[\s,]+/).filter((part) => part !== '');
  if (!parts.every((part) => /^[1-7]$/.test(part))) return undefined;
  const days = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  if (days.length !== parts.length || days.length < 3 || days.length > 7) return undefined;
  return days;
}

export type ParsedPlanInputs = { readonly inputs: PlanInputs; readonly warnings: string[] };

/**
 * Validates raw inputs. `today` fills in a missing start date. Throws `InputError` naming every
 * bad field; on success returns the canonical inputs and any warnings (an ambitious goal).
 */
export function parsePlanInputs(raw: RawPlanInputs, today: IsoDate): ParsedPlanInputs {
  const errors: Partial<Record<PlanInputField, string>> = {};
  const fail = (field: PlanInputField, message?: string): undefined => {
    errors[field] ??= message ?? FIELD_HELP[field];
    return undefined;
  };
  const given = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

  const distance = given(raw.distance)
    ? (parseDistance(raw.distance) ?? fail('distance', `unknown distance "${raw.distance}": ${FIELD_HELP.distance}`))
    : fail('distance', `missing: ${FIELD_HELP.distance}`);

  const raceDate = given(raw.raceDate)
    ? isIsoDate(raw.raceDate.trim())
      ? raw.raceDate.trim()
      : fail('raceDate', `"${raw.raceDate}" is not a date: ${FIELD_HELP.raceDate}`)
    : fail('raceDate', `missing: ${FIELD_HELP.raceDate}`);

  const startDate = given(raw.startDate)
    ? isIsoDate(raw.startDate.trim())
      ? raw.startDate.trim()
      : fail('startDate', `"${raw.startDate}" is not a date: ${FIELD_HELP.startDate}`)
    : today;

  const goalTimeSeconds = given(raw.goal)
    ? (parseClock(raw.goal) ?? fail('goal', `"${raw.goal}" is not a time: ${FIELD_HELP.goal}`))
    : fail('goal', `missing: ${FIELD_HELP.goal}`);

  const fiveKSeconds = given(raw.fiveK)
    ? (parseFiveK(raw.fiveK) ?? fail('fiveK', `"${raw.fiveK}" is out of range: ${FIELD_HELP.fiveK}`))
    : fail('fiveK', `missing: ${FIELD_HELP.fiveK}`);

  let weeklyMileage: number | undefined;
  if (!given(raw.mileage)) fail('mileage', `missing: ${FIELD_HELP.mileage}`);
  else if (!/^\d+(\.\d+)?$/.test(raw.mileage.trim())) fail('mileage', `"${raw.mileage}" is not a number: ${FIELD_HELP.mileage}`);
  else {
    const miles = Number(raw.mileage.trim());
    if (miles < 5) fail('mileage', `${miles} miles a week is below the minimum: build to 5 miles a week first`);
    else if (miles > 150) fail('mileage', `${miles} miles a week is above the maximum of 150`);
    else weeklyMileage = miles;
  }

  const preferredDays = given(raw.days)
    ? (parsePreferredDays(raw.days) ?? fail('days', `"${raw.days}" is not accepted: ${FIELD_HELP.days}`))
    : DEFAULT_PREFERRED_DAYS;

  let units: Units = 'mi';
  if (given(raw.units)) {
    const u = raw.units.trim().toLowerCase();
    if (u === 'mi' || u === 'km') units = u;
    else fail('units');
  }

  const raceName = cleanText(raw.raceName ?? '', MAX_RACE_NAME);

  if (distance && goalTimeSeconds !== undefined) {
    const pace = goalTimeSeconds / distance.miles;
    if (pace < 240 || pace > 1200) {
      fail(
        'goal',
        `a goal of ${raw.goal} over ${distance.label} is ${formatPace(pace)} per mile; the goal pace must be between 4:00 and 20:00 per mile`,
      );
    }
  }

  if (raceDate !== undefined && startDate !== undefined && errors.startDate === undefined) {
    if (daysBetween(startDate, raceDate) <= 0) {
      fail('raceDate', `the race (${raceDate}) must be after the start date (${startDate})`);
    } else if (distance) {
      const weeks = totalWeeksBetween(startDate, raceDate);
      const cls = distanceClass(distance.miles);
      const min = MIN_PLAN_WEEKS[cls];
      if (weeks < min || weeks > MAX_PLAN_WEEKS) {
        fail(
          'raceDate',
          `a ${distance.label} plan from ${startDate} to ${raceDate} spans ${weeks} week${weeks === 1 ? '' : 's'}; it must span ${min} to ${MAX_PLAN_WEEKS} calendar weeks`,
        );
      }
    }
  }

  if (
    Object.keys(errors).length > 0 ||
    !distance ||
    raceDate === undefined ||
    startDate === undefined ||
    goalTimeSeconds === undefined ||
    fiveKSeconds === undefined ||
    weeklyMileage === undefined ||
    preferredDays === undefined
  ) {
    throw new InputError(errors as Record<string, string>);
  }

  const inputs: PlanInputs = {
    raceName: raceName === '' ? `${distance.label} race` : raceName,
    distance: distance.label,
    distanceMiles: distance.miles,
    raceDate,
    startDate,
    goalTimeSeconds,
    fiveKSeconds,
    weeklyMileage,
    preferredDays,
    units,
  };
  return { inputs, warnings: planWarnings(inputs) };
}

/** Warnings shown with the preview; they never block a plan. */
export function planWarnings(inputs: PlanInputs): string[] {
  const paces = computePaces(inputs);
  const warnings: string[] = [];
  if (isAmbitiousGoal(paces)) {
    const unit = inputs.units;
    const show = (secondsPerMile: number): string => `${formatPace(paceInUnits(secondsPerMile, unit))}/${unit}`;
    warnings.push(
      `Ambitious goal: ${show(paces.goal)} is more than 10% faster than the ${show(paces.predicted)} your current 5K predicts.`,
    );
  }
  return warnings;
}
