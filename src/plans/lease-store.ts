/**
 * The port for named leases that several instances on one database compete for: one holder at a
 * time, until `expiresAt`. The holder renews before then; when it stops (it crashed, or lost the
 * database), another may take the lease once it has expired. Its first user is the Discord gateway
 * session (one per bot across instances); the scheduler's per-plan leases live on the plans
 * themselves (`PlanStore.claimDue`).
 */
import { z } from 'zod';

/** A lease as stored; the key is the document's id. */
export const leaseRecordSchema = z.object({
  holder: z.string().min(1),
  expiresAt: z.date(),
});

/** The outcome of an attempt: held by the caller, or who holds it (null when nobody could be read). */
export type LeaseGrant =
  | { readonly held: true; readonly holder: string; readonly expiresAt: Date }
  | { readonly held: false; readonly holder: string | null; readonly expiresAt: Date | null };

export interface LeaseStore {
  /**
   * Takes the lease `key` for `holder` for `durationMs` from the store's clock when it is free,
   * expired or already the holder's (then it is a renewal), with one atomic write; otherwise says
   * who holds it. Of several instances racing for a free lease, exactly one gets it.
   */
  acquire(key: string, holder: string, durationMs: number): Promise<LeaseGrant>;
  /** Gives the lease up at once if `holder` holds it; true when it did. */
  release(key: string, holder: string): Promise<boolean>;
}
