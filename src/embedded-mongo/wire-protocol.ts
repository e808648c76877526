/**
 * MongoDB wire protocol messages: decoding OP_MSG (a kind-0 body plus kind-1 document sequences,
 * optional CRC-32C checksum tolerated but not verified) and legacy OP_QUERY (used by drivers for
 * the first handshake), and encoding OP_MSG and OP_REPLY replies. All integers are little-endian.
 */
import { serialize } from 'bson';
import { decodeBson, isDocument } from './bson-values.js';
import { rememberDocumentBytes, rememberEmbeddedDocuments } from './stored-documents.js';
import type { Doc } from './bson-values.js';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
export const HEADER_BYTES = 16;

const MSG_FLAG_CHECKSUM_PRESENT = 1 << 0;
export const MSG_FLAG_MORE_TO_COME = 1 << 1;
export const MSG_FLAG_EXHAUST_ALLOWED = 1 << 16;
/** Bits 0-15 are "required": a receiver must reject flags it does not know among them. */
const KNOWN_REQUIRED_FLAGS = MSG_FLAG_CHECKSUM_PRESENT | MSG_FLAG_MORE_TO_COME;

/** A message that cannot be decoded; the connection it arrived on is closed. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

type MessageHeader = {
  readonly messageLength: number;
  readonly requestId: number;
  readonly responseTo: number;
  readonly opCode: number;
};

export type OpMsgRequest = {
  readonly kind: 'msg';
  readonly header: MessageHeader;
  readonly flags: number;
  /** The body with each document sequence merged in as an array field. */
  readonly command: Doc;
};

export type OpQueryRequest = {
  readonly kind: 'query';
  readonly header: MessageHeader;
  readonly collection: string;
  readonly command: Doc;
};

export type Request = OpMsgRequest | OpQueryRequest;

function readHeader(message: Buffer): MessageHeader {
  if (message.length < HEADER_BYTES) throw new ProtocolError('message shorter than its header');
  return {
    messageLength: message.readInt32LE(0),
    requestId: message.readInt32LE(4),
    responseTo: message.readInt32LE(8),
    opCode: message.readInt32LE(12),
  };
}

/** Decodes one BSON document at `offset`, checking it lies within `end`. */
function readDocument(message: Buffer, offset: number, end: number): { doc: Doc; next: number } {
  if (offset + 5 > end) throw new ProtocolError('truncated BSON document');
  const size = message.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError('BSON document length out of bounds');
  try {
    const doc = decodeBson(message.subarray(offset, offset + size));
    return { doc, next: offset + size };
  } catch (error) {
    throw new ProtocolError(`invalid BSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readCString(message: Buffer, offset: number, end: number): { value: string; next: number } {
  const zero = message.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new ProtocolError('unterminated string');
  return { value: message.toString('utf8', offset, zero), next: zero + 1 };
}

/**
 * The size of each inserted document is remembered beside it (the memory ceiling needs it, and
 * measuring it again costs as much as encoding it); with `keepDocumentBytes` its bytes too (a
 * durable server journals those instead of serialising the document again).
 */
export function decodeRequest(message: Buffer, keepDocumentBytes = false): Request {
  const header = readHeader(message);
  if (header.messageLength !== message.length) throw new ProtocolError('message length mismatch');
  if (header.opCode === OP_MSG) return decodeOpMsg(message, header, keepDocumentBytes);
  if (header.opCode === OP_QUERY) return decodeOpQuery(message, header);
  throw new ProtocolError(`unsupported opcode ${header.opCode}`);
}

function decodeOpMsg(message: Buffer, header: MessageHeader, keepDocumentBytes: boolean): OpMsgRequest {
  if (message.length < HEADER_BYTES + 5) throw new ProtocolError('OP_MSG too short');
  const flags = message.readUInt32LE(HEADER_BYTES);
  if ((flags & 0xffff & ~KNOWN_REQUIRED_FLAGS) !== 0) throw new ProtocolError('unknown required OP_MSG flag bits');
  const end = flags & MSG_FLAG_CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = HEADER_BYTES + 4;
  let body: Doc | undefined;
  const sequences = new Map<string, Doc[]>();
  while (offset < end) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      if (body !== undefined) throw new ProtocolError('OP_MSG with more than one body section');
      const read = readDocument(message, offset, end);
      body = read.doc;
      // A single insert's documents come in the body: their sizes (and bytes) are remembered.
      if (Array.isArray(body.documents))
        rememberEmbeddedDocuments(message.subarray(offset, read.next), 'documents', body.documents, keepDocumentBytes);
      offset = read.next;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolError('truncated document sequence');
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      if (size < 5 || sectionEnd > end) throw new ProtocolError('document sequence length out of bounds');
      const id = readCString(message, offset + 4, sectionEnd);
      const docs: Doc[] = [];
      let cursor = id.next;
      while (cursor < sectionEnd) {
        const read = readDocument(message, cursor, sectionEnd);
        // Batched inserts' documents arrive here: their sizes (and bytes) are remembered.
        rememberDocumentBytes(read.doc, message.subarray(cursor, read.next), keepDocumentBytes);
        docs.push(read.doc);
        cursor = read.next;
      }
      if (sequences.has(id.value)) throw new ProtocolError(`duplicate document sequence '${id.value}'`);
      sequences.set(id.value, docs);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (body === undefined) throw new ProtocolError('OP_MSG without a body section');
  for (const [field, docs] of sequences) {
    if (field in body) throw new ProtocolError(`document sequence '${field}' duplicates a body field`);
    body[field] = docs;
  }
  return { kind: 'msg', header, flags, command: body };
}

function decodeOpQuery(message: Buffer, header: MessageHeader): OpQueryRequest {
  const end = message.length;
  let offset = HEADER_BYTES + 4; // flags are ignored: they only matter for legacy cursors
  const name = readCString(message, offset, end);
  offset = name.next + 8; // numberToSkip, numberToReturn
  if (offset > end) throw new ProtocolError('truncated OP_QUERY');
  const query = readDocument(message, offset, end);
  // Old drivers wrap the command as { $query: {...}, $readPreference: ... }.
  const command = isDocument(query.doc.$query) ? query.doc.$query : query.doc;
  return { kind: 'query', header, collection: name.value, command };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const buffer = Buffer.allocUnsafe(HEADER_BYTES);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(requestId, 4);
  buffer.writeInt32LE(responseTo, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

/** An OP_MSG reply as buffers to write in order (avoids copying a large body). */
export function encodeOpMsg(reply: Doc, requestId: number, responseTo: number, moreToCome: boolean): Buffer[] {
  const body = serialize(reply, { ignoreUndefined: true });
  const prefix = Buffer.allocUnsafe(5);
  prefix.writeUInt32LE(moreToCome ? MSG_FLAG_MORE_TO_COME : 0, 0);
  prefix.writeUInt8(0, 4);
  const length = HEADER_BYTES + prefix.length + body.length;
  return [header(length, requestId, responseTo, OP_MSG), prefix, Buffer.from(body.buffer, body.byteOffset, body.byteLength)];
}

/** An OP_REPLY carrying one document, the answer to an OP_QUERY command. */
export function encodeOpReply(reply: Doc, requestId: number, responseTo: number): Buffer[] {
  const body = serialize(reply, { ignoreUndefined: true });
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(0, 0); // responseFlags
  fields.writeBigInt64LE(0n, 4); // cursorID
  fields.writeInt32LE(0, 12); // startingFrom
  fields.writeInt32LE(1, 16); // numberReturned
  const length = HEADER_BYTES + fields.length + body.length;
  return [header(length, requestId, responseTo, OP_REPLY), fields, Buffer.from(body.buffer, body.byteOffset, body.byteLength)];
}
