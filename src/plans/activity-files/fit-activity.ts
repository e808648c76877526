/**
 * A FIT activity file as a run, read with Garmin's own SDK. The file's summary is trusted first:
 * the running session's sport and sub-sport (trail; treadmill, indoor or virtual), start_time,
 * total_distance, total_timer_time (moving: the watch's timer stops on pause) and
 * total_elapsed_time. When a file has no session (some exporters write laps and records only),
 * the laps are summed; when those lack a total too, the records give it (last distance, first to
 * last timestamp, or the haversine sum over their positions).
 */
import { Decoder, Stream } from '@garmin/fitsdk';
import type { FitMessages, LapMesg, RecordMesg, SessionMesg } from '@garmin/fitsdk';
import { corruptFile, noActivityData, notARun } from './activity-file-error.js';
import { assumedRun, runSportOf, type FileActivity, type RunSport } from './file-activity.js';
import { trackTotals, type TrackPoint } from './track-metrics.js';

/** Degrees per semicircle: FIT stores positions as 2^31 semicircles per 180°. */
const DEGREES_PER_SEMICIRCLE = 180 / 2 ** 31;

const SUB_SPORT_RUNS: Readonly<Record<string, RunSport>> = {
  trail: 'trail-run',
  treadmill: 'virtual-run',
  indoorRunning: 'virtual-run',
  virtualActivity: 'virtual-run',
};

type Summary = Pick<SessionMesg, 'sport' | 'subSport' | 'startTime' | 'totalDistance' | 'totalTimerTime' | 'totalElapsedTime'>;

function runSportOfFit(sport: unknown, subSport: unknown): RunSport | undefined {
  if (sport === undefined) return undefined;
  const sub = typeof subSport === 'string' && Object.hasOwn(SUB_SPORT_RUNS, subSport) ? SUB_SPORT_RUNS[subSport] : undefined;
  if (sport === 'running') return sub ?? 'run';
  // Older Garmin watches log a treadmill run as fitness equipment with a treadmill sub-sport.
  if (sport === 'fitnessEquipment' && subSport === 'treadmill') return 'virtual-run';
  if (sport === 'generic') return undefined;
  if (typeof sport !== 'string') throw notARun('different sport');
  // FIT always names its sport (the SDK turns the enum into a string): one that is not a run is refused.
  return runSportOf(sport) ?? throwNotARun('different sport');
}

function throwNotARun(what: string): never {
  throw notARun(what);
}

function decode(bytes: Uint8Array): FitMessages {
  const stream = Stream.fromByteArray(bytes);
  if (!Decoder.isFIT(stream)) throw corruptFile('FIT', new Error('no FIT header'));
  const decoder = new Decoder(stream);
  if (!decoder.checkIntegrity()) throw corruptFile('FIT', new Error('the header or file CRC does not match'));
  const { messages, errors } = decoder.read();
  if (errors.length > 0) throw corruptFile('FIT', errors[0]);
  return messages;
}

/** The session to log: the running one of a multisport file, else the first. */
function sessionOf(messages: FitMessages): Summary | undefined {
  const sessions = messages.sessionMesgs ?? [];
  return sessions.find((s) => s.sport === 'running') ?? sessions[0];
}

/** A summary built from laps when the file has no session. */
function summaryOfLaps(laps: readonly LapMesg[]): Summary | undefined {
  const first = laps[0];
  if (first === undefined) return undefined;
  const total = (pick: (lap: LapMesg) => number | undefined): number | undefined =>
    laps.every((lap) => pick(lap) !== undefined) ? laps.reduce((sum, lap) => sum + (pick(lap) ?? 0), 0) : undefined;
  return {
    sport: first.sport,
    subSport: first.subSport,
    startTime: first.startTime,
    totalDistance: total((lap) => lap.totalDistance),
    totalTimerTime: total((lap) => lap.totalTimerTime),
    totalElapsedTime: total((lap) => lap.totalElapsedTime),
  };
}

const validDate = (value: unknown): Date | undefined => (value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined);
const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;

function pointOf(record: RecordMesg): TrackPoint | undefined {
  const time = validDate(record.timestamp);
  if (time === undefined || record.positionLat === undefined || record.positionLong === undefined) return undefined;
  return { lat: record.positionLat * DEGREES_PER_SEMICIRCLE, lon: record.positionLong * DEGREES_PER_SEMICIRCLE, time };
}

export function readFit(bytes: Uint8Array): FileActivity {
  const messages = decode(bytes);
  const summary = sessionOf(messages) ?? summaryOfLaps(messages.lapMesgs ?? []) ?? {};
  const records = messages.recordMesgs ?? [];
  const recordTimes = records.flatMap((r) => validDate(r.timestamp) ?? []);
  const firstRecord = recordTimes[0];
  const lastRecord = recordTimes[recordTimes.length - 1];
  const fromTrack = trackTotals([records.flatMap((r) => pointOf(r) ?? [])]);
  const lastRecordDistance = records
    .map((r) => positive(r.distance))
    .filter((d) => d !== undefined)
    .pop();

  const startUtc = validDate(summary.startTime) ?? firstRecord;
  if (startUtc === undefined) throw noActivityData('FIT');
  const recordSpan = lastRecord === undefined ? undefined : positive((lastRecord.getTime() - startUtc.getTime()) / 1000);
  const distanceMetres = positive(summary.totalDistance) ?? lastRecordDistance ?? positive(fromTrack.distanceMetres);
  const movingSeconds = positive(summary.totalTimerTime) ?? positive(fromTrack.movingSeconds) ?? recordSpan;
  const elapsedSeconds = positive(summary.totalElapsedTime) ?? recordSpan ?? movingSeconds;
  if (distanceMetres === undefined || movingSeconds === undefined || elapsedSeconds === undefined) throw noActivityData('FIT');

  const sportMesg = messages.sportMesgs?.[0];
  const sport =
    runSportOfFit(summary.sport ?? sportMesg?.sport, summary.subSport ?? sportMesg?.subSport) ?? assumedRun(distanceMetres, movingSeconds);
  return { sport, startUtc, distanceMetres, movingSeconds, elapsedSeconds: Math.max(elapsedSeconds, movingSeconds) };
}
