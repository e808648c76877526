/**
 * Activity files parsed on a worker thread (issue 21): a FIT or XML file of many megabytes takes
 * seconds to read (a 17.6 MB GPX took 2.4 s on the 2-core machine), and on the main thread that is
 * seconds in which no one else's command, button or webhook is answered. One worker, started on
 * first use, takes the files one after another; a crashed worker fails the files it held and the
 * next file starts a new one.
 *
 * Running from the TypeScript sources (a checkout, the tests), the worker registers tsx before it
 * loads its module, as `bin/gofast.js` does; the built image runs the compiled `.js`.
 */
import { Worker } from 'node:worker_threads';
import type { Activity } from '../../domain/activity.js';
import { ActivityFileError, tooLargeFile } from './activity-file-error.js';
import { fileJobAnswerSchema, type FileJob } from './file-job.js';
import { MAX_ACTIVITY_FILE_BYTES, type ActivityFileParser } from './parse-activity-file.js';

export type OffThreadParser = {
  readonly parse: ActivityFileParser;
  /** Ends the worker (files in flight fail); a later file starts a new one. */
  close(): Promise<void>;
};

type Pending = { readonly resolve: (activity: Activity) => void; readonly reject: (error: unknown) => void };

function workerSource(): string {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './activity-file-worker.ts' : './activity-file-worker.js', import.meta.url).href;
  if (!entry.endsWith('.ts')) return `import(${JSON.stringify(entry)}).catch((error) => { throw error; });`;
  // From the sources: tsx's loader first, resolved where this module is (it is a dev dependency; the image has no .ts).
  const tsx = import.meta.resolve('tsx/esm/api');
  return `(async () => { const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(entry)}); })().catch((error) => { throw error; });`;
}

export function createOffThreadParser(): OffThreadParser {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: unknown): void => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };

  function started(): Worker {
    if (worker !== null) return worker;
    const created = new Worker(workerSource(), { eval: true });
    // An idle worker must not keep the process alive (a CLI command, a test run ending).
    created.unref();
    created.on('message', (message: unknown) => {
      const answer = fileJobAnswerSchema.safeParse(message);
      if (!answer.success) return;
      const job = pending.get(answer.data.id);
      if (job === undefined) return;
      pending.delete(answer.data.id);
      if (pending.size === 0) created.unref();
      const data = answer.data;
      if (data.ok) job.resolve(data.activity);
      else if ('refusal' in data) job.reject(new ActivityFileError(data.refusal.reason, data.refusal.message));
      else job.reject(new Error(`the activity file worker failed: ${data.failure}`));
    });
    created.on('error', (error) => {
      worker = null;
      failAll(error);
    });
    created.on('exit', (code) => {
      if (worker === created) worker = null;
      failAll(new Error(`the activity file worker stopped (exit code ${code})`));
    });
    worker = created;
    return created;
  }

  return {
    parse(bytes, filename, timeZone) {
      // Checked here too: a file too large is refused without copying it to the worker.
      if (bytes.byteLength > MAX_ACTIVITY_FILE_BYTES) return Promise.reject(tooLargeFile());
      return new Promise<Activity>((resolve, reject) => {
        const id = nextId;
        nextId += 1;
        pending.set(id, { resolve, reject });
        const job: FileJob = { id, bytes, filename, timeZone };
        const running = started();
        // While a file is being read, the worker keeps the process alive to answer it.
        running.ref();
        running.postMessage(job);
      });
    },
    async close() {
      const running = worker;
      worker = null;
      if (running !== null) await running.terminate();
    },
  };
}
