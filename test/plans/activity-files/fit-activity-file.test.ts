/**
 * FIT activity files dropped in chat (issue 21): real files written with Garmin's own SDK encoder,
 * read back as the neutral activity. What an athlete would notice: the run lands on their local
 * day with the watch's distance and timer time; a trail or treadmill run keeps its kind; a ride,
 * a damaged file, a file with nothing timed in it, a huge file or a stray extension is refused
 * with one sentence.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activitySchema } from '../../../src/domain/activity.js';
import { ActivityFileError, type ActivityFileRefusal } from '../../../src/plans/activity-files/activity-file-error.js';
import { MAX_ACTIVITY_FILE_BYTES, parseActivityFile } from '../../../src/plans/activity-files/parse-activity-file.js';
import { activityFit, FIT_RUN_START } from '../../support/fit-activity.js';

/** 21:30 on Tuesday 3 March in Denver; already Wednesday in UTC. */
const START = FIT_RUN_START;

function refusal(run: () => unknown): ActivityFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof ActivityFileError) return error;
    throw error;
  }
  throw new Error('the file was not refused');
}

function expectRefused(run: () => unknown, reason: ActivityFileRefusal, sentence: RegExp): void {
  const error = refusal(run);
  expect(error.reason).toBe(reason);
  expect(error.code).toBe('INVALID_INPUT');
  expect(error.userFacing).toBe(true);
  expect(error.message).toMatch(sentence);
  // One sentence: no full stop inside it.
  expect(error.message).not.toMatch(/\.\s/);
}

describe('a FIT activity file', () => {
  it('is a run on the athlete’s local day, with the watch’s distance, timer time and elapsed time', () => {
    const bytes = activityFit();
    const activity = parseActivityFile(bytes, 'Morning_Run.FIT', 'America/Denver');
    expect(activity).toEqual({
      source: 'file',
      sourceId: createHash('sha256').update(bytes).digest('hex'),
      sport: 'run',
      startLocal: '2026-03-03T21:30:00',
      startUtc: '2026-03-04T04:30:00.000Z',
      distanceMetres: 5000,
      movingSeconds: 1500,
      elapsedSeconds: 1620,
    });
    expect(activitySchema.parse(activity)).toEqual(activity);
    // The same run in Berlin is a Wednesday morning run.
    expect(parseActivityFile(bytes, 'run.fit', 'Europe/Berlin').startLocal).toBe('2026-03-04T05:30:00');
  });

  it('keeps a trail run and a treadmill run apart from a road run', () => {
    expect(parseActivityFile(activityFit({ subSport: 'trail' }), 'a.fit', 'UTC').sport).toBe('trail-run');
    expect(parseActivityFile(activityFit({ subSport: 'treadmill' }), 'a.fit', 'UTC').sport).toBe('virtual-run');
    expect(parseActivityFile(activityFit({ subSport: 'virtualActivity' }), 'a.fit', 'UTC').sport).toBe('virtual-run');
    // Older watches log a treadmill run as fitness equipment.
    expect(parseActivityFile(activityFit({ sport: 'fitnessEquipment', subSport: 'treadmill' }), 'a.fit', 'UTC').sport).toBe('virtual-run');
  });

  it('is the same activity when dropped twice, and a different file is another', () => {
    const first = parseActivityFile(activityFit(), 'run.fit', 'UTC');
    const again = parseActivityFile(activityFit(), 'run (1).fit', 'UTC');
    const trail = parseActivityFile(activityFit({ subSport: 'trail' }), 'run.fit', 'UTC');
    expect(again.sourceId).toBe(first.sourceId);
    expect(trail.sourceId).not.toBe(first.sourceId);
  });

  it('falls back to the laps when the file has no session', () => {
    const activity = parseActivityFile(activityFit({ session: false }), 'run.fit', 'UTC');
    expect(activity).toMatchObject({ sport: 'run', distanceMetres: 5000, movingSeconds: 1500, elapsedSeconds: 1620 });
  });

  it('falls back to the records when the file has neither session nor laps', () => {
    const withDistance = parseActivityFile(activityFit({ session: false, laps: false }), 'run.fit', 'UTC');
    // Records every minute to 5,000 m; the two minutes standing still are a pause.
    expect(withDistance).toMatchObject({
      sport: 'run',
      startUtc: START.toISOString(),
      distanceMetres: 5000,
      movingSeconds: 1500,
      elapsedSeconds: 1620,
    });
    const positionsOnly = parseActivityFile(activityFit({ session: false, laps: false, recordDistance: false }), 'run.fit', 'UTC');
    expect(positionsOnly.distanceMetres).toBeCloseTo(5000, -1);
  });

  it('refuses a ride', () => {
    expectRefused(
      () => parseActivityFile(activityFit({ sport: 'cycling', subSport: 'road' }), 'ride.fit', 'UTC'),
      'not-a-run',
      /ride, not a run/,
    );
    expectRefused(
      () => parseActivityFile(activityFit({ sport: 'swimming', subSport: 'lapSwimming' }), 'swim.fit', 'UTC'),
      'not-a-run',
      /swim, not a run/,
    );
  });

  it('refuses a truncated file and a file whose CRC does not match', () => {
    const bytes = activityFit();
    expectRefused(() => parseActivityFile(bytes.slice(0, bytes.length - 60), 'run.fit', 'UTC'), 'corrupt', /damaged or cut short/);
    const flipped = bytes.slice();
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    expectRefused(() => parseActivityFile(flipped, 'run.fit', 'UTC'), 'corrupt', /damaged or cut short/);
    expectRefused(() => parseActivityFile(new TextEncoder().encode('not a fit file at all'), 'run.fit', 'UTC'), 'corrupt', /FIT file/);
  });

  it('refuses a file with nothing timed in it', () => {
    expectRefused(
      () => parseActivityFile(activityFit({ session: false, laps: false, records: false }), 'run.fit', 'UTC'),
      'no-data',
      /no timed distance/,
    );
  });

  it('refuses a file over 25 MB before reading it, and a file that is not .fit, .gpx or .tcx', () => {
    const huge = new Uint8Array(MAX_ACTIVITY_FILE_BYTES + 1);
    expectRefused(() => parseActivityFile(huge, 'run.fit', 'UTC'), 'too-large', /over 25 MB/);
    // Exactly 25 MB is read (and here refused only as not a FIT file).
    expectRefused(() => parseActivityFile(huge.subarray(0, MAX_ACTIVITY_FILE_BYTES), 'run.fit', 'UTC'), 'corrupt', /FIT file/);
    expectRefused(() => parseActivityFile(activityFit(), 'run.csv', 'UTC'), 'unknown-type', /\.fit, \.gpx and \.tcx/);
    expectRefused(() => parseActivityFile(activityFit(), 'fit', 'UTC'), 'unknown-type', /\.fit, \.gpx and \.tcx/);
  });
});
