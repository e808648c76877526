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
/** The custom race range in kilometres: the rounded equivalents of 1–31 miles. */
export const MIN_CUSTOM_KM = 1.6;
export const MAX_CUSTOM_KM = 49.9;

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

/** The longest distance text read; anything longer is not a distance. */
const MAX_DISTANCE_TEXT = 40;

const UNIT_WORDS: Readonly<Record<string, Units>> = {
  mi: 'mi',
  mile: 'mi',
  miles: 'mi',
  k: 'km',
  km: 'km',
  kms: 'km',
  kilometer: 'km',
  kilometers: 'km',
  kilometre: 'km',
  kilometres: 'km',
};

/** A number with an optional unit: "32", "32 km", "32km", "20 mi", "20 miles", "10k". */
export type Length = { readonly value: number; readonly unit: Units | undefined };

/** Reads a non-negative number and an optional unit word; undefined otherwise. */
export function parseLength(text: string): Length | undefined {
  if (text.length > MAX_DISTANCE_TEXT) return undefined;
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\.?$/.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const [, number, word] = match;
  const value = Number(number);
  if (!Number.isFinite(value)) return undefined;
  if (word === undefined || word === '') return { value, unit: undefined };
  const unit = UNIT_WORDS[word];
  return unit === undefined ? undefined : { value, unit };
}

/** A length in the plan's `units`: a bare number is already in them; "20 mi" in km mode is 32.19. */
export function lengthIn(text: string, units: Units): number | undefined {
  const length = parseLength(text);
  if (length === undefined) return undefined;
  if (length.unit === undefined || length.unit === units) return length.value;
  const converted = length.unit === 'km' ? length.value * MILES_PER_KM : length.value / MILES_PER_KM;
  return Number(converted.toFixed(2));
}

const NAMED_WORDS: Readonly<Record<string, NamedDistance>> = {
  '5k': '5k',
  '10k': '10k',
  half: 'half',
  'half marathon': 'half',
  'half-marathon': 'half',
  halfmarathon: 'half',
  hm: 'half',
  marathon: 'marathon',
  'full marathon': 'marathon',
  full: 'marathon',
};

/** Relative distance within which a distance with a unit is taken as the standard race. */
const STANDARD_TOLERANCE = 0.003;

/**
 * A race distance as a runner writes it. Named: `5k`, `10k`, `half`, `half marathon`, `marathon`.
 * With a unit (`10 km`, `6.2 mi`, `21.1 km`, `13.1 miles`): the standard race when within rounding
 * (0.3%), else a custom distance (1–31 mi, 1.6–49.9 km as written). A bare number is in `units`
 * and stays custom, as it always was. Undefined otherwise.
 */
export function parseRaceDistance(text: string, units: Units): RaceDistance | undefined {
  if (text.length > MAX_DISTANCE_TEXT) return undefined;
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const named = NAMED_WORDS[key];
  if (named !== undefined) return { label: named, miles: RACE_DISTANCES[named] };
  const length = parseLength(key);
  if (length === undefined) return undefined;
  const unit = length.unit ?? units;
  const miles = unit === 'km' ? length.value * MILES_PER_KM : length.value;
  if (length.unit !== undefined) {
    for (const [name, standard] of Object.entries(RACE_DISTANCES)) {
      if (Math.abs(miles - standard) / standard <= STANDARD_TOLERANCE) return { label: name, miles: standard };
    }
  }
  if (unit === 'mi') return parseDistance(String(length.value));
  if (length.value < MIN_CUSTOM_KM || length.value > MAX_CUSTOM_KM) return undefined;
  const clamped = Math.min(MAX_CUSTOM_MILES, Math.max(MIN_CUSTOM_MILES, Number(miles.toFixed(3))));
  return { label: `${length.value} km`, miles: clamped };
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
