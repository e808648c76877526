/**
 * A run as it arrives from outside the plan (issue 21): a Strava activity or a file dropped in
 * chat, in one neutral shape, so that matching, storing and wording never know where it came from.
 * Every source produces this and nothing else; `activitySchema` checks it at that boundary.
 *
 * `startLocal` is the wall-clock time where the athlete ran (their zone), `startUtc` the instant:
 * the plan day is the local date (a 23:30 run on Tuesday in Denver is Tuesday's run, although it is
 * Wednesday in UTC). A source that only knows the instant uses `localStartOf` with the athlete's zone.
 */
import { z } from 'zod';
import { isIsoDate } from './calendar.js';
import { METRES_PER_MILE } from './paces.js';
import { offsetMinutes } from './time-zones.js';

const ACTIVITY_SOURCES = ['file', 'strava'] as const;
export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];

/** The sports a plan day can be done as; everything else is kept as `other` and never matched. */
const ACTIVITY_SPORTS = ['run', 'trail-run', 'virtual-run', 'other'] as const;
export type ActivitySport = (typeof ACTIVITY_SPORTS)[number];
export const RUN_SPORTS: ReadonlySet<ActivitySport> = new Set(['run', 'trail-run', 'virtual-run']);

/** `YYYY-MM-DDTHH:MM:SS`, no offset: the athlete's wall clock. */
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/** The longest activity accepted: 7 days (an ultra is long; a week-long file is a mistake). */
const MAX_ACTIVITY_SECONDS = 7 * 86_400;
/** The longest distance accepted, metres (a 1,000 km file is not one run). */
const MAX_ACTIVITY_METRES = 1_000_000;

export const activitySchema = z
  .object({
    source: z.enum(ACTIVITY_SOURCES),
    /** The idempotency key within its source: Strava's activity id, a file's sha-256. */
    sourceId: z.string().min(1).max(128),
    sport: z.enum(ACTIVITY_SPORTS),
    startLocal: z.string().refine((text) => {
      const match = LOCAL_DATE_TIME.exec(text);
      return match !== null && isIsoDate(match[1] ?? '');
    }, 'must be a local date-time written YYYY-MM-DDTHH:MM:SS'),
    startUtc: z.iso.datetime({ offset: false }),
    distanceMetres: z.number().min(0).max(MAX_ACTIVITY_METRES),
    movingSeconds: z.number().int().min(0).max(MAX_ACTIVITY_SECONDS),
    elapsedSeconds: z.number().int().min(0).max(MAX_ACTIVITY_SECONDS),
    name: z.string().max(200).optional(),
  })
  .refine((a) => a.elapsedSeconds >= a.movingSeconds, { message: 'elapsed time is shorter than moving time', path: ['elapsedSeconds'] });
export type Activity = z.infer<typeof activitySchema>;

/** The athlete's local date of an activity: the plan day it belongs to. */
export function activityLocalDate(activity: Pick<Activity, 'startLocal'>): string {
  return activity.startLocal.slice(0, 10);
}

export function activityMiles(activity: Pick<Activity, 'distanceMetres'>): number {
  return activity.distanceMetres / METRES_PER_MILE;
}

/** Average moving pace, seconds per mile; undefined without distance or time. */
export function activityPaceSeconds(activity: Pick<Activity, 'distanceMetres' | 'movingSeconds'>): number | undefined {
  const miles = activityMiles(activity);
  if (miles <= 0 || activity.movingSeconds <= 0) return undefined;
  return activity.movingSeconds / miles;
}

/** The wall-clock start in `timeZone` of an instant, for sources that only record UTC (GPX, TCX, FIT). */
export function localStartOf(instant: Date, timeZone: string): string {
  const wall = new Date(instant.getTime() + offsetMinutes(timeZone, instant) * 60_000);
  return wall.toISOString().slice(0, 19);
}
