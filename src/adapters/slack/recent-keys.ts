/**
 * A bounded memory of recently handled request ids (modal view ids). A retried delivery of a
 * submission this process already handled is acknowledged and dropped, so the athlete does not get
 * the preview twice. Across processes the core's own `requestId` dedupe still makes one plan.
 */
export class RecentKeys {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 5000) {}

  /** True the first time a key is claimed; false while it is remembered. */
  claim(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > this.capacity) {
      // Sets iterate in insertion order: the first key is the oldest.
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
