/**
 * The fake Strava's activities: what a test adds (sensible defaults for a morning run) and the
 * DetailedActivity JSON Strava answers for it, with `start_date_local` written with Strava's
 * misleading Z.
 */

export type FakeActivityInput = {
  readonly id?: string;
  readonly name?: string;
  /** `Run`, `TrailRun`, `VirtualRun`, `Ride`, `Walk`, … (the older `type` is derived). */
  readonly sportType?: string;
  /** The athlete's wall clock at the start, `YYYY-MM-DDTHH:MM:SS`; default an hour before the fake's now. */
  readonly startLocal?: string;
  /** The athlete's offset from UTC at the start, in seconds (default 0). */
  readonly utcOffsetSeconds?: number;
  /** Default 8,047 m (5 mi). */
  readonly distanceMetres?: number;
  /** Default 45:00. */
  readonly movingSeconds?: number;
  /** Default the moving time plus a minute. */
  readonly elapsedSeconds?: number;
  readonly manual?: boolean;
  readonly private?: boolean;
};

export type FakeActivity = {
  readonly id: string;
  readonly athleteId: string;
  readonly name: string;
  readonly sportType: string;
  readonly startLocal: string;
  readonly startUtc: string;
  readonly utcOffsetSeconds: number;
  readonly distanceMetres: number;
  readonly movingSeconds: number;
  readonly elapsedSeconds: number;
  readonly manual: boolean;
  readonly private: boolean;
};

/** The older `type` for a `sport_type` (Strava folds trail runs into Run). */
function legacyType(sportType: string): string {
  if (sportType === 'TrailRun') return 'Run';
  if (sportType === 'MountainBikeRide' || sportType === 'GravelRide' || sportType === 'EBikeRide') return 'Ride';
  return sportType;
}

/** `YYYY-MM-DDTHH:MM:SS` of an instant shifted by `offsetSeconds`. */
function wallClock(ms: number, offsetSeconds: number): string {
  return new Date(ms + offsetSeconds * 1000).toISOString().slice(0, 19);
}

export function makeActivity(id: string, athleteId: string, input: FakeActivityInput, nowMs: number): FakeActivity {
  const utcOffsetSeconds = input.utcOffsetSeconds ?? 0;
  const startLocal = input.startLocal ?? wallClock(nowMs - 3_600_000, utcOffsetSeconds);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(startLocal))
    throw new Error(`startLocal must be YYYY-MM-DDTHH:MM:SS, not ${startLocal}`);
  const startUtcMs = Date.parse(`${startLocal}Z`) - utcOffsetSeconds * 1000;
  const movingSeconds = input.movingSeconds ?? 45 * 60;
  return {
    id,
    athleteId,
    name: input.name ?? 'Morning Run',
    sportType: input.sportType ?? 'Run',
    startLocal,
    startUtc: `${new Date(startUtcMs).toISOString().slice(0, 19)}Z`,
    utcOffsetSeconds,
    distanceMetres: input.distanceMetres ?? 8047,
    movingSeconds,
    elapsedSeconds: input.elapsedSeconds ?? movingSeconds + 60,
    manual: input.manual ?? false,
    private: input.private ?? false,
  };
}

/** The activity as `GET /activities/{id}` answers it (a DetailedActivity, trimmed to plausible fields). */
export function activityJson(activity: FakeActivity): Record<string, unknown> {
  return {
    resource_state: 3,
    id: Number(activity.id),
    external_id: activity.manual ? null : `garmin_push_${activity.id}`,
    upload_id: activity.manual ? null : Number(activity.id) + 1,
    athlete: { id: Number(activity.athleteId), resource_state: 1 },
    name: activity.name,
    distance: activity.distanceMetres,
    moving_time: activity.movingSeconds,
    elapsed_time: activity.elapsedSeconds,
    total_elevation_gain: 12.4,
    type: legacyType(activity.sportType),
    sport_type: activity.sportType,
    start_date: activity.startUtc,
    // Strava writes the local wall clock with a Z, as if it were UTC.
    start_date_local: `${activity.startLocal}Z`,
    timezone: '(GMT+00:00) Etc/UTC',
    utc_offset: activity.utcOffsetSeconds,
    trainer: activity.sportType === 'VirtualRun',
    commute: false,
    manual: activity.manual,
    private: activity.private,
    visibility: activity.private ? 'only_me' : 'everyone',
    average_speed: activity.movingSeconds > 0 ? Math.round((activity.distanceMetres / activity.movingSeconds) * 1000) / 1000 : 0,
    has_heartrate: false,
  };
}
