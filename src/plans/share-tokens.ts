/**
 * The tokens of share links, one home for a plan's page (`/p/`) and a club's admin page (`/c/`):
 * 32 random bytes in base64url (256 bits); only their sha256 is stored, so a database read does
 * not leak live links, and a link cannot be shown twice. Every page request looks its token up in
 * the store: nothing in this process remembers a token, so a revoke holds at once on every instance.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { GoFastError } from '../domain/errors.js';
import type { ShareLinkRecord, Sharing } from './share-link-store.js';

/** 32 bytes in base64url: 43 characters. */
const TOKEN_BYTES = 32;
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Sharing cannot work here: no store, or no public address to put in the link. */
export class SharingNotSetUpError extends GoFastError {
  constructor() {
    super('WRONG_STATE', 'Sharing is not set up on this server: its operator must set PUBLIC_BASE_URL first.', { userFacing: true });
    this.name = 'SharingNotSetUpError';
  }
}

export function hashShareToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Sharing with a public address, or the error saying it is not set up. */
export function sharingWithUrl(sharing: Sharing | undefined): Sharing & { readonly baseUrl: string } {
  if (sharing?.baseUrl === undefined) throw new SharingNotSetUpError();
  return { ...sharing, baseUrl: sharing.baseUrl };
}

/** A new token and the hash to store for it. */
export function newShareToken(sharing: Sharing): { readonly token: string; readonly hash: string } {
  const token = (sharing.random ?? randomBytes)(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashShareToken(token) };
}

/**
 * The live link a token names, or undefined for a malformed, unknown or revoked token. Unknown
 * and revoked tokens take the same path — one lookup by hash — so their answers cannot be told
 * apart by time; a malformed one never reaches the database (its shape is public, so skipping the
 * lookup says nothing about any live token).
 */
export async function liveShareLink(sharing: Sharing | undefined, token: string): Promise<ShareLinkRecord | undefined> {
  if (sharing === undefined || !SHARE_TOKEN_PATTERN.test(token)) return undefined;
  const hash = hashShareToken(token);
  const link = await sharing.store.findByHash(hash);
  // The lookup matched by hash; comparing in constant time keeps a loosely matching store honest.
  return link === undefined || link.revokedAt !== null || !sameHash(link.hash, hash) ? undefined : link;
}

function sameHash(storedHex: string, presentedHex: string): boolean {
  const stored = Buffer.from(storedHex, 'hex');
  const presented = Buffer.from(presentedHex, 'hex');
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}
