/**
 * The port share links are stored through: a plan's page (`/plan share`) and a club's admin page
 * (`/plan club page`), told apart by `kind`. A link's token is never stored: only its sha256
 * (hex), so reading the database does not hand out working links. A plan or club has at most one
 * live link (`revokedAt: null`); revoked ones are kept so an operator can see when a link stopped
 * working.
 */
import { z } from 'zod';
import { identitySchema } from './plan-record.js';

const linkFields = {
  id: z.string(),
  /** sha256 of the token, lowercase hex; unique. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Who shared it: the plan's owner or a club's admin, or `operator` (`gofast plans share`). */
  createdBy: z.union([identitySchema, z.literal('operator')]),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
};

const planLinkSchema = z.object({ ...linkFields, kind: z.literal('plan'), planId: z.string() });
/** A club's page for its admins: every member's progress. */
const clubLinkSchema = z.object({ ...linkFields, kind: z.literal('club'), clubId: z.string() });

/** A link as it is stored (without `id`, which the store assigns). */
export const newShareLinkSchema = z.discriminatedUnion('kind', [planLinkSchema.omit({ id: true }), clubLinkSchema.omit({ id: true })]);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export const shareLinkRecordSchema = z.preprocess(
  // Links stored before club pages existed carry no kind: every one of them is a plan's.
  (doc) => (isObject(doc) && doc.kind === undefined ? { ...doc, kind: 'plan' } : doc),
  z.discriminatedUnion('kind', [planLinkSchema, clubLinkSchema]),
);
export type ShareLinkRecord = z.infer<typeof shareLinkRecordSchema>;

export type NewShareLinkRecord = z.infer<typeof newShareLinkSchema>;

export interface ShareLinkStore {
  /** Stores a new link; rejects when its hash is already stored (the unique index). */
  insert(record: NewShareLinkRecord): Promise<ShareLinkRecord>;
  /** The link with this token hash, live or revoked. */
  findByHash(hash: string): Promise<ShareLinkRecord | undefined>;
  /** Sets `revokedAt` on every live link of the plan; returns how many it revoked. */
  revokeForPlan(planId: string, at: Date): Promise<number>;
  /** Sets `revokedAt` on every live link of the club's page; returns how many it revoked. */
  revokeForClub(clubId: string, at: Date): Promise<number>;
}

/** What the share use cases work with (a `PlanContext` field). */
export type Sharing = {
  readonly store: ShareLinkStore;
  /** PUBLIC_BASE_URL without a trailing slash; undefined: links cannot be made (nobody could open them). */
  readonly baseUrl: string | undefined;
  /** Random bytes for new tokens; tests may pin them. */
  readonly random?: (size: number) => Buffer;
};
