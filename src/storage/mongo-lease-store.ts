/**
 * `LeaseStore` (src/plans/lease-store.ts) over MongoDB: one document per lease in `leases`, keyed
 * by the lease's name (`discord-gateway:<applicationId>`), holding `{ holder, expiresAt }`.
 *
 * Taking a lease is one guarded update, as the scheduler claims a plan: the filter matches the
 * document only when its lease has expired or is already the caller's, and an upsert creates it
 * when there is none. When the document exists but is held by another, the upsert's insert
 * collides with it on `_id` (duplicate key, 11000): that is the answer "someone else has it", and
 * of several instances racing for a free lease exactly one write succeeds. Releasing deletes the
 * document, guarded by the holder, so another instance takes it at its next try without waiting
 * for the expiry. No index is needed: leases are found by `_id`.
 */
import { MongoServerError, type Collection } from 'mongodb';
import { GoFastError } from '../domain/errors.js';
import { leaseRecordSchema, type LeaseGrant, type LeaseStore } from '../plans/lease-store.js';
import { guardedStorage, type MongoConnection } from './mongo-connection.js';

type LeaseDocument = { _id: string; holder: string; expiresAt: Date; renewedAt: Date };

const DUPLICATE_KEY = 11000;

export class MongoLeaseStore implements LeaseStore {
  private readonly leases: Collection<LeaseDocument>;

  /** `now` is the clock leases are measured with (tests pass a fake one). */
  constructor(
    connection: MongoConnection,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.leases = connection.collection<LeaseDocument>('leases');
  }

  async acquire(key: string, holder: string, durationMs: number): Promise<LeaseGrant> {
    if (holder === '' || !Number.isFinite(durationMs) || durationMs <= 0) {
      throw new GoFastError('INVALID_INPUT', `a lease needs a holder and a positive duration (got ${durationMs} ms)`, {
        userFacing: false,
      });
    }
    const now = this.now();
    const expiresAt = new Date(now.getTime() + durationMs);
    const taken = await guardedStorage(`taking the lease ${key}`, async () => {
      try {
        await this.leases.updateOne(
          { _id: key, $or: [{ holder }, { expiresAt: { $lte: now } }] },
          { $set: { holder, expiresAt, renewedAt: now } },
          { upsert: true },
        );
        return true;
      } catch (error) {
        // The document exists and the filter refused it: another holder's unexpired lease.
        if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return false;
        throw error;
      }
    });
    if (taken) return { held: true, holder, expiresAt };
    // Held by another: say by whom, for the logs. It may have been released meanwhile (null).
    const current = await guardedStorage(`reading the lease ${key}`, () => this.leases.findOne({ _id: key }));
    if (current === null) return { held: false, holder: null, expiresAt: null };
    const parsed = leaseRecordSchema.safeParse(current);
    if (!parsed.success) {
      throw new GoFastError('STORAGE_FAILED', `lease ${key} in the database does not match the lease schema`, { userFacing: false });
    }
    return { held: false, holder: parsed.data.holder, expiresAt: parsed.data.expiresAt };
  }

  async release(key: string, holder: string): Promise<boolean> {
    const result = await guardedStorage(`releasing the lease ${key}`, () => this.leases.deleteOne({ _id: key, holder }));
    return result.deletedCount === 1;
  }
}
