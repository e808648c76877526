/**
 * The workout library: turns a day's role and miles into laps at the athlete's zone paces, with a
 * note that says why the session is there. Sessions progress through the plan (`progress`, 0 at
 * the start of the build to 1 at the end of the peak) and stay inside the week's C2 budgets, which
 * the caller hands over and each session draws from.
 *
 * Lap conventions (the renderers read them back): one warm-up and one cool-down lap with no pace;
 * continuous work is one lap; repeats alternate work laps and jog laps (no pace); easy running is
 * one lap at easy pace. Distances are rounded to thousandths of a mile so sums stay exact.
 */
import { INTENSITY } from '../../domain/coaching-limits.js';
import type { TrainingPaces } from '../../domain/paces.js';
import type { Lap, SessionKind } from '../../domain/schemas.js';
import { formatDuration, formatPace } from '../../domain/time.js';
import type { DistanceClass } from '../../domain/units.js';

export type Workout = {
  readonly session: SessionKind;
  /** (session, fast reps, rep distance) as C4 reads it; empty for sessions that are not quality. */
  readonly template: string;
  readonly warmup: Lap[];
  readonly workout: Lap[];
  readonly cooldown: Lap[];
  readonly notes: string;
};

/** What a week may still spend on running faster than easy (C2), in miles. */
export type IntensityBudget = {
  threshold: number;
  interval: number;
  repetition: number;
  racePace: number;
  /** Everything faster than easy together: 20% of the week (C2 allows 25%). */
  fast: number;
};

const FAST_SHARE = 0.2;

export function weekBudget(trainingMiles: number): IntensityBudget {
  const c = INTENSITY;
  const margin = 0.02;
  return {
    threshold: Math.max(c.thresholdShare * trainingMiles, c.thresholdMin) - margin,
    interval: Math.min(Math.max(c.intervalShare * trainingMiles, c.intervalMin), c.intervalMax) - margin,
    repetition: c.repetitionShare * trainingMiles - margin,
    racePace: Math.max(c.racePaceShare * trainingMiles, c.racePaceMin) - margin,
    // C2 allows a quarter of the week faster than easy; a coach keeps it nearer a fifth (Daniels'
    // 80/20), which leaves the rule's margin to the athlete.
    fast: FAST_SHARE * trainingMiles - margin,
  };
}

export type SessionContext = {
  readonly paces: TrainingPaces;
  readonly distance: DistanceClass;
  readonly progress: number;
  readonly budget: IntensityBudget;
  /** C4: the most fast miles this session may hold (70% of the peak in the taper). */
  readonly fastCap: number;
  /** C4: templates of the last two quality sessions, to avoid a third in a row. */
  readonly recentTemplates: readonly string[];
  readonly raceName: string;
  readonly goalSeconds: number;
};

/** A stretch of running; `zone` says which C2 budget it draws from (none: easy). */
type Part = { miles: number; pace: number | null; zone?: 'T' | 'I' | 'R' | 'race' };

function round3(miles: number): number {
  return Math.round(miles * 1000) / 1000;
}

function toLaps(parts: readonly Part[]): Lap[] {
  return parts
    .filter((p) => p.miles > 1e-6)
    .map((p, i) => ({ lapIndex: i + 1, distanceMiles: round3(p.miles), paceGoal: p.pace === null ? null : formatPace(p.pace) }));
}

function edge(total: number): number {
  return total >= 6 ? 1 : 0.5;
}

function assemble(session: SessionKind, template: string, total: number, main: readonly Part[], notes: string): Workout {
  const e = edge(total);
  const used = main.reduce((s, p) => s + p.miles, 0);
  const rest = round3(total - 2 * e - used);
  const parts = rest > 0.001 ? [...main, { miles: rest, pace: null }] : [...main];
  return {
    session,
    template,
    warmup: toLaps([{ miles: e, pace: null }]),
    workout: toLaps(parts),
    cooldown: toLaps([{ miles: e, pace: null }]),
    notes,
  };
}

/** The most reps of `rep` (with `jog` between) that `total` fast miles and `room` miles allow. */
function fitReps(total: number, rep: number, jog: number, room: number, max: number): number {
  return Math.max(0, Math.min(max, Math.floor(total / rep + 1e-9), Math.floor((room + jog) / (rep + jog) + 1e-9)));
}

function lerp(low: number, high: number, t: number): number {
  return low + (high - low) * Math.min(1, Math.max(0, t));
}

const mi = (miles: number): string => `${Number(miles.toFixed(2))} mi`;

/** An easy day, a medium-long day, a recovery day or the long run, all at easy effort. */
export function easyWorkout(session: 'easy' | 'recovery' | 'medium-long' | 'long', total: number, paces: TrainingPaces): Workout {
  const e = edge(total);
  const pace = session === 'recovery' ? paces.easySlow : paces.easy;
  const notes: Record<typeof session, string> = {
    easy: 'Easy run at conversational pace. Easy miles build the aerobic base every other session stands on.',
    recovery: 'Recovery run, slower than easy: blood flow for tired legs, nothing more.',
    'medium-long': 'Medium-long run at easy pace: midweek endurance that makes the long run feel shorter.',
    long: 'Long run at easy pace: time on your feet builds endurance and teaches the body to spare its fuel.',
  };
  return {
    session,
    template: '',
    warmup: toLaps([{ miles: e, pace: null }]),
    workout: toLaps([{ miles: total - 2 * e, pace }]),
    cooldown: toLaps([{ miles: e, pace: null }]),
    notes: notes[session],
  };
}

/** The distance of one stride: about 17.5 s at R pace. */
function strideMiles(paces: TrainingPaces): number {
  return round3(17.5 / paces.repetition);
}

const STRIDE_JOG = 0.1;

/** How many strides the week's R budget allows on a day of `total` miles (0 when under four). */
function strideCount(total: number, paces: TrainingPaces, budget: IntensityBudget): number {
  const s = strideMiles(paces);
  const room = total - 2 * edge(total) - 0.25;
  const count = Math.min(
    6,
    INTENSITY.strides.maxCount,
    Math.floor(budget.repetition / s + 1e-9),
    Math.floor(room / (s + STRIDE_JOG) + 1e-9),
  );
  return count >= INTENSITY.strides.minCount ? count : 0;
}

/** An easy run finished with 4–8 relaxed strides at R pace. Falls back to an easy run without room. */
export function stridesWorkout(total: number, paces: TrainingPaces, budget: IntensityBudget): Workout {
  const count = strideCount(total, paces, budget);
  if (count === 0) return easyWorkout('easy', total, paces);
  const s = strideMiles(paces);
  budget.repetition -= count * s;
  budget.fast -= count * s;
  const e = edge(total);
  const easy = total - 2 * e - count * (s + STRIDE_JOG);
  const parts: Part[] = [{ miles: easy, pace: paces.easy }];
  for (let i = 0; i < count; i += 1) parts.push({ miles: s, pace: paces.repetition }, { miles: STRIDE_JOG, pace: null });
  return {
    session: 'strides',
    template: '',
    warmup: toLaps([{ miles: e, pace: null }]),
    workout: toLaps(parts),
    cooldown: toLaps([{ miles: e, pace: null }]),
    notes: `Easy run, then ${count} × 20 s strides at ${formatPace(paces.repetition)}/mi, walking back between: quick, relaxed, never straining. They keep your legs fast without tiring them.`,
  };
}

export function shakeoutWorkout(total: number): Workout {
  return {
    session: 'shakeout',
    template: '',
    warmup: toLaps([{ miles: 0.5, pace: null }]),
    workout: toLaps([{ miles: total - 1, pace: null }]),
    cooldown: toLaps([{ miles: 0.5, pace: null }]),
    notes: 'Shakeout two days before the race: very easy, just enough to stay loose.',
  };
}

export function raceWorkout(distanceMiles: number, paces: TrainingPaces, raceName: string, goalSeconds: number): Workout {
  return {
    session: 'race',
    template: '',
    warmup: toLaps([{ miles: distanceMiles > 10 ? 0.5 : 1, pace: null }]),
    workout: [{ lapIndex: 1, distanceMiles, paceGoal: formatPace(paces.target) }],
    cooldown: toLaps([{ miles: 0.5, pace: null }]),
    notes: `Race day: ${raceName}. Goal ${formatDuration(goalSeconds)}; start at ${formatPace(paces.target)}/mi, controlled, and finish strong.`,
  };
}

/** Quality sessions: what the week asks for, in order of preference. */
export type QualityKind = 'hills' | 'fartlek' | 'tempo' | 'cruise-intervals' | 'intervals' | 'progression' | 'race-pace';

type Design = { session: SessionKind; main: Part[]; fast: number; template: string; notes: string };

function templateOf(session: SessionKind, reps: number, rep: number): string {
  return `${session}:${reps}x${rep.toFixed(2)}`;
}

/** The track distances an I rep may be, in metres. */
const REP_METRES = [400, 600, 800, 1000, 1200, 1600];
const METRES_PER_MILE = 1609.344;

function repLabel(metres: number): string {
  return `${metres} m`;
}

function designFor(kind: QualityKind, room: number, ctx: SessionContext, repsLess: number): Design | undefined {
  const p = ctx.paces;
  const b = ctx.budget;
  const t = ctx.progress;
  const cap = (miles: number, budget: number): number => Math.min(miles, budget, b.fast, ctx.fastCap, room);
  switch (kind) {
    case 'hills': {
      const reps = Math.max(4, Math.min(10, Math.floor(lerp(6, 10, t)) - repsLess, Math.floor(room / 0.2)));
      if (reps * 0.2 > room) return undefined;
      const main: Part[] = [];
      for (let i = 0; i < reps; i += 1) main.push({ miles: 0.1, pace: null }, { miles: 0.1, pace: null });
      return {
        session: 'hills',
        main,
        fast: 0,
        // Unpaced reps are easy by zone, so the rules see no fast laps (C4 templates count fast laps).
        template: templateOf('hills', 0, 0),
        notes: `Hill repeats: ${reps} × about 45 s up a steady hill at a strong, controlled effort, jogging down. Strength and form with less pounding than speed work.`,
      };
    }
    case 'fartlek': {
      const reps = fitReps(cap(lerp(1.5, 2, t), b.threshold), 0.25, 0.25, room, 8) - repsLess;
      if (reps < 4) return undefined;
      const main: Part[] = [];
      for (let i = 0; i < reps; i += 1) main.push({ miles: 0.25, pace: p.threshold, zone: 'T' }, { miles: 0.25, pace: null });
      return {
        session: 'fartlek',
        main,
        fast: reps * 0.25,
        template: templateOf('fartlek', reps, 0.25),
        notes: `Fartlek: ${reps} surges of a quarter mile at threshold effort (${formatPace(p.threshold)}/mi), each followed by a quarter-mile float. Speed play that wakes the legs up.`,
      };
    }
    case 'tempo': {
      const want = { '5k': lerp(1.5, 3, t), '10k': lerp(2, 4, t), half: lerp(2.5, 5, t), marathon: lerp(3, 6, t) }[ctx.distance];
      const fast = Math.floor(cap(want, b.threshold) * 4 - repsLess + 1e-9) / 4;
      if (fast < 1) return undefined;
      return {
        session: 'tempo',
        main: [{ miles: fast, pace: p.threshold, zone: 'T' }],
        fast,
        template: templateOf('tempo', 1, fast),
        notes: `Tempo: ${mi(fast)} continuous at threshold pace (${formatPace(p.threshold)}/mi), comfortably hard. It raises the pace you can hold for an hour.`,
      };
    }
    case 'cruise-intervals': {
      const rep = ctx.distance === 'marathon' && t > 0.5 ? 1.5 : 1;
      const reps = fitReps(cap(lerp(3, 6, t), b.threshold), rep, 0.25, room, 6) - repsLess;
      if (reps < 2) return undefined;
      const main: Part[] = [];
      for (let i = 0; i < reps; i += 1) {
        if (i > 0) main.push({ miles: 0.25, pace: null });
        main.push({ miles: rep, pace: p.threshold, zone: 'T' });
      }
      return {
        session: 'cruise-intervals',
        main,
        fast: reps * rep,
        template: templateOf('cruise-intervals', reps, rep),
        notes: `Cruise intervals: ${reps} × ${rep} mi at threshold pace (${formatPace(p.threshold)}/mi) with a 1-minute jog. The lift of a tempo, in pieces you can hold.`,
      };
    }
    case 'intervals': {
      // Reps of 2–5 minutes at I pace: about 3 minutes early in the plan, 4 later.
      const seconds = lerp(170, 250, t);
      const budget = cap(lerp(2, 4, t) + (ctx.distance === '5k' || ctx.distance === '10k' ? 0.5 : 0), b.interval);
      const fits = REP_METRES.map((m) => ({ m, rep: round3(m / METRES_PER_MILE), dur: (m / METRES_PER_MILE) * p.interval }))
        .filter((c) => c.dur >= 125 && c.dur <= 295)
        .map((c) => ({ ...c, reps: fitReps(budget, c.rep, Math.min(c.rep, 0.25), room, 8) - repsLess }))
        .filter((c) => c.reps >= 2)
        .sort((x, y) => Number(y.reps >= 3) - Number(x.reps >= 3) || Math.abs(x.dur - seconds) - Math.abs(y.dur - seconds));
      const pick = fits[0];
      if (pick === undefined) return undefined;
      const { m: best, rep, reps } = pick;
      const jog = Math.min(rep, 0.25);
      const main: Part[] = [];
      for (let i = 0; i < reps; i += 1) {
        if (i > 0) main.push({ miles: jog, pace: null });
        main.push({ miles: rep, pace: p.interval, zone: 'I' });
      }
      return {
        session: 'intervals',
        main,
        fast: reps * rep,
        template: templateOf('intervals', reps, rep),
        notes: `Intervals: ${reps} × ${repLabel(best)} at I pace (${formatPace(p.interval)}/mi) with ${jog === rep ? 'equal' : 'shorter'} jog recoveries. Reps of 2–5 minutes near VO2max build aerobic power.`,
      };
    }
    case 'progression': {
      const m = Math.floor(cap(lerp(2, 4, t), b.racePace) * 4 - repsLess + 1e-9) / 4;
      const th = Math.floor(Math.min(0.5, b.threshold, b.fast - m) * 4 + 1e-9) / 4;
      if (m < 1 || th < 0.25 || m + th + 1 > room) return undefined;
      const easy = Math.min(2, room - m - th);
      return {
        session: 'progression',
        main: [
          { miles: easy, pace: p.easy },
          { miles: m, pace: p.marathon, zone: 'race' },
          { miles: th, pace: p.threshold, zone: 'T' },
        ],
        fast: m + th,
        template: templateOf('progression', 2, m),
        notes: `Progression run: easy, then ${mi(m)} at marathon pace (${formatPace(p.marathon)}/mi) and the last ${mi(th)} at threshold. Practice at finishing fast on tired legs.`,
      };
    }
    case 'race-pace': {
      const want = { '5k': lerp(1.5, 3, t), '10k': lerp(2, 4, t), half: lerp(2, 5, t), marathon: lerp(3, 8, t) }[ctx.distance];
      const total = cap(want, b.racePace);
      if (ctx.distance === '5k' || ctx.distance === '10k') {
        const rep = ctx.distance === '5k' ? 0.5 : 1;
        const reps = fitReps(total, rep, 0.25, room, 6) - repsLess;
        if (reps < 2) return undefined;
        const main: Part[] = [];
        for (let i = 0; i < reps; i += 1) {
          if (i > 0) main.push({ miles: 0.25, pace: null });
          main.push({ miles: rep, pace: p.target, zone: 'race' });
        }
        return {
          session: 'race-pace',
          main,
          fast: reps * rep,
          template: templateOf('race-pace', reps, rep),
          notes: `Race-pace reps: ${reps} × ${rep} mi at target race pace (${formatPace(p.target)}/mi) with short jogs. Lock in the rhythm of race day.`,
        };
      }
      const fast = Math.floor(total * 4 - repsLess + 1e-9) / 4;
      if (fast < 1.5) return undefined;
      return {
        session: 'race-pace',
        main: [{ miles: fast, pace: p.target, zone: 'race' }],
        fast,
        template: templateOf('race-pace', 1, fast),
        notes: `Race-pace run: ${mi(fast)} at target race pace (${formatPace(p.target)}/mi). Lock in the rhythm, and the fuelling, of race day.`,
      };
    }
  }
}

function spend(ctx: SessionContext, design: Design): void {
  const b = ctx.budget;
  for (const part of design.main) {
    if (part.zone === undefined) continue;
    if (part.zone === 'T') b.threshold -= part.miles;
    else if (part.zone === 'I') b.interval -= part.miles;
    else if (part.zone === 'R') b.repetition -= part.miles;
    else b.racePace -= part.miles;
    b.fast -= part.miles;
  }
}

/**
 * A quality session of `total` miles: the first kind in `kinds` that fits the day and the week's
 * budgets and is not a third repeat of the last template; hills (no pace, no fast miles) when
 * nothing else fits. Undefined only when the day cannot hold even hills.
 */
export function qualityWorkout(kinds: readonly QualityKind[], total: number, ctx: SessionContext): Workout | undefined {
  const room = total - 2 * edge(total);
  const repeat = ctx.recentTemplates.length >= 2 && ctx.recentTemplates[0] === ctx.recentTemplates[1] ? ctx.recentTemplates[0] : undefined;
  for (const kind of [...kinds, 'hills' as const]) {
    for (const repsLess of [0, 1]) {
      const design = designFor(kind, room, ctx, repsLess);
      if (!design || design.template === repeat) continue;
      spend(ctx, design);
      return assemble(design.session, design.template, total, design.main, design.notes);
    }
  }
  return undefined;
}

/** The long run, with its last miles at race pace when the week asks for it and the budget allows. */
export function longWorkout(total: number, finishAtRacePace: boolean, ctx: SessionContext): Workout {
  const p = ctx.paces;
  if (finishAtRacePace && (ctx.distance === 'half' || ctx.distance === 'marathon')) {
    const want = ctx.distance === 'marathon' ? lerp(2, 6, ctx.progress) : lerp(1.5, 3, ctx.progress);
    const fast = Math.floor(Math.min(want, ctx.budget.racePace, ctx.budget.fast, total / 3) * 2 + 1e-9) / 2;
    if (fast >= 1) {
      ctx.budget.racePace -= fast;
      ctx.budget.fast -= fast;
      const e = edge(total);
      return {
        session: 'long-race-pace-finish',
        template: '',
        warmup: toLaps([{ miles: e, pace: null }]),
        workout: toLaps([
          { miles: total - 2 * e - fast, pace: p.easy },
          { miles: fast, pace: p.target },
        ]),
        cooldown: toLaps([{ miles: e, pace: null }]),
        notes: `Long run with the last ${mi(fast)} at target race pace (${formatPace(p.target)}/mi): race rhythm, pacing and fuelling on tired legs.`,
      };
    }
  }
  return easyWorkout('long', total, p);
}
