/**
 * A run day done as another sport (`/plan cross`): the same time at easy effort, credited as
 * running miles by a factor per sport. The equivalence (docs/design/moves-and-cross-training.md):
 *
 * - The session lasts as long as the run would have: each lap at its own pace, an unpaced lap at
 *   easy pace. Effort is easy whatever the run was (a tempo done on a bike is not a tempo).
 * - Its running-equivalent miles are those minutes at easy pace times the sport's factor. The
 *   common distance rules of thumb — 3 mi of cycling, 1 mi of elliptical, a quarter mile of
 *   swimming for each running mile — come to about the same minutes at easy speeds, so bike, swim
 *   and elliptical count minute for minute (1.0). An unnamed sport (`other`) counts 0.75: less
 *   credit is the safer error, as PLAN-RULES settles every doubt (a week that counts less is
 *   followed by a week that asks less, never more).
 *
 * The day keeps the seed's shape: a warm-up and a cool-down lap of half a mile and one workout lap,
 * all unpaced, summing to the equivalent miles; `type` stays easy (recovery on a recovery day),
 * `session` is `cross-training`, and `cross` says the sport and the minutes.
 */
import { roundMiles } from './plan-math.js';
import { CROSS_MODES, type Day, type Lap } from './schemas.js';
import { parsePace } from './time.js';

export { CROSS_MODES };
export type CrossMode = (typeof CROSS_MODES)[number];

/** Running miles credited per minute-at-easy-pace of each sport (see the header). */
export const CROSS_FACTORS: Readonly<Record<CrossMode, number>> = { bike: 1, swim: 1, elliptical: 1, other: 0.75 };

/** The warm-up and cool-down of a cross-training day (R3 asks 0.5–1.0 mi each). */
const EDGE_MILES = 0.5;
/** The shortest cross-training day: its two edges and a workout lap. */
const MIN_MILES = 1.25;

export function isCrossMode(text: string): text is CrossMode {
  return (CROSS_MODES as readonly string[]).includes(text);
}

/** Minutes the day's run takes: every lap at its pace, unpaced laps at `easyPace` (s/mi). */
function runMinutes(day: Pick<Day, 'warmup' | 'workout' | 'cooldown'>, easyPace: number): number {
  let seconds = 0;
  for (const lap of [...day.warmup, ...day.workout, ...day.cooldown]) {
    seconds += lap.distanceMiles * (parsePace(lap.paceGoal) ?? easyPace);
  }
  return seconds / 60;
}

function lap(index: number, miles: number): Lap {
  return { lapIndex: index, distanceMiles: roundMiles(miles), paceGoal: null };
}

/**
 * `day` (a run day that is not the race) done as `mode`: same minutes, easy effort, the
 * equivalent miles in its laps. A day already cross-trained is made again from its minutes.
 */
export function crossTrainingDay(day: Day, mode: CrossMode, easyPace: number): Day {
  const minutes = Math.max(1, Math.round(day.cross?.minutes ?? runMinutes(day, easyPace)));
  const miles = Math.max(MIN_MILES, roundMiles(((minutes * 60) / easyPace) * CROSS_FACTORS[mode]));
  const label = mode === 'other' ? 'another sport' : mode === 'elliptical' ? 'the elliptical' : mode === 'bike' ? 'the bike' : 'a swim';
  const { dayNumber, date, dayOfWeek, movedFrom } = day;
  return {
    dayNumber,
    date,
    dayOfWeek,
    type: day.type === 'recovery' ? 'recovery' : 'easy',
    session: 'cross-training',
    warmup: [lap(1, EDGE_MILES)],
    workout: [lap(1, miles - 2 * EDGE_MILES)],
    cooldown: [lap(1, EDGE_MILES)],
    notes: `Cross-training on ${label}: ${minutes} min at easy effort, conversational the whole way. Counts as ${roundMiles(miles)} mi of running.`,
    ...(movedFrom === undefined ? {} : { movedFrom }),
    cross: { mode, minutes },
  };
}
