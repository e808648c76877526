/**
 * Distance and moving time from a GPS track, for files that carry points but no totals (GPX, and
 * FIT or TCX files missing their summary). Distance is the great-circle (haversine) sum over
 * consecutive points; moving time leaves out every stretch slower than a stop.
 */

/** The mean Earth radius, as Strava and most GPS tools use for haversine. */
const EARTH_RADIUS_METRES = 6_371_008.8;

/**
 * Below 0.5 m/s (33 min per km) between two points the athlete is standing, not running: GPS
 * drift while stopped stays under it, and the slowest uphill walk of a trail run stays over it.
 * Such a stretch, and any gap a paused watch left, counts as a pause.
 */
const STOP_METRES_PER_SECOND = 0.5;

export type TrackPoint = { readonly lat: number; readonly lon: number; readonly time: Date };

const radians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance in metres between two points given in degrees. */
function haversineMetres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type TrackTotals = { readonly distanceMetres: number; readonly movingSeconds: number };

/**
 * Totals over track segments (a new segment is where the watch was paused: the way between two
 * segments is neither distance nor moving time).
 */
export function trackTotals(segments: readonly (readonly TrackPoint[])[]): TrackTotals {
  let distanceMetres = 0;
  let movingSeconds = 0;
  for (const points of segments) {
    for (let i = 1; i < points.length; i += 1) {
      const a = points[i - 1]!;
      const b = points[i]!;
      const metres = haversineMetres(a, b);
      const seconds = (b.time.getTime() - a.time.getTime()) / 1000;
      distanceMetres += metres;
      if (seconds > 0 && metres / seconds >= STOP_METRES_PER_SECOND) movingSeconds += seconds;
    }
  }
  return { distanceMetres, movingSeconds };
}
