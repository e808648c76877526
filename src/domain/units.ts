/**
 * Race distances and display units. Plan data is always miles; kilometres are for display only.
 */

export const MILES_PER_KM = 0.621371;

export const RACE_DISTANCES = {
  '5k': 3.107,
  '10k': 6.214,
  half: 13.109,
  marathon: 26.219,
} as const;

type NamedDistance = keyof typeof RACE_DISTANCES;
export type DistanceClass = NamedDistance;
export type Units = 'mi' | 'km';

export const MIN_CUSTOM_MILES = 1;
export const MAX_CUSTOM_MILES = 31;

export type RaceDistance = { readonly label: string; readonly miles: number };

/** Reads `5k`, `10k`, `half`, `marathon` or a number of miles (1–31); undefined otherwise. */
export function parseDistance(text: string): RaceDistance | undefined {
  const key = text.trim().toLowerCase();
  if (key in RACE_DISTANCES) {
    const named = key as NamedDistance;
    return { label: named, miles: RACE_DISTANCES[named] };
  }
  if (!/^\d+(\.\d+)?$/.test(key)) return undefined;
  const miles = Number(key);
  if (!Number.isFinite(miles) || miles < MIN_CUSTOM_MILES || miles > MAX_CUSTOM_MILES) return undefined;
  return { label: `${miles} mi`, miles };
}

/**
 * The class whose coaching limits (long-run cap, taper length, shortest plan) a distance follows:
 * a custom distance takes the class of the nearest named one at or above it.
 */
export function distanceClass(miles: number): DistanceClass {
  if (miles <= 4) return '5k';
  if (miles <= 8) return '10k';
  if (miles <= 16.5) return 'half';
  return 'marathon';
}

function milesToKm(miles: number): number {
  return miles / MILES_PER_KM;
}

/** A distance in the athlete's units: two decimals at most (a 0.25 mi jog), none when whole. */
export function formatDistance(miles: number, units: Units): string {
  const value = units === 'km' ? milesToKm(miles) : miles;
  return `${Number(value.toFixed(value < 1 ? 2 : 1))} ${units}`;
}

/** Seconds per mile to seconds per display unit. */
export function paceInUnits(secondsPerMile: number, units: Units): number {
  return units === 'km' ? secondsPerMile * MILES_PER_KM : secondsPerMile;
}
