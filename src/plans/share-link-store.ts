/**
 * The port share links are stored through (`/plan share`). A link's token is never stored: only
 * its sha256 (hex), so reading the database does not hand out working links. A plan has at most
 * one live link (`revokedAt: null`); revoked ones are kept so an operator can see when a link
 * stopped working.
 */
import { z } from 'zod';
import { identitySchema } from './plan-record.js';

export const shareLinkRecordSchema = z.object({
  id: z.string(),
  /** sha256 of the token, lowercase hex; unique. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  planId: z.string(),
  /** Who shared it: the plan's owner, or `operator` (`gofast plans share`). */
  createdBy: z.union([identitySchema, z.literal('operator')]),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
});
export type ShareLinkRecord = z.infer<typeof shareLinkRecordSchema>;

export type NewShareLinkRecord = Omit<ShareLinkRecord, 'id'>;

export interface ShareLinkStore {
  /** Stores a new link; rejects when its hash is already stored (the unique index). */
  insert(record: NewShareLinkRecord): Promise<ShareLinkRecord>;
  /** The link with this token hash, live or revoked. */
  findByHash(hash: string): Promise<ShareLinkRecord | undefined>;
  /** Sets `revokedAt` on every live link of the plan; returns how many it revoked. */
  revokeForPlan(planId: string, at: Date): Promise<number>;
}

/** What the share use cases work with (a `PlanContext` field). */
export type Sharing = {
  readonly store: ShareLinkStore;
  /** PUBLIC_BASE_URL without a trailing slash; undefined: links cannot be made (nobody could open them). */
  readonly baseUrl: string | undefined;
  /** Random bytes for new tokens; tests may pin them. */
  readonly random?: (size: number) => Buffer;
};
