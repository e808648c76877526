/**
 * A small benchmark harness: runs a function many times after a warm-up and reports the median,
 * p95 and p99 in milliseconds. `npm run bench` collects every suite's rows into one table.
 */
import { performance } from 'node:perf_hooks';

export type BenchRow = {
  readonly suite: string;
  readonly name: string;
  readonly iterations: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  /** The target from the issue, when it has one (median unless `targetOn` says otherwise). */
  readonly targetMs?: number;
  readonly targetOn?: 'median' | 'p95' | 'p99';
  readonly note?: string;
};

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export type MeasureOptions = {
  readonly iterations: number;
  readonly warmup?: number;
  readonly targetMs?: number;
  readonly targetOn?: 'median' | 'p95' | 'p99';
  readonly note?: string;
};

/** Times `fn` (sync or async) `iterations` times, one call at a time. */
export async function measure(suite: string, name: string, fn: (iteration: number) => unknown, options: MeasureOptions): Promise<BenchRow> {
  const warmup = options.warmup ?? Math.min(50, Math.ceil(options.iterations / 10));
  for (let i = 0; i < warmup; i += 1) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < options.iterations; i += 1) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return summarize(suite, name, samples, options);
}

/** Builds a row from samples measured elsewhere (latencies of concurrent requests, say). */
export function summarize(
  suite: string,
  name: string,
  samplesMs: readonly number[],
  options: Omit<MeasureOptions, 'iterations' | 'warmup'> = {},
): BenchRow {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    suite,
    name,
    iterations: sorted.length,
    medianMs: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    ...(options.targetMs === undefined ? {} : { targetMs: options.targetMs }),
    ...(options.targetOn === undefined ? {} : { targetOn: options.targetOn }),
    ...(options.note === undefined ? {} : { note: options.note }),
  };
}
