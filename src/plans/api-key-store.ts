/**
 * The port API keys are stored through. A key itself is never stored: only the sha256 of it
 * (hex), the owner it acts as, and a short public prefix that names the key in listings and in
 * `gofast apikey revoke` without revealing it.
 */
import { z } from 'zod';
import { identitySchema } from './plan-record.js';

export const apiKeyRecordSchema = z.object({
  id: z.string(),
  /** sha256 of the whole key, lowercase hex; unique. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The key's first characters (`gf_` and 8 more): enough to tell keys apart, useless to log in. */
  prefix: z.string(),
  owner: identitySchema,
  label: z.string().nullable(),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
});
export type ApiKeyRecord = z.infer<typeof apiKeyRecordSchema>;

export type NewApiKeyRecord = Omit<ApiKeyRecord, 'id'>;

export interface ApiKeyStore {
  /** Stores a new key; rejects when its hash is already stored (the unique index). */
  insert(record: NewApiKeyRecord): Promise<ApiKeyRecord>;
  findByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  /** Every key with this exact prefix (normally one). */
  findByPrefix(prefix: string): Promise<ApiKeyRecord[]>;
  /** Sets `revokedAt` unless already set, and returns the key as it now is. */
  revoke(id: string, at: Date): Promise<ApiKeyRecord | undefined>;
  /** Newest first. */
  list(filter: { readonly owner?: string }): Promise<ApiKeyRecord[]>;
}
