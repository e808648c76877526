/**
 * At most N tasks at once, the rest queued in arrival order: a burst of webhook events fetches its
 * activities through a few connections instead of opening one per event.
 */
export type ConcurrencyGate = <T>(task: () => Promise<T>) => Promise<T>;

export function createConcurrencyGate(max: number): ConcurrencyGate {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, not ${max}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return async (task) => {
    if (running < max) running += 1;
    // The slot passes straight from the task that releases it to the next in line.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
