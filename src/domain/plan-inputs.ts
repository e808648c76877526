/**
 * Turns what a person typed (CLI flags, form fields, command arguments, API bodies) into validated
 * `PlanInputs`, with one sentence per bad field saying what is accepted and, where a choice would
 * fix it, which (PLAN-RULES.md "Inputs and their limits", R2's late start, C-goal).
 *
 * Units are read first: with `km` the weekly volume, the recent long run, a custom distance (a bare
 * number) and a 5K given as a pace are kilometres, and the messages speak kilometres. What is
 * stored stays in miles (PLAN-RULES: "units in plan data are miles").
 *
 * At the edges of the km ranges the conversion lands a hair outside the mile ranges (8 km is
 * 4.97 mi, 1.6 km is 0.99 mi, 49.9 km is 31.006 mi); the PLAN-RULES ranges in km are the rounded
 * equivalents of the mile ranges, so the stored miles are clamped into the mile range rather than
 * refusing a number the athlete was told is accepted.
 */
import { addDaysIso, dayNameOf, dayNumberOf, daysBetween, totalWeeksBetween, type IsoDate } from './calendar.js';
import { MAX_PLAN_WEEKS, MIN_PLAN_WEEKS } from './coaching-limits.js';
import { parseDateInput } from './date-input.js';
import { parseDayList, parseDayName } from './day-names.js';
import { InputError } from './errors.js';
import { computePaces, FIVE_K_MILES, GOAL_CHOOSE_SHARE, goalRealism } from './paces.js';
import { isReady, minimumVolume } from './readiness.js';
import type { PlanInputs } from './schemas.js';
import { formatDuration, formatPace, parseDuration } from './time.js';
import {
  distanceClass,
  lengthIn,
  MAX_CUSTOM_KM,
  MAX_CUSTOM_MILES,
  MILES_PER_KM,
  MIN_CUSTOM_KM,
  MIN_CUSTOM_MILES,
  paceInUnits,
  parseRaceDistance,
  type DistanceClass,
  type RaceDistance,
  type Units,
} from './units.js';

/** One home for the recent long run's default (max(3, 0.3 × weekly volume)): coaching-limits. */
export { recentLongRunOf } from './coaching-limits.js';

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
  /** Up to two quality-session days, first choice first: `tue,thu` or `2,4` (optional; a club's join sets them). */
  readonly qualityDays?: string | undefined;
};

export type PlanInputField = keyof RawPlanInputs;

const DEFAULT_PREFERRED_DAYS = [1, 2, 3, 4, 5, 6];
const MAX_RACE_NAME = 100;
const MIN_DAYS = 3;
const MAX_DAYS = 7;
/** C1: at most two quality sessions a week, so at most two days to put them on. */
const MAX_QUALITY_DAYS = 2;

/** Accepted ranges of the numeric fields, in each unit (PLAN-RULES "Inputs and their limits"). */
type Range = { readonly min: number; readonly max: number };
const RANGES: Readonly<Record<Units, { readonly distance: Range; readonly volume: Range; readonly recentLong: Range }>> = {
  mi: {
    distance: { min: MIN_CUSTOM_MILES, max: MAX_CUSTOM_MILES },
    volume: { min: 5, max: 150 },
    recentLong: { min: 1, max: 30 },
  },
  km: {
    distance: { min: MIN_CUSTOM_KM, max: MAX_CUSTOM_KM },
    volume: { min: 8, max: 240 },
    recentLong: { min: 1.6, max: 48 },
  },
};
/** The ranges in each unit, for the forms' hints (one home: what is checked is what is shown). */
export const INPUT_RANGES = RANGES;
/** The mile ranges the stored values must keep to (`planInputsSchema`). */
const MILE_RANGES = RANGES.mi;

/** Goal pace limits, seconds per mile. */
const GOAL_PACE = { min: 240, max: 1200 } as const;

/** A 5K in kilometres (3.107 mi), to read a 5K pace given per km. */
const FIVE_K_KM = FIVE_K_MILES / MILES_PER_KM;
/** A 5K time is 12:00–60:00; a clock under 12:00 is a pace. */
const FIVE_K_TIME = { min: 12 * 60, max: 60 * 60 } as const;
/** The fastest pace per mile accepted (kept from v1; its 5K is 11:55). */
const FASTEST_MILE_PACE = 3 * 60 + 50;

const UNIT_WORD: Readonly<Record<Units, string>> = { mi: 'miles', km: 'km' };

/** What each field accepts, in the athlete's units. */
function fieldHelp(units: Units): Record<PlanInputField, string> {
  const r = RANGES[units];
  const km = units === 'km';
  return {
    raceName: `up to ${MAX_RACE_NAME} characters`,
    distance: `use 5k, 10k, half, marathon or a number of ${km ? 'kilometres' : 'miles'} from ${r.distance.min} to ${r.distance.max}`,
    raceDate: 'use a date written YYYY-MM-DD, 21 Feb 2027, next sunday or in 12 weeks',
    startDate: 'use a date written YYYY-MM-DD, 21 Feb 2027, next monday or tomorrow',
    goal: 'use H:MM:SS or MM:SS, for example 3:45:00 or 24:30, or hours and minutes such as 1h50 or 48 min',
    fiveK: km
      ? 'use a 5K time MM:SS (12:00–60:00) or a pace per km M:SS (2:24–11:59)'
      : 'use a 5K time MM:SS (12:00–60:00) or a pace per mile M:SS (3:50–11:59)',
    mileage: `use a number of ${km ? 'kilometres' : 'miles'} per week from ${r.volume.min} to ${r.volume.max} (${km ? '20 mi' : '32 km'} works too)`,
    days: 'list 3 to 7 different days as names or numbers (1 = Monday … 7 = Sunday), for example tue,thu,sat,sun, 2,4,6,7 or mon-fri',
    units: 'use mi or km',
    recentLong: `use the longest run of your last 4 weeks, a number of ${km ? 'kilometres' : 'miles'} from ${r.recentLong.min} to ${r.recentLong.max}`,
    longDay: 'use a day name (Saturday or sat) or a number, 1 = Monday … 7 = Sunday',
    qualityDays: `list up to ${MAX_QUALITY_DAYS} of your run days as names or numbers, for example tue,thu or 2,4`,
  };
}

/** Cleans free text: control characters out, whitespace folded, length capped. */
export function cleanText(text: string, maxLength: number): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, maxLength)
  );
}

/**
 * Reads the 5K field: a 5K time (12:00–60:00) or, under 12:00, a pace — per mile (3:50–11:59) or,
 * with `units` km, per km (2:24–11:59: the paces whose 5K is 12:00–60:00).
 */
export function parseFiveK(text: string, units: Units = 'mi'): number | undefined {
  const seconds = parseDuration(text);
  if (seconds === undefined) return undefined;
  if (seconds < FIVE_K_TIME.min) {
    if (units === 'km') {
      const total = Math.round(seconds * FIVE_K_KM);
      return total >= FIVE_K_TIME.min && total <= FIVE_K_TIME.max ? total : undefined;
    }
    if (seconds < FASTEST_MILE_PACE) return undefined;
    return Math.round(seconds * FIVE_K_MILES);
  }
  return seconds <= FIVE_K_TIME.max ? seconds : undefined;
}

/** 3–7 distinct days, as numbers or names ("tue,thu,sat", "2 4 6", mixed); undefined otherwise. */
export function parsePreferredDays(text: string): number[] | undefined {
  const result = parseDayList(text, MIN_DAYS, MAX_DAYS);
  return result.ok ? result.days : undefined;
}

function clampMiles(miles: number, range: Range, decimals: number): number {
  return Math.min(range.max, Math.max(range.min, Number(miles.toFixed(decimals))));
}

export type ParseOptions = {
  /**
   * Refuse a start date before `today` (PLAN-RULES: "chat surfaces refuse a start before today in
   * the athlete's zone"). The chat forms set it; the CLI and the HTTP API leave it off, because
   * operators backfill plans that began earlier.
   */
  readonly refusePastStart?: boolean;
};

export type ParsedPlanInputs = {
  readonly inputs: PlanInputs;
  /** Cautions the preview shows (C-goal); they never block a plan. */
  readonly warnings: string[];
  /** What was decided for the athlete, for the preview to say (R2's late-start move). */
  readonly notes: string[];
};

/** How the named races are written in sentences ("a half marathon"). */
export const RACE_NAME: Readonly<Record<DistanceClass, string>> = { '5k': '5K', '10k': '10K', half: 'half marathon', marathon: 'marathon' };
const SHORTER: Readonly<Record<DistanceClass, readonly DistanceClass[]>> = {
  marathon: ['half', '10k', '5k'],
  half: ['10k', '5k'],
  '10k': ['5k'],
  '5k': [],
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "Monday 14 Dec". */
function dayLabel(iso: IsoDate): string {
  return `${dayNameOf(dayNumberOf(iso))} ${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''}`;
}

function raceLabel(distance: RaceDistance): string {
  // Named distances carry their class as the label; a custom one ("8.1 mi") is named as typed.
  return Object.hasOwn(RACE_NAME, distance.label) ? RACE_NAME[distance.label as DistanceClass] : `${distance.label} race`;
}

/** "a half marathon or 10K" */
function racesText(classes: readonly DistanceClass[]): string {
  return `a ${classes.map((c) => RACE_NAME[c]).join(' or ')}`;
}

/** R2: a Friday, Saturday or Sunday start moves to the Monday after; undefined for Monday–Thursday. */
function lateStartMonday(startDate: IsoDate): IsoDate | undefined {
  const day = dayNumberOf(startDate);
  return day >= 5 ? addDaysIso(startDate, 8 - day) : undefined;
}

/**
 * The plan's canonical start and length (R2): a late start moves to the Monday after unless that
 * leaves fewer than the minimum weeks, when Week 1 stays the partial week.
 */
function planCalendar(startDate: IsoDate, raceDate: IsoDate, cls: DistanceClass): { start: IsoDate; weeks: number; moved: boolean } {
  const monday = lateStartMonday(startDate);
  if (monday !== undefined) {
    const weeks = totalWeeksBetween(monday, raceDate);
    if (daysBetween(monday, raceDate) > 0 && weeks >= MIN_PLAN_WEEKS[cls]) return { start: monday, weeks, moved: true };
  }
  return { start: startDate, weeks: totalWeeksBetween(startDate, raceDate), moved: false };
}

/** The weekly volume as typed, with its units, when it is a valid number. */
type Volume = { readonly value: number; readonly units: Units };

function planFits(cls: DistanceClass, weeks: number, volume: Volume | undefined): boolean {
  if (weeks < MIN_PLAN_WEEKS[cls] || weeks > MAX_PLAN_WEEKS) return false;
  return volume === undefined || isReady(cls, weeks, volume.value, volume.units);
}

/** The earliest race date after `startDate` that makes a valid plan for this volume, if any. */
function earliestRaceDate(startDate: IsoDate, cls: DistanceClass, volume: Volume | undefined): IsoDate | undefined {
  for (let d = 1; d <= 7 * (MAX_PLAN_WEEKS + 1); d += 1) {
    const race = addDaysIso(startDate, d);
    if (planFits(cls, planCalendar(startDate, race, cls).weeks, volume)) return race;
  }
  return undefined;
}

/**
 * The earliest start on or after `startDate` that makes a valid plan for the race, if any, as the
 * plan would start (a Friday found here is offered as the Monday R2 moves it to).
 */
function earliestStartDate(startDate: IsoDate, raceDate: IsoDate, cls: DistanceClass, volume: Volume | undefined): IsoDate | undefined {
  // No start more than MAX_PLAN_WEEKS + 1 weeks before the race can fit: begin the search there.
  const first = addDaysIso(raceDate, -7 * (MAX_PLAN_WEEKS + 1));
  for (let s = daysBetween(startDate, first) > 0 ? first : startDate; daysBetween(s, raceDate) > 0; s = addDaysIso(s, 1)) {
    const plan = planCalendar(s, raceDate, cls);
    if (planFits(cls, plan.weeks, volume)) return plan.start;
  }
  return undefined;
}

/** The shorter races (nearest first, at most two) that this start, race date and volume allow. */
function shorterRaces(startDate: IsoDate, raceDate: IsoDate, cls: DistanceClass, volume: Volume | undefined): DistanceClass[] {
  return SHORTER[cls].filter((c) => planFits(c, planCalendar(startDate, raceDate, c).weeks, volume)).slice(0, 2);
}

/** "choose a half marathon or 10K, or race on or after 2027-05-02" (either part may be absent). */
function alternatives(races: readonly DistanceClass[], raceOnOrAfter: IsoDate | undefined): string | undefined {
  const parts: string[] = [];
  if (races.length > 0) parts.push(`choose ${racesText(races)}`);
  if (raceOnOrAfter !== undefined) parts.push(`race on or after ${raceOnOrAfter}`);
  if (parts.length === 0) return undefined;
  return parts.length === 1 && races.length > 0 ? `${parts[0]} instead` : parts.join(', or ');
}

/**
 * Validates raw inputs. `today` (in the athlete's zone) fills in a missing start date. Throws
 * `InputError` naming every bad field, one sentence each; on success returns the canonical inputs
 * (the start moved by R2 when it applies), the warnings (C-goal) and the notes (the move).
 */
export function parsePlanInputs(raw: RawPlanInputs, today: IsoDate, options: ParseOptions = {}): ParsedPlanInputs {
  const errors: Partial<Record<PlanInputField, string>> = {};
  const fail = (field: PlanInputField, message: string): undefined => {
    errors[field] ??= message;
    return undefined;
  };
  const given = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

  // Units first: every number below is read in them.
  let units: Units = 'mi';
  if (given(raw.units)) {
    const u = raw.units.trim().toLowerCase();
    if (u === 'mi' || u === 'km') units = u;
    else fail('units', `"${raw.units}" is not a unit: use mi or km`);
  }
  const help = fieldHelp(units);
  const unitWord = UNIT_WORD[units];
  const ranges = RANGES[units];

  const distance = given(raw.distance)
    ? (parseRaceDistance(raw.distance, units) ?? fail('distance', `unknown distance "${raw.distance}": ${help.distance}`))
    : fail('distance', `missing: ${help.distance}`);

  const readDate = (field: 'raceDate' | 'startDate', text: string): IsoDate | undefined => {
    const read = parseDateInput(text, today);
    if (read.ok) return read.date;
    return fail(field, read.problem === 'ambiguous' ? read.message : `"${text}" is not a date: ${help[field]}`);
  };

  const raceDate = given(raw.raceDate) ? readDate('raceDate', raw.raceDate) : fail('raceDate', `missing: ${help.raceDate}`);

  let typedStart: IsoDate | undefined = today;
  if (given(raw.startDate)) {
    const text = readDate('startDate', raw.startDate);
    if (text === undefined) typedStart = undefined;
    else if (options.refusePastStart === true && daysBetween(today, text) < 0) {
      typedStart = fail('startDate', `${text} has already passed (today is ${today} where you are): choose today or a later start date`);
    } else typedStart = text;
  }

  const goalTimeSeconds = given(raw.goal)
    ? (parseDuration(raw.goal) ?? fail('goal', `"${raw.goal}" is not a time: ${help.goal}`))
    : fail('goal', `missing: ${help.goal}`);

  const fiveKSeconds = given(raw.fiveK)
    ? (parseFiveK(raw.fiveK, units) ?? fail('fiveK', `"${raw.fiveK}" is out of range: ${help.fiveK}`))
    : fail('fiveK', `missing: ${help.fiveK}`);

  let volume: Volume | undefined;
  if (!given(raw.mileage)) fail('mileage', `missing: ${help.mileage}`);
  else {
    const value = lengthIn(raw.mileage, units);
    if (value === undefined) fail('mileage', `"${raw.mileage}" is not a number: ${help.mileage}`);
    else if (value < ranges.volume.min) {
      fail('mileage', `${value} ${unitWord} a week is below the minimum: build to ${ranges.volume.min} ${unitWord} a week first`);
    } else if (value > ranges.volume.max) fail('mileage', `${value} ${unitWord} a week is above the maximum of ${ranges.volume.max}`);
    else volume = { value, units };
  }

  let recentLongRunMiles: number | undefined;
  if (given(raw.recentLong)) {
    const value = lengthIn(raw.recentLong, units);
    if (value === undefined) fail('recentLong', `"${raw.recentLong}" is not a number: ${help.recentLong}`);
    else if (value < ranges.recentLong.min || value > ranges.recentLong.max) {
      fail('recentLong', `a longest run of ${value} ${unitWord} is out of range: ${help.recentLong}`);
    } else recentLongRunMiles = units === 'km' ? clampMiles(value * MILES_PER_KM, MILE_RANGES.recentLong, 2) : value;
  }

  let preferredDays: number[] | undefined = DEFAULT_PREFERRED_DAYS;
  if (given(raw.days)) {
    const result = parseDayList(raw.days, MIN_DAYS, MAX_DAYS);
    if (result.ok) preferredDays = result.days;
    else if (result.problem === 'not-a-day') preferredDays = fail('days', `"${result.token}" is not a day: ${help.days}`);
    else if (result.problem === 'repeated') preferredDays = fail('days', `${dayNameOf(result.day)} is listed twice: ${help.days}`);
    else preferredDays = fail('days', `"${raw.days}" holds ${result.count} day${result.count === 1 ? '' : 's'}: ${help.days}`);
  }

  let longRunDay: number | undefined;
  if (given(raw.longDay)) {
    const day = parseDayName(raw.longDay);
    if (day === undefined) fail('longDay', `"${raw.longDay}" is not a day: ${help.longDay}`);
    else if (preferredDays !== undefined && !preferredDays.includes(day)) {
      fail('longDay', `your long-run day, ${dayNameOf(day)}, is not one of your run days: add it to your days or choose another`);
    } else longRunDay = day;
  }

  let qualityDays: number[] | undefined;
  if (given(raw.qualityDays)) {
    // The order is kept: a week with one quality session puts it on the first day listed.
    const tokens = raw.qualityDays.split(/[\s,;/]+/).filter((t) => t !== '');
    const days = tokens.map((t) => parseDayName(t));
    const bad = tokens.find((_, i) => days[i] === undefined);
    const numbers = days.filter((d): d is number => d !== undefined);
    const offDay = numbers.find((d) => preferredDays !== undefined && !preferredDays.includes(d));
    if (bad !== undefined) fail('qualityDays', `"${bad}" is not a day: ${help.qualityDays}`);
    else if (numbers.length > MAX_QUALITY_DAYS) fail('qualityDays', `${numbers.length} quality days are too many: ${help.qualityDays}`);
    else if (new Set(numbers).size !== numbers.length) fail('qualityDays', `a quality day is listed twice: ${help.qualityDays}`);
    else if (offDay !== undefined) {
      fail('qualityDays', `your quality day ${dayNameOf(offDay)} is not one of your run days: add it to your days or choose another`);
    } else if (numbers.length > 0) qualityDays = numbers;
  }

  const raceName = cleanText(raw.raceName ?? '', MAX_RACE_NAME);

  if (distance && goalTimeSeconds !== undefined) {
    const pace = goalTimeSeconds / distance.miles;
    if (pace < GOAL_PACE.min || pace > GOAL_PACE.max) {
      const show = (secondsPerMile: number): string => formatPace(paceInUnits(secondsPerMile, units));
      const per = units === 'km' ? 'per km' : 'per mile';
      fail(
        'goal',
        `a goal of ${raw.goal} over ${distance.label} is ${show(pace)} ${per}; the goal pace must be between ${show(GOAL_PACE.min)} and ${show(GOAL_PACE.max)} ${per}`,
      );
    }
  }

  const notes: string[] = [];
  let startDate = typedStart;
  if (raceDate !== undefined && typedStart !== undefined) {
    if (daysBetween(typedStart, raceDate) <= 0) {
      fail('raceDate', `the race (${raceDate}) must be after the start date (${typedStart})`);
    } else if (distance) {
      const cls = distanceClass(distance.miles);
      const plan = planCalendar(typedStart, raceDate, cls);
      const { weeks } = plan;
      const min = MIN_PLAN_WEEKS[cls];
      const span = `a ${distance.label} plan from ${plan.start} to ${raceDate} spans ${weeks} week${weeks === 1 ? '' : 's'}; it must span ${min} to ${MAX_PLAN_WEEKS} calendar weeks`;
      if (weeks < min) {
        // Offer what would work with this volume too; a date that only fixes the length comes last.
        const races = shorterRaces(typedStart, raceDate, cls, volume);
        const date = earliestRaceDate(typedStart, cls, volume);
        const offer = alternatives(races, date ?? (races.length === 0 ? earliestRaceDate(typedStart, cls, undefined) : undefined));
        fail('raceDate', offer === undefined ? span : `${span}: ${offer}`);
      } else if (weeks > MAX_PLAN_WEEKS) {
        const later = earliestStartDate(typedStart, raceDate, cls, volume) ?? earliestStartDate(typedStart, raceDate, cls, undefined);
        fail('raceDate', later === undefined ? span : `${span}: start on or after ${later}`);
      } else {
        startDate = plan.start;
        if (plan.moved) notes.push(`Your plan starts ${dayLabel(plan.start)}: a Friday–Sunday start moves to the Monday after.`);
        if (volume !== undefined && !isReady(cls, weeks, volume.value, units)) {
          const need = minimumVolume(cls, weeks, units);
          const offer = alternatives(shorterRaces(typedStart, raceDate, cls, volume), earliestRaceDate(typedStart, cls, volume));
          const sentence = `a ${raceLabel(distance)} in ${weeks} weeks needs at least ${need} ${unitWord} a week now, and you run ${volume.value}`;
          fail('mileage', `${sentence}: ${offer ?? `build to ${need} ${unitWord} a week first`}`);
        }
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
    volume === undefined ||
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
    weeklyMileage: units === 'km' ? clampMiles(volume.value * MILES_PER_KM, MILE_RANGES.volume, 2) : volume.value,
    preferredDays,
    units,
    ...(recentLongRunMiles === undefined ? {} : { recentLongRunMiles }),
    ...(longRunDay === undefined ? {} : { longRunDay }),
    ...(qualityDays === undefined ? {} : { qualityDays }),
  };
  return { inputs, warnings: planWarnings(inputs), notes };
}

/**
 * Warnings shown with the preview; they never block a plan. C-goal: a goal more than 3% faster
 * than the 5K predicts names both times and the pace race-pace work uses; more than 8% faster
 * asks the athlete to choose between the goal and the predicted time.
 */
export function planWarnings(inputs: PlanInputs): string[] {
  const paces = computePaces(inputs);
  const realism = goalRealism(paces);
  if (realism === 'realistic') return [];
  const unit = inputs.units;
  const target = `${formatPace(paceInUnits(paces.target, unit))}/${unit}`;
  const goal = formatDuration(inputs.goalTimeSeconds);
  const predicted = formatDuration(paces.predictedTime);
  const share = ((paces.predicted - paces.goal) / paces.predicted) * 100;
  const head = `Your goal ${goal} is ${share.toFixed(1)}% faster than the ${predicted} your 5K predicts`;
  if (realism === 'warn') return [`${head}; race-pace work uses ${target}.`];
  return [
    `${head}, more than ${Math.round(GOAL_CHOOSE_SHARE * 100)}% ahead: choose whether to keep your goal (race-pace work still uses ${target}) or to train for ${predicted} by changing your goal time.`,
  ];
}
