/**
 * The token cipher (AES-256-GCM with GOFAST_ENCRYPTION_KEY): a value comes back only with the key
 * and the context it was encrypted with, never twice the same ciphertext, and every refusal is a
 * STORAGE_FAILED that names the key setting and never the value.
 */
import { describe, expect, it } from 'vitest';
import { createTokenCipher, type EncryptedValue } from '../../src/storage/token-cipher.js';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const TOKEN = 'a3f1c0ffee0123456789abcdef0123456789abcd';
const CONTEXT = 'strava_connections:12345:refreshToken';

/** Flips one bit of a base64 field's bytes. */
function flipped(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
}

function refusal(run: () => unknown): { code?: unknown; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: unknown; message: string };
  }
  throw new Error('expected the cipher to refuse');
}

describe('token cipher', () => {
  const cipher = createTokenCipher(KEY);

  it('round-trips a token under its context, with a fresh IV each time', () => {
    const first = cipher.encrypt(TOKEN, CONTEXT);
    const second = cipher.encrypt(TOKEN, CONTEXT);
    expect(cipher.decrypt(first, CONTEXT)).toBe(TOKEN);
    expect(cipher.decrypt(second, CONTEXT)).toBe(TOKEN);
    expect(first.v).toBe(1);
    expect(Buffer.from(first.iv, 'base64')).toHaveLength(12);
    expect(first.iv).not.toBe(second.iv);
    expect(first.data).not.toBe(second.data);
    expect(JSON.stringify(first)).not.toContain(TOKEN);
    // Unicode survives too.
    expect(cipher.decrypt(cipher.encrypt('tökén ✓', CONTEXT), CONTEXT)).toBe('tökén ✓');
  });

  it.each<[string, (value: EncryptedValue) => unknown]>([
    ['altered ciphertext', (value) => ({ ...value, data: flipped(value.data) })],
    ['altered tag', (value) => ({ ...value, tag: flipped(value.tag) })],
    ['altered IV', (value) => ({ ...value, iv: flipped(value.iv) })],
    ['a truncated tag', (value) => ({ ...value, tag: value.tag.slice(0, 8) })],
    ['an unknown version', (value) => ({ ...value, v: 2 })],
    ['a plain string', () => TOKEN],
  ])('refuses %s with STORAGE_FAILED, without the value', (_, tamper) => {
    const error = refusal(() => cipher.decrypt(tamper(cipher.encrypt(TOKEN, CONTEXT)), CONTEXT));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.message).toContain('GOFAST_ENCRYPTION_KEY');
    expect(error.message).not.toContain(TOKEN);
  });

  it('refuses a value encrypted with another key', () => {
    const value = createTokenCipher(OTHER_KEY).encrypt(TOKEN, CONTEXT);
    const error = refusal(() => cipher.decrypt(value, CONTEXT));
    expect(error).toMatchObject({ code: 'STORAGE_FAILED' });
    expect(error.message).toMatch(/cannot be read with this GOFAST_ENCRYPTION_KEY/);
    expect(error.message).not.toContain(TOKEN);
  });

  it('refuses a value moved to another athlete or field', () => {
    const value = cipher.encrypt(TOKEN, CONTEXT);
    for (const context of ['strava_connections:12346:refreshToken', 'strava_connections:12345:accessToken']) {
      expect(refusal(() => cipher.decrypt(value, context))).toMatchObject({ code: 'STORAGE_FAILED' });
    }
  });

  it('hashes under the key: equal tokens alike, other tokens or keys not', () => {
    expect(cipher.keyedHash(TOKEN)).toBe(cipher.keyedHash(TOKEN));
    expect(cipher.keyedHash(TOKEN)).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.keyedHash(TOKEN)).not.toBe(cipher.keyedHash(`${TOKEN}x`));
    expect(createTokenCipher(OTHER_KEY).keyedHash(TOKEN)).not.toBe(cipher.keyedHash(TOKEN));
  });

  it('wants a 32-byte key', () => {
    expect(() => createTokenCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
