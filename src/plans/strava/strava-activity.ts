/** A Strava activity in the coach's neutral shape (`Activity`), read in the athlete's own wall clock. */
import type { Activity, ActivitySport } from '../../domain/activity.js';
import type { StravaActivity } from './strava-api.js';

/** Strava's sport types that a plan day can be done as (issue 21: Run, Trail Run, Virtual Run). */
const RUN_SPORT_TYPES: Readonly<Record<string, ActivitySport>> = { Run: 'run', TrailRun: 'trail-run', VirtualRun: 'virtual-run' };

export function isStravaRun(activity: Pick<StravaActivity, 'sportType'>): boolean {
  return RUN_SPORT_TYPES[activity.sportType] !== undefined;
}

export function activityFromStrava(activity: StravaActivity): Activity {
  return {
    source: 'strava',
    sourceId: activity.id,
    sport: RUN_SPORT_TYPES[activity.sportType] ?? 'other',
    startLocal: activity.startLocal,
    startUtc: new Date(activity.startUtc).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    distanceMetres: activity.distanceMetres,
    movingSeconds: Math.round(activity.movingSeconds),
    // A manual entry may have no elapsed time of its own; it is never shorter than the moving time.
    elapsedSeconds: Math.max(Math.round(activity.elapsedSeconds), Math.round(activity.movingSeconds)),
    ...(activity.name.trim() === '' ? {} : { name: activity.name.trim().slice(0, 200) }),
  };
}
