/**
 * How a day reads, on every surface (chat, terminal, calendar, reminders): a label for what the
 * session is ("Tempo", "Long run, race-pace finish") and one line a runner follows ("5 mi easy",
 * "1 mi warm-up + 6 × 800 m @ 6:55/mi with 400 m jog + 1 mi cool-down"). PLAN-RULES R3: a day
 * whose laps are all easy reads as one line, and repeats read as "n × distance", never as a list of
 * identical laps. One home, so that the surfaces cannot disagree on a label or a wording.
 *
 * Plan data is miles and `M:SS` per mile; what is shown is in the athlete's units. Rep and jog
 * distances under 2 miles read as track metres when they are within 3% of one (an 0.5 mi rep is
 * "800 m"), which a runner reads the same in either unit system.
 *
 * The line is built from the laps' shape, not from the engine's intent, so that days from either
 * engine, and days stored before sessions existed, read the same way:
 * - easy-kind days (easy, recovery, shakeout, medium-long, long) fold warm-up and cool-down into
 *   their total, and say what is not easy after it ("+ 6 × 20 s strides", ", last 4 mi @ …");
 * - every other day lists its parts in order, unpaced running before the first paced part counted
 *   as warm-up and after the last one as cool-down.
 */
import { METRES_PER_MILE } from './paces.js';
import { dayMiles, lapsMiles, trainingMiles } from './plan-math.js';
import type { Day, DayType, Lap, SessionKind, Week } from './schemas.js';
import { formatPace, parsePace } from './time.js';
import { formatDistance, paceInUnits, type Units } from './units.js';

/** What each session kind is called, wherever a day is shown. */
export const SESSION_LABELS: Readonly<Record<SessionKind, string>> = {
  easy: 'Easy run',
  strides: 'Easy run + strides',
  recovery: 'Recovery run',
  shakeout: 'Shakeout',
  'medium-long': 'Medium-long run',
  tempo: 'Tempo',
  'cruise-intervals': 'Cruise intervals',
  progression: 'Progression run',
  'race-pace': 'Race-pace run',
  intervals: 'Intervals',
  hills: 'Hills',
  fartlek: 'Fartlek',
  long: 'Long run',
  'long-race-pace-finish': 'Long run, race-pace finish',
  race: 'Race',
  'cross-training': 'Cross-training',
};

/** Days stored before PLAN-RULES v2 name no session: their type names them. */
const TYPE_LABELS: Readonly<Record<DayType, string>> = {
  rest: 'Rest',
  easy: 'Easy run',
  moderate: 'Steady run',
  recovery: 'Recovery run',
  long: 'Long run',
  tempo: 'Tempo',
  intervals: 'Intervals',
  shakeout: 'Shakeout',
  race: 'Race',
};

/** How the total of an easy-kind day is worded ("16 mi long run"). */
const EASY_WORDS: Readonly<Partial<Record<SessionKind, string>>> = {
  easy: 'easy',
  strides: 'easy',
  recovery: 'recovery',
  shakeout: 'shakeout',
  'medium-long': 'medium-long run',
  long: 'long run',
  'long-race-pace-finish': 'long run',
  'cross-training': 'cross-training',
};

const LEGACY_EASY_WORDS: Readonly<Partial<Record<DayType, string>>> = {
  easy: 'easy',
  recovery: 'recovery',
  shakeout: 'shakeout',
  // v1's moderate day ran between easy and tempo pace, so its pace is part of what it is.
  moderate: 'steady',
  long: 'long run',
};

/** Common track distances: a rep within 3% of one reads as it. */
const TRACK_METRES = [100, 200, 300, 400, 600, 800, 1000, 1200, 1600, 2000] as const;
const TRACK_TOLERANCE = 0.03;
/** Reps up to this long at a pace are strides, read as seconds (C1: 15–20 s at R pace). */
const STRIDE_MAX_MILES = 0.1;
/** Lap distances closer than this are the same distance (quarter-mile sums carry float noise). */
export const SAME_MILES = 0.005;

/** The label of a day's session: "Tempo", "Cruise intervals", "Rest". */
export function dayLabel(day: Pick<Day, 'type' | 'session'>): string {
  if (day.type === 'rest') return TYPE_LABELS.rest;
  return day.session === undefined ? TYPE_LABELS[day.type] : SESSION_LABELS[day.session];
}

/**
 * The session in a word or two, for one-line messages ("Logged: Tue easy 5.1 mi"): an easy-kind
 * day as its total is worded (strides and finishes left out), any other day as its label.
 */
export function dayShortLabel(day: Pick<Day, 'type' | 'session'>): string {
  const word = day.session === undefined ? LEGACY_EASY_WORDS[day.type] : EASY_WORDS[day.session];
  return word ?? dayLabel(day).toLowerCase();
}

/** A pace in the athlete's units: `7:40/mi`, `4:46/km`. */
export function formatUnitPace(secondsPerMile: number, units: Units): string {
  return `${formatPace(paceInUnits(secondsPerMile, units))}/${units}`;
}

/**
 * The coach's note in the athlete's units. Notes are stored as the engine wrote them, in miles
 * (`… at threshold pace (7:41/mi)`, `3 × 1 mi`, `a quarter mile`); a km athlete reads each pace
 * and distance in km, the quarter mile as the track's 400 m.
 */
export function notesIn(notes: string, units: Units): string {
  if (units === 'mi') return notes;
  return notes
    .replace(/\b(\d{1,2}:\d{2})\/mi\b/g, (whole, pace: string) => {
      const seconds = parsePace(pace);
      return seconds === undefined ? whole : formatUnitPace(seconds, units);
    })
    .replace(/\b(\d+(?:\.\d+)?) mi\b/g, (_whole, miles: string) => formatRepDistance(Number(miles), units))
    .replace(/\ba quarter mile\b/g, '400 m')
    .replace(/\bquarter-mile\b/g, '400 m');
}

/** The day's distance, every lap counted: `7 mi`. */
export function dayDistance(day: Day, units: Units): string {
  return formatDistance(dayMiles(day), units);
}

/**
 * A week's volume as every figure shows it (R5: the race day counts apart from training): its
 * training miles, and "+ race" in race week, so race week never reads as the biggest week.
 */
export function formatWeekVolume(week: Pick<Week, 'days'>, units: Units): string {
  const training = formatDistance(trainingMiles(week), units);
  return week.days.some((d) => d.type === 'race') ? `${training} + race` : training;
}

/**
 * A rep's or a jog's distance: whole miles for mile users ("3 × 1 mi" is how coaches write cruise
 * intervals), track metres under 2 miles when within 3% of one, else the athlete's units.
 */
export function formatRepDistance(miles: number, units: Units): string {
  if (units === 'mi' && miles >= 1 - SAME_MILES && Math.abs(miles - Math.round(miles)) < SAME_MILES) return `${Math.round(miles)} mi`;
  if (miles < 2) {
    const metres = miles * METRES_PER_MILE;
    const track = TRACK_METRES.find((m) => Math.abs(metres - m) <= m * TRACK_TOLERANCE);
    if (track !== undefined) return `${track} m`;
  }
  return formatDistance(miles, units);
}

/** A stride's length in seconds at its pace, to the nearest 5 s (a runner counts strides in seconds). */
export function strideSeconds(miles: number, secondsPerMile: number): number {
  return Math.max(5, Math.round((miles * secondsPerMile) / 5) * 5);
}

/**
 * A stretch of a workout as a runner reads it: easy running, one steady pace, or `count` reps with
 * a jog (`jog` miles at `jogPace`, unpaced when undefined) between each two of them. The watch
 * workouts (`watch-workout.ts`) are built from the same parts, so the file and the line agree.
 */
export type Part =
  | { readonly kind: 'easy'; readonly miles: number }
  | { readonly kind: 'steady'; readonly miles: number; readonly pace: number }
  | {
      readonly kind: 'reps';
      readonly count: number;
      readonly miles: number;
      readonly pace: number | undefined;
      readonly jog: number;
      readonly jogPace: number | undefined;
    };

function paceOf(lap: Lap): number | undefined {
  return parsePace(lap.paceGoal);
}

function sameLap(a: Lap, b: Lap): boolean {
  return Math.abs(a.distanceMiles - b.distanceMiles) < SAME_MILES && paceOf(a) === paceOf(b);
}

export function isStrides(part: Part): boolean {
  return part.kind === 'reps' && part.pace !== undefined && part.miles <= STRIDE_MAX_MILES + SAME_MILES;
}

type PartOptions = {
  /** Whether a lap is easy running (warm-up, jog, the body of an easy run). */
  readonly isEasy: (lap: Lap) => boolean;
  /** Hills and fartlek may leave reps unpaced: alternating unpaced laps are then reps and jogs. */
  readonly unpacedReps: boolean;
};

/**
 * The workout's laps as parts: alternating identical reps and identical jogs become one `reps`
 * part; consecutive easy laps, and consecutive laps at one pace, become one continuous part.
 */
export function partsOf(laps: readonly Lap[], options: PartOptions): Part[] {
  const parts: Part[] = [];
  const push = (part: Part): void => {
    const last = parts[parts.length - 1];
    if (last?.kind === 'easy' && part.kind === 'easy') parts[parts.length - 1] = { kind: 'easy', miles: last.miles + part.miles };
    else if (last?.kind === 'steady' && part.kind === 'steady' && last.pace === part.pace) {
      parts[parts.length - 1] = { kind: 'steady', miles: last.miles + part.miles, pace: part.pace };
    } else parts.push(part);
  };
  let i = 0;
  while (i < laps.length) {
    const rep = laps[i];
    if (rep === undefined) break;
    const repPace = paceOf(rep);
    const canRep = repPace === undefined ? options.unpacedReps : !options.isEasy(rep);
    if (canRep) {
      let count = 1;
      let k = i + 1;
      let jog: Lap | undefined;
      for (;;) {
        const gap = laps[k];
        const next = laps[k + 1];
        if (gap === undefined || next === undefined || !sameLap(next, rep)) break;
        const gapPace = paceOf(gap);
        // A recovery is unpaced, or (when the reps have a pace) slower than them.
        const isJog = gapPace === undefined || (repPace !== undefined && gapPace > repPace);
        if (!isJog || (jog !== undefined && !sameLap(gap, jog))) break;
        jog = gap;
        count += 1;
        k += 2;
      }
      if (count >= 2 && jog !== undefined) {
        push({ kind: 'reps', count, miles: rep.distanceMiles, pace: repPace, jog: jog.distanceMiles, jogPace: paceOf(jog) });
        i = k;
        continue;
      }
    }
    if (options.isEasy(rep) || repPace === undefined) push({ kind: 'easy', miles: rep.distanceMiles });
    else push({ kind: 'steady', miles: rep.distanceMiles, pace: repPace });
    i += 1;
  }
  return parts;
}

export function sumMiles(parts: readonly Part[]): number {
  return parts.reduce((sum, p) => sum + (p.kind === 'reps' ? p.count * p.miles : p.miles), 0);
}

function partText(part: Part, day: Day, units: Units): string {
  switch (part.kind) {
    case 'easy':
      return `${formatDistance(part.miles, units)} easy`;
    case 'steady': {
      const race = day.type === 'race' ? ' race' : '';
      const tag = day.session === 'tempo' ? ' (tempo)' : day.session === 'race-pace' ? ' (race pace)' : '';
      return `${formatDistance(part.miles, units)}${race} @ ${formatUnitPace(part.pace, units)}${tag}`;
    }
    case 'reps': {
      if (isStrides(part) && part.pace !== undefined) return `${part.count} × ${strideSeconds(part.miles, part.pace)} s strides`;
      const how = day.session === 'hills' ? ' uphill' : part.pace === undefined ? ' hard' : '';
      const pace = part.pace === undefined ? '' : ` @ ${formatUnitPace(part.pace, units)}`;
      return `${part.count} × ${formatRepDistance(part.miles, units)}${how}${pace} with ${formatRepDistance(part.jog, units)} jog`;
    }
  }
}

/** How an easy-kind day's total is worded, or undefined for a day that is not easy-kind. */
function easyWord(day: Day): string | undefined {
  return day.session === undefined ? LEGACY_EASY_WORDS[day.type] : EASY_WORDS[day.session];
}

/**
 * The pace an easy-kind day's easy running is at: the slowest pace of its laps longer than a
 * stride. A race-pace finish with an unpaced body has no easy pace (its one pace is the finish).
 */
function easyPaceOf(day: Day): number | undefined {
  const paces = day.workout.filter((lap) => lap.distanceMiles > STRIDE_MAX_MILES + SAME_MILES).map(paceOf);
  const paced = paces.filter((p): p is number => p !== undefined);
  if (paced.length === 0) return undefined;
  const distinct = new Set(paced);
  if (day.session === 'long-race-pace-finish' && distinct.size === 1 && paced.length < paces.length) return undefined;
  return Math.max(...paced);
}

function easyRunLine(day: Day, units: Units, word: string): string | undefined {
  const total = dayMiles(day);
  const easyPace = easyPaceOf(day);
  const isEasy = (lap: Lap): boolean => {
    const pace = paceOf(lap);
    return pace === undefined || (pace === easyPace && lap.distanceMiles > STRIDE_MAX_MILES + SAME_MILES);
  };
  const parts = partsOf(day.workout, { isEasy, unpacedReps: false });
  const work = parts.filter((p) => p.kind !== 'easy');
  if (work.length === 0) {
    const steady = word === 'steady' && easyPace !== undefined ? ` @ ${formatUnitPace(easyPace, units)}` : '';
    return `${formatDistance(total, units)} ${word}${steady}`;
  }
  if (work.every(isStrides)) {
    const strides = work.map((p) => partText(p, day, units)).join(' + ');
    return `${formatDistance(total - sumMiles(work), units)} ${word} + ${strides}`;
  }
  // A finish: every part after the last easy one is run at one pace.
  const lastEasy = parts.map((p) => p.kind).lastIndexOf('easy');
  const finish = parts.slice(lastEasy + 1);
  const [first] = finish;
  if (finish.length === work.length && first?.kind === 'steady' && finish.every((p) => p.kind === 'steady' && p.pace === first.pace)) {
    return `${formatDistance(total, units)} ${word}, last ${formatDistance(sumMiles(finish), units)} @ ${formatUnitPace(first.pace, units)}`;
  }
  return undefined;
}

/** "8 mi progression run: 5 mi easy, then 2 mi @ 7:50/mi, 1 mi @ 7:30/mi". */
function progressionLine(day: Day, units: Units): string | undefined {
  // The easy start is unpaced, or paced slower than every lap after it.
  const [opening] = day.workout;
  const openingPace = opening === undefined ? undefined : paceOf(opening);
  const later = day.workout
    .slice(1)
    .map(paceOf)
    .filter((p): p is number => p !== undefined);
  const easyPace = openingPace !== undefined && later.length > 0 && later.every((p) => p < openingPace) ? openingPace : undefined;
  const isEasy = (lap: Lap): boolean => {
    const pace = paceOf(lap);
    return pace === undefined || pace === easyPace;
  };
  const parts = partsOf(day.workout, { isEasy, unpacedReps: false });
  const start = parts.findIndex((p) => p.kind !== 'easy');
  const end = parts.map((p) => p.kind).lastIndexOf('steady');
  const faster = parts.slice(start, end + 1);
  if (start <= 0 || faster.some((p) => p.kind !== 'steady')) return undefined;
  const lead = lapsMiles(day.warmup) + sumMiles(parts.slice(0, start));
  const steps = faster.map((p) => partText(p, day, units)).join(', ');
  return `${formatDistance(dayMiles(day), units)} progression run: ${formatDistance(lead, units)} easy, then ${steps}`;
}

/** Warm-up, the parts in order, cool-down: "1 mi warm-up + 3 mi @ 7:40/mi (tempo) + 1 mi cool-down". */
function structuredLine(day: Day, units: Units): string {
  const unpacedReps = day.session === 'hills' || day.session === 'fartlek';
  const parts = partsOf(day.workout, { isEasy: (lap) => paceOf(lap) === undefined, unpacedReps });
  const first = parts.findIndex((p) => p.kind !== 'easy');
  if (first < 0) {
    // Nothing paced (a session run by effort, or a race without a target pace).
    const what = day.type === 'race' ? 'race' : `${dayLabel(day).toLowerCase()} by effort`;
    const body = day.type === 'race' ? lapsMiles(day.workout) : dayMiles(day);
    const line = `${formatDistance(body, units)} ${what}`;
    if (day.type !== 'race') return line;
    return edgesAround(line, lapsMiles(day.warmup), lapsMiles(day.cooldown), units);
  }
  const last = parts.length - 1 - [...parts].reverse().findIndex((p) => p.kind !== 'easy');
  const warm = lapsMiles(day.warmup) + sumMiles(parts.slice(0, first));
  const cool = lapsMiles(day.cooldown) + sumMiles(parts.slice(last + 1));
  const middle = parts
    .slice(first, last + 1)
    .map((p) => partText(p, day, units))
    .join(' + ');
  return edgesAround(middle, warm, cool, units);
}

function edgesAround(middle: string, warm: number, cool: number, units: Units): string {
  const pieces = [
    warm > 0 ? `${formatDistance(warm, units)} warm-up` : '',
    middle,
    cool > 0 ? `${formatDistance(cool, units)} cool-down` : '',
  ];
  return pieces.filter((p) => p !== '').join(' + ');
}

/**
 * The day in one line, in the athlete's units: "5 mi easy", "16 mi long run", "5 mi easy + 6 × 20 s
 * strides", "14 mi long run, last 4 mi @ 8:01/mi", "1 mi warm-up + 6 × 800 m @ 6:55/mi with 400 m
 * jog + 1 mi cool-down", "Rest".
 */
export function describeDay(day: Day, units: Units): string {
  if (day.type === 'rest') return TYPE_LABELS.rest;
  if (day.session === 'cross-training' && day.cross !== undefined) {
    return `${day.cross.minutes} min ${day.cross.mode} at easy effort (counts as ${formatDistance(dayMiles(day), units)})`;
  }
  const word = easyWord(day);
  const easy = word === undefined ? undefined : easyRunLine(day, units, word);
  if (easy !== undefined) return easy;
  const progression = day.session === 'progression' ? progressionLine(day, units) : undefined;
  return progression ?? structuredLine(day, units);
}
