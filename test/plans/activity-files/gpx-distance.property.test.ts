/**
 * A GPX run's distance is the great-circle sum over its track points, whatever the track (issue
 * 21). Generated tracks anywhere on Earth, written as a GPX file at 7 decimals as devices write
 * them, are read back and compared with a sum computed here another way (chord lengths on the unit
 * sphere), within the rounding of the written coordinates. Seeded, so a failure replays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseActivityFile } from '../../../src/plans/activity-files/parse-activity-file.js';

const RADIUS = 6_371_008.8;
const START = Date.parse('2026-05-01T06:00:00Z');

type Point = { readonly lat: number; readonly lon: number; readonly seconds: number };

/** Great-circle metres from the chord between the two points' unit vectors. */
function greatCircle(a: Point, b: Point): number {
  const vector = (p: Point) => {
    const lat = (p.lat * Math.PI) / 180;
    const lon = (p.lon * Math.PI) / 180;
    return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)] as const;
  };
  const [x1, y1, z1] = vector(a);
  const [x2, y2, z2] = vector(b);
  const chord = Math.hypot(x1 - x2, y1 - y2, z1 - z2);
  return 2 * RADIUS * Math.asin(Math.min(1, chord / 2));
}

/** A run: a start anywhere but the poles, then steps of up to ~60 m every 1 to 30 s. */
const track = fc
  .record({
    lat: fc.double({ min: -80, max: 80, noNaN: true }),
    lon: fc.double({ min: -179, max: 179, noNaN: true }),
    steps: fc.array(
      fc.record({
        dLat: fc.double({ min: -0.0005, max: 0.0005, noNaN: true }),
        dLon: fc.double({ min: -0.0005, max: 0.0005, noNaN: true }),
        dt: fc.integer({ min: 1, max: 30 }),
      }),
      { minLength: 2, maxLength: 300 },
    ),
  })
  .map(({ lat, lon, steps }) => {
    const points: Point[] = [{ lat: Number(lat.toFixed(7)), lon: Number(lon.toFixed(7)), seconds: 0 }];
    for (const step of steps) {
      const last = points[points.length - 1]!;
      points.push({
        lat: Number((last.lat + step.dLat).toFixed(7)),
        lon: Number((last.lon + step.dLon).toFixed(7)),
        seconds: last.seconds + step.dt,
      });
    }
    return points;
  });

function gpxOf(points: readonly Point[]): Uint8Array {
  const trkpts = points
    .map(
      (p) =>
        `<trkpt lat="${p.lat.toFixed(7)}" lon="${p.lon.toFixed(7)}"><time>${new Date(START + p.seconds * 1000).toISOString()}</time></trkpt>`,
    )
    .join('\n');
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="property test" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>\n${trkpts}\n</trkseg></trk></gpx>`,
  );
}

describe('GPX distance', () => {
  it('is the great-circle sum over the track points', () => {
    fc.assert(
      fc.property(track, (points) => {
        const expected = points.slice(1).reduce((sum, point, i) => sum + greatCircle(points[i]!, point), 0);
        // Tracks faster than any runner are refused as rides, and tracks that never move as empty:
        // keep to those a runner could make.
        const moves = points.slice(1).some((point, i) => greatCircle(points[i]!, point) / (point.seconds - points[i]!.seconds) > 0.6);
        fc.pre(expected / points[points.length - 1]!.seconds < 6.5 && moves);
        const activity = parseActivityFile(gpxOf(points), 'run.gpx', 'UTC');
        expect(Math.abs(activity.distanceMetres - expected)).toBeLessThanOrEqual(1e-6 * expected + 0.001 * points.length);
        expect(activity.elapsedSeconds).toBe(points[points.length - 1]!.seconds);
        expect(activity.movingSeconds).toBeLessThanOrEqual(activity.elapsedSeconds);
      }),
      { numRuns: 200, seed: Number(process.env.FC_SEED ?? 20261206) },
    );
  });
});
