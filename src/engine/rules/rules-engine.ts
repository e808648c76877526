/**
 * The GoFast model as a deterministic engine, coach-grade (PLAN-RULES v2): phases from the plan
 * length, the plan's curve (plan-projection), then each week from the curve, the weeks before it
 * and what the athlete logged. Same inputs (and variant), same plan.
 *
 * A week is built, then checked by the validator. When it breaks a rule (a week squeezed between
 * its bounds, a day too short for the session it was given), the engine steps down a ladder of
 * simpler weeks, one quality session fewer, no strides, a smaller week, and at last the floor,
 * and returns the first that holds every rule. A week that fails at every step is a bug and throws.
 */
import { RulesViolatedError } from '../../domain/errors.js';
import { computePaces } from '../../domain/paces.js';
import { planWarnings } from '../../domain/plan-inputs.js';
import { roundMiles, weekMiles } from '../../domain/plan-math.js';
import type { Day, DayType, Phase, PlanInputs, PlanOutline, PlannedWeek, Week } from '../../domain/schemas.js';
import { dateOfPlanDay, dayNameOf } from '../../domain/calendar.js';
import { formatPace } from '../../domain/time.js';
import { distanceClass } from '../../domain/units.js';
import { totalWeeksOf, validatePhases, validateStart, validateWeek, type Violation } from '../../domain/validator.js';
import { NoMoreTakesError, type NextWeekRequest, type OutlineRequest, type PlanEngine, type RampWeek } from '../plan-engine.js';
import { splitPhases } from './phase-split.js';
import {
  easyWorkout,
  longWorkout,
  qualityWorkout,
  raceWorkout,
  shakeoutWorkout,
  stridesWorkout,
  weekBudget,
  type QualityKind,
  type SessionContext,
  type Workout,
} from './session-library.js';
import { FIRST_TAKE, buildFrame, type Take, type WeekFrame } from './week-frame.js';
import { layoutWeek, type LayoutOptions, type Role, type Slot } from './week-layout.js';
import { preTuneUpNote, tuneUpInWeek, tuneUpWorkout } from './tune-up-week.js';

const RULES_ENGINE_NAME = 'rules';

/**
 * The quality sessions a week asks for, by phase and race, rotating week by week; past the base,
 * kinds the plan has not used yet come first, so even a short plan meets C4's variety.
 */
function qualityKinds(frame: WeekFrame, slot: number, count: number, thisWeek: ReadonlySet<string>): QualityKind[] {
  const designed = designedKinds(frame, slot, count);
  // Two sessions of one kind in a week is no plan: this week's kinds go last.
  const kinds = [...designed.filter((k) => !thisWeek.has(k)), ...designed.filter((k) => thisWeek.has(k))];
  if (frame.phase === 'base') return kinds;
  const used = (k: string): boolean => frame.usedKinds.has(k) || thisWeek.has(k);
  const fresh = (k: QualityKind): boolean =>
    !used(k) && !(k === 'cruise-intervals' && used('tempo')) && !(k === 'tempo' && used('cruise-intervals'));
  return [...kinds.filter(fresh), ...kinds.filter((k) => !fresh(k))];
}

function designedKinds(frame: WeekFrame, slot: number, count: number): QualityKind[] {
  const turn = (frame.weekNumber + frame.variant) % 2 === 0;
  const short = frame.distance === '5k' || frame.distance === '10k';
  const threshold: QualityKind[] = turn ? ['tempo', 'cruise-intervals'] : ['cruise-intervals', 'tempo'];
  const vo2: QualityKind[] = ['intervals', 'fartlek'];
  switch (frame.phase) {
    case 'base':
      return turn ? ['hills', 'fartlek'] : ['fartlek', 'hills'];
    case 'build':
      if (count === 1) return turn ? [...threshold, ...vo2] : [...vo2, ...threshold];
      if (slot === 0) return [...threshold, ...vo2];
      return short || frame.progress < 0.5 || turn ? [...vo2, 'progression', ...threshold] : ['progression', ...vo2, ...threshold];
    case 'peak': {
      const race: QualityKind[] = short ? ['race-pace', 'intervals'] : turn ? ['race-pace', 'progression'] : ['progression', 'race-pace'];
      if (count === 1) {
        const i = (frame.weekNumber + frame.variant) % 3;
        return i === 0 ? [...race, ...threshold, ...vo2] : i === 1 ? [...vo2, ...threshold, ...race] : [...threshold, ...race, ...vo2];
      }
      return slot === 0 ? (short ? [...vo2, ...race, ...threshold] : [...race, ...threshold, ...vo2]) : [...threshold, ...vo2, ...race];
    }
    case 'taper':
      return short ? ['intervals', 'race-pace', ...threshold] : ['race-pace', 'cruise-intervals', 'tempo'];
  }
}

const TYPE_OF_ROLE: Record<Role, DayType> = {
  rest: 'rest',
  race: 'race',
  shakeout: 'shakeout',
  long: 'long',
  quality: 'tempo',
  'medium-long': 'moderate',
  easy: 'easy',
  strides: 'easy',
  recovery: 'recovery',
};

function typeOfSession(workout: Workout, role: Role): DayType {
  if (role !== 'quality') return TYPE_OF_ROLE[role];
  return workout.session === 'intervals' || workout.session === 'hills' || workout.session === 'fartlek' ? 'intervals' : 'tempo';
}

function restNote(frame: WeekFrame, dayNumber: number): string {
  const fixed = frame.fixed.get(dayNumber);
  if (fixed === 'rest-before-race') return 'Rest: legs up, lay out your race kit. Race tomorrow.';
  if (fixed === 'after-race') return 'Rest and recover after the race.';
  if (fixed === 'pre-tune-up') return preTuneUpNote(false);
  return 'Rest day: the training takes hold while you recover.';
}

function buildDays(frame: WeekFrame, slots: readonly Slot[]): Day[] | undefined {
  const total = slots.reduce((t, s) => t + (s.role === 'race' ? 0 : s.miles), 0);
  const budget = weekBudget(total);
  const paces = frame.sessionPaces;
  const ctx: SessionContext = {
    paces,
    distance: frame.distance,
    progress: frame.progress,
    budget,
    fastCap: frame.phase === 'taper' && !frame.raceWeek && frame.peakFastMiles > 0 ? 0.7 * frame.peakFastMiles - 0.05 : Infinity,
    recentTemplates: frame.recentTemplates,
    raceName: frame.inputs.raceName,
    goalSeconds: frame.inputs.goalTimeSeconds,
  };
  const workouts = new Map<number, Workout>();
  const quality = slots.filter((s) => s.role === 'quality');
  const templates = [...frame.recentTemplates];
  const thisWeek = new Set<string>();
  for (const [i, s] of quality.entries()) {
    const w = qualityWorkout(qualityKinds(frame, i, quality.length, thisWeek), s.miles, { ...ctx, recentTemplates: templates.slice(-2) });
    if (!w) return undefined;
    thisWeek.add(w.session);
    workouts.set(s.dayNumber, w);
    templates.push(w.template);
  }
  const finish =
    (frame.distance === 'half' || frame.distance === 'marathon') &&
    !frame.cutback &&
    !frame.capped &&
    (frame.phase === 'peak' || (frame.phase === 'build' && frame.progress >= 0.6)) &&
    (frame.weekNumber + frame.variant) % 2 === 0;
  for (const s of slots) {
    if (s.role === 'long') workouts.set(s.dayNumber, longWorkout(s.miles, finish, ctx));
  }
  for (const s of slots) {
    switch (s.role) {
      case 'easy':
        workouts.set(s.dayNumber, easyWorkout('easy', s.miles, paces));
        break;
      case 'recovery':
        workouts.set(s.dayNumber, easyWorkout('recovery', s.miles, paces));
        break;
      case 'medium-long':
        workouts.set(s.dayNumber, easyWorkout('medium-long', s.miles, paces));
        break;
      case 'strides':
        workouts.set(s.dayNumber, stridesWorkout(s.miles, paces, budget));
        break;
      case 'shakeout': {
        const w = shakeoutWorkout(s.miles);
        workouts.set(s.dayNumber, frame.fixed.get(s.dayNumber) === 'pre-tune-up' ? { ...w, notes: preTuneUpNote(true) } : w);
        break;
      }
      case 'race': {
        const tuneUp = frame.fixed.get(s.dayNumber) === 'tune-up' ? tuneUpInWeek(frame.inputs, frame.weekNumber) : undefined;
        workouts.set(
          s.dayNumber,
          tuneUp
            ? tuneUpWorkout(frame.inputs, frame.weekNumber, tuneUp)
            : raceWorkout(frame.inputs.distanceMiles, paces, frame.inputs.raceName, frame.inputs.goalTimeSeconds),
        );
        break;
      }
      default:
        break;
    }
  }
  const firstRun = slots.find((s) => s.role !== 'rest' && s.role !== 'race')?.dayNumber;
  return slots.map((s) => {
    const base = {
      dayNumber: s.dayNumber,
      date: dateOfPlanDay(frame.inputs.startDate, frame.weekNumber, s.dayNumber),
      dayOfWeek: dayNameOf(s.dayNumber),
    };
    const w = workouts.get(s.dayNumber);
    if (s.role === 'rest' || !w)
      return { ...base, type: 'rest' as const, warmup: [], workout: [], cooldown: [], notes: restNote(frame, s.dayNumber) };
    const notes = frame.driftedEasy !== undefined && s.dayNumber === firstRun ? `${w.notes} ${driftNote(frame)}` : w.notes;
    return {
      ...base,
      type: typeOfSession(w, s.role),
      session: w.session,
      warmup: w.warmup,
      workout: w.workout,
      cooldown: w.cooldown,
      notes,
    };
  });
}

function driftNote(frame: WeekFrame): string {
  const easy = frame.driftedEasy ?? frame.paces.easy;
  const way = easy > frame.paces.easy ? 'slower' : 'faster';
  // Both paces carry their unit, so a km athlete reads both in km (`notesIn`).
  return `Easy pace this week is ${formatPace(easy)}/mi (from ${formatPace(frame.paces.easy)}/mi): last week's logged average ran ${way} than planned.`;
}

/** The ladder of weeks to try, from the full design down to the floor. */
function ladder(frame: WeekFrame): LayoutOptions[] {
  const q = frame.quality;
  const steps: LayoutOptions[] = [];
  for (const scale of [1, 0.92, 0.85, 0.75, 0.6]) {
    for (let quality = q; quality >= 0; quality -= 1) {
      steps.push({ quality, withLong: true, strides: true, scale, floor: false });
      steps.push({ quality, withLong: true, strides: false, scale, floor: false });
    }
  }
  steps.push({ quality: 0, withLong: false, strides: true, scale: 0.75, floor: false });
  steps.push({ quality: 0, withLong: false, strides: false, scale: 0.6, floor: false });
  steps.push({ quality: 0, withLong: false, strides: false, scale: 1, floor: true });
  return steps;
}

/** Builds week N from the weeks before it; throws `RulesViolatedError` if no week holds every rule. */
export function buildWeek(
  inputs: PlanInputs,
  phases: readonly Phase[],
  weeks: readonly PlannedWeek[],
  weekNumber: number,
  variant = 0,
  paceDrift: 'use' | 'ignore' = 'use',
  take: Take = FIRST_TAKE,
  ramp?: RampWeek,
): Week {
  const totalWeeks = totalWeeksOf(inputs);
  if (weekNumber < 1 || weekNumber > totalWeeks) {
    throw new RangeError(`week ${weekNumber} is outside this ${totalWeeks}-week plan`);
  }
  if (weeks.length < weekNumber - 1) throw new RangeError(`week ${weekNumber} needs weeks 1–${weekNumber - 1} first`);
  const prior = weeks.slice(0, weekNumber - 1);
  const frame = buildFrame({ inputs, phases, weeks: prior, weekNumber, variant, paceDrift, take, ...(ramp ? { ramp } : {}) });
  let first: Violation[] | undefined;
  for (const options of ladder(frame)) {
    const slots = layoutWeek(frame, options);
    if (!slots) continue;
    const days = buildDays(frame, slots);
    if (!days) continue;
    const week: Week = { weekNumber, phase: frame.phase, miles: 0, days };
    week.miles = roundMiles(weekMiles(week));
    const violations = validateWeek({ inputs, phases: [...phases], weeks: [...prior, week] }, weekNumber);
    if (violations.length === 0) return week;
    first ??= violations;
  }
  throw new RulesViolatedError(first ?? [{ rule: 'R1.week-number', message: `week ${weekNumber}: no layout fits its window`, weekNumber }]);
}

/**
 * The choices a preview take can make, the first varying fastest: Week 1's quality day, its
 * strides day, the order of the session kinds (hills or fartlek first), the rest day of a six- or
 * seven-day week, and last the split of the weeks before the taper (a base one week longer or
 * shorter, the build taking up the difference). Picks past a week's candidates fall back to the
 * last one, and the resulting duplicates are dropped by `distinctOutlines`, so these numbers only
 * bound the search.
 */
const QUALITY_PICKS = 3;
const STRIDES_PICKS = 4;
const KIND_ORDERS = 2;
const REST_PICKS = 3;
const BASE_SHIFTS = [0, 1, -1] as const;

type TakeChoice = { readonly take: Take; readonly kindOrder: number; readonly baseShift: number };

function* takes(): Generator<TakeChoice> {
  for (const baseShift of BASE_SHIFTS)
    for (let rest = 0; rest < REST_PICKS; rest += 1)
      for (let kindOrder = 0; kindOrder < KIND_ORDERS; kindOrder += 1)
        for (let strides = 0; strides < STRIDES_PICKS; strides += 1)
          for (let quality = 0; quality < QUALITY_PICKS; quality += 1)
            yield { take: { qualityPick: quality, stridesPick: strides, restPick: rest }, kindOrder, baseShift };
}

/** The phases with the base `shift` weeks longer and the build as much shorter; undefined if either would vanish. */
function shiftedPhases(phases: readonly Phase[], shift: number): Phase[] | undefined {
  if (shift === 0) return [...phases];
  const out = phases.map((p) => ({ ...p, weekCount: p.weekCount + (p.name === 'base' ? shift : p.name === 'build' ? -shift : 0) }));
  return out.every((p) => p.weekCount >= 1) ? out : undefined;
}

/** What the athlete sees of a preview: the phases and Week 1's days (kind, session, laps). */
function seenOf(outline: PlanOutline): string {
  const laps = (d: Day) => [...d.warmup, ...d.workout, ...d.cooldown].map((l) => `${l.distanceMiles}@${l.paceGoal ?? '-'}`).join(',');
  return JSON.stringify([
    outline.phases.map((p) => `${p.name}:${p.weekCount}`),
    outline.week.days.map((d) => `${d.dayNumber}:${d.type}:${d.session ?? ''}:${laps(d)}`),
  ]);
}

/**
 * The distinct previews of `inputs`, in the order of `takes()`: each differs from every earlier
 * one in what the athlete sees. Each is built and checked like the first take.
 */
function* distinctOutlines(inputs: PlanInputs): Generator<PlanOutline> {
  const totalWeeks = totalWeeksOf(inputs);
  const split = splitPhases(totalWeeks, distanceClass(inputs.distanceMiles));
  const planViolations = [...validateStart(inputs), ...validatePhases(inputs, split)];
  if (planViolations.length > 0) throw new RulesViolatedError(planViolations);
  const paces = computePaces(inputs);
  const warnings = planWarnings(inputs);
  const seen = new Set<string>();
  for (const { take, kindOrder, baseShift } of takes()) {
    const phases = shiftedPhases(split, baseShift);
    // Another split is a take only when R1 holds for it (the taper is never touched).
    if (!phases || validatePhases(inputs, phases).length > 0) continue;
    const outline: PlanOutline = { totalWeeks, paces, warnings, phases, week: buildWeek(inputs, phases, [], 1, kindOrder, 'use', take) };
    const key = seenOf(outline);
    if (seen.has(key)) continue;
    seen.add(key);
    yield outline;
  }
}

/**
 * Phases and Week 1: the preview. `variant` is the take: 0 is the engine's first choice, take N
 * the N-th of `distinctOutlines`; past the last, `NoMoreTakesError`.
 */
export function buildOutline(inputs: PlanInputs, variant = 0): PlanOutline {
  let n = 0;
  for (const outline of distinctOutlines(inputs)) {
    if (n === variant) return outline;
    n += 1;
  }
  throw new NoMoreTakesError(variant);
}

/** Every preview take the engine has for `inputs`, take 0 first. */
export function previewTakes(inputs: PlanInputs): PlanOutline[] {
  return [...distinctOutlines(inputs)];
}

export function createRulesEngine(): PlanEngine {
  return {
    name: RULES_ENGINE_NAME,
    outline: async (request: OutlineRequest) => buildOutline(request.inputs, request.variant ?? 0),
    nextWeek: async (request: NextWeekRequest) =>
      buildWeek(
        request.inputs,
        request.phases,
        request.weeks,
        request.weekNumber,
        request.variant ?? 0,
        request.paceDrift ?? 'use',
        FIRST_TAKE,
        request.ramp,
      ),
  };
}
