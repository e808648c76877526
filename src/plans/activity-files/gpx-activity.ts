/**
 * A GPX track as a run. GPX carries points, not totals: distance is the haversine sum over each
 * segment's points, moving time leaves out stops and the gaps between segments
 * (`track-metrics.ts`), elapsed time is first point to last. The sport comes from the track's
 * `<type>` (Garmin and Strava write `running`, older Strava exports `9`); a file without one is
 * taken for a run unless it is faster than any runner (`assumedRun`).
 */
import { noActivityData } from './activity-file-error.js';
import { assumedRun, runSportOf, type FileActivity } from './file-activity.js';
import { trackTotals, type TrackPoint } from './track-metrics.js';
import { child, children, numberAt, readXml, text, timeAt, type XmlNode } from './xml-document.js';

function pointOf(node: XmlNode): TrackPoint | undefined {
  const lat = numberAt(node, '@_lat');
  const lon = numberAt(node, '@_lon');
  const time = timeAt(child(node, 'time'));
  if (lat === undefined || lon === undefined || time === undefined) return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { lat, lon, time };
}

export function readGpx(bytes: Uint8Array): FileActivity {
  const gpx = child(readXml(bytes, 'GPX'), 'gpx');
  const tracks = children(gpx, 'trk');
  const segments = tracks.flatMap((trk) => children(trk, 'trkseg').map((seg) => children(seg, 'trkpt').flatMap((pt) => pointOf(pt) ?? [])));
  const points = segments.flat();
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined) throw noActivityData('GPX');
  const { distanceMetres, movingSeconds } = trackTotals(segments);
  const elapsedSeconds = (last.time.getTime() - first.time.getTime()) / 1000;
  if (distanceMetres <= 0 || movingSeconds <= 0 || elapsedSeconds <= 0) throw noActivityData('GPX');
  const type = tracks.map((trk) => text(child(trk, 'type'))).find((t) => t !== undefined);
  const sport = runSportOf(type) ?? assumedRun(distanceMetres, movingSeconds);
  const name = text(child(tracks[0], 'name')) ?? text(child(child(gpx, 'metadata'), 'name'));
  return {
    sport,
    startUtc: first.time,
    distanceMetres,
    movingSeconds,
    elapsedSeconds,
    ...(name === undefined ? {} : { name }),
  };
}
