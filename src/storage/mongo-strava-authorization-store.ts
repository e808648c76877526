/**
 * `StravaAuthorizationStore` over MongoDB: one document per pending `/plan connect strava` in
 * `strava_authorizations`, `_id` = the sha-256 of the OAuth `state` (the state itself is never
 * stored). Taking one is a single `findOneAndDelete` guarded on the expiry, so a state works once
 * even when the callback is replayed or two instances receive it.
 *
 * A TTL index on `expiresAt` lets MongoDB sweep states nobody came back for; it is housekeeping
 * only (it runs about once a minute, and the embedded server keeps the index without sweeping):
 * `take` checks the expiry itself.
 */
import type { Collection } from 'mongodb';
import { GoFastError } from '../domain/errors.js';
import {
  stravaAuthorizationSchema,
  type StravaAuthorization,
  type StravaAuthorizationStore,
} from '../plans/strava/strava-connection-store.js';
import { ensureIndexes, guardedStorage, type IndexList, type MongoConnection } from './mongo-connection.js';

export const STRAVA_AUTHORIZATIONS_COLLECTION = 'strava_authorizations';

type StoredAuthorization = { _id: string; identity: string; expiresAt: Date };

const STRAVA_AUTHORIZATION_INDEXES: IndexList = [{ key: { expiresAt: 1 }, name: 'expiresAt_1', expireAfterSeconds: 0 }];

function toAuthorization(doc: StoredAuthorization | null): StravaAuthorization | undefined {
  if (doc === null) return undefined;
  const { _id, ...rest } = doc;
  const parsed = stravaAuthorizationSchema.safeParse({ ...rest, stateHash: _id });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GoFastError(
      'STORAGE_FAILED',
      `Strava authorization ${String(_id)} in the database does not match its schema (${issue?.path.join('.')}: ${issue?.message})`,
      { userFacing: false },
    );
  }
  return parsed.data;
}

export class MongoStravaAuthorizationStore implements StravaAuthorizationStore {
  private readonly authorizations: Collection<StoredAuthorization>;

  constructor(connection: MongoConnection) {
    this.authorizations = connection.collection<StoredAuthorization>(STRAVA_AUTHORIZATIONS_COLLECTION);
  }

  /** Creates the collection's TTL index (idempotent); call once at start-up. */
  init(): Promise<void> {
    return guardedStorage('creating the Strava authorization indexes', () =>
      ensureIndexes(this.authorizations, STRAVA_AUTHORIZATION_INDEXES),
    );
  }

  async insert(authorization: StravaAuthorization): Promise<void> {
    const parsed = stravaAuthorizationSchema.safeParse(authorization);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new GoFastError('STORAGE_FAILED', `refusing to store a Strava authorization: ${issue?.path.join('.')}: ${issue?.message}`, {
        userFacing: false,
      });
    }
    const { stateHash, ...rest } = parsed.data;
    await guardedStorage('storing a Strava authorization', () => this.authorizations.insertOne({ _id: stateHash, ...rest }));
  }

  take(stateHash: string, now: Date): Promise<StravaAuthorization | undefined> {
    return guardedStorage('taking a Strava authorization', async () => {
      const taken = await this.authorizations.findOneAndDelete({ _id: stateHash, expiresAt: { $gt: now } });
      if (taken === null) {
        // Expired (or never there): gone either way, without waiting for the TTL sweep.
        await this.authorizations.deleteOne({ _id: stateHash, expiresAt: { $lte: now } });
      }
      return toAuthorization(taken);
    });
  }

  async purgeExpired(now: Date): Promise<number> {
    // MongoDB's TTL monitor does this by itself; the embedded server keeps TTL indexes but does not sweep.
    const result = await guardedStorage('purging expired Strava authorizations', () =>
      this.authorizations.deleteMany({ expiresAt: { $lte: now } }),
    );
    return result.deletedCount;
  }
}
