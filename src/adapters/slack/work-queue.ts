/**
 * Runs the work that follows an ack with bounded concurrency. When a whole club types /plan at
 * once, starting every core call and Web API call together would fill the event loop with
 * half-done work, and the acks of the requests still arriving would queue behind it; with a
 * bound, acks stay fast and the work drains in arrival order. Urgent work (opening a modal before
 * its trigger id expires) goes ahead of the rest.
 *
 * The waiting line is bounded too. When every slot is stuck (a database that hangs, a slow engine),
 * an unbounded line would grow with every request, holding memory and answering people minutes
 * after they gave up; past `maxWaiting` a task is refused at once with `WorkQueueFullError`, so
 * the listener can tell the person to come back instead.
 */

/** The work queue's waiting line is full: the task was not started and will not be. */
export class WorkQueueFullError extends Error {
  readonly code = 'WORK_QUEUE_FULL';
  constructor(readonly maxWaiting: number) {
    super(`${maxWaiting} requests are already waiting for the coach; this one was refused`);
    this.name = 'WorkQueueFullError';
  }
}

export class WorkQueue {
  private running = 0;
  private readonly urgent: Array<() => void> = [];
  private readonly normal: Array<() => void> = [];

  /**
   * @param limit how many tasks run at once
   * @param maxWaiting how many tasks may wait for a slot (urgent and normal together); one more is refused
   */
  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number,
  ) {}

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.urgent.length + this.normal.length;
  }

  /** Runs `task` within the bound; rejects with `WorkQueueFullError`, without running it, when the line is full. */
  async run<T>(task: () => Promise<T>, options: { urgent?: boolean } = {}): Promise<T> {
    if (this.running < this.limit) this.running += 1;
    else if (this.waiting >= this.maxWaiting) throw new WorkQueueFullError(this.maxWaiting);
    // A finishing task hands its slot straight to the next waiter, so the bound is never exceeded.
    else await new Promise<void>((resolve) => (options.urgent === true ? this.urgent : this.normal).push(resolve));
    try {
      return await task();
    } finally {
      const next = this.urgent.shift() ?? this.normal.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
