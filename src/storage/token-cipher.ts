/**
 * Encryption at rest for the secrets the stores keep (issue 21: Strava tokens), with
 * GOFAST_ENCRYPTION_KEY: AES-256-GCM from node:crypto, a random 12-byte IV per value, and a
 * caller's `context` (which document and field the value belongs to) as additional authenticated
 * data, so a ciphertext copied into another document or field fails to decrypt instead of handing
 * one athlete's token to another.
 *
 * Two subkeys are derived from the configured key with HKDF-SHA256, one to encrypt and one for
 * `keyedHash` (HMAC-SHA256): a store that must find a document by a secret (an update guarded on
 * the refresh token it replaces) cannot match on a random ciphertext, so it keeps the secret's
 * keyed hash beside it. The hash reveals nothing without the key.
 *
 * The stored form is versioned (`v: 1`) so another scheme, or key rotation (not supported yet: a
 * changed key makes the stored values unreadable), can be told apart later.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { GoFastError } from '../domain/errors.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** A value as stored: version, IV, GCM tag and ciphertext, each base64. */
export const encryptedValueSchema = z.object({
  v: z.literal(1),
  iv: base64,
  tag: base64,
  data: base64,
});
export type EncryptedValue = z.infer<typeof encryptedValueSchema>;

export interface TokenCipher {
  /** Encrypts `plain`, bound to `context` (e.g. `strava:<athleteId>:refreshToken`); never the same output twice. */
  encrypt(plain: string, context: string): EncryptedValue;
  /** The plain text of `value`, if it was encrypted with this key and `context`; STORAGE_FAILED otherwise. */
  decrypt(value: unknown, context: string): string;
  /** HMAC-SHA256 of `plain` under a subkey of the key, lowercase hex: equal secrets, equal hashes. */
  keyedHash(plain: string): string;
}

function subkey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `gofast ${purpose} v1`, KEY_BYTES));
}

function unreadable(context: string, cause?: unknown): GoFastError {
  // The context names the document and field; the message never holds the value, stored or plain.
  return new GoFastError(
    'STORAGE_FAILED',
    `a stored secret (${context}) cannot be read with this GOFAST_ENCRYPTION_KEY: the key changed, or the stored value was altered`,
    { userFacing: false, ...(cause === undefined ? {} : { cause }) },
  );
}

/** A cipher over `key`, the 32 bytes of GOFAST_ENCRYPTION_KEY (config parses it). */
export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== KEY_BYTES) {
    throw new GoFastError('INVALID_INPUT', `GOFAST_ENCRYPTION_KEY must be ${KEY_BYTES} bytes (got ${key.length})`, { userFacing: false });
  }
  const encryptionKey = subkey(key, 'token encryption');
  const hashKey = subkey(key, 'token hash');

  return {
    encrypt(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    },

    decrypt(value, context) {
      const parsed = encryptedValueSchema.safeParse(value);
      if (!parsed.success) throw unreadable(context);
      const iv = Buffer.from(parsed.data.iv, 'base64');
      const tag = Buffer.from(parsed.data.tag, 'base64');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw unreadable(context);
      try {
        const decipher = createDecipheriv('aes-256-gcm', encryptionKey, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(parsed.data.data, 'base64')), decipher.final()]).toString('utf8');
      } catch (error) {
        // GCM's "unable to authenticate data": wrong key, wrong context or altered bytes alike.
        throw unreadable(context, error);
      }
    },

    keyedHash(plain) {
      return createHmac('sha256', hashKey).update(plain, 'utf8').digest('hex');
    },
  };
}
