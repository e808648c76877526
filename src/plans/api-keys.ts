/**
 * API keys for the HTTP API: a key acts as its owner (`platform:workspace:user`), so the plan use
 * cases' owner checks apply to it unchanged. A key is shown once when it is made; only its sha256
 * is stored, so a leaked database does not leak working keys, and a short public prefix names it
 * in listings and when revoking.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { InputError } from '../domain/errors.js';
import type { ApiKeyRecord, ApiKeyStore } from './api-key-store.js';
import type { Clock } from './plan-context.js';
import { identitySchema, type Identity } from './plan-record.js';

/** `gf_` and 32 random bytes in base64url (43 characters): 256 bits, so guessing is hopeless. */
export const API_KEY_PATTERN = /^gf_[A-Za-z0-9_-]{43}$/;
const KEY_BYTES = 32;
/** `gf_` and 8 characters (48 bits): keys of one installation tell apart without a collision. */
export const API_KEY_PREFIX_LENGTH = 11;
const MAX_LABEL = 100;

/** What may be shown about a key: everything but its hash. */
export type ApiKeySummary = Omit<ApiKeyRecord, 'hash'>;

type CreatedApiKey = {
  /** The key itself: shown this once, never stored. */
  readonly key: string;
  readonly summary: ApiKeySummary;
};

export type ApiKeyUseCases = {
  createApiKey(owner: string, options?: { readonly label?: string }): Promise<CreatedApiKey>;
  /** Revokes by the whole key or by its prefix; revoking a revoked key returns it unchanged. */
  revokeApiKey(keyOrPrefix: string): Promise<ApiKeySummary>;
  /** The owner a key acts as, or undefined for an unknown, malformed or revoked key. */
  authenticate(key: string): Promise<Identity | undefined>;
  listApiKeys(filter?: { readonly owner?: string }): Promise<ApiKeySummary[]>;
};

export type ApiKeyDeps = {
  readonly store: ApiKeyStore;
  readonly clock: Clock;
  /** Random bytes for new keys; tests may pin them. */
  readonly random?: (size: number) => Buffer;
  /**
   * How long a successful authentication is remembered in this process (default 2 s; 0 turns it
   * off). It saves a database lookup per request under load; the price is that a revoked key may
   * still be accepted by an instance for that long.
   */
  readonly rememberMs?: number;
};

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function summaryOf(record: ApiKeyRecord): ApiKeySummary {
  const { hash: _hash, ...summary } = record;
  return summary;
}

/**
 * The stored hash against the presented key's, in constant time. The lookup by hash has already
 * matched, so this is defence in depth: it keeps a store that matched loosely (a prefix index, a
 * case-insensitive collation) from letting a different key through, and the time taken says
 * nothing about how much of either hash matched.
 */
function sameHash(storedHex: string, presentedHex: string): boolean {
  const stored = Buffer.from(storedHex, 'hex');
  const presented = Buffer.from(presentedHex, 'hex');
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}

async function findKey(store: ApiKeyStore, keyOrPrefix: string): Promise<ApiKeyRecord> {
  const text = keyOrPrefix.trim();
  if (API_KEY_PATTERN.test(text)) {
    const found = await store.findByHash(hashApiKey(text));
    if (!found) throw new InputError({ key: 'no API key matches that key' });
    return found;
  }
  if (text.length !== API_KEY_PREFIX_LENGTH || !text.startsWith('gf_')) {
    throw new InputError({ key: `give the whole key or its ${API_KEY_PREFIX_LENGTH}-character prefix (gf_ and 8 more)` });
  }
  const found = await store.findByPrefix(text);
  const [only] = found;
  if (!only) throw new InputError({ key: `no API key has the prefix ${text}` });
  if (found.length > 1) throw new InputError({ key: `${found.length} keys have the prefix ${text}; give the whole key` });
  return only;
}

export function createApiKeyUseCases(deps: ApiKeyDeps): ApiKeyUseCases {
  const random = deps.random ?? randomBytes;
  const rememberMs = deps.rememberMs ?? 2000;
  const remembered = new Map<string, { owner: Identity; until: number }>();
  return {
    async createApiKey(owner, options = {}) {
      const parsed = identitySchema.safeParse(owner);
      if (!parsed.success) throw new InputError({ owner: parsed.error.issues[0]?.message ?? 'invalid owner' });
      const label = options.label?.trim().slice(0, MAX_LABEL);
      const key = `gf_${random(KEY_BYTES).toString('base64url')}`;
      const record = await deps.store.insert({
        hash: hashApiKey(key),
        prefix: key.slice(0, API_KEY_PREFIX_LENGTH),
        owner: parsed.data,
        label: label === undefined || label === '' ? null : label,
        createdAt: deps.clock.now(),
        revokedAt: null,
      });
      return { key, summary: summaryOf(record) };
    },

    async revokeApiKey(keyOrPrefix) {
      const found = await findKey(deps.store, keyOrPrefix);
      if (found.revokedAt) return summaryOf(found);
      remembered.delete(found.hash);
      const revoked = await deps.store.revoke(found.id, deps.clock.now());
      if (!revoked) throw new InputError({ key: 'the key disappeared while it was being revoked' });
      return summaryOf(revoked);
    },

    async authenticate(key) {
      // Malformed keys never reach the database.
      if (!API_KEY_PATTERN.test(key)) return undefined;
      const hash = hashApiKey(key);
      const now = deps.clock.now().getTime();
      const known = remembered.get(hash);
      if (known && known.until > now) return known.owner;
      const found = await deps.store.findByHash(hash);
      if (!found || !sameHash(found.hash, hash) || found.revokedAt !== null) {
        remembered.delete(hash);
        return undefined;
      }
      if (rememberMs > 0) {
        // Bounded: a flood of distinct valid keys cannot grow the map without limit.
        if (remembered.size >= 10_000) remembered.clear();
        remembered.set(hash, { owner: found.owner, until: now + rememberMs });
      }
      return found.owner;
    },

    async listApiKeys(filter = {}) {
      return (await deps.store.list(filter)).map(summaryOf);
    },
  };
}
