/**
 * FIT activity files dropped in chat (issue 21): real files written with Garmin's own SDK encoder,
 * read back as the neutral activity. What an athlete would notice: the run lands on their local
 * day with the watch's distance and timer time; a trail or treadmill run keeps its kind; a ride,
 * a damaged file, a file with nothing timed in it, a huge file or a stray extension is refused
 * with one sentence.
 */
import { createHash } from 'node:crypto';
import { Encoder } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { activitySchema } from '../../../src/domain/activity.js';
import { ActivityFileError, type ActivityFileRefusal } from '../../../src/plans/activity-files/activity-file-error.js';
import { MAX_ACTIVITY_FILE_BYTES, parseActivityFile } from '../../../src/plans/activity-files/parse-activity-file.js';

/** The FIT profile's global message numbers. */
const MESG = { fileId: 0, session: 18, lap: 19, record: 20, event: 21, activity: 34 } as const;
/** 21:30 on Tuesday 3 March in Denver; already Wednesday in UTC. */
const START = new Date('2026-03-04T04:30:00Z');
const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;

type RunShape = {
  readonly sport?: string;
  readonly subSport?: string;
  readonly session?: boolean;
  readonly laps?: boolean;
  readonly records?: boolean;
  readonly recordDistance?: boolean;
};

/**
 * Writes one message. The SDK types each message's fields by its profile, with enums as numbers;
 * the encoder takes their names too, as a watch's file is written here.
 */
function write(encoder: Encoder, mesgNum: number, fields: Record<string, unknown>): void {
  encoder.writeMesg({ mesgNum, ...fields } as Parameters<Encoder['writeMesg']>[0]);
}

/** A watch's activity file: 5,000 m in 1,500 s of timer time, 1,620 s elapsed (a 2-minute stop). */
function activityFit(shape: RunShape = {}): Uint8Array {
  const { sport = 'running', subSport = 'generic', session = true, laps = true, records = true, recordDistance = true } = shape;
  const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);
  const encoder = new Encoder();
  write(encoder, MESG.fileId, { type: 'activity', manufacturer: 'development', product: 0, serialNumber: 7, timeCreated: START });
  write(encoder, MESG.event, { timestamp: START, event: 'timer', eventType: 'start' });
  if (records) {
    // A record a minute heading north at 200 m a minute (5:00 per km), and a 2-minute stop standing still after the 12th.
    let metres = 0;
    for (let minute = 0, seconds = 0; minute <= 26; minute += 1) {
      const mesg: Record<string, unknown> = {
        timestamp: at(seconds),
        positionLat: Math.round((40.015 + metres / 111_195) * SEMICIRCLES_PER_DEGREE),
        positionLong: Math.round(-105.2705 * SEMICIRCLES_PER_DEGREE),
      };
      if (recordDistance) mesg.distance = metres;
      write(encoder, MESG.record, mesg);
      const stopped = minute === 12;
      metres += stopped ? 0 : 200;
      seconds += stopped ? 120 : 60;
    }
  }
  if (laps) {
    for (const [i, lap] of [
      { start: 0, distance: 2500, timer: 750, elapsed: 810 },
      { start: 810, distance: 2500, timer: 750, elapsed: 810 },
    ].entries()) {
      write(encoder, MESG.lap, {
        messageIndex: i,
        timestamp: at(lap.start + lap.elapsed),
        startTime: at(lap.start),
        sport,
        subSport,
        totalDistance: lap.distance,
        totalTimerTime: lap.timer,
        totalElapsedTime: lap.elapsed,
      });
    }
  }
  if (session) {
    write(encoder, MESG.session, {
      timestamp: at(1620),
      startTime: START,
      sport,
      subSport,
      totalDistance: 5000,
      totalTimerTime: 1500,
      totalElapsedTime: 1620,
    });
  }
  write(encoder, MESG.activity, { timestamp: at(1620), totalTimerTime: 1500, numSessions: 1, type: 'manual' });
  return encoder.close();
}

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
