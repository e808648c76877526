/**
 * What every activity-file reader (FIT, GPX, TCX) yields before the file's identity and the
 * athlete's time zone are added: the run's kind, its UTC start and its totals. Also the one place
 * that decides whether a named sport is a run, so the three formats agree.
 */
import type { ActivitySport } from '../../domain/activity.js';
import { notARun, tooFastForARun } from './activity-file-error.js';

/** Only runs get this far: anything else is refused while reading, so a file is never `other`. */
export type RunSport = Exclude<ActivitySport, 'other'>;

export type FileActivity = {
  readonly sport: RunSport;
  readonly startUtc: Date;
  readonly distanceMetres: number;
  /** Timer time: pauses excluded. */
  readonly movingSeconds: number;
  /** First to last moment of the activity, pauses included. */
  readonly elapsedSeconds: number;
  readonly name?: string;
};

/**
 * The fastest average a file may show and still be taken for a run when it does not say what it
 * is: 6.7 m/s is about 2:29 per km, a little quicker than the 5,000 m world record. A typeless
 * file at a faster average is a ride (or a car), and is refused.
 */
const FASTEST_RUN_METRES_PER_SECOND = 6.7;

const RUNS: Readonly<Record<string, RunSport>> = {
  run: 'run',
  running: 'run',
  streetrunning: 'run',
  trackrunning: 'run',
  // Strava's GPX export writes its activity type as a number: 9 is Run.
  '9': 'run',
  trailrun: 'trail-run',
  trailrunning: 'trail-run',
  virtualrun: 'virtual-run',
  virtualrunning: 'virtual-run',
  treadmill: 'virtual-run',
  treadmillrunning: 'virtual-run',
  indoorrun: 'virtual-run',
  indoorrunning: 'virtual-run',
};

/** Names of sports that are plainly not runs, as the formats write them, with how to say them. */
const NOT_RUNS: readonly (readonly [RegExp, string])[] = [
  [/^(1|ride|biking|cycling|bike|virtualride|ebikeride|mountainbiking|mountainbikeride|gravelride|roadbiking|indoorcycling)$/, 'ride'],
  [/^(swim|swimming|openwaterswimming|lapswimming)$/, 'swim'],
  [/^(walk|walking|hike|hiking)$/, 'walk or hike'],
  [/ski|skat|row|paddl|kayak|canoe|surf|sail|yoga|workout|weight|elliptical|stairs|golf|soccer|tennis/, 'different sport'],
];

function key(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The run a sport name stands for; `undefined` when the name is missing or unknown (the caller
 * then judges by speed); a refusal when it names another sport.
 */
export function runSportOf(name: string | undefined): RunSport | undefined {
  if (name === undefined || key(name) === '') return undefined;
  const k = key(name);
  // Own keys only: a file's `<type>constructor</type>` must not find Object's prototype.
  const run = Object.hasOwn(RUNS, k) ? RUNS[k] : undefined;
  if (run !== undefined) return run;
  const other = NOT_RUNS.find(([pattern]) => pattern.test(k));
  if (other !== undefined) throw notARun(other[1]);
  return undefined;
}

/** A file that does not say its sport is taken for a run unless it is too fast to be one. */
export function assumedRun(distanceMetres: number, movingSeconds: number): RunSport {
  if (movingSeconds > 0 && distanceMetres / movingSeconds > FASTEST_RUN_METRES_PER_SECOND) throw tooFastForARun();
  return 'run';
}
