/**
 * From the model's days to a `Week`, with the deterministic repairs that cannot change what the
 * plan means (PLAN-RULES.md states the answer, so there is nothing to choose):
 * - days aligned to the week's day numbers; dates, weekday names, week number, phase and every
 *   mileage total computed here;
 * - lap indexes renumbered 1, 2, 3…; distances rounded to 0.001 mi;
 * - pace text normalised (`07:20`, `7:20/mi`, `0:07:20` → `7:20`); unreadable paces become null;
 * - warmup and cooldown laps run by feel (pace null) and clamped to 0.5–1.0 mi, the difference
 *   moved into the workout on steady days (easy, moderate, recovery, long, shakeout) so that the
 *   day keeps its miles;
 * - paces clamped into the bands: too-fast easy laps to easy pace, long-run laps into goal–easy,
 *   interval and tempo laps faster than their band to its fast edge; interval or tempo laps slower
 *   than the band are the jogs and easy miles of the session, so they lose their pace (null);
 * - the race day as R4 defines it, rest the day before it and after it, and the shakeout two days
 *   before (a 2–4 mi run made from that day's miles when the model put something else there).
 * Anything else (a day's mileage, the long-run cap, phases, preferred days, hard days, weekly
 * volume) is a coaching choice: it is left for the validator and, if broken, sent back.
 */
import { dateOfPlanDay, dayNameOf, dayNumbersOfWeek, daysBetween } from '../../domain/calendar.js';
import { WARMUP_LAP } from '../../domain/coaching-limits.js';
import { computePaces, type TrainingPaces } from '../../domain/paces.js';
import type { Day, DayType, Lap, Phase, PlanInputs, Week } from '../../domain/schemas.js';
import { formatPace, parsePace } from '../../domain/time.js';
import { RULE_RATIOS, phaseOfWeek } from '../../domain/validator.js';
import type { ModelDay, ModelLap } from './output-schema.js';
import { MAX_NOTE_CHARS, cleanFreeText } from './prompt-data.js';

export type Repair =
  | 'day-numbers'
  | 'lap-index'
  | 'lap-distance'
  | 'pace-format'
  | 'pace-band'
  | 'warmup-cooldown'
  | 'race-day'
  | 'rest-before-race'
  | 'after-race'
  | 'shakeout';

export type RepairedWeek = { readonly week: Week; readonly repairs: ReadonlySet<Repair> };

type RepairContext = {
  readonly inputs: PlanInputs;
  readonly paces: TrainingPaces;
  readonly weekNumber: number;
  readonly repairs: Set<Repair>;
};

const STEADY: readonly DayType[] = ['easy', 'moderate', 'recovery', 'long', 'shakeout'];
const SHAKEOUT = { min: 2, max: 4, standard: 3 } as const;

function round3(miles: number): number {
  return Math.round(miles * 1000) / 1000;
}

/** `M:SS` from the ways paces get written; null for null, undefined when unreadable. */
export function normalizePace(text: string | null): string | null | undefined {
  if (text === null) return null;
  const trimmed = text.trim();
  if (trimmed === '' || /^(null|none|easy|by feel|-)$/i.test(trimmed)) return null;
  const match = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\s*(?:\/|per|min)\s*.*)?$/i.exec(trimmed);
  if (!match) return undefined;
  let minutes = Number(match[1]);
  let seconds = Number(match[2]);
  if (match[3] !== undefined) {
    // H:MM:SS with zero hours (`0:07:20`); any real hour count is not a pace per mile.
    if (minutes !== 0) return undefined;
    minutes = seconds;
    seconds = Number(match[3]);
  }
  if (seconds > 59 || minutes === 0) return undefined;
  return formatPace(minutes * 60 + seconds);
}

function clampPace(seconds: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, seconds));
}

/** The pace a workout lap of this day type may carry (PLAN-RULES "Paces"), from a readable one. */
function paceInBand(type: DayType, seconds: number, p: TrainingPaces): number | null {
  switch (type) {
    case 'easy':
    case 'recovery':
    case 'shakeout':
      return seconds < p.predictedMarathon + 1 ? p.easy : seconds;
    case 'intervals': {
      const low = p.fiveK - RULE_RATIOS.intervalPaceTolerance;
      const high = p.fiveK + RULE_RATIOS.intervalPaceTolerance;
      if (seconds > high) return null;
      return Math.max(low, seconds);
    }
    case 'tempo': {
      const high = Math.max(p.predicted, p.goal) + RULE_RATIOS.tempoPaceMargin;
      if (p.fiveK > high || seconds > high) return null;
      return Math.max(p.fiveK, seconds);
    }
    case 'long':
      return clampPace(seconds, Math.min(p.goal, p.easy), Math.max(p.goal, p.easy));
    default:
      return seconds;
  }
}

function repairLaps(laps: readonly ModelLap[], type: DayType, edge: boolean, ctx: RepairContext): Lap[] {
  return laps.map((lap, i) => {
    if (lap.lapIndex !== i + 1) ctx.repairs.add('lap-index');
    const distanceMiles = round3(lap.distanceMiles);
    let paceGoal: string | null;
    if (edge) {
      if (lap.paceGoal !== null) ctx.repairs.add('warmup-cooldown');
      paceGoal = null;
    } else {
      const normal = normalizePace(lap.paceGoal);
      if (normal !== lap.paceGoal) ctx.repairs.add('pace-format');
      const seconds = parsePace(normal ?? null);
      const fitted = seconds === undefined ? null : paceInBand(type, seconds, ctx.paces);
      if (seconds !== undefined && fitted !== seconds) ctx.repairs.add('pace-band');
      paceGoal = fitted === null ? null : formatPace(fitted);
    }
    return { lapIndex: i + 1, distanceMiles, paceGoal };
  });
}

/** Clamps warmup/cooldown laps to 0.5–1.0 mi; returns the miles taken off (negative: added). */
function clampEdgeLaps(laps: Lap[], ctx: RepairContext): number {
  let removed = 0;
  for (const lap of laps) {
    if (!Number.isFinite(lap.distanceMiles)) continue;
    const clamped = Math.min(WARMUP_LAP.max, Math.max(WARMUP_LAP.min, lap.distanceMiles));
    if (clamped !== lap.distanceMiles) {
      ctx.repairs.add('lap-distance');
      removed += lap.distanceMiles - clamped;
      lap.distanceMiles = clamped;
    }
  }
  return removed;
}

function lapsMiles(...parts: readonly (readonly Lap[])[]): number {
  let total = 0;
  for (const laps of parts) for (const lap of laps) total += lap.distanceMiles;
  return total;
}

function restDay(base: Omit<Day, 'type' | 'warmup' | 'workout' | 'cooldown' | 'notes'>, notes: string): Day {
  return { ...base, type: 'rest', warmup: [], workout: [], cooldown: [], notes };
}

function raceDay(base: Omit<Day, 'type' | 'warmup' | 'workout' | 'cooldown' | 'notes'>, notes: string, ctx: RepairContext): Day {
  const d = ctx.inputs.distanceMiles;
  return {
    ...base,
    type: 'race',
    // As the rules engine makes it: a shorter warmup before the longer races.
    warmup: [{ lapIndex: 1, distanceMiles: d > 10 ? 0.5 : 1, paceGoal: null }],
    workout: [{ lapIndex: 1, distanceMiles: d, paceGoal: formatPace(ctx.paces.goal) }],
    cooldown: [{ lapIndex: 1, distanceMiles: 0.5, paceGoal: null }],
    notes: notes || 'Race day. Start controlled, finish strong.',
  };
}

function shakeoutDay(base: Omit<Day, 'type' | 'warmup' | 'workout' | 'cooldown' | 'notes'>, miles: number): Day {
  const total = miles <= 0 ? SHAKEOUT.standard : Math.min(SHAKEOUT.max, Math.max(SHAKEOUT.min, Math.round(miles * 2) / 2));
  return {
    ...base,
    type: 'shakeout',
    warmup: [{ lapIndex: 1, distanceMiles: 0.5, paceGoal: null }],
    workout: [{ lapIndex: 1, distanceMiles: total - 1, paceGoal: null }],
    cooldown: [{ lapIndex: 1, distanceMiles: 0.5, paceGoal: null }],
    notes: 'Shakeout: very easy, with a few relaxed strides. Two days to the race.',
  };
}

function repairDay(model: ModelDay | undefined, dayNumber: number, ctx: RepairContext): Day {
  const date = dateOfPlanDay(ctx.inputs.startDate, ctx.weekNumber, dayNumber);
  const base = { dayNumber, date, dayOfWeek: dayNameOf(dayNumber) };
  const notes = model ? cleanFreeText(model.notes, MAX_NOTE_CHARS) : '';
  const toRace = daysBetween(ctx.inputs.raceDate, date);
  if (toRace === 0) {
    if (model?.type !== 'race') ctx.repairs.add('race-day');
    return raceDay(base, model?.type === 'race' ? notes : '', ctx);
  }
  if (toRace > 0) {
    if (model && model.type !== 'rest') ctx.repairs.add('after-race');
    return restDay(base, 'Rest and recover after the race.');
  }
  if (toRace === -1) {
    if (model && model.type !== 'rest') ctx.repairs.add('rest-before-race');
    return restDay(base, model?.type === 'rest' && notes ? notes : 'Rest: legs up, lay out your race kit. Race tomorrow.');
  }
  if (!model) return restDay(base, 'Rest day.');
  const type = model.type;
  const warmup = repairLaps(model.warmup, type, true, ctx);
  const workout = repairLaps(model.workout, type, false, ctx);
  const cooldown = repairLaps(model.cooldown, type, true, ctx);
  if (toRace === -2) {
    const miles = lapsMiles(warmup, workout, cooldown);
    if (type !== 'shakeout' || miles < SHAKEOUT.min || miles > SHAKEOUT.max) {
      ctx.repairs.add('shakeout');
      return shakeoutDay(base, miles);
    }
  }
  if (type !== 'rest') {
    const removed = clampEdgeLaps(warmup, ctx) + clampEdgeLaps(cooldown, ctx);
    const last = workout[workout.length - 1];
    // Steady running: the miles a warmup or cooldown was too long (or short) by belong to the run.
    if (removed !== 0 && last && STEADY.includes(type) && last.distanceMiles + removed > 0.25) {
      last.distanceMiles = round3(last.distanceMiles + removed);
    }
  }
  return { ...base, type, warmup, workout, cooldown, notes: notes || (type === 'rest' ? 'Rest day.' : '') };
}

/** The model's days in the order of the week's day numbers; a missing day is undefined. */
function alignDays(days: readonly ModelDay[], expected: readonly number[], ctx: RepairContext): (ModelDay | undefined)[] {
  const byNumber = new Map<number, ModelDay>();
  for (const day of days) {
    const n = Math.round(day.dayNumber);
    if (!byNumber.has(n)) byNumber.set(n, day);
  }
  const inOrder = days.length === expected.length && days.every((day, i) => day.dayNumber === expected[i]);
  if (inOrder) return [...days];
  ctx.repairs.add('day-numbers');
  if (expected.every((n) => byNumber.has(n))) return expected.map((n) => byNumber.get(n));
  // Numbered some other way (0–6, or days of the whole week in a partial week 1): by position.
  if (days.length === expected.length) return [...days];
  return expected.map((n) => byNumber.get(n));
}

export function repairWeek(days: readonly ModelDay[], inputs: PlanInputs, phases: readonly Phase[], weekNumber: number): RepairedWeek {
  const ctx: RepairContext = { inputs, paces: computePaces(inputs), weekNumber, repairs: new Set() };
  const expected = dayNumbersOfWeek(inputs.startDate, weekNumber);
  const aligned = alignDays(days, expected, ctx);
  const repaired = expected.map((d, i) => repairDay(aligned[i], d, ctx));
  let miles = 0;
  for (const day of repaired) miles += lapsMiles(day.warmup, day.workout, day.cooldown);
  const week: Week = { weekNumber, phase: phaseOfWeek(phases, weekNumber) ?? 'base', miles: round3(miles), days: repaired };
  return { week, repairs: ctx.repairs };
}

/** A week in the model's output shape: what is sent back with its violations. */
export function modelDaysOf(week: Week): ModelDay[] {
  const laps = (list: readonly Lap[]): ModelLap[] => list.map(({ lapIndex, distanceMiles, paceGoal }) => ({ lapIndex, distanceMiles, paceGoal }));
  return week.days.map((d) => ({
    dayNumber: d.dayNumber,
    type: d.type,
    warmup: laps(d.warmup),
    workout: laps(d.workout),
    cooldown: laps(d.cooldown),
    notes: d.notes,
  }));
}
