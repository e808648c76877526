/**
 * Hand-built days and weeks in the lap layout of the v2 rules engine (warm-up lap, the session's
 * laps, cool-down lap), so that what a runner reads can be checked without depending on an
 * engine's choices: repeats, strides, a tempo, a race-pace finish, a race week.
 */
import type { Day, Lap, SessionKind, Week } from '../../src/domain/schemas.js';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Laps from `[miles, pace]` pairs, indexed 1, 2, 3… */
function laps(...specs: readonly (readonly [number, string | null])[]): Lap[] {
  return specs.map(([distanceMiles, paceGoal], i) => ({ lapIndex: i + 1, distanceMiles, paceGoal }));
}

/** `n` reps of `rep` with a `jog` between them (none after the last). */
export function repeats(
  n: number,
  rep: readonly [number, string | null],
  jog: readonly [number, string | null],
): (readonly [number, string | null])[] {
  const specs: (readonly [number, string | null])[] = [];
  for (let i = 0; i < n; i += 1) {
    if (i > 0) specs.push(jog);
    specs.push(rep);
  }
  return specs;
}

export type DaySpec = {
  readonly type: Day['type'];
  readonly session?: SessionKind;
  readonly workout: readonly (readonly [number, string | null])[];
  readonly warmup?: number;
  readonly cooldown?: number;
  readonly notes?: string;
  readonly dayNumber?: number;
  /** Monday of the day's week. */
  readonly monday?: string;
};

export function day(spec: DaySpec): Day {
  const dayNumber = spec.dayNumber ?? 2;
  const monday = new Date(`${spec.monday ?? '2027-01-04'}T00:00:00Z`);
  const date = new Date(monday.getTime() + (dayNumber - 1) * 86_400_000).toISOString().slice(0, 10);
  const rest = spec.type === 'rest';
  const warm = spec.warmup ?? 1;
  const cool = spec.cooldown ?? 1;
  return {
    dayNumber,
    date,
    dayOfWeek: DAY_NAMES[dayNumber - 1] ?? 'Monday',
    type: spec.type,
    ...(spec.session === undefined ? {} : { session: spec.session }),
    warmup: rest || warm === 0 ? [] : laps([warm, null]),
    workout: rest ? [] : laps(...spec.workout),
    cooldown: rest || cool === 0 ? [] : laps([cool, null]),
    notes: spec.notes ?? '',
  };
}

export function restDay(dayNumber: number, monday?: string): Day {
  return day({ type: 'rest', workout: [], dayNumber, notes: 'Rest day.', ...(monday === undefined ? {} : { monday }) });
}

/** A build week: intervals on Tuesday (6 × 800 m), strides, a tempo, a race-pace-finish long run. */
export function intervalWeek(weekNumber = 9, monday = '2027-01-25'): Week {
  const days: Day[] = [
    restDay(1, monday),
    day({
      type: 'intervals',
      session: 'intervals',
      dayNumber: 2,
      monday,
      workout: repeats(6, [0.5, '6:55'], [0.25, null]),
      notes: 'Six 800s at interval pace: hard but even, the last as fast as the first.',
    }),
    day({
      type: 'easy',
      session: 'strides',
      dayNumber: 3,
      monday,
      warmup: 0.5,
      cooldown: 0.5,
      workout: [[3.5, null], ...repeats(6, [0.05, '6:30'], [0.1, null])],
      notes: 'Easy, then six relaxed strides.',
    }),
    day({ type: 'tempo', session: 'tempo', dayNumber: 4, monday, workout: [[3, '7:40']], notes: 'Comfortably hard for three miles.' }),
    restDay(5, monday),
    day({
      type: 'long',
      session: 'long-race-pace-finish',
      dayNumber: 6,
      monday,
      workout: [
        [9, null],
        [4, '8:01'],
      ],
      notes: 'Finish the long run at race pace.',
    }),
    day({
      type: 'recovery',
      session: 'recovery',
      dayNumber: 7,
      monday,
      warmup: 0.5,
      cooldown: 0.5,
      workout: [[3, null]],
      notes: 'Very easy.',
    }),
  ];
  const miles = days.reduce((sum, d) => sum + [...d.warmup, ...d.workout, ...d.cooldown].reduce((s, l) => s + l.distanceMiles, 0), 0);
  return { weekNumber, phase: 'build', miles: Number(miles.toFixed(3)), days };
}

/** Race week of a marathon on Sunday 2027-04-18: easy days, a shakeout, rest, the race. */
export function raceWeek(weekNumber = 20, monday = '2027-04-12'): Week {
  const days: Day[] = [
    restDay(1, monday),
    day({ type: 'easy', session: 'easy', dayNumber: 2, monday, warmup: 0.5, cooldown: 0.5, workout: [[4, null]] }),
    day({ type: 'easy', session: 'easy', dayNumber: 3, monday, warmup: 0.5, cooldown: 0.5, workout: [[3, null]] }),
    restDay(4, monday),
    day({ type: 'shakeout', session: 'shakeout', dayNumber: 5, monday, warmup: 0.5, cooldown: 0.5, workout: [[2, null]] }),
    restDay(6, monday),
    day({ type: 'race', session: 'race', dayNumber: 7, monday, warmup: 1, cooldown: 0.5, workout: [[26.219, '7:56']], notes: 'Race day.' }),
  ];
  const miles = days.reduce((sum, d) => sum + [...d.warmup, ...d.workout, ...d.cooldown].reduce((s, l) => s + l.distanceMiles, 0), 0);
  return { weekNumber, phase: 'taper', miles: Number(miles.toFixed(3)), days };
}
