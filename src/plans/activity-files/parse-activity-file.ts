/**
 * A `.fit`, `.gpx` or `.tcx` file dropped in chat, as the neutral `Activity` that matching and the
 * log take (`domain/activity.ts`). The bytes are all it needs, with the file's name (for its kind)
 * and the athlete's time zone (the files record UTC; the plan day is the athlete's local date).
 *
 * Refusals come before anything is stored, each an `ActivityFileError` with one sentence: a file
 * over 25 MB (checked before any parsing), an unknown extension, a damaged file, a file without a
 * timed distance, a non-run. The same file dropped twice has the same `sourceId` (the sha-256 of
 * its bytes), so it is recorded once.
 */
import { createHash } from 'node:crypto';
import { activitySchema, localStartOf, type Activity } from '../../domain/activity.js';
import { ActivityFileError, tooLargeFile } from './activity-file-error.js';
import type { FileActivity } from './file-activity.js';
import { readFit } from './fit-activity.js';
import { readGpx } from './gpx-activity.js';
import { readTcx } from './tcx-activity.js';

/** The largest file taken: 25 MB (MiB, as Slack and Discord count), far above a day-long run's FIT. */
export const MAX_ACTIVITY_FILE_BYTES = 25 * 1024 * 1024;

/** The reader for each extension taken (a Map, so a name like `x.constructor` finds nothing). */
const READERS: ReadonlyMap<string, (bytes: Uint8Array) => FileActivity> = new Map([
  ['fit', readFit],
  ['gpx', readGpx],
  ['tcx', readTcx],
]);

/** The longest name kept, as `activitySchema` allows. */
const MAX_NAME_LENGTH = 200;

function readerFor(filename: string): (bytes: Uint8Array) => FileActivity {
  const extension = /\.([a-z0-9]+)$/i.exec(filename.trim())?.[1]?.toLowerCase();
  const reader = extension === undefined ? undefined : READERS.get(extension);
  if (reader === undefined) {
    throw new ActivityFileError('unknown-type', 'only .fit, .gpx and .tcx activity files can be logged, so nothing was logged');
  }
  return reader;
}

/** How the core has a file parsed: on a worker thread in the app (parse-off-thread.ts), in line by default. */
export type ActivityFileParser = (bytes: Uint8Array, filename: string, timeZone: string) => Promise<Activity>;

export function parseActivityFile(bytes: Uint8Array, filename: string, timeZone: string): Activity {
  if (bytes.byteLength > MAX_ACTIVITY_FILE_BYTES) {
    throw tooLargeFile();
  }
  const read = readerFor(filename)(bytes);
  const name = read.name?.slice(0, MAX_NAME_LENGTH);
  const checked = activitySchema.safeParse({
    source: 'file',
    sourceId: createHash('sha256').update(bytes).digest('hex'),
    sport: read.sport,
    startLocal: localStartOf(read.startUtc, timeZone),
    startUtc: read.startUtc.toISOString(),
    distanceMetres: read.distanceMetres,
    movingSeconds: Math.round(read.movingSeconds),
    elapsedSeconds: Math.round(Math.max(read.elapsedSeconds, read.movingSeconds)),
    ...(name === undefined ? {} : { name }),
  });
  if (!checked.success) {
    // Over a week long or 1,000 km: no single run, whatever the file says.
    throw new ActivityFileError(
      'implausible',
      'that file does not look like a single run (too long or too far), so nothing was logged',
      checked.error,
    );
  }
  return checked.data;
}
