/**
 * GPX and TCX files dropped in chat (issue 21), from fixtures under test/fixtures/activities/.
 * What an athlete would notice: a GPX run counts its distance over the track and leaves its stops
 * and paused minutes out of the moving time; a TCX run keeps the watch's lap totals; a ride, a
 * broken file or an XML bomb is refused with one sentence, and the bomb is never expanded.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ActivityFileError, type ActivityFileRefusal } from '../../../src/plans/activity-files/activity-file-error.js';
import { parseActivityFile } from '../../../src/plans/activity-files/parse-activity-file.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/activities/${name}`, import.meta.url)));
const encoded = (text: string): Uint8Array => new TextEncoder().encode(text);
const asText = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function expectRefused(run: () => unknown, reason: ActivityFileRefusal, sentence: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ActivityFileError);
  const error = caught as ActivityFileError;
  expect(error.reason).toBe(reason);
  expect(error.userFacing).toBe(true);
  expect(error.message).toMatch(sentence);
  expect(error.message).not.toMatch(/\.\s/);
}

describe('a GPX file', () => {
  it('is a run measured over its track, its stop and its paused minutes left out of the moving time', () => {
    const activity = parseActivityFile(fixture('run-with-pause.gpx'), 'Evening_Run.gpx', 'America/Denver');
    expect(activity).toMatchObject({
      source: 'file',
      sport: 'run',
      name: 'Evening Run & Coffee',
      startLocal: '2026-03-03T21:30:00',
      startUtc: '2026-03-04T04:30:00.000Z',
      // 40 ten-second stretches at 3 m/s; a minute standing at a crossing; five minutes paused between segments.
      movingSeconds: 400,
      elapsedSeconds: 760,
    });
    // 1,200 m run and a few metres of GPS drift while standing.
    expect(activity.distanceMetres).toBeGreaterThan(1200);
    expect(activity.distanceMetres).toBeLessThan(1206);
    expect(activity.sourceId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads Strava’s numeric type and the trail and virtual kinds, and takes an untyped file at running speed for a run', () => {
    const gpx = asText(fixture('run-with-pause.gpx'));
    const withType = (type: string) => encoded(gpx.replace('<type>running</type>', type));
    expect(parseActivityFile(withType('<type>9</type>'), 'a.gpx', 'UTC').sport).toBe('run');
    expect(parseActivityFile(withType('<type>trail_running</type>'), 'a.gpx', 'UTC').sport).toBe('trail-run');
    expect(parseActivityFile(withType('<type>VirtualRun</type>'), 'a.gpx', 'UTC').sport).toBe('virtual-run');
    expect(parseActivityFile(withType(''), 'a.gpx', 'UTC').sport).toBe('run');
    // A type it does not know is judged like no type, never looked up on Object's prototype.
    expect(parseActivityFile(withType('<type>constructor</type>'), 'a.gpx', 'UTC').sport).toBe('run');
    expectRefused(() => parseActivityFile(withType(''), 'a.constructor', 'UTC'), 'unknown-type', /\.fit, \.gpx and \.tcx/);
  });

  it('refuses a ride, whether it says so or only goes as fast as one', () => {
    expectRefused(() => parseActivityFile(fixture('ride.gpx'), 'Morning_Ride.gpx', 'UTC'), 'not-a-run', /ride, not a run/);
    const untyped = encoded(asText(fixture('ride.gpx')).replace('<type>cycling</type>', ''));
    expectRefused(() => parseActivityFile(untyped, 'ride.gpx', 'UTC'), 'not-a-run', /faster than anyone runs/);
    const strava = encoded(asText(fixture('ride.gpx')).replace('<type>cycling</type>', '<type>1</type>'));
    expectRefused(() => parseActivityFile(strava, 'ride.gpx', 'UTC'), 'not-a-run', /ride, not a run/);
  });

  it('refuses malformed XML and a file with no timed track', () => {
    expectRefused(() => parseActivityFile(fixture('malformed.gpx'), 'run.gpx', 'UTC'), 'corrupt', /GPX file looks damaged or cut short/);
    const noTimes = encoded(asText(fixture('run-with-pause.gpx')).replace(/<time>[^<]*<\/time>/g, ''));
    expectRefused(() => parseActivityFile(noTimes, 'run.gpx', 'UTC'), 'no-data', /no timed distance/);
    expectRefused(
      () => parseActivityFile(encoded('<?xml version="1.0"?><gpx version="1.1"></gpx>'), 'run.gpx', 'UTC'),
      'no-data',
      /no timed distance/,
    );
    expectRefused(() => parseActivityFile(new Uint8Array([0x3c, 0x67, 0xff, 0xfe]), 'run.gpx', 'UTC'), 'corrupt', /damaged/);
  });

  it('refuses an XML bomb without expanding it, and leaves an undeclared entity as written', () => {
    const started = performance.now();
    expectRefused(() => parseActivityFile(fixture('xml-bomb.gpx'), 'run.gpx', 'UTC'), 'corrupt', /GPX file looks damaged/);
    expect(performance.now() - started).toBeLessThan(1000);
    const gpx = asText(fixture('run-with-pause.gpx')).replace('Evening Run &amp; Coffee', '&lol9;');
    expect(parseActivityFile(encoded(gpx), 'run.gpx', 'UTC').name).toBe('&lol9;');
  });
});

describe('a TCX file', () => {
  it('is a run with the watch’s lap totals: timer time moving, first lap start to last point elapsed', () => {
    expect(parseActivityFile(fixture('run.tcx'), 'Thames.tcx', 'Europe/London')).toMatchObject({
      source: 'file',
      sport: 'run',
      name: 'Thames tempo',
      startLocal: '2026-03-03T13:05:00',
      startUtc: '2026-03-03T13:05:00.000Z',
      distanceMetres: 7000,
      movingSeconds: 2106,
      elapsedSeconds: 2250,
    });
  });

  it('takes an activity of sport Other at running speed for a run', () => {
    const other = encoded(asText(fixture('run.tcx')).replace('Sport="Running"', 'Sport="Other"'));
    expect(parseActivityFile(other, 'run.tcx', 'UTC').sport).toBe('run');
  });

  it('refuses a ride and a broken file', () => {
    expectRefused(() => parseActivityFile(fixture('ride.tcx'), 'commute.tcx', 'UTC'), 'not-a-run', /ride, not a run/);
    const cut = fixture('run.tcx').subarray(0, 900);
    expectRefused(() => parseActivityFile(cut, 'run.tcx', 'UTC'), 'corrupt', /TCX file looks damaged or cut short/);
  });
});
