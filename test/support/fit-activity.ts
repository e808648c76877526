/**
 * A watch's FIT activity file written with Garmin's own SDK encoder (issue 21), for the tests that
 * read one (the parser's) and drop one in chat (the platforms').
 */
import { Encoder } from '@garmin/fitsdk';

/** The FIT profile's global message numbers. */
const MESG = { fileId: 0, session: 18, lap: 19, record: 20, event: 21, activity: 34 } as const;
/** 21:30 on Tuesday 3 March in Denver; already Wednesday in UTC. */
export const FIT_RUN_START = new Date('2026-03-04T04:30:00Z');
const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;

export type RunShape = {
  /** When the run starts; default `FIT_RUN_START`. */
  readonly start?: Date;
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
export function activityFit(shape: RunShape = {}): Uint8Array {
  const {
    start = FIT_RUN_START,
    sport = 'running',
    subSport = 'generic',
    session = true,
    laps = true,
    records = true,
    recordDistance = true,
  } = shape;
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
  const encoder = new Encoder();
  write(encoder, MESG.fileId, { type: 'activity', manufacturer: 'development', product: 0, serialNumber: 7, timeCreated: start });
  write(encoder, MESG.event, { timestamp: start, event: 'timer', eventType: 'start' });
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
      startTime: start,
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
