/**
 * A run day as the steps a watch guides you through (issue 20: workouts on the watch), in plan
 * terms: miles, and pace bands in seconds per mile. `plans/fit-workout.ts` encodes it as a FIT
 * file; what the steps are is decided here, from the same parts the chat line is read from
 * (`partsOf` in day-format.ts), so the file and the line cannot disagree.
 *
 * - A day whose laps are all easy (unpaced, or in the easy range) is one step at the easy range:
 *   "5 mi easy" is one step of 5 mi, not a warm-up, a body and a cool-down.
 * - Every other day is a warm-up (its warm-up laps and the unpaced running before the first paced
 *   part), the parts in order, and a cool-down (the unpaced running after the last one and its
 *   cool-down laps). Reps are one repeat block of [work, recovery] × count. The plan has a jog
 *   between each two reps; a watch repeats whole blocks, so the jog after the last rep is taken
 *   from the easy running that follows it — the distance run at each pace stays the plan's.
 * - Pace bands: easy running (and unpaced warm-ups, jogs and cool-downs) gets the athlete's easy
 *   range; a paced lap its pace ± its zone's tolerance (C-paces: 2% for M, T and I, 3% for R; race
 *   pace as tight as M), ± 3% when it is in no zone; unpaced reps (hills, fartlek run by effort)
 *   get none — the watch leaves the target open.
 */
import { type Part, SAME_MILES, dayLabel, describeDay, formatUnitPace, isStrides, partsOf, sumMiles } from './day-format.js';
import { lapsMiles } from './plan-math.js';
import type { Day, Lap } from './schemas.js';
import { ZONE_TOLERANCE, type TrainingPaces } from './paces.js';
import { parsePace } from './time.js';
import type { Units } from './units.js';
import { zoneOfLap, type Zone } from './zones.js';

/** A pace range in seconds per mile: `fast` is the lower number. */
export type PaceBand = { readonly fast: number; readonly slow: number };

export type WatchStepKind = 'warmup' | 'work' | 'recovery' | 'cooldown';

export type WatchStep = {
  readonly kind: WatchStepKind;
  /** What the watch shows for the step: "Warm-up", "Interval 7:04/mi", "Jog". */
  readonly name: string;
  readonly miles: number;
  /** Undefined: run by effort (the watch's target is open). */
  readonly band: PaceBand | undefined;
};

type WatchRepeat = { readonly kind: 'repeat'; readonly count: number; readonly steps: readonly WatchStep[] };

type WatchBlock = WatchStep | WatchRepeat;

export type WatchWorkout = {
  /** The session and its date: "Intervals 2027-01-12". */
  readonly name: string;
  /** The day's line, as the chat shows it. */
  readonly description: string;
  readonly blocks: readonly WatchBlock[];
};

/** A pace in no zone of the session (a day stored before zones, a legacy steady run): ± 3%. */
const DEFAULT_BAND_SHARE = 0.03;

const ZONE_SHARE: Readonly<Record<Exclude<Zone, 'E'>, number>> = {
  M: ZONE_TOLERANCE.marathon,
  T: ZONE_TOLERANCE.threshold,
  I: ZONE_TOLERANCE.interval,
  R: ZONE_TOLERANCE.repetition,
  target: ZONE_TOLERANCE.marathon,
};

const ZONE_WORDS: Readonly<Record<Zone, string>> = {
  E: 'Easy',
  M: 'Marathon pace',
  T: 'Threshold',
  I: 'Interval',
  R: 'Repetition',
  target: 'Race pace',
};

/** Sessions run on the watch: every run day but cross-training. */
function isWatchDay(day: Day): boolean {
  return day.type !== 'rest' && day.session !== 'cross-training';
}

type Reader = {
  readonly day: Day;
  readonly paces: TrainingPaces;
  readonly units: Units;
};

/** The zone of a paced lap of this day; days stored before sessions have none. */
function zoneOf(pace: number, r: Reader): Zone | undefined {
  if (r.day.session !== undefined) return zoneOfLap(pace, r.day.session, r.paces);
  return pace >= r.paces.easyFast ? 'E' : undefined;
}

/** The athlete's easy range, stretched to hold a slower easy pace (a recovery run "may be slower"). */
function easyBand(r: Reader, pace?: number): PaceBand {
  return { fast: r.paces.easyFast, slow: Math.max(r.paces.easySlow, pace ?? 0) };
}

function bandOf(pace: number | undefined, r: Reader): PaceBand {
  if (pace === undefined) return easyBand(r);
  const zone = zoneOf(pace, r);
  if (zone === 'E') return easyBand(r, pace);
  const share = zone === undefined ? DEFAULT_BAND_SHARE : ZONE_SHARE[zone];
  return { fast: pace * (1 - share), slow: pace * (1 + share) };
}

function isEasyLap(lap: Lap, r: Reader): boolean {
  const pace = parsePace(lap.paceGoal);
  return pace === undefined || zoneOf(pace, r) === 'E';
}

/** "Threshold 7:41/mi", "Easy"; the race lap of race day is "Race 8:01/mi". */
function steadyName(pace: number, r: Reader): string {
  const zone = zoneOf(pace, r);
  if (zone === 'E') return ZONE_WORDS.E;
  const word = r.day.type === 'race' ? 'Race' : zone === undefined ? 'Steady' : ZONE_WORDS[zone];
  return `${word} ${formatUnitPace(pace, r.units)}`;
}

function repName(part: Extract<Part, { kind: 'reps' }>, r: Reader): string {
  const hills = r.day.session === 'hills';
  if (part.pace === undefined) return hills ? 'Uphill, hard' : 'Hard';
  const pace = formatUnitPace(part.pace, r.units);
  if (isStrides(part)) return `Stride ${pace}`;
  return hills ? `Uphill ${pace}` : steadyName(part.pace, r);
}

/** Whether `part` starts with the jog a rep block needs after its last rep. */
function holdsJog(part: Part | undefined, jog: number, jogPace: number | undefined): boolean {
  if (part === undefined || part.miles < jog - SAME_MILES) return false;
  return jogPace === undefined ? part.kind === 'easy' : part.kind === 'steady' && part.pace === jogPace;
}

function shortened(part: Part, by: number): Part | undefined {
  if (part.kind === 'reps') return part;
  const miles = part.miles - by;
  return miles < SAME_MILES ? undefined : { ...part, miles };
}

function edgeStep(kind: 'warmup' | 'cooldown', miles: number, r: Reader): WatchStep[] {
  if (miles < SAME_MILES) return [];
  return [{ kind, name: kind === 'warmup' ? 'Warm-up' : 'Cool-down', miles, band: easyBand(r) }];
}

/** The middle parts as blocks; `cool` is the cool-down's miles, which a last rep block may take its jog from. */
function middleBlocks(parts: readonly Part[], cool: number, r: Reader): { blocks: WatchBlock[]; cool: number } {
  const rest = [...parts];
  const blocks: WatchBlock[] = [];
  let coolMiles = cool;
  for (let i = 0; i < rest.length; i += 1) {
    const part = rest[i];
    if (part === undefined) continue;
    if (part.kind === 'easy') {
      blocks.push({ kind: 'recovery', name: 'Jog', miles: part.miles, band: easyBand(r) });
    } else if (part.kind === 'steady') {
      blocks.push({ kind: 'work', name: steadyName(part.pace, r), miles: part.miles, band: bandOf(part.pace, r) });
    } else {
      const work: WatchStep = {
        kind: 'work',
        name: repName(part, r),
        miles: part.miles,
        band: part.pace === undefined ? undefined : bandOf(part.pace, r),
      };
      const jog: WatchStep = { kind: 'recovery', name: 'Jog', miles: part.jog, band: bandOf(part.jogPace, r) };
      const next = rest[i + 1];
      if (holdsJog(next, part.jog, part.jogPace) && next !== undefined) {
        const left = shortened(next, part.jog);
        rest.splice(i + 1, 1, ...(left === undefined ? [] : [left]));
        blocks.push({ kind: 'repeat', count: part.count, steps: [work, jog] });
      } else if (next === undefined && part.jogPace === undefined && coolMiles >= part.jog - SAME_MILES) {
        coolMiles -= part.jog;
        blocks.push({ kind: 'repeat', count: part.count, steps: [work, jog] });
      } else {
        // Nothing easy after the last rep to take its jog from: the last rep stands alone.
        blocks.push({ kind: 'repeat', count: part.count - 1, steps: [work, jog] }, work);
      }
    }
  }
  return { blocks, cool: coolMiles };
}

/** The day as watch steps, or undefined for a day with nothing to run (rest, cross-training). */
export function watchWorkout(day: Day, paces: TrainingPaces, units: Units): WatchWorkout | undefined {
  if (!isWatchDay(day)) return undefined;
  const r: Reader = { day, paces, units };
  const head = { name: `${dayLabel(day)} ${day.date}`, description: describeDay(day, units) };
  const unpacedReps = day.session === 'hills' || day.session === 'fartlek';
  const parts = partsOf(day.workout, { isEasy: (lap) => parsePace(lap.paceGoal) === undefined, unpacedReps });
  const laps = [...day.warmup, ...day.workout, ...day.cooldown];
  const easyPart = (p: Part): boolean => p.kind === 'easy' || (p.kind === 'steady' && zoneOf(p.pace, r) === 'E');
  if (day.type !== 'race' && parts.every(easyPart) && [...day.warmup, ...day.cooldown].every((lap) => isEasyLap(lap, r))) {
    const slowest = Math.max(0, ...laps.map((lap) => parsePace(lap.paceGoal) ?? 0));
    return { ...head, blocks: [{ kind: 'work', name: dayLabel(day), miles: lapsMiles(laps), band: easyBand(r, slowest) }] };
  }
  const first = parts.findIndex((p) => p.kind !== 'easy');
  // A race with no target pace: the race is its whole workout, run by feel.
  if (first < 0) {
    const race: WatchStep = { kind: 'work', name: dayLabel(day), miles: lapsMiles(day.workout), band: undefined };
    return {
      ...head,
      blocks: [...edgeStep('warmup', lapsMiles(day.warmup), r), race, ...edgeStep('cooldown', lapsMiles(day.cooldown), r)],
    };
  }
  const last = parts.length - 1 - [...parts].reverse().findIndex((p) => p.kind !== 'easy');
  const warm = lapsMiles(day.warmup) + sumMiles(parts.slice(0, first));
  const middle = middleBlocks(parts.slice(first, last + 1), sumMiles(parts.slice(last + 1)) + lapsMiles(day.cooldown), r);
  return { ...head, blocks: [...edgeStep('warmup', warm, r), ...middle.blocks, ...edgeStep('cooldown', middle.cool, r)] };
}
