/**
 * A one-time, idempotent rewrite of owners at start: every `<platform>:<any workspace>:<user>` of
 * one platform becomes `<platform>:<workspace>:<user>`, in the plans and the API keys (the
 * documents that name an owner). It serves a platform whose identities stopped depending on where
 * the user spoke (Discord: one user across every server, see src/adapters/discord/identity.ts);
 * which platform and which workspace is the composition root's to say, not storage's.
 *
 * Each document is rewritten by one update guarded by its old owner, so instances starting at once
 * (or a run cut short and started again) rewrite each document once and agree on the result; a
 * second run finds nothing to do. Token budgets are per workspace and per month: they are left to
 * run out with their month.
 */
import type { Document } from 'mongodb';
import { GoFastError } from '../domain/errors.js';
import { PLATFORM_NAME } from '../plans/platforms.js';
import { guardedBulkStorage, type MongoConnection } from './mongo-connection.js';

/** The collections whose documents have an `owner` identity (the plan store's and the API keys'). */
const OWNED_COLLECTIONS = ['plans', 'api_keys'] as const;

const WORKSPACE = /^[^:\s]+$/;

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How many documents of each collection were rewritten. */
export type OwnerRewrite = Readonly<Record<(typeof OWNED_COLLECTIONS)[number], number>>;

export async function rewriteOwnerWorkspace(connection: MongoConnection, platform: string, workspace: string): Promise<OwnerRewrite> {
  if (!PLATFORM_NAME.test(platform) || !WORKSPACE.test(workspace)) {
    throw new GoFastError('INVALID_INPUT', `cannot rewrite owners to ${platform}:${workspace}`, { userFacing: false });
  }
  // Owners of the platform in another workspace; the prefix lets the owner index serve the scan.
  const other = new RegExp(`^${escaped(platform)}:(?!${escaped(workspace)}:)[^:\\s]+:([^:\\s]+)$`);
  const counts = { plans: 0, api_keys: 0 };
  for (const name of OWNED_COLLECTIONS) {
    const collection = connection.collection<Document>(name);
    counts[name] = await guardedBulkStorage(`rewriting the owners of ${name} to ${platform}:${workspace}`, async () => {
      let rewritten = 0;
      for await (const doc of collection.find({ owner: { $regex: other } }, { projection: { _id: 1, owner: 1 } })) {
        const owner: unknown = doc.owner;
        const user = typeof owner === 'string' ? other.exec(owner)?.[1] : undefined;
        if (user === undefined) continue;
        const result = await collection.updateOne({ _id: doc._id, owner }, { $set: { owner: `${platform}:${workspace}:${user}` } });
        rewritten += result.modifiedCount;
      }
      return rewritten;
    });
  }
  return counts;
}
