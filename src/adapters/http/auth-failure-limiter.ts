/**
 * Failed authentications per client address: after `failures` missing, unknown or revoked keys
 * from one address within a window, every request from it answers 429 with Retry-After until the
 * window ends — a valid key too, or the 401/429 difference would still tell a guess that worked.
 * Valid keys from other addresses are not touched. The per-key limit cannot do this: a request
 * with a bad key has no key to count by.
 *
 * A fixed window per address, opened by its first failure, as the per-key limit does: one small
 * record per address and an exact Retry-After. Memory is bounded by `maxAddresses`: when full,
 * ended windows are swept, and if none has ended the oldest is dropped (an attacker with that many
 * addresses gains little from resetting one). IPv6 clients are counted per /64, the block one
 * subscriber usually holds, so walking through one's own addresses does not reset the count.
 * The address is the TCP peer's: behind a proxy it is the proxy's, and the proxy should limit.
 */
import type { RateDecision } from './key-rate-limiter.js';

export type AuthFailureLimit = {
  /** Failed authentications allowed per address in a window; the next request gets 429. */
  readonly failures: number;
  /** The window's length, from the address's first failure. */
  readonly windowMs: number;
  /** Addresses tracked at most. Default 10,000 (about a megabyte). */
  readonly maxAddresses?: number;
};

/** 20 failures in 5 minutes: room for a person fumbling a key, none for a guesser. */
export const DEFAULT_AUTH_FAILURE_LIMIT: AuthFailureLimit = { failures: 20, windowMs: 5 * 60_000 };

type Window = { readonly start: number; count: number };

/** `address` as the key its failures are counted under: IPv4 as it is, IPv6 by its /64. */
function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros: string[] = Array.from({ length: Math.max(0, 8 - headGroups.length - tailGroups.length) }, () => '0');
  const groups = [...headGroups, ...zeros, ...tailGroups].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
  return `${groups.slice(0, 4).join(':')}::/64`;
}

export class AuthFailureLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly maxAddresses: number;

  constructor(
    private readonly limit: AuthFailureLimit,
    private readonly now: () => number,
  ) {
    this.maxAddresses = limit.maxAddresses ?? 10_000;
  }

  /** Whether `address` may try to authenticate now (it has failures left in its window). */
  check(address: string): RateDecision {
    const key = addressKey(address);
    const window = this.current(key, this.now());
    if (window === undefined || window.count < this.limit.failures) return { allowed: true };
    return { allowed: false, retryAfterSeconds: this.retryAfter(window) };
  }

  /** Counts one failed authentication from `address`; true when it used up the window. */
  fail(address: string): boolean {
    const key = addressKey(address);
    const now = this.now();
    let window = this.current(key, now);
    if (window === undefined) {
      this.makeRoom(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count === this.limit.failures;
  }

  /** How many addresses are tracked (for tests of the bound). */
  get size(): number {
    return this.windows.size;
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window === undefined) return undefined;
    if (now < window.start + this.limit.windowMs) return window;
    this.windows.delete(key);
    return undefined;
  }

  private retryAfter(window: Window): number {
    return Math.max(1, Math.ceil((window.start + this.limit.windowMs - this.now()) / 1000));
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxAddresses) return;
    for (const [key, window] of this.windows) {
      if (now >= window.start + this.limit.windowMs) this.windows.delete(key);
    }
    // Maps iterate in insertion order, so the first entries are the oldest windows.
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxAddresses) break;
      this.windows.delete(key);
    }
  }
}
