/**
 * Readiness (PLAN-RULES "Inputs and their limits"): the weekly volume an athlete needs now for a
 * plan of a given length. A marathon needs ≥ 15 mi with ≥ 16 weeks, ≥ 20 mi with 10–15 weeks, or
 * ≥ 10 mi with ≥ 20 weeks; a half needs ≥ 8 mi, or ≥ 5 mi with ≥ 12 weeks; 5K and 10K plans only
 * need the input's own minimum. The marathon's "≥ 3 run days" always holds: preferred days are
 * 3–7. A custom distance takes the readiness of its class, as it takes the class's plan length.
 *
 * Thresholds are stated in miles; in kilometres each is the nearest whole km (20 mi → 32 km), the
 * same rounding as the accepted range (5–150 mi → 8–240 km), so that a km athlete types round
 * numbers and is judged by the number they typed rather than by a converted 19.88.
 */
import { MIN_PLAN_WEEKS } from './coaching-limits.js';
import { MILES_PER_KM, type DistanceClass, type Units } from './units.js';

/** Each rung: from `weeks` weeks on, `miles` a week are enough (rungs sorted by weeks). */
type Rung = { readonly weeks: number; readonly miles: number };

const READINESS: Readonly<Record<DistanceClass, readonly Rung[]>> = {
  '5k': [{ weeks: MIN_PLAN_WEEKS['5k'], miles: 5 }],
  '10k': [{ weeks: MIN_PLAN_WEEKS['10k'], miles: 5 }],
  half: [
    { weeks: MIN_PLAN_WEEKS.half, miles: 8 },
    { weeks: 12, miles: 5 },
  ],
  marathon: [
    { weeks: MIN_PLAN_WEEKS.marathon, miles: 20 },
    { weeks: 16, miles: 15 },
    { weeks: 20, miles: 10 },
  ],
};

/** A mileage threshold in the athlete's units (whole km, nearest; see the header). */
function volumeIn(miles: number, units: Units): number {
  return units === 'km' ? Math.round(miles / MILES_PER_KM) : miles;
}

/** The least weekly volume (in `units`) a plan of `weeks` weeks needs. */
export function minimumVolume(cls: DistanceClass, weeks: number, units: Units): number {
  let miles = Infinity;
  for (const rung of READINESS[cls]) if (weeks >= rung.weeks) miles = Math.min(miles, rung.miles);
  // Shorter than the shortest plan: the plan-length rule refuses it; the first rung is the floor.
  if (miles === Infinity) miles = READINESS[cls][0]?.miles ?? 0;
  return volumeIn(miles, units);
}

/** True when `volume` (in `units`) is enough for a plan of `weeks` weeks. */
export function isReady(cls: DistanceClass, weeks: number, volume: number, units: Units): boolean {
  return volume >= minimumVolume(cls, weeks, units);
}
