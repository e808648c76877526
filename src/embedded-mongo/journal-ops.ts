/**
 * What the durable store writes down: every committed change as a physical operation (the whole
 * new version of a document, never the update that made it), so replaying a journal needs no
 * query or update logic and gives the same state whatever the server's version. One record holds
 * the operations of one commit — a write command's batch or a whole transaction — so a record is
 * applied all or nothing.
 *
 * Records read back from disk are checked here by hand (this module stands alone, without zod):
 * a record of an unknown shape is damage, reported with what was found.
 */
import { Binary, UUID } from 'bson';
import { isDocument } from './bson-values.js';
import type { Doc } from './bson-values.js';
import { encodeRecord, splitPayload } from './journal-record.js';
import { decodeStoredDocument, documentBytes } from './stored-documents.js';

export type JournalOp =
  | { readonly op: 'put'; readonly db: string; readonly coll: string; readonly key: string; readonly doc: Doc; readonly size: number }
  | { readonly op: 'delete'; readonly db: string; readonly coll: string; readonly key: string }
  | { readonly op: 'create'; readonly db: string; readonly coll: string; readonly options: Doc; readonly uuid: UUID }
  | { readonly op: 'drop'; readonly db: string; readonly coll: string }
  | { readonly op: 'dropDatabase'; readonly db: string }
  | { readonly op: 'createIndex'; readonly db: string; readonly coll: string; readonly spec: Doc }
  | { readonly op: 'dropIndex'; readonly db: string; readonly coll: string; readonly name: string };

export class JournalFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalFormatError';
  }
}

function text(raw: Doc, field: string): string {
  const value = raw[field];
  if (typeof value !== 'string') throw new JournalFormatError(`journal operation ${String(raw.op)}: '${field}' is not a string`);
  return value;
}

function docField(raw: Doc, field: string): Doc {
  const value = raw[field];
  if (!isDocument(value)) throw new JournalFormatError(`journal operation ${String(raw.op)}: '${field}' is not a document`);
  return value;
}

function parseOp(raw: unknown, nextBody: () => Buffer): JournalOp {
  if (!isDocument(raw)) throw new JournalFormatError('journal operation is not a document');
  const db = text(raw, 'db');
  switch (raw.op) {
    case 'put': {
      const body = nextBody();
      return { op: 'put', db, coll: text(raw, 'coll'), key: text(raw, 'key'), doc: decodeStoredDocument(body), size: body.length };
    }
    case 'delete':
      return { op: 'delete', db, coll: text(raw, 'coll'), key: text(raw, 'key') };
    case 'create': {
      // BSON hands a UUID back as a subtype-4 Binary.
      const stored = raw.uuid;
      const uuid = stored instanceof Binary && stored.sub_type === Binary.SUBTYPE_UUID ? stored.toUUID() : new UUID();
      return { op: 'create', db, coll: text(raw, 'coll'), options: docField(raw, 'options'), uuid };
    }
    case 'drop':
      return { op: 'drop', db, coll: text(raw, 'coll') };
    case 'dropDatabase':
      return { op: 'dropDatabase', db };
    case 'createIndex':
      return { op: 'createIndex', db, coll: text(raw, 'coll'), spec: docField(raw, 'spec') };
    case 'dropIndex':
      return { op: 'dropIndex', db, coll: text(raw, 'coll'), name: text(raw, 'name') };
    default:
      throw new JournalFormatError(`unknown journal operation ${JSON.stringify(raw.op)}`);
  }
}

/**
 * One record of operations: a header listing them (a put names its document, whose BSON follows
 * the header) and the documents, written with the bytes they already have.
 */
export function encodeOps(ops: readonly JournalOp[]): Buffer[] {
  const bodies: Uint8Array[] = [];
  const listed = ops.map((op) => {
    if (op.op !== 'put') return op;
    bodies.push(documentBytes(op.doc));
    return { op: 'put', db: op.db, coll: op.coll, key: op.key };
  });
  return encodeRecord({ ops: listed }, bodies);
}

/** What a record holds: operations to replay, or the end marker of a snapshot. */
export type ParsedRecord = { readonly kind: 'ops'; readonly ops: JournalOp[] } | { readonly kind: 'end'; readonly documents: number };

export function parseRecord(payload: Buffer): ParsedRecord {
  const { header, bodies } = splitPayload(payload);
  if (header.end === true) return { kind: 'end', documents: Number(header.documents) };
  const ops = header.ops;
  if (!Array.isArray(ops)) throw new JournalFormatError("journal record has no 'ops' array");
  let next = 0;
  const nextBody = (): Buffer => {
    const body = bodies[next];
    if (body === undefined) throw new JournalFormatError('a put names a document the record does not hold');
    next += 1;
    return body;
  };
  const parsed = ops.map((raw) => parseOp(raw, nextBody));
  if (next !== bodies.length) throw new JournalFormatError('a record holds documents no put names');
  return { kind: 'ops', ops: parsed };
}
