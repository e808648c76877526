/**
 * The "still working" line of a slow answer. A person who acted should see a sign of life within a
 * second, but almost every answer comes in milliseconds (the rules engine, the store): the line is
 * sent only when the answer is not ready after `PROGRESS_DELAY_MS`, at most once, and never after
 * the answer. What it says follows what is slow: while a preview or a week is being written (a use
 * case that asks the engine, which may be a model taking seconds) "Writing your plan…", otherwise
 * a neutral "Working on it…".
 */
import type { Logger } from 'pino';
import type { PlanUseCases } from '../plans/plan-use-cases.js';
import { textView } from './plan-views.js';
import type { MessageView, View } from './views.js';

/** Past this, a person starts to wonder; the line still arrives well within a second. */
export const PROGRESS_DELAY_MS = 700;
/**
 * How long a ready answer waits for its progress line to be shown (so the surface can replace it)
 * before it goes anyway: a platform slow to take the line (a rate limit) must not hold the answer.
 */
export const PROGRESS_WAIT_MS = 2_000;
export const WRITING_PLAN_TEXT = 'Writing your plan…';
export const WORKING_TEXT = 'Working on it…';

/**
 * Shows the progress line where the answer will go (the surface's business). The answer waits for
 * the returned promise, so a surface can replace or remove the line once the answer comes.
 */
export type ProgressListener = (view: MessageView) => void | Promise<void>;

/**
 * The use cases with the ones that write (ask the engine for a preview or a week) watched: after
 * one of them has started, `writing()` is true.
 */
export function watchWriting(plans: PlanUseCases): { readonly plans: PlanUseCases; writing(): boolean } {
  let writing = false;
  const started = <T>(work: Promise<T>): Promise<T> => {
    writing = true;
    return work;
  };
  return {
    writing: () => writing,
    plans: {
      ...plans,
      previewPlan: (actor, planId) => started(plans.previewPlan(actor, planId)),
      createPreview: (request) => started(plans.createPreview(request)),
      regeneratePreview: (actor, planId) => started(plans.regeneratePreview(actor, planId)),
      generateNextWeek: (actor, planId) => started(plans.generateNextWeek(actor, planId)),
      ensureWeek: (actor, planId, weekNumber) => started(plans.ensureWeek(actor, planId, weekNumber)),
      requestWeek: (actor, planId, weekNumber, log) => started(plans.requestWeek(actor, planId, weekNumber, log)),
      regenerateWeek: (actor, planId, weekNumber) => started(plans.regenerateWeek(actor, planId, weekNumber)),
    },
  };
}

/** `work`, or nothing once `ms` have passed, whichever is first. */
async function atMost(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The answer of `work`; if it is not ready after `delayMs`, `onProgress` gets the progress line
 * first (its text from `writing()` at that moment), and the answer waits for it to be shown, at most
 * `PROGRESS_WAIT_MS`. A failing listener is logged, never the
 * person's problem: the answer still comes.
 */
export async function withProgress(
  work: Promise<View[]>,
  options: { readonly onProgress: ProgressListener; readonly writing: () => boolean; readonly logger: Logger; readonly delayMs: number },
): Promise<View[]> {
  let answered = false;
  let shown: Promise<void> | undefined;
  const show = (): void => {
    if (answered) return;
    const view = textView(options.writing() ? WRITING_PLAN_TEXT : WORKING_TEXT);
    const failed = (error: unknown): void => options.logger.warn({ err: error }, 'the progress line could not be shown');
    // Called here, synchronously, so it always starts before the answer is handed back.
    try {
      shown = Promise.resolve(options.onProgress(view)).catch(failed);
    } catch (error) {
      failed(error);
    }
  };
  const timer = setTimeout(show, options.delayMs);
  try {
    return await work;
  } finally {
    answered = true;
    clearTimeout(timer);
    if (shown) await atMost(shown, PROGRESS_WAIT_MS);
  }
}
