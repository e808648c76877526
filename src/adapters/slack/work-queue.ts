/**
 * Runs the work that follows an ack with bounded concurrency. When a whole club types /plan at
 * once, starting every core call and Web API call together would fill the event loop with
 * half-done work, and the acks of the requests still arriving would queue behind it; with a
 * bound, acks stay fast and the work drains in arrival order. Urgent work (opening a modal before
 * its trigger id expires) goes ahead of the rest.
 */
export class WorkQueue {
  private running = 0;
  private readonly urgent: Array<() => void> = [];
  private readonly normal: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>, options: { urgent?: boolean } = {}): Promise<T> {
    if (this.running < this.limit) this.running += 1;
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
