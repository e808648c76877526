/**
 * A small circuit breaker in front of the model. After `failureThreshold` consecutive calls that
 * could not reach it (timeouts, 429s or 5xx left after retries, connection errors) the circuit
 * opens: for `coolDownMs` every request goes straight to the fallback, so a model outage costs
 * users no waiting. Then one trial call is let through (half-open): success closes the circuit,
 * failure opens it for another cool-down. Answers the model did give — even bad ones — count as
 * reaching it; their handling is the send-back's and the fallback's business.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Leave to call the model, handed back through `succeeded` or `failed`. */
export type BreakerPermit = { readonly trial: boolean };

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;

  constructor(
    private readonly failureThreshold: number,
    private readonly coolDownMs: number,
    private readonly now: () => number,
  ) {}

  state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.coolDownMs ? 'half-open' : 'open';
  }

  /** A permit when a call may go to the model now (one trial at a time when half-open). */
  tryAcquire(): BreakerPermit | undefined {
    const state = this.state();
    if (state === 'closed') return { trial: false };
    if (state === 'open' || this.trialInFlight) return undefined;
    this.trialInFlight = true;
    return { trial: true };
  }

  succeeded(permit: BreakerPermit): void {
    if (permit.trial) this.trialInFlight = false;
    this.failures = 0;
    this.openedAt = undefined;
  }

  /** Hands a permit back without a verdict (the call ended for a reason that says nothing of the model). */
  release(permit: BreakerPermit): void {
    if (permit.trial) this.trialInFlight = false;
  }

  failed(permit: BreakerPermit): void {
    if (permit.trial) this.trialInFlight = false;
    this.failures += 1;
    if (permit.trial || this.failures >= this.failureThreshold) this.openedAt = this.now();
  }
}
