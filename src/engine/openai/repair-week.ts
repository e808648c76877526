/**
 * From the model's days to a `Week`, with the deterministic repairs that cannot change what the
 * plan means (PLAN-RULES v2 states the answer, so there is nothing to choose):
 * - days aligned to the week's day numbers; dates, weekday names, week number, phase and every
 *   mileage total computed here;
 * - lap indexes renumbered 1, 2, 3…; distances rounded to 0.001 mi;
 * - the session: a missing, unknown or other type's session becomes the first kind the day's type
 *   allows (R4); rest days name none;
 * - pace text normalised (`07:20`, `7:20/mi`, `0:07:20` → `7:20`); unreadable paces become null;
 * - paces snapped into the zones the day's session allows (C-paces, `zones.ts`): a lap already in
 *   an allowed zone keeps its pace; otherwise it takes the nearest allowed zone's pace — the fast
 *   edge of the easy range for easy laps, T for tempo laps, I for interval laps, target race pace
 *   exactly for race-pace laps; R only for short laps and I only for 2–5 minute reps. A lap slower
 *   than the easy range is the jog of a session with fast work (null) and the slow edge of easy on
 *   an easy-only day. So a v1 "moderate" lap at tempo pace becomes easy, and v1 interval reps at
 *   5K pace become I pace;
 * - warmup and cooldown: one lap each, run by feel (pace null), 0.5–1.0 mi. Several laps are
 *   merged; a missing one is taken from the easy running next to it when there is enough; the
 *   miles a lap is over the limit stay in the day (in the last workout lap of a steady day, as an
 *   easy lap before or after the work on a quality day);
 * - the race day as R4 defines it (one lap of the race distance at target race pace), rest the day
 *   before it and after it, and the shakeout two days before (a 2–4 mi run made from that day's
 *   miles when the model put something else there).
 * Anything else (a day's mileage, the long-run cap, phases, preferred days, quality sessions,
 * weekly volume) is a coaching choice: it is left for the validator and, if broken, sent back.
 */
import { dateOfPlanDay, dayNameOf, dayNumbersOfWeek, daysBetween } from '../../domain/calendar.js';
import { INTENSITY, WARMUP_LAP } from '../../domain/coaching-limits.js';
import { pacesForWeek, type TrainingPaces } from '../../domain/paces.js';
import { lapsMiles, phaseOfWeek } from '../../domain/plan-math.js';
import {
  SESSION_KINDS,
  SESSIONS_OF_TYPE,
  type Day,
  type DayType,
  type Lap,
  type Phase,
  type PlanInputs,
  type SessionKind,
  type Week,
} from '../../domain/schemas.js';
import { formatPace, parsePace } from '../../domain/time.js';
import { SESSION_ZONES, zoneOfLap, type Zone } from '../../domain/zones.js';
import type { ModelDay, ModelLap } from './output-schema.js';
import { MAX_NOTE_CHARS, cleanFreeText } from './prompt-data.js';

type Repair =
  | 'day-numbers'
  | 'lap-index'
  | 'lap-distance'
  | 'pace-format'
  | 'pace-zone'
  | 'session'
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

type DayBase = Pick<Day, 'dayNumber' | 'date' | 'dayOfWeek'>;

const STEADY: readonly DayType[] = ['easy', 'moderate', 'recovery', 'long', 'shakeout'];
const SHAKEOUT = { min: 2, max: 4, standard: 3 } as const;
/** The warmup or cooldown taken from the easy running next to it when the model left it out. */
const DEFAULT_EDGE = WARMUP_LAP.min;

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

/** The session a day of `type` names: the model's when the type allows it, else the type's first. */
export function sessionFor(type: DayType, text: string | null | undefined): SessionKind | undefined {
  const allowed = SESSIONS_OF_TYPE[type];
  const written = (text ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  const kind = SESSION_KINDS.find((k) => k === written);
  if (kind !== undefined && allowed.includes(kind)) return kind;
  return allowed[0];
}

function centreOf(zone: Exclude<Zone, 'E'>, p: TrainingPaces): number {
  switch (zone) {
    case 'M':
      return p.marathon;
    case 'T':
      return p.threshold;
    case 'I':
      return p.interval;
    case 'R':
      return p.repetition;
    case 'target':
      return p.target;
  }
}

/** The longest lap (seconds at R pace) that may be snapped to R: strides, hill and 200–300 m reps. */
const R_LAP_MAX_SECONDS = 90;

function isIntervalRep(miles: number, p: TrainingPaces): boolean {
  const seconds = miles * p.interval;
  return seconds >= INTENSITY.intervalRepSeconds.min && seconds <= INTENSITY.intervalRepSeconds.max;
}

function nearestZone(seconds: number, zones: readonly Zone[], p: TrainingPaces): Zone | undefined {
  let best: Zone | undefined;
  let bestPace = 0;
  let gap = Infinity;
  for (const zone of zones) {
    const to = zone === 'E' ? p.easyFast : centreOf(zone, p);
    const d = Math.abs(seconds - to);
    // Ties go to the slower zone: the safer session.
    if (d < gap || (d === gap && to > bestPace)) {
      best = zone;
      bestPace = to;
      gap = d;
    }
  }
  return best;
}

/**
 * The pace a workout lap of `session` may carry, from a readable one (seconds per mile): the same
 * pace when it is in a zone the session allows, else the pace of the nearest allowed zone — the
 * fast edge of the easy range, or a zone's own pace. A lap longer than a repetition (90 s) is never
 * made an R lap, and a lap that is no 2–5 minute I rep goes to another fast zone of the session
 * when it has one (with none, it stays an I rep and the validator names its length). A lap slower
 * than the easy range is the jog of a session with fast work (null), else the slow edge of easy.
 */
export function paceInZone(seconds: number, session: SessionKind, p: TrainingPaces, miles?: number): number | null {
  if (zoneOfLap(seconds, session, p) !== undefined) return seconds;
  const zones = SESSION_ZONES[session];
  if (seconds > p.easySlow) return zones.some((z) => z !== 'E') ? null : p.easySlow;
  // Race-pace laps go to the target exactly (M is accepted there, never aimed at), except in a
  // progression, where M is a stage of its own.
  const raceKind = zones.includes('target') && session !== 'progression';
  const candidates = zones.filter(
    (z) => !(z === 'M' && raceKind) && !(z === 'R' && miles !== undefined && miles * p.repetition > R_LAP_MAX_SECONDS),
  );
  let zone = nearestZone(seconds, candidates, p);
  if (zone === 'I' && miles !== undefined && !isIntervalRep(miles, p)) {
    zone =
      nearestZone(
        seconds,
        candidates.filter((z) => z !== 'E' && z !== 'I'),
        p,
      ) ?? zone;
  }
  if (zone === undefined || zone === 'E') return p.easyFast;
  return centreOf(zone, p);
}

function repairLaps(laps: readonly ModelLap[], session: SessionKind | undefined, edge: boolean, ctx: RepairContext): Lap[] {
  return laps.map((lap, i) => {
    if (lap.lapIndex !== i + 1) ctx.repairs.add('lap-index');
    const distanceMiles = round3(lap.distanceMiles);
    if (edge) {
      if (lap.paceGoal !== null) ctx.repairs.add('warmup-cooldown');
      return { lapIndex: i + 1, distanceMiles, paceGoal: null };
    }
    const normal = normalizePace(lap.paceGoal);
    if (normal !== lap.paceGoal) ctx.repairs.add('pace-format');
    const seconds = parsePace(normal ?? null);
    if (seconds === undefined || session === undefined) return { lapIndex: i + 1, distanceMiles, paceGoal: normal ?? null };
    const fitted = paceInZone(seconds, session, ctx.paces, lap.distanceMiles);
    if (fitted !== seconds) ctx.repairs.add('pace-zone');
    return { lapIndex: i + 1, distanceMiles, paceGoal: fitted === null ? null : formatPace(fitted) };
  });
}

function renumber(laps: Lap[]): Lap[] {
  return laps.map((lap, i) => ({ ...lap, lapIndex: i + 1 }));
}

function isEasyLap(lap: Lap | undefined, ctx: RepairContext): lap is Lap {
  if (lap === undefined) return false;
  const pace = parsePace(lap.paceGoal);
  return pace === undefined || pace >= ctx.paces.easyFast - 1;
}

/**
 * R3's warmup and cooldown: one lap each of 0.5–1.0 mi, run by feel. The day keeps its miles:
 * merged laps, a lap taken from the easy running next to it, and the miles over the limit moved
 * into the workout as easy running.
 */
function repairEdges(
  type: DayType,
  warmup: Lap[],
  workout: Lap[],
  cooldown: Lap[],
  ctx: RepairContext,
): { warmup: Lap[]; workout: Lap[]; cooldown: Lap[] } {
  let work = [...workout];
  const fix = (edge: Lap[], side: 'warmup' | 'cooldown'): Lap[] => {
    if (edge.length === 1) return edge;
    ctx.repairs.add('warmup-cooldown');
    if (edge.length > 1) return [{ lapIndex: 1, distanceMiles: round3(lapsMiles(edge)), paceGoal: null }];
    // Missing: taken from the easy lap next to it when that lap keeps at least a warmup's length.
    const i = side === 'warmup' ? 0 : work.length - 1;
    const next = work[i];
    if (!isEasyLap(next, ctx) || next.distanceMiles < DEFAULT_EDGE + WARMUP_LAP.min) return edge;
    work[i] = { ...next, distanceMiles: round3(next.distanceMiles - DEFAULT_EDGE) };
    return [{ lapIndex: 1, distanceMiles: DEFAULT_EDGE, paceGoal: null }];
  };
  const first = fix(warmup, 'warmup');
  const last = fix(cooldown, 'cooldown');
  const clampEdge = (edge: Lap[], side: 'warmup' | 'cooldown'): Lap[] => {
    const lap = edge[0];
    if (edge.length !== 1 || lap === undefined || !Number.isFinite(lap.distanceMiles)) return edge;
    const clamped = Math.min(WARMUP_LAP.max, Math.max(WARMUP_LAP.min, lap.distanceMiles));
    if (clamped === lap.distanceMiles) return edge;
    ctx.repairs.add('lap-distance');
    const over = round3(lap.distanceMiles - clamped);
    const tail = work[work.length - 1];
    if (STEADY.includes(type)) {
      // Steady running: the miles belong to the run (a short warmup's are taken back from it).
      if (tail && tail.distanceMiles + over > 0.25) work[work.length - 1] = { ...tail, distanceMiles: round3(tail.distanceMiles + over) };
    } else if (over > 0) {
      const jog: Lap = { lapIndex: 0, distanceMiles: over, paceGoal: null };
      work = side === 'warmup' ? [jog, ...work] : [...work, jog];
    }
    return [{ ...lap, distanceMiles: clamped }];
  };
  const w = clampEdge(first, 'warmup');
  const c = clampEdge(last, 'cooldown');
  return { warmup: w, workout: renumber(work), cooldown: c };
}

function restDay(base: DayBase, notes: string): Day {
  return { ...base, type: 'rest', warmup: [], workout: [], cooldown: [], notes };
}

/** R4's race day: the model's warmup and cooldown when they are right, one lap of the race at target. */
function raceDay(base: DayBase, model: ModelDay | undefined, notes: string, ctx: RepairContext): Day {
  const d = ctx.inputs.distanceMiles;
  const workout: Lap[] = [{ lapIndex: 1, distanceMiles: d, paceGoal: formatPace(ctx.paces.target) }];
  // As the rules engine makes it: a shorter warmup before the longer races.
  let warmup: Lap[] = [{ lapIndex: 1, distanceMiles: d > 10 ? 0.5 : 1, paceGoal: null }];
  let cooldown: Lap[] = [{ lapIndex: 1, distanceMiles: 0.5, paceGoal: null }];
  const edgeOk = (laps: readonly ModelLap[]): boolean => {
    const lap = laps[0];
    return (
      laps.length === 1 &&
      lap !== undefined &&
      lap.lapIndex === 1 &&
      lap.paceGoal === null &&
      lap.distanceMiles >= WARMUP_LAP.min &&
      lap.distanceMiles <= WARMUP_LAP.max
    );
  };
  if (model?.type === 'race') {
    const lap = model.workout[0];
    const same =
      model.workout.length === 1 &&
      lap !== undefined &&
      lap.lapIndex === 1 &&
      Math.abs(lap.distanceMiles - d) < 1e-9 &&
      lap.paceGoal === workout[0]?.paceGoal;
    if (edgeOk(model.warmup)) warmup = model.warmup.map((l) => ({ ...l, distanceMiles: round3(l.distanceMiles) }));
    if (edgeOk(model.cooldown)) cooldown = model.cooldown.map((l) => ({ ...l, distanceMiles: round3(l.distanceMiles) }));
    if (!same || !edgeOk(model.warmup) || !edgeOk(model.cooldown) || (model.session ?? null) !== 'race') ctx.repairs.add('race-day');
  } else {
    ctx.repairs.add('race-day');
  }
  return {
    ...base,
    type: 'race',
    session: 'race',
    warmup,
    workout,
    cooldown,
    notes: notes || 'Race day. Start controlled, finish strong.',
  };
}

function shakeoutDay(base: DayBase, miles: number): Day {
  const total = miles <= 0 ? SHAKEOUT.standard : Math.min(SHAKEOUT.max, Math.max(SHAKEOUT.min, Math.round(miles * 2) / 2));
  return {
    ...base,
    type: 'shakeout',
    session: 'shakeout',
    warmup: [{ lapIndex: 1, distanceMiles: 0.5, paceGoal: null }],
    workout: [{ lapIndex: 1, distanceMiles: total - 1, paceGoal: null }],
    cooldown: [{ lapIndex: 1, distanceMiles: 0.5, paceGoal: null }],
    notes: 'Shakeout: very easy, with a few relaxed strides. Two days to the race.',
  };
}

function repairDay(model: ModelDay | undefined, dayNumber: number, ctx: RepairContext): Day {
  const date = dateOfPlanDay(ctx.inputs.startDate, ctx.weekNumber, dayNumber);
  const base: DayBase = { dayNumber, date, dayOfWeek: dayNameOf(dayNumber) };
  const notes = model ? cleanFreeText(model.notes, MAX_NOTE_CHARS) : '';
  const afterRace = daysBetween(ctx.inputs.raceDate, date);
  if (afterRace === 0) return raceDay(base, model, model?.type === 'race' ? notes : '', ctx);
  if (afterRace > 0) {
    if (model && model.type !== 'rest') ctx.repairs.add('after-race');
    return restDay(base, 'Rest and recover after the race.');
  }
  if (afterRace === -1) {
    if (model && model.type !== 'rest') ctx.repairs.add('rest-before-race');
    return restDay(base, model?.type === 'rest' && notes ? notes : 'Rest: legs up, lay out your race kit. Race tomorrow.');
  }
  if (!model) return restDay(base, 'Rest day.');
  const type = model.type;
  if (type === 'rest') {
    if (model.session !== undefined && model.session !== null) ctx.repairs.add('session');
    // Laps on a rest day are the model's choice to make clear (R3.rest-empty is sent back).
    return {
      ...base,
      type,
      warmup: repairLaps(model.warmup, undefined, true, ctx),
      workout: repairLaps(model.workout, undefined, false, ctx),
      cooldown: repairLaps(model.cooldown, undefined, true, ctx),
      notes: notes || 'Rest day.',
    };
  }
  const session = sessionFor(type, model.session);
  if (session !== model.session) ctx.repairs.add('session');
  const laps = repairEdges(
    type,
    repairLaps(model.warmup, session, true, ctx),
    repairLaps(model.workout, session, false, ctx),
    repairLaps(model.cooldown, session, true, ctx),
    ctx,
  );
  if (afterRace === -2) {
    const miles = lapsMiles(laps.warmup) + lapsMiles(laps.workout) + lapsMiles(laps.cooldown);
    if (type !== 'shakeout' || miles < SHAKEOUT.min || miles > SHAKEOUT.max) {
      ctx.repairs.add('shakeout');
      return shakeoutDay(base, miles);
    }
  }
  return { ...base, type, ...(session === undefined ? {} : { session }), ...laps, notes };
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
  // The week's own paces: a recalibration accepted from a result (issue 18) applies from its week.
  const ctx: RepairContext = { inputs, paces: pacesForWeek(inputs, weekNumber), weekNumber, repairs: new Set() };
  const expected = dayNumbersOfWeek(inputs.startDate, weekNumber);
  const aligned = alignDays(days, expected, ctx);
  const repaired = expected.map((d, i) => repairDay(aligned[i], d, ctx));
  let miles = 0;
  for (const day of repaired) miles += lapsMiles(day.warmup) + lapsMiles(day.workout) + lapsMiles(day.cooldown);
  const week: Week = { weekNumber, phase: phaseOfWeek(phases, weekNumber) ?? 'base', miles: round3(miles), days: repaired };
  return { week, repairs: ctx.repairs };
}

/** A week in the model's output shape: what is sent back with its violations. */
export function modelDaysOf(week: Week): ModelDay[] {
  const laps = (list: readonly Lap[]): ModelLap[] =>
    list.map(({ lapIndex, distanceMiles, paceGoal }) => ({ lapIndex, distanceMiles, paceGoal }));
  return week.days.map((d) => ({
    dayNumber: d.dayNumber,
    type: d.type,
    session: d.session ?? null,
    warmup: laps(d.warmup),
    workout: laps(d.workout),
    cooldown: laps(d.cooldown),
    notes: d.notes,
  }));
}
