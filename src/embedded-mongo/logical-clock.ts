/**
 * The cluster time a replica set reports in `$clusterTime` and `operationTime`: seconds since the
 * epoch plus a counter, strictly increasing across writes so causally consistent sessions work.
 */
import { Binary, Long, Timestamp } from 'bson';

export class LogicalClock {
  private seconds = 0;
  private increment = 0;

  /** Advances the clock (for a write) and returns the new time. */
  tick(): Timestamp {
    const nowSeconds = Math.floor(Date.now() / 1000);
    if (nowSeconds > this.seconds) {
      this.seconds = nowSeconds;
      this.increment = 1;
    } else {
      this.increment += 1;
    }
    return this.now();
  }

  now(): Timestamp {
    if (this.seconds === 0) return this.tick();
    return new Timestamp({ t: this.seconds, i: this.increment });
  }

  /** The `$clusterTime` document; the signature is all zeros, as on a server without keyfile auth. */
  clusterTimeDocument(): Record<string, unknown> {
    return {
      clusterTime: this.now(),
      signature: { hash: new Binary(Buffer.alloc(20), 0), keyId: Long.ZERO },
    };
  }
}
