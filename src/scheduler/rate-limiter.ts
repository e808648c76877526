/**
 * Paces posts to what each platform allows, so a Monday with thousands of due plans does not
 * become a 429 storm: a minimum interval per key (a channel, a DM) and a token bucket per
 * platform. The limits are each platform's registered pacing (`PlatformSpec.pacing`).
 */
import type { PlatformPacing } from '../plans/platforms.js';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class RateLimiter {
  private readonly nextByKey = new Map<string, number>();
  private readonly nextSlot = new Map<string, number>();

  constructor(
    private readonly limits: Readonly<Record<string, PlatformPacing>> = {},
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: Sleep = realSleep,
  ) {}

  /**
   * Waits until a post under (platform, key) is allowed, and books it: `requests` of the
   * platform's per-second budget (a Discord DM opened first is two; a step that calls nothing, 0).
   */
  async acquire(platform: string, key: string, requests = 1): Promise<void> {
    if (requests === 0) return;
    const limits = this.limits[platform] ?? {};
    const now = this.now();
    const keyName = `${platform}:${key}`;
    // A back-off after a 429 holds the key even on a platform with no configured limits.
    let at = Math.max(now, this.nextByKey.get(keyName) ?? 0);
    if (limits.perKeyIntervalMs !== undefined) this.nextByKey.set(keyName, at + limits.perKeyIntervalMs);
    if (limits.perSecond !== undefined) {
      // Slots 1/perSecond apart: a steady rate with no bursts beyond the platform's budget.
      const slot = Math.max(at, this.nextSlot.get(platform) ?? 0);
      this.nextSlot.set(platform, slot + (requests * 1000) / limits.perSecond);
      at = slot;
    }
    if (at > now) await this.sleep(at - now);
  }

  /** After a 429: nothing under this platform (and key) goes out before `retryAfterMs`. */
  backOff(platform: string, key: string, retryAfterMs: number): void {
    const until = this.now() + retryAfterMs;
    const keyName = `${platform}:${key}`;
    this.nextByKey.set(keyName, Math.max(this.nextByKey.get(keyName) ?? 0, until));
    if (this.limits[platform]?.perSecond !== undefined) this.nextSlot.set(platform, Math.max(this.nextSlot.get(platform) ?? 0, until));
  }
}
