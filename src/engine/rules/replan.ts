/**
 * The re-plan core: the weeks not yet made, re-planned from a given week after a break or a
 * change of race, keeping every week already made (and its log) as it is. One home for resume,
 * race change, and any later mid-plan change (tune-ups, results).
 *
 * It works by building every remaining week through race week with the rules engine (each week
 * assumed run as planned, the return ramp applied to its first weeks): `buildWeek` checks each
 * against the validator given the weeks before it, and race week runs the whole-plan rules (C3's
 * peak long run, C4's variety). A re-plan is possible only when every one of those weeks holds,
 * so a week made later from the same state can hold too.
 *
 * Before that, the race is checked against the athlete's reduced state with the rules' own
 * numbers (`reachability`): after a long break the plan restarts with a base block, so the weeks
 * left must make at least the shortest plan for the race (R1), and the long run must grow back
 * (C3: +2 mi a week from where it restarts) to the peak the race asks, far enough from the race.
 */
import { dateOfPlanDay, daysBetween, totalWeeksBetween } from '../../domain/calendar.js';
import { LONG_RUN, MIN_PLAN_WEEKS, taperWeeksAllowed } from '../../domain/coaching-limits.js';
import { RulesViolatedError } from '../../domain/errors.js';
import { computePaces } from '../../domain/paces.js';
import { PRE_RACE_LONG, requiredPeakLong } from '../../domain/rules/long-run-rules.js';
import type { Phase, PhaseName, PlanInputs, PlannedWeek, Week } from '../../domain/schemas.js';
import { distanceClass } from '../../domain/units.js';
import { validatePhases, type Violation } from '../../domain/validator.js';
import type { RampWeek } from '../plan-engine.js';
import { splitPhases } from './phase-split.js';
import { longDayOf, projectPlan } from './plan-projection.js';
import type { ReturnRamp } from './return-ramp.js';
import { buildWeek } from './rules-engine.js';
import { FIRST_TAKE } from './week-frame.js';

export type ReplanRequest = {
  readonly inputs: PlanInputs;
  readonly phases: readonly Phase[];
  /** The weeks already made, with their logs: kept as they are. */
  readonly weeks: readonly PlannedWeek[];
  /** The first week of the return ramp; weeks made before it inside the break hold at its first week. */
  readonly rampStart: number;
  /** The week the break began in: weeks before it are made as planned (default: no such weeks). */
  readonly breakWeek?: number;
  readonly ramp: readonly RampWeek[];
};

/** Why a race cannot be reached, with the numbers the athlete is told. */
export type Unreachable = { readonly reason: string; readonly violations: readonly Violation[] };

export type ReplanResult = { readonly ok: true; readonly weeks: readonly Week[] } | ({ readonly ok: false } & Unreachable);

/** The ramp week a week number gets: the first one inside the break, none after the ramp. */
function rampWeekFor(rampStart: number, ramp: readonly RampWeek[], weekNumber: number, breakWeek = 0): RampWeek | undefined {
  if (ramp.length === 0 || weekNumber < breakWeek) return undefined;
  if (weekNumber < rampStart) return ramp[0];
  return ramp[weekNumber - rampStart];
}

/**
 * Every remaining week, built and checked in order: the projected rest of the plan, or the first
 * rule that cannot hold.
 */
export function projectRest(request: ReplanRequest): ReplanResult {
  const { inputs, phases, rampStart, ramp } = request;
  const total = totalWeeksBetween(inputs.startDate, inputs.raceDate);
  const phaseProblems = validatePhases(inputs, phases);
  if (phaseProblems.length > 0)
    return { ok: false, reason: phaseProblems[0]?.message ?? 'the phases do not fit', violations: phaseProblems };
  const all: PlannedWeek[] = [...request.weeks];
  const made: Week[] = [];
  for (let n = all.length + 1; n <= total; n += 1) {
    try {
      const week = buildWeek(inputs, phases, all, n, 0, 'use', FIRST_TAKE, rampWeekFor(rampStart, ramp, n, request.breakWeek));
      all.push(week);
      made.push(week);
    } catch (error) {
      if (!(error instanceof RulesViolatedError)) throw error;
      const violations = error.violations.map((v) => ({ rule: v.rule, message: v.message })) as Violation[];
      return { ok: false, reason: `week ${n} cannot hold PLAN-RULES (${violations[0]?.message ?? 'no layout fits'})`, violations };
    }
  }
  return { ok: true, weeks: made };
}

const ORDER: readonly PhaseName[] = ['base', 'build', 'peak'];

/**
 * The phases of a plan of `total` weeks whose first weeks are already made with the phases
 * `made` (in order): the made weeks keep their phase, the rest follow the standard split as far
 * as it allows. Undefined when the made weeks reach into the new taper, or too few weeks are
 * left for the phases still to come.
 */
export function phasesAfter(made: readonly PhaseName[], total: number, inputs: Pick<PlanInputs, 'distanceMiles'>): Phase[] | undefined {
  const distance = distanceClass(inputs.distanceMiles);
  const standard = splitPhases(total, distance);
  if (made.length === 0) return standard;
  const taper = taperWeeksAllowed(distance, total);
  const taperWeeks = total >= 8 ? taper.max : taper.min;
  const preTaper = total - taperWeeks;
  const k = made.length;
  const current = made[k - 1] ?? 'base';
  if (current === 'taper' || k > preTaper) return undefined;
  const idx = ORDER.indexOf(current);
  const later = ORDER.slice(idx + 1);
  if (preTaper - k < later.length) return undefined;
  const standardEnd = (name: PhaseName): number => {
    let end = 0;
    for (const p of standard) {
      end += p.weekCount;
      if (p.name === name) return end;
    }
    return end;
  };
  const ends = new Map<PhaseName, number>();
  for (const name of ORDER.slice(0, idx)) ends.set(name, made.lastIndexOf(name) + 1);
  let prev = k;
  ends.set(current, Math.min(Math.max(standardEnd(current), k), preTaper - later.length));
  prev = ends.get(current) ?? k;
  later.forEach((name, i) => {
    const left = later.length - i - 1;
    const end = name === 'peak' ? preTaper : Math.min(Math.max(standardEnd(name), prev + 1), preTaper - left);
    ends.set(name, end);
    prev = end;
  });
  let start = 0;
  const phases: Phase[] = ORDER.map((name) => {
    const end = ends.get(name) ?? start;
    const phase = { name, weekCount: end - start };
    start = end;
    return phase;
  });
  phases.push({ name: 'taper', weekCount: taperWeeks });
  return phases.every((p) => p.weekCount >= 1) ? phases : undefined;
}

/** The last week whose long-run day is far enough from the race to hold the peak long run (C3). */
function lastPeakLongWeek(inputs: PlanInputs, total: number, taperWeeks: number): number {
  const window = PRE_RACE_LONG[distanceClass(inputs.distanceMiles)]?.longestDays ?? 0;
  const longDay = longDayOf(inputs);
  for (let n = total - taperWeeks; n >= 1; n -= 1) {
    if (daysBetween(dateOfPlanDay(inputs.startDate, n, longDay), inputs.raceDate) >= window) return n;
  }
  return 0;
}

/**
 * Whether the race can still be reached from the athlete's reduced state, by the rules' numbers;
 * undefined when it can, else why, in a sentence with the numbers.
 */
export function reachability(
  inputs: PlanInputs,
  phases: readonly Phase[],
  rampStart: number,
  ramp: ReturnRamp,
  breakDays: number,
): Unreachable | undefined {
  const distance = distanceClass(inputs.distanceMiles);
  const total = totalWeeksBetween(inputs.startDate, inputs.raceDate);
  const left = total - rampStart + 1;
  if (ramp.kind === 'base-block' && left < MIN_PLAN_WEEKS[distance]) {
    return {
      reason: `after ${breakDays} days off the plan restarts with a base block, and a ${distance} plan needs at least ${MIN_PLAN_WEEKS[distance]} weeks; ${Math.max(0, left)} are left before the race`,
      violations: [],
    };
  }
  const taperWeeks = phases.find((p) => p.name === 'taper')?.weekCount ?? 1;
  const need = requiredPeakLong(distance, total, projectPlan(inputs, phases).peakWeek, computePaces(inputs).easy);
  if (need <= 0) return undefined;
  // The long run as the ramp brings it back, then C3's +2 mi a week, a cutback every fourth week.
  let long = 0;
  let weeks = 0;
  for (const week of ramp.weeks) {
    weeks += 1;
    long = week.long;
  }
  let sinceCutback = 0;
  while (long < need - 1e-9 && weeks < 60) {
    weeks += 1;
    sinceCutback += 1;
    if (sinceCutback === 4) sinceCutback = 0;
    else long = Math.min(need, long + LONG_RUN.weeklyGain);
  }
  const lastWeek = lastPeakLongWeek(inputs, total, taperWeeks);
  const available = lastWeek - rampStart + 1;
  if (weeks > available) {
    const restart = ramp.weeks[0]?.long ?? 0;
    return {
      reason:
        `your long run restarts at ${restart} mi and the ${distance} asks a peak long run of ${need} mi ` +
        `${PRE_RACE_LONG[distance] ? `at least ${PRE_RACE_LONG[distance]?.longestDays} days before the race ` : ''}` +
        `(+${LONG_RUN.weeklyGain} mi a week at most): that takes ${weeks} weeks, and ${Math.max(0, available)} are left before the taper`,
      violations: [],
    };
  }
  return undefined;
}
