/**
 * Pace zones (PLAN-RULES v2 "C-paces"): which zone a lap's pace puts it in, and which zones each
 * session kind may use. One home for both, shared by the validator (which checks and counts) and
 * the engines (which aim inside them).
 */
import type { TrainingPaces } from './paces.js';
import { ZONE_TOLERANCE } from './paces.js';
import type { SessionKind } from './schemas.js';

export const ZONES = ['E', 'M', 'T', 'I', 'R', 'target'] as const;
export type Zone = (typeof ZONES)[number];

/** Paces are whole seconds written M:SS; a second either side absorbs the rounding. */
const PACE_ROUNDING = 1;

/** The zones a session kind's workout laps may run in (null paces are always easy). */
export const SESSION_ZONES: Readonly<Record<SessionKind, readonly Zone[]>> = {
  easy: ['E'],
  strides: ['E', 'R'],
  recovery: ['E'],
  shakeout: ['E', 'R'],
  'medium-long': ['E'],
  tempo: ['E', 'T'],
  'cruise-intervals': ['E', 'T'],
  progression: ['E', 'M', 'T', 'target'],
  'race-pace': ['E', 'target', 'M'],
  intervals: ['E', 'I'],
  hills: ['E', 'I', 'R'],
  fartlek: ['E', 'T', 'I', 'R'],
  long: ['E'],
  'long-race-pace-finish': ['E', 'target', 'M'],
  race: ['target'],
  'cross-training': ['E'],
};

/** Sessions whose easy laps may be slower than the easy range (recovery "may be slower"). */
const SLOW_ALLOWED: ReadonlySet<SessionKind> = new Set<SessionKind>(['recovery', 'shakeout']);

function within(pace: number, centre: number, share: number): boolean {
  return Math.abs(pace - centre) <= share * centre + PACE_ROUNDING;
}

/** True when `pace` (s/mi) is in `zone` for these paces; `slowOk` lets easy run slower than the range. */
function inZone(pace: number, zone: Zone, paces: TrainingPaces, slowOk = false): boolean {
  switch (zone) {
    case 'E':
      return pace >= paces.easyFast - PACE_ROUNDING && (slowOk || pace <= paces.easySlow + PACE_ROUNDING);
    case 'M':
      return within(pace, paces.marathon, ZONE_TOLERANCE.marathon);
    case 'T':
      return within(pace, paces.threshold, ZONE_TOLERANCE.threshold);
    case 'I':
      return within(pace, paces.interval, ZONE_TOLERANCE.interval);
    case 'R':
      return within(pace, paces.repetition, ZONE_TOLERANCE.repetition);
    case 'target':
      return Math.abs(pace - paces.target) <= PACE_ROUNDING;
  }
}

/**
 * The zone a workout lap of `session` runs in: null pace is easy; otherwise the first zone the
 * session allows that holds the pace, or undefined when none does (a PACE.zone violation).
 */
export function zoneOfLap(pace: number | undefined, session: SessionKind, paces: TrainingPaces): Zone | undefined {
  if (pace === undefined) return 'E';
  const slowOk = SLOW_ALLOWED.has(session);
  for (const zone of SESSION_ZONES[session]) if (inZone(pace, zone, paces, slowOk)) return zone;
  return undefined;
}

/** The words for a zone in a violation message. */
export function zoneName(zone: Zone): string {
  const names: Record<Zone, string> = {
    E: 'easy',
    M: 'marathon pace',
    T: 'threshold pace',
    I: 'interval pace',
    R: 'repetition pace',
    target: 'target race pace',
  };
  return names[zone];
}
