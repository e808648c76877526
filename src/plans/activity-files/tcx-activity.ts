/**
 * A TCX activity as a run. TCX keeps Garmin's own totals per lap: `TotalTimeSeconds` is timer time
 * (pauses excluded) and `DistanceMeters` the lap's distance, so the run's totals are their sums.
 * The sport is the Activity's `Sport` attribute (Running, Biking or Other); TCX has no trail or
 * treadmill kind, so every run is a plain run. Elapsed time runs from the first lap's start to the
 * last trackpoint (or to the end of the last lap when the file has no trackpoints).
 */
import { noActivityData } from './activity-file-error.js';
import { assumedRun, runSportOf, type FileActivity } from './file-activity.js';
import { trackTotals, type TrackPoint } from './track-metrics.js';
import { child, children, numberAt, readXml, text, timeAt, type XmlNode } from './xml-document.js';

function pointOf(node: XmlNode): TrackPoint | undefined {
  const position = child(node, 'Position');
  const lat = numberAt(child(position, 'LatitudeDegrees'));
  const lon = numberAt(child(position, 'LongitudeDegrees'));
  const time = timeAt(child(node, 'Time'));
  return lat === undefined || lon === undefined || time === undefined ? undefined : { lat, lon, time };
}

const sum = (values: readonly (number | undefined)[]): number | undefined =>
  values.every((v) => v !== undefined) && values.length > 0 ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : undefined;

export function readTcx(bytes: Uint8Array): FileActivity {
  const database = child(readXml(bytes, 'TCX'), 'TrainingCenterDatabase');
  const activity = children(child(database, 'Activities'), 'Activity')[0];
  const laps = children(activity, 'Lap');
  if (activity === undefined || laps.length === 0) throw noActivityData('TCX');
  const tracks = laps.map((lap) => children(lap, 'Track').flatMap((track) => children(track, 'Trackpoint')));
  const trackpoints = tracks.flat();
  const times = trackpoints.flatMap((tp) => timeAt(child(tp, 'Time')) ?? []);
  // The Activity's Id is its start time; the first lap's StartTime says the same.
  const startUtc = timeAt(child(activity, 'Id')) ?? timeAt({ '#text': text(laps[0], '@_StartTime') }) ?? times[0];
  if (startUtc === undefined) throw noActivityData('TCX');

  const fromTrack = trackTotals(tracks.map((points) => points.flatMap((tp) => pointOf(tp) ?? [])));
  const lastDistance = trackpoints
    .map((tp) => numberAt(child(tp, 'DistanceMeters')))
    .filter((d) => d !== undefined)
    .pop();
  const distanceMetres = sum(laps.map((lap) => numberAt(child(lap, 'DistanceMeters')))) ?? lastDistance ?? fromTrack.distanceMetres;
  const movingSeconds = sum(laps.map((lap) => numberAt(child(lap, 'TotalTimeSeconds')))) ?? fromTrack.movingSeconds;
  const lastTime = times[times.length - 1];
  const elapsedSeconds = Math.max(movingSeconds, lastTime === undefined ? 0 : (lastTime.getTime() - startUtc.getTime()) / 1000);
  if (!(distanceMetres > 0) || !(movingSeconds > 0)) throw noActivityData('TCX');

  const sport = runSportOf(text(activity, '@_Sport')) ?? assumedRun(distanceMetres, movingSeconds);
  const name = text(child(activity, 'Notes'));
  return { sport, startUtc, distanceMetres, movingSeconds, elapsedSeconds, ...(name === undefined ? {} : { name }) };
}
