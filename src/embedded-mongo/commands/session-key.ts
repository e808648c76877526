/** A stable string for a logical session id (`lsid: { id: UUID }`) to key per-session state. */
import { Binary } from 'bson';
import { canonicalKey, isDocument } from '../bson-values.js';
import type { Doc } from '../bson-values.js';

export function sessionKey(lsid: Doc): string | undefined {
  const id = lsid.id;
  if (id instanceof Binary) return Buffer.from(id.value()).toString('hex');
  return id === undefined ? undefined : canonicalKey(id);
}

export function commandSessionKey(cmd: Doc): string | undefined {
  return isDocument(cmd.lsid) ? sessionKey(cmd.lsid) : undefined;
}
