/**
 * `StravaConnectionStore` (src/plans/strava/strava-connection-store.ts) over MongoDB: one document
 * per Strava athlete in `strava_connections`, `_id` = the athlete id, a unique index on the chat
 * identity (one link per person and per Strava account).
 *
 * The tokens are encrypted field by field with the token cipher (AES-256-GCM, GOFAST_ENCRYPTION_KEY),
 * each bound to its athlete and field, so the raw document, a dump or a backup holds no working
 * token; the other fields are plain. Beside the refresh token sits its keyed hash
 * (`refreshTokenHmac`): ciphertexts are random, so the guarded `updateTokens` matches on the hash.
 * Every document read back is checked (stored shape, decryption, then the port's schema), and a
 * refusal names the athlete, never a token.
 */
import { MongoServerError, type Collection } from 'mongodb';
import { z } from 'zod';
import { GoFastError } from '../domain/errors.js';
import { identitySchema } from '../plans/plan-record.js';
import type { StravaTokens } from '../plans/strava/strava-api.js';
import { stravaConnectionSchema, type StravaConnection, type StravaConnectionStore } from '../plans/strava/strava-connection-store.js';
import { ensureIndexes, guardedStorage, type IndexList, type MongoConnection } from './mongo-connection.js';
import { encryptedValueSchema, type EncryptedValue, type TokenCipher } from './token-cipher.js';

const DUPLICATE_KEY = 11000;

/** Saves racing for one identity (a double click on two accounts' consent pages) settle within this many tries. */
const SAVE_ATTEMPTS = 3;

export const STRAVA_CONNECTIONS_COLLECTION = 'strava_connections';

const STRAVA_CONNECTION_INDEXES: IndexList = [
  // A chat identity has one Strava link: `/plan connect strava` and the logging of a run find it by identity.
  { key: { identity: 1 }, name: 'identity_1', unique: true },
];

/** The document as stored: the port's fields, the tokens as ciphertexts, and the refresh token's keyed hash. */
const storedConnectionSchema = z.object({
  _id: z.string(),
  identity: identitySchema,
  athleteName: z.string().nullable(),
  accessToken: encryptedValueSchema,
  refreshToken: encryptedValueSchema,
  refreshTokenHmac: z.string().regex(/^[0-9a-f]{64}$/),
  expiresAt: z.date(),
  connectedAt: z.date(),
});
type StoredConnection = {
  _id: string;
  identity: string;
  athleteName: string | null;
  accessToken: EncryptedValue;
  refreshToken: EncryptedValue;
  refreshTokenHmac: string;
  expiresAt: Date;
  connectedAt: Date;
};

/** What a token is bound to (the GCM additional data): its athlete and field. */
function tokenContext(athleteId: string, field: 'accessToken' | 'refreshToken'): string {
  return `strava_connections:${athleteId}:${field}`;
}

function refused(athleteId: string, why: string): GoFastError {
  return new GoFastError('STORAGE_FAILED', `Strava link of athlete ${athleteId} ${why}`, { userFacing: false });
}

export class MongoStravaConnectionStore implements StravaConnectionStore {
  private readonly links: Collection<StoredConnection>;

  constructor(
    connection: MongoConnection,
    private readonly cipher: TokenCipher,
  ) {
    this.links = connection.collection<StoredConnection>(STRAVA_CONNECTIONS_COLLECTION);
  }

  /** Creates the collection's index (idempotent); call once at start-up. */
  init(): Promise<void> {
    return guardedStorage('creating the Strava link indexes', () => ensureIndexes(this.links, STRAVA_CONNECTION_INDEXES));
  }

  async save(connection: StravaConnection): Promise<void> {
    const parsed = stravaConnectionSchema.safeParse(connection);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // The path names the field; zod's message for a token never quotes the token.
      throw refused(String(connection.athleteId), `refused: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const link = parsed.data;
    const doc = this.encrypted(link);
    await guardedStorage('storing a Strava link', async () => {
      // Two steps, each safe to crash after: the identity's link to another athlete goes first, so
      // a crash leaves no link rather than two; the unique index on identity is the backstop.
      const replace = async (): Promise<void> => {
        await this.links.deleteMany({ identity: link.identity, _id: { $ne: link.athleteId } });
        await this.links.replaceOne({ _id: link.athleteId }, doc, { upsert: true });
      };
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await replace();
        } catch (error) {
          // A concurrent save for the same identity or athlete landed between our steps: once more,
          // and the later writer's link is the one kept. Each round lets at least one racer through.
          if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY) || attempt === SAVE_ATTEMPTS) throw error;
        }
      }
    });
  }

  async findByIdentity(identity: string): Promise<StravaConnection | undefined> {
    return this.toConnection(await guardedStorage('reading a Strava link', () => this.links.findOne({ identity })));
  }

  async findByAthlete(athleteId: string): Promise<StravaConnection | undefined> {
    return this.toConnection(await guardedStorage('reading a Strava link', () => this.links.findOne({ _id: athleteId })));
  }

  async updateTokens(athleteId: string, previousRefreshToken: string, tokens: StravaTokens): Promise<boolean> {
    if (tokens.accessToken === '' || tokens.refreshToken === '' || Number.isNaN(tokens.expiresAt.getTime())) {
      throw refused(athleteId, 'refused: new tokens need an access token, a refresh token and an expiry');
    }
    const result = await guardedStorage('storing refreshed Strava tokens', () =>
      this.links.updateOne(
        { _id: athleteId, refreshTokenHmac: this.cipher.keyedHash(previousRefreshToken) },
        { $set: { ...this.encryptedTokens(athleteId, tokens), expiresAt: tokens.expiresAt } },
      ),
    );
    return result.matchedCount === 1;
  }

  async remove(athleteId: string): Promise<boolean> {
    const result = await guardedStorage('deleting a Strava link', () => this.links.deleteOne({ _id: athleteId }));
    return result.deletedCount === 1;
  }

  private encryptedTokens(
    athleteId: string,
    tokens: { readonly accessToken: string; readonly refreshToken: string },
  ): Pick<StoredConnection, 'accessToken' | 'refreshToken' | 'refreshTokenHmac'> {
    return {
      accessToken: this.cipher.encrypt(tokens.accessToken, tokenContext(athleteId, 'accessToken')),
      refreshToken: this.cipher.encrypt(tokens.refreshToken, tokenContext(athleteId, 'refreshToken')),
      refreshTokenHmac: this.cipher.keyedHash(tokens.refreshToken),
    };
  }

  private encrypted(link: StravaConnection): StoredConnection {
    return {
      _id: link.athleteId,
      identity: link.identity,
      athleteName: link.athleteName,
      ...this.encryptedTokens(link.athleteId, link),
      expiresAt: link.expiresAt,
      connectedAt: link.connectedAt,
    };
  }

  private toConnection(doc: unknown): StravaConnection | undefined {
    if (doc === null || doc === undefined) return undefined;
    const athleteId = String((doc as { _id?: unknown })._id);
    const stored = storedConnectionSchema.safeParse(doc);
    if (!stored.success) {
      const issue = stored.error.issues[0];
      throw refused(athleteId, `in the database does not match its schema (${issue?.path.join('.')}: ${issue?.message})`);
    }
    const { _id, refreshTokenHmac: _hash, accessToken, refreshToken, ...plain } = stored.data;
    const parsed = stravaConnectionSchema.safeParse({
      ...plain,
      athleteId: _id,
      accessToken: this.cipher.decrypt(accessToken, tokenContext(_id, 'accessToken')),
      refreshToken: this.cipher.decrypt(refreshToken, tokenContext(_id, 'refreshToken')),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw refused(athleteId, `in the database does not match the link schema (${issue?.path.join('.')}: ${issue?.message})`);
    }
    return parsed.data;
  }
}
