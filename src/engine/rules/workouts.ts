/**
 * Turns a day's type and miles into laps (warmup, workout, cooldown) with pace goals inside the
 * bands of PLAN-RULES.md, and a note a runner can follow. Lap distances are multiples of a quarter
 * mile so that sums stay exact.
 */
import { dateOfPlanDay, dayNameOf } from '../../domain/calendar.js';
import type { Day, DayType, Lap } from '../../domain/schemas.js';
import { formatDuration, formatPace } from '../../domain/time.js';
import type { WeekContext } from './week-context.js';

/** Miles of sustained tempo work a session builds to, by race. */
const TEMPO_CAP = { '5k': 3, '10k': 4, half: 5, marathon: 6 } as const;

function laps(distances: readonly number[], pace: (i: number) => string | null): Lap[] {
  return distances.map((distanceMiles, i) => ({ lapIndex: i + 1, distanceMiles, paceGoal: pace(i) }));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Splits `total` into one-mile laps and a final shorter one. */
function mileLaps(total: number): number[] {
  const result: number[] = [];
  let left = total;
  while (left > 1 + 1e-9) {
    result.push(1);
    left -= 1;
  }
  if (left > 1e-9) result.push(Number(left.toFixed(3)));
  return result;
}

type Workout = { warmup: Lap[]; workout: Lap[]; cooldown: Lap[]; notes: string };

function edges(total: number): [number, number] {
  const edge = total >= 6 ? 1 : 0.5;
  return [edge, edge];
}

function easyDay(ctx: WeekContext, total: number, type: DayType): Workout {
  const [wu, cd] = edges(total);
  const p = ctx.paces;
  const pace = type === 'recovery' ? p.easy + 30 : type === 'moderate' ? Math.round((p.easy + p.tempo) / 2) : p.easy;
  const main = total - wu - cd;
  const notes: Record<string, string> = {
    easy: 'Easy run at conversational pace.',
    recovery: 'Recovery run, slower than easy: loosen up after the hard days.',
    moderate: 'Steady run at a moderate, controlled effort.',
  };
  return {
    warmup: laps([wu], () => null),
    workout: laps([main], () => formatPace(pace)),
    cooldown: laps([cd], () => null),
    notes: notes[type] ?? notes.easy ?? '',
  };
}

function shakeoutDay(total: number): Workout {
  const main = total - 1;
  return {
    warmup: laps([0.5], () => null),
    workout: laps([main], () => null),
    cooldown: laps([0.5], () => null),
    notes: 'Shakeout: very easy, with 4 × 20 s relaxed strides. Two days to the race.',
  };
}

function longDay(ctx: WeekContext, total: number): Workout {
  const [wu, cd] = edges(total);
  const main = total - wu - cd;
  const p = ctx.paces;
  const low = Math.min(p.goal, p.easy);
  const high = Math.max(p.goal, p.easy);
  const raceSpecific =
    ctx.phase === 'peak' && !ctx.isCutback && (ctx.distance === 'half' || ctx.distance === 'marathon');
  if (raceSpecific) {
    const finish = Math.min(ctx.distance === 'marathon' ? 4 : 3, Math.floor(main / 3));
    const goalPace = clamp(p.goal, low, high);
    return {
      warmup: laps([wu], () => null),
      workout: laps([main - finish, finish], (i) => formatPace(i === 0 ? p.easy : goalPace)),
      cooldown: laps([cd], () => null),
      notes: 'Long run finishing at goal pace. Practise race-day fuelling.',
    };
  }
  return {
    warmup: laps([wu], () => null),
    workout: laps([main], () => formatPace(p.easy)),
    cooldown: laps([cd], () => null),
    notes: 'Long run, easy: time on feet, not speed.',
  };
}

function tempoDay(ctx: WeekContext, total: number): Workout {
  const [wu, cd] = edges(total);
  const main = total - wu - cd;
  const p = ctx.paces;
  const ceiling = Math.max(p.predicted, p.goal) + 60;
  const raceSpecific = ctx.phase === 'peak' && (ctx.distance === 'half' || ctx.distance === 'marathon');
  const pace = raceSpecific ? clamp(p.goal, p.fiveK, ceiling) : clamp(p.tempo, p.fiveK, ceiling);
  // For races much shorter than 5K the band can be empty (predicted + 60 s faster than 5K pace):
  // then the session is run by effort, with no pace goal.
  const paceGoal = p.fiveK <= ceiling ? formatPace(pace) : null;
  const label = raceSpecific ? 'goal race pace' : 'tempo pace (comfortably hard)';
  // Sustained work is capped by what the race needs and grows through the plan; the rest of the
  // day's miles are easy running after it.
  const cap = raceSpecific ? TEMPO_CAP[ctx.distance] + 2 : ctx.phase === 'build' && ctx.phaseWeekIndex < ctx.phaseWeekCount / 2 ? TEMPO_CAP[ctx.distance] - 1 : TEMPO_CAP[ctx.distance];
  const fast = Math.min(main, Math.max(1, cap));
  const easy = Number((main - fast).toFixed(3));
  const fastLaps = mileLaps(fast);
  const distances = easy > 0 ? [...fastLaps, easy] : fastLaps;
  return {
    warmup: laps([wu], () => null),
    workout: laps(distances, (i) => (i < fastLaps.length ? paceGoal : null)),
    cooldown: laps([cd], () => null),
    notes: `${raceSpecific ? 'Race-pace run' : 'Tempo run'}: continuous at ${label}${easy > 0 ? ', then easy running' : ''}.`,
  };
}

function intervalsDay(ctx: WeekContext, total: number): Workout {
  const [wu, cd] = edges(total);
  const main = total - wu - cd;
  const short = ctx.distance === '5k' || ctx.distance === '10k';
  const late = ctx.phase === 'peak' || ctx.phase === 'taper';
  const rep = short ? (late ? 0.5 : 0.25) : late ? 1 : 0.5;
  const jog = 0.25;
  const reps = Math.max(1, Math.min(12, Math.floor((main + jog) / (rep + jog) + 1e-9)));
  const distances: number[] = [];
  for (let i = 0; i < reps; i += 1) {
    if (i > 0) distances.push(jog);
    distances.push(rep);
  }
  const used = distances.reduce((a, b) => a + b, 0);
  const rest = Number((main - used).toFixed(3));
  if (rest > 1e-9) distances.push(rest);
  const pace = ctx.paces.interval;
  const repLabel = rep === 0.25 ? '400 m' : rep === 0.5 ? '800 m' : '1600 m';
  return {
    warmup: laps([wu], () => null),
    workout: laps(distances, (i) => (i % 2 === 0 && i < reps * 2 - 1 ? formatPace(pace) : null)),
    cooldown: laps([cd], () => null),
    notes: `Intervals: ${reps} × ${repLabel} at 5K pace with 400 m easy jogs${rest > 0 ? ', then easy running' : ''}.`,
  };
}

function raceDay(ctx: WeekContext): Workout {
  const d = ctx.inputs.distanceMiles;
  const wu = d > 10 ? 0.5 : 1;
  return {
    warmup: laps([wu], () => null),
    workout: laps([d], () => formatPace(ctx.paces.goal)),
    cooldown: laps([0.5], () => null),
    notes: `Race day: ${ctx.inputs.raceName}. Goal ${formatDuration(ctx.inputs.goalTimeSeconds)}. Start controlled, finish strong.`,
  };
}

function restNote(ctx: WeekContext, dayNumber: number): string {
  const fixed = ctx.fixed.get(dayNumber);
  if (fixed === 'rest-before-race') return 'Rest: legs up, lay out your race kit. Race tomorrow.';
  if (fixed === 'after-race') return 'Rest and recover after the race.';
  return 'Rest day.';
}

export function buildDay(ctx: WeekContext, dayNumber: number, type: DayType, total: number): Day {
  const date = dateOfPlanDay(ctx.inputs.startDate, ctx.weekNumber, dayNumber);
  const base = { dayNumber, date, dayOfWeek: dayNameOf(dayNumber), type };
  let workout: Workout;
  switch (type) {
    case 'rest':
      workout = { warmup: [], workout: [], cooldown: [], notes: restNote(ctx, dayNumber) };
      break;
    case 'easy':
    case 'recovery':
    case 'moderate':
      workout = easyDay(ctx, total, type);
      break;
    case 'shakeout':
      workout = shakeoutDay(total);
      break;
    case 'long':
      workout = longDay(ctx, total);
      break;
    case 'tempo':
      workout = tempoDay(ctx, total);
      break;
    case 'intervals':
      workout = intervalsDay(ctx, total);
      break;
    case 'race':
      workout = raceDay(ctx);
      break;
  }
  return { ...base, ...workout };
}
