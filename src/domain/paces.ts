/**
 * Paces, in whole seconds per mile, as PLAN-RULES.md defines them.
 *
 * predicted race pace: Riegel, t = t5k × (d / 3.107)^1.06. For marathon-class races the
 * prediction is slowed for low volume, because Riegel assumes marathon-trained legs:
 *   factor = 1 + 0.05 × clamp((40 − weeklyMileage) / 30, 0, 1)
 * i.e. +5% at 10 mi/week or less, nothing at 40 mi/week or more, linear between.
 * Training paces derive from these: easy = predicted marathon pace + 60 s; tempo = 5K pace + 25 s
 * (kept inside the tempo band); interval = 5K pace.
 */
import { formatPace } from './time.js';
import { RACE_DISTANCES, distanceClass } from './units.js';

export const FIVE_K_MILES = RACE_DISTANCES['5k'];
export const MARATHON_MILES = RACE_DISTANCES.marathon;
const RIEGEL_EXPONENT = 1.06;

export type PaceInputs = {
  readonly distanceMiles: number;
  readonly goalTimeSeconds: number;
  readonly fiveKSeconds: number;
  readonly weeklyMileage: number;
};

export type TrainingPaces = {
  readonly fiveK: number;
  readonly predicted: number;
  readonly predictedMarathon: number;
  readonly goal: number;
  readonly easy: number;
  readonly tempo: number;
  readonly interval: number;
};

/** Riegel's predicted time (seconds) for `miles` from a 5K time. */
export function riegelSeconds(fiveKSeconds: number, miles: number): number {
  return fiveKSeconds * Math.pow(miles / FIVE_K_MILES, RIEGEL_EXPONENT);
}

/** The low-volume slowdown applied to marathon-class predictions (1.00–1.05). */
export function marathonVolumeFactor(weeklyMileage: number): number {
  const share = Math.min(1, Math.max(0, (40 - weeklyMileage) / 30));
  return 1 + 0.05 * share;
}

function predictedPace(fiveKSeconds: number, miles: number, weeklyMileage: number): number {
  const pace = riegelSeconds(fiveKSeconds, miles) / miles;
  return distanceClass(miles) === 'marathon' ? pace * marathonVolumeFactor(weeklyMileage) : pace;
}

export function computePaces(inputs: PaceInputs): TrainingPaces {
  const fiveK = Math.round(inputs.fiveKSeconds / FIVE_K_MILES);
  const predicted = Math.round(predictedPace(inputs.fiveKSeconds, inputs.distanceMiles, inputs.weeklyMileage));
  const predictedMarathon = Math.round(predictedPace(inputs.fiveKSeconds, MARATHON_MILES, inputs.weeklyMileage));
  const goal = Math.round(inputs.goalTimeSeconds / inputs.distanceMiles);
  const tempoCeiling = Math.max(predicted, goal) + 60;
  return {
    fiveK,
    predicted,
    predictedMarathon,
    goal,
    easy: predictedMarathon + 60,
    tempo: Math.min(fiveK + 25, tempoCeiling),
    interval: fiveK,
  };
}

/** True when the goal pace is more than 10% faster than the predicted race pace. */
export function isAmbitiousGoal(paces: Pick<TrainingPaces, 'goal' | 'predicted'>): boolean {
  return paces.goal < paces.predicted * 0.9;
}

/** Every training pace as `M:SS` per mile, for JSON outputs (the CLI, the HTTP API). */
export function formatPaces(paces: TrainingPaces): Record<keyof TrainingPaces, string> {
  return {
    fiveK: formatPace(paces.fiveK),
    predicted: formatPace(paces.predicted),
    predictedMarathon: formatPace(paces.predictedMarathon),
    goal: formatPace(paces.goal),
    easy: formatPace(paces.easy),
    tempo: formatPace(paces.tempo),
    interval: formatPace(paces.interval),
  };
}
