/**
 * Paces, in whole seconds per mile, as PLAN-RULES v2 (C-paces) defines them: the Daniels–Gilbert
 * VDOT from the athlete's 5K, and every training pace as the speed at a fraction of it.
 *
 *   VO2(v)   = −4.60 + 0.182258 v + 0.000104 v²          (v in metres per minute)
 *   %max(t)  = 0.8 + 0.1894393 e^(−0.012778 t) + 0.2989558 e^(−0.1932605 t)   (t in minutes)
 *   VDOT     = VO2(d / t) / %max(t)
 *
 * A pace "at fraction f" is the v with VO2(v) = f × VDOT (the positive root of the quadratic).
 * The predicted time at any distance is the t for which VDOT(d, t) equals the athlete's VDOT
 * (found by bisection: VDOT(d, t) falls as t grows).
 *
 * Settlement (PLAN-RULES leaves it open): the target race pace is the goal pace when the goal is
 * within 3% of the predicted pace or slower than predicted (a slower goal is the safer plan);
 * a goal more than 3% faster trains at predicted × 0.97. For half and marathon plans the target
 * is never faster than threshold pace.
 */
import { formatDuration, formatPace } from './time.js';
import { RACE_DISTANCES, distanceClass } from './units.js';

export const FIVE_K_MILES = RACE_DISTANCES['5k'];
const MARATHON_MILES = RACE_DISTANCES.marathon;
export const METRES_PER_MILE = 1609.344;

/** Fractions of VDOT of each training pace (C-paces). */
const PACE_FRACTIONS = {
  easySlow: 0.62,
  easy: 0.7,
  easyFast: 0.74,
  threshold: 0.88,
  interval: 0.975,
} as const;

/** R pace is I pace less 6 seconds per 400 m. */
const REPETITION_GAIN_PER_400M = 6;

/** Tolerances of C-paces: a lap at pace p is in a zone when |p − zone| ≤ share × zone. */
export const ZONE_TOLERANCE = { marathon: 0.02, threshold: 0.02, interval: 0.02, repetition: 0.03 } as const;

/** C-goal: a goal more than this much faster than predicted is warned about / asks to choose. */
export const GOAL_WARN_SHARE = 0.03;
export const GOAL_CHOOSE_SHARE = 0.08;

export type PaceInputs = {
  readonly distanceMiles: number;
  readonly goalTimeSeconds: number;
  readonly fiveKSeconds: number;
};

/**
 * Every pace of a plan, seconds per mile (`vdot` and `predictedTime` excepted). `fiveK`,
 * `predictedMarathon`, `goal` and `tempo` are the v1 keys kept for the seed's API consumers:
 * `predictedMarathon` equals `marathon` and `tempo` equals `threshold`.
 */
export type TrainingPaces = {
  readonly vdot: number;
  readonly fiveK: number;
  /** The predicted race pace at the plan's distance, and the predicted time (seconds). */
  readonly predicted: number;
  readonly predictedTime: number;
  readonly predictedMarathon: number;
  readonly goal: number;
  /** The easy range: `easySlow` (f 0.62) to `easyFast` (f 0.74); `easy` (f 0.70) inside it. */
  readonly easySlow: number;
  readonly easy: number;
  readonly easyFast: number;
  readonly marathon: number;
  readonly threshold: number;
  readonly tempo: number;
  readonly interval: number;
  readonly repetition: number;
  /** The pace race-pace laps and the race lap use (C-paces "target race pace"). */
  readonly target: number;
};

function vo2(metresPerMinute: number): number {
  return -4.6 + 0.182258 * metresPerMinute + 0.000104 * metresPerMinute * metresPerMinute;
}

function percentMax(minutes: number): number {
  return 0.8 + 0.1894393 * Math.exp(-0.012778 * minutes) + 0.2989558 * Math.exp(-0.1932605 * minutes);
}

/** VDOT of a race: `metres` run in `seconds`. */
export function vdotOf(metres: number, seconds: number): number {
  const minutes = seconds / 60;
  return vo2(metres / minutes) / percentMax(minutes);
}

/** Seconds per mile of the speed whose VO2 is `fraction` × `vdot`. */
export function paceAtFraction(vdot: number, fraction: number): number {
  const a = 0.000104;
  const b = 0.182258;
  const c = -4.6 - fraction * vdot;
  const metresPerMinute = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
  return (METRES_PER_MILE / metresPerMinute) * 60;
}

/** The time (seconds) for `miles` that an athlete of this VDOT is predicted to run. */
export function predictedSeconds(vdot: number, miles: number): number {
  const metres = miles * METRES_PER_MILE;
  // VDOT(d, t) falls as t grows; bracket between 1 min/mile-ish and 40 min/mile.
  let fast = (metres / METRES_PER_MILE) * 120;
  let slow = (metres / METRES_PER_MILE) * 2400;
  for (let i = 0; i < 60; i += 1) {
    const mid = (fast + slow) / 2;
    if (vdotOf(metres, mid) > vdot) fast = mid;
    else slow = mid;
  }
  return (fast + slow) / 2;
}

function targetPace(distanceMiles: number, goal: number, predicted: number, threshold: number): number {
  let target = goal >= predicted * (1 - GOAL_WARN_SHARE) ? goal : predicted * (1 - GOAL_WARN_SHARE);
  const cls = distanceClass(distanceMiles);
  if (cls === 'half' || cls === 'marathon') target = Math.max(target, threshold);
  return target;
}

const pacesCache = new Map<string, TrainingPaces>();

/**
 * Every pace of an athlete (memoised: the validator and the engines ask for the same paces many
 * times while a plan is built; the result is frozen so a caller cannot change the shared copy).
 */
export function computePaces(inputs: PaceInputs): TrainingPaces {
  const key = `${inputs.distanceMiles}|${inputs.goalTimeSeconds}|${inputs.fiveKSeconds}`;
  const hit = pacesCache.get(key);
  if (hit !== undefined) return hit;
  const paces = Object.freeze(computePacesOnce(inputs));
  if (pacesCache.size > 1000) pacesCache.clear();
  pacesCache.set(key, paces);
  return paces;
}

function computePacesOnce(inputs: PaceInputs): TrainingPaces {
  const vdot = vdotOf(FIVE_K_MILES * METRES_PER_MILE, inputs.fiveKSeconds);
  const predictedTime = predictedSeconds(vdot, inputs.distanceMiles);
  const predicted = Math.round(predictedTime / inputs.distanceMiles);
  const marathon = Math.round(predictedSeconds(vdot, MARATHON_MILES) / MARATHON_MILES);
  const threshold = Math.round(paceAtFraction(vdot, PACE_FRACTIONS.threshold));
  const intervalExact = paceAtFraction(vdot, PACE_FRACTIONS.interval);
  const interval = Math.round(intervalExact);
  const goal = Math.round(inputs.goalTimeSeconds / inputs.distanceMiles);
  return {
    vdot: Math.round(vdot * 10) / 10,
    fiveK: Math.round(inputs.fiveKSeconds / FIVE_K_MILES),
    predicted,
    predictedTime: Math.round(predictedTime),
    predictedMarathon: marathon,
    goal,
    easySlow: Math.round(paceAtFraction(vdot, PACE_FRACTIONS.easySlow)),
    easy: Math.round(paceAtFraction(vdot, PACE_FRACTIONS.easy)),
    easyFast: Math.round(paceAtFraction(vdot, PACE_FRACTIONS.easyFast)),
    marathon,
    threshold,
    tempo: threshold,
    interval,
    repetition: Math.round(intervalExact - REPETITION_GAIN_PER_400M * (METRES_PER_MILE / 400)),
    target: Math.round(targetPace(inputs.distanceMiles, goal, predicted, threshold)),
  };
}

export type GoalRealism = 'realistic' | 'warn' | 'choose';

/** C-goal: how far the goal pace is ahead of the predicted pace. */
export function goalRealism(paces: Pick<TrainingPaces, 'goal' | 'predicted'>): GoalRealism {
  if (paces.goal < paces.predicted * (1 - GOAL_CHOOSE_SHARE)) return 'choose';
  if (paces.goal < paces.predicted * (1 - GOAL_WARN_SHARE)) return 'warn';
  return 'realistic';
}

export type FormattedPaces = Record<Exclude<keyof TrainingPaces, 'vdot' | 'predictedTime' | 'easySlow' | 'easyFast'>, string> & {
  readonly vdot: number;
  readonly predictedTime: string;
  readonly easyRange: string;
};

/**
 * Every pace as `M:SS` per mile for JSON outputs (the CLI, the HTTP API): the v2 keys (`vdot`,
 * `predicted`, `predictedTime`, `easyRange`, `easy`, `marathon`, `threshold`, `interval`,
 * `repetition`, `target`) and the v1 keys kept for compatibility.
 */
export function formatPaces(paces: TrainingPaces): FormattedPaces {
  return {
    vdot: paces.vdot,
    fiveK: formatPace(paces.fiveK),
    predicted: formatPace(paces.predicted),
    predictedTime: formatDuration(paces.predictedTime),
    predictedMarathon: formatPace(paces.predictedMarathon),
    goal: formatPace(paces.goal),
    easyRange: `${formatPace(paces.easyFast)}-${formatPace(paces.easySlow)}`,
    easy: formatPace(paces.easy),
    marathon: formatPace(paces.marathon),
    threshold: formatPace(paces.threshold),
    tempo: formatPace(paces.tempo),
    interval: formatPace(paces.interval),
    repetition: formatPace(paces.repetition),
    target: formatPace(paces.target),
  };
}

/**
 * Issue 18: results recalibrate paces. A race or time trial gives a VDOT (`vdotOf`); the plan keeps
 * its paces as a 5K time, so a result is stored as the 5K an athlete of that VDOT runs, and each
 * week's paces come from the 5K in force for it (the athlete's own, or the latest accepted change
 * at or before that week). One formula, one home: everything below goes through `computePaces`.
 */

/** A result slower than this (15:00/mi, about 9:19/km) is walking, not a race or a time trial. */
export const WALKING_PACE_SECONDS = 900;

/** New paces are offered only when some training pace moves by more than this share. */
export const PACE_CHANGE_SHARE = 0.01;

type WeekPaceInputs = PaceInputs & {
  readonly paceChanges?: readonly { readonly fromWeek: number; readonly fiveKSeconds: number }[];
};

/** The 5K time (seconds) week `weekNumber`'s paces come from. */
export function fiveKSecondsForWeek(inputs: WeekPaceInputs, weekNumber: number): number {
  let seconds = inputs.fiveKSeconds;
  for (const change of inputs.paceChanges ?? []) if (change.fromWeek <= weekNumber) seconds = change.fiveKSeconds;
  return seconds;
}

/** Every pace of week `weekNumber` (the plan's own paces until a change is accepted). */
export function pacesForWeek(inputs: WeekPaceInputs, weekNumber: number): TrainingPaces {
  const fiveKSeconds = fiveKSecondsForWeek(inputs, weekNumber);
  return computePaces({ distanceMiles: inputs.distanceMiles, goalTimeSeconds: inputs.goalTimeSeconds, fiveKSeconds });
}

/** The 5K time (whole seconds) of an athlete who ran `miles` in `seconds`: the result as the plan stores it. */
export function fiveKEquivalentOf(miles: number, seconds: number): number {
  return Math.round(predictedSeconds(vdotOf(miles * METRES_PER_MILE, seconds), FIVE_K_MILES));
}

/** The predicted race pace (whole seconds per mile) at `miles` for the athlete whose 5K is `fiveKSeconds`. */
export function predictedPaceAt(fiveKSeconds: number, miles: number): number {
  const vdot = vdotOf(FIVE_K_MILES * METRES_PER_MILE, fiveKSeconds);
  return Math.round(predictedSeconds(vdot, miles) / miles);
}

/** How far two sets of paces are apart: the largest relative change of easy, M, T and I pace. */
export function paceShiftOf(before: TrainingPaces, after: TrainingPaces): number {
  const keys = ['easy', 'marathon', 'threshold', 'interval'] as const;
  return Math.max(...keys.map((k) => Math.abs(after[k] - before[k]) / before[k]));
}
