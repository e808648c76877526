/**
 * The worker thread's side of `parse-off-thread.ts`: parses the files it is sent, one at a time,
 * and answers each with the activity or the refusal (its reason and sentence), so a 25 MB GPX
 * never holds the event loop that answers everyone else.
 */
import { parentPort } from 'node:worker_threads';
import { ActivityFileError } from './activity-file-error.js';
import { parseActivityFile } from './parse-activity-file.js';
import { fileJobSchema, type FileJobAnswer } from './file-job.js';

const port = parentPort;
if (port === null) throw new Error('activity-file-worker.ts runs as a worker thread only');

port.on('message', (message: unknown) => {
  const job = fileJobSchema.safeParse(message);
  if (!job.success) return;
  const { id, bytes, filename, timeZone } = job.data;
  let answer: FileJobAnswer;
  try {
    answer = { id, ok: true, activity: parseActivityFile(bytes, filename, timeZone) };
  } catch (error) {
    answer =
      error instanceof ActivityFileError
        ? { id, ok: false, refusal: { reason: error.reason, message: error.message } }
        : { id, ok: false, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port.postMessage(answer);
});
