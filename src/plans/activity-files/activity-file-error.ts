/**
 * Why a dropped activity file was refused: each one sentence fit to show as is, raised before
 * anything is stored. The `reason` lets a caller (or a test) tell the refusals apart without
 * reading the sentence.
 */
import { GoFastError } from '../../domain/errors.js';

export type ActivityFileRefusal = 'too-large' | 'unknown-type' | 'corrupt' | 'no-data' | 'implausible' | 'not-a-run';

export class ActivityFileError extends GoFastError {
  readonly reason: ActivityFileRefusal;
  constructor(reason: ActivityFileRefusal, message: string, cause?: unknown) {
    super('INVALID_INPUT', message, { userFacing: true, cause });
    this.name = 'ActivityFileError';
    this.reason = reason;
  }
}

/** Over `MAX_ACTIVITY_FILE_BYTES`: refused before parsing, and before downloading where the size is known. */
export const tooLargeFile = (): ActivityFileError =>
  new ActivityFileError('too-large', 'that file is over 25 MB, too big for one run, so nothing was logged');

/** The file could not be read as what its name says it is (bad CRC, cut short, broken XML). */
export const corruptFile = (kind: string, cause?: unknown): ActivityFileError =>
  new ActivityFileError('corrupt', `that ${kind} file looks damaged or cut short, so nothing was logged; try exporting it again`, cause);

/** The file reads but holds no start time, no distance or no duration. */
export const noActivityData = (kind: string): ActivityFileError =>
  new ActivityFileError('no-data', `that ${kind} file has no timed distance in it, so there is no run to log`);

/** The activity is a ride, a swim, a walk… */
export const notARun = (what: string): ActivityFileError =>
  new ActivityFileError('not-a-run', `that file is a ${what}, not a run, so nothing was logged`);

/** A file that does not say its sport, at an average no runner holds. */
export const tooFastForARun = (): ActivityFileError =>
  new ActivityFileError('not-a-run', 'that file moves faster than anyone runs, so it looks like a ride and nothing was logged');
