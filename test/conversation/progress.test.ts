/**
 * The progress line of a slow answer (progress.ts), on a fake clock: shown once after 700 ms and
 * only then, never after the answer, saying "Writing your plan…" while a plan is being written.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { textView } from '../../src/conversation/plan-views.js';
import {
  PROGRESS_DELAY_MS,
  PROGRESS_WAIT_MS,
  WORKING_TEXT,
  WRITING_PLAN_TEXT,
  watchWriting,
  withProgress,
} from '../../src/conversation/progress.js';
import type { MessageView, View } from '../../src/conversation/views.js';
import { createLogger } from '../../src/log.js';
import type { PlanUseCases } from '../../src/plans/plan-use-cases.js';

const ANSWER: View[] = [textView('the answer')];

function answerAfter(ms: number): Promise<View[]> {
  return new Promise((resolve) => setTimeout(() => resolve(ANSWER), ms));
}

type Event = { readonly what: string; readonly at: number };

function recorder() {
  const events: Event[] = [];
  const onProgress = (view: MessageView): void => {
    events.push({ what: `progress: ${view.summary}`, at: Date.now() });
  };
  return { events, onProgress };
}

describe('withProgress', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const options = (onProgress: (view: MessageView) => void | Promise<void>, writing = false) => ({
    onProgress,
    writing: () => writing,
    logger: createLogger('silent'),
    delayMs: PROGRESS_DELAY_MS,
  });

  it('says nothing when the answer comes in time', async () => {
    const { events, onProgress } = recorder();
    const answered = withProgress(answerAfter(50), options(onProgress));
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(answered).resolves.toEqual(ANSWER);
    expect(events).toEqual([]);
  });

  it('shows one line at 700 ms when the answer is slow, before the answer', async () => {
    const { events, onProgress } = recorder();
    const answered = withProgress(answerAfter(12_000), options(onProgress)).then((views) => {
      events.push({ what: 'answer', at: Date.now() });
      return views;
    });
    await vi.advanceTimersByTimeAsync(13_000);
    await expect(answered).resolves.toEqual(ANSWER);
    expect(events).toEqual([
      { what: `progress: ${WORKING_TEXT}`, at: PROGRESS_DELAY_MS },
      { what: 'answer', at: 12_000 },
    ]);
  });

  it('says "Writing your plan…" while a plan is being written', async () => {
    const { events, onProgress } = recorder();
    const answered = withProgress(answerAfter(2_000), options(onProgress, true));
    await vi.advanceTimersByTimeAsync(2_000);
    await answered;
    expect(events.map((e) => e.what)).toEqual([`progress: ${WRITING_PLAN_TEXT}`]);
  });

  it('hands the answer back only once the line is shown (so a surface can replace it)', async () => {
    const order: string[] = [];
    const slowPost = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      order.push('line shown');
    };
    const answered = withProgress(answerAfter(800), options(slowPost)).then(() => order.push('answer'));
    await vi.advanceTimersByTimeAsync(2_000);
    await answered;
    expect(order).toEqual(['line shown', 'answer']);
  });

  it('does not hold a ready answer more than PROGRESS_WAIT_MS for a line the platform is slow to take', async () => {
    const order: { what: string; at: number }[] = [];
    const stuckPost = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      order.push({ what: 'line shown', at: Date.now() });
    };
    const answered = withProgress(answerAfter(1_000), options(stuckPost)).then(() => order.push({ what: 'answer', at: Date.now() }));
    await vi.advanceTimersByTimeAsync(40_000);
    await answered;
    expect(order).toEqual([
      { what: 'answer', at: 1_000 + PROGRESS_WAIT_MS },
      { what: 'line shown', at: PROGRESS_DELAY_MS + 30_000 },
    ]);
  });

  it('still answers when the line cannot be shown', async () => {
    const failing = (): Promise<void> => Promise.reject(new Error('chat.postMessage failed'));
    const throwing = (): void => {
      throw new Error('no terminal');
    };
    for (const listener of [failing, throwing]) {
      const answered = withProgress(answerAfter(1_000), options(listener));
      await vi.advanceTimersByTimeAsync(1_000);
      await expect(answered).resolves.toEqual(ANSWER);
    }
  });
});

describe('watchWriting', () => {
  it('tells a use case that writes (asks the engine) from one that reads', async () => {
    const calls: string[] = [];
    const done = <T>(name: string, value: T) => {
      calls.push(name);
      return Promise.resolve(value);
    };
    const plans = {
      currentPlan: () => done('currentPlan', undefined),
      regeneratePreview: () => done('regeneratePreview', undefined),
    } as unknown as PlanUseCases;
    const watched = watchWriting(plans);
    await watched.plans.currentPlan('slack:T1:U1');
    expect(watched.writing()).toBe(false);
    await watched.plans.regeneratePreview('slack:T1:U1', 'p1');
    expect(watched.writing()).toBe(true);
    expect(calls).toEqual(['currentPlan', 'regeneratePreview']);
  });
});
