/**
 * Documents as the durable store reads them back and writes them down.
 *
 * Reading: a plan is ~73 KB of BSON, nearly all of it in a few big arrays (its weeks, its
 * history). Decoding 5,000 of them at start-up took seconds, most of it the garbage collector,
 * while the first queries (by owner, by status, by due date) never look inside those arrays. So a
 * document is decoded at its top level, and each big array stays as its BSON bytes behind a getter
 * that decodes it on first use and puts the value in its place. Stored documents are immutable
 * values, and the getter's replacement is value-for-value, so no reader can tell the difference;
 * the key order is kept, as redefining a property does not move it.
 *
 * Writing: the BSON bytes a document was read from, or serialised to when it was written, are
 * remembered beside it (a WeakMap, so they go with the document), and the journal and snapshots
 * reuse them instead of serialising the document again. A new version of a document is a new
 * object, so it never inherits the bytes of the one before.
 */
import { serialize } from 'bson';
import { decodeBson, isDocument } from './bson-values.js';
import type { Doc } from './bson-values.js';

const bytesOfDocument = new WeakMap<Doc, Uint8Array>();
/** The BSON size of documents just decoded from the wire, whose bytes are not kept (in memory). */
const sizeOfDocument = new WeakMap<Doc, number>();

/** The document's BSON size when it is already known (it came from the wire or the disk). */
export function knownDocumentSize(doc: Doc): number | undefined {
  return bytesOfDocument.get(doc)?.length ?? sizeOfDocument.get(doc);
}

/** Arrays of at least this many bytes are decoded on first use. */
const LAZY_ARRAY_BYTES = 2048;

/** The document's BSON, serialised once and remembered. */
export function documentBytes(doc: Doc): Uint8Array {
  let bytes = bytesOfDocument.get(doc);
  if (bytes === undefined) {
    bytes = serialize(doc);
    bytesOfDocument.set(doc, bytes);
  }
  return bytes;
}

/**
 * Remembers that `doc` encodes to `bytes` (a document just decoded from the wire), so an insert
 * stores and journals the bytes the client sent instead of serialising the document again. The
 * bytes are copied: a slice would keep the whole incoming message alive with the document.
 */
export function rememberDocumentBytes(doc: Doc, bytes: Uint8Array, keepBytes: boolean): void {
  if (keepBytes) bytesOfDocument.set(doc, Buffer.from(bytes));
  else sizeOfDocument.set(doc, bytes.length);
}

/**
 * `copy` is `doc` with `_id` moved to the front (as every insert stores it): it gets `doc`'s bytes
 * with the `_id` element moved the same way, a copy of bytes instead of a serialisation.
 */
export function shareBytesWithIdFirst(doc: Doc, copy: Doc): void {
  const size = sizeOfDocument.get(doc);
  // Moving `_id` changes no element, so the size stays (a missing `_id` was added: not the same).
  if (size !== undefined && '_id' in doc) sizeOfDocument.set(copy, size);
  const bytes = bytesOfDocument.get(doc);
  if (bytes === undefined) return;
  const elements = topLevelElements(bytes);
  const id = elements?.find((element) => element.name === '_id');
  if (elements === undefined || id === undefined) return;
  if (elements[0] === id) {
    bytesOfDocument.set(copy, bytes);
    return;
  }
  const moved = Buffer.allocUnsafe(bytes.length);
  moved.set(bytes.subarray(0, 4), 0);
  moved.set(bytes.subarray(id.start, id.end), 4);
  let at = 4 + id.end - id.start;
  for (const element of elements) {
    if (element === id) continue;
    moved.set(bytes.subarray(element.start, element.end), at);
    at += element.end - element.start;
  }
  moved[at] = 0;
  bytesOfDocument.set(copy, moved);
}

const BSON_DOCUMENT = 0x03;
const BSON_ARRAY = 0x04;

/**
 * The byte length of an element's value of `type` at `offset`, or undefined for a type this walk
 * does not know (the caller then decodes the whole document the ordinary way).
 */
function valueLength(bytes: Uint8Array, view: DataView, type: number, offset: number): number | undefined {
  switch (type) {
    case 0x01: // double
    case 0x09: // date
    case 0x11: // timestamp
    case 0x12: // int64
      return 8;
    case 0x02: // string
    case 0x0d: // code
    case 0x0e: // symbol
      return 4 + view.getInt32(offset, true);
    case 0x03: // document
    case 0x04: // array
    case 0x0f: // code with scope
      return view.getInt32(offset, true);
    case 0x05: // binary
      return 5 + view.getInt32(offset, true);
    case 0x07: // ObjectId
      return 12;
    case 0x08: // boolean
      return 1;
    case 0x06: // undefined
    case 0x0a: // null
    case 0x7f: // max key
    case 0xff: // min key
      return 0;
    case 0x0b: {
      // regex: two C strings
      const pattern = bytes.indexOf(0, offset);
      const flags = pattern < 0 ? -1 : bytes.indexOf(0, pattern + 1);
      return flags < 0 ? undefined : flags + 1 - offset;
    }
    case 0x0c: // DBPointer: string + ObjectId
      return 4 + view.getInt32(offset, true) + 12;
    case 0x10: // int32
      return 4;
    case 0x13: // decimal128
      return 16;
    default:
      return undefined;
  }
}

type Element = { readonly name: string; readonly type: number; readonly start: number; readonly end: number; readonly lazy: boolean };

/** The top-level elements of a BSON document, or undefined when the walk meets something odd. */
function topLevelElements(bytes: Uint8Array): Element[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getInt32(0, true);
  if (size !== bytes.length) return undefined;
  const elements: Element[] = [];
  let offset = 4;
  while (offset < size - 1) {
    const start = offset;
    const type = bytes[offset] ?? 0;
    const nameEnd = bytes.indexOf(0, offset + 1);
    if (nameEnd < 0 || nameEnd >= size) return undefined;
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + offset + 1, nameEnd - offset - 1).toString('utf8');
    const length = valueLength(bytes, view, type, nameEnd + 1);
    if (length === undefined || length < 0) return undefined;
    offset = nameEnd + 1 + length;
    if (offset > size - 1) return undefined;
    elements.push({ name, type, start, end: offset, lazy: type === BSON_ARRAY && length >= LAZY_ARRAY_BYTES });
  }
  return elements;
}

/** The bytes of an element's value (after its type byte and its name). */
function valueBytes(container: Uint8Array, element: Element): Uint8Array {
  return container.subarray(element.start + 1 + Buffer.byteLength(element.name) + 1, element.end);
}

/**
 * Remembers the bytes of each document in the array `field` of a command body just decoded
 * (`documents` of an insert: the driver sends a single insert's documents in the body), so they
 * are journaled as the client sent them. Anything unexpected just skips the shortcut.
 */
export function rememberEmbeddedDocuments(body: Uint8Array, field: string, values: readonly unknown[], keepBytes: boolean): void {
  const element = topLevelElements(body)?.find((candidate) => candidate.name === field);
  if (element === undefined || element.type !== BSON_ARRAY) return;
  const items = topLevelElements(valueBytes(body, element));
  const array = valueBytes(body, element);
  if (items === undefined || items.length !== values.length) return;
  items.forEach((item, i) => {
    const value = values[i];
    if (item.type === BSON_DOCUMENT && isDocument(value)) rememberDocumentBytes(value, valueBytes(array, item), keepBytes);
  });
}

function lazyArray(doc: Doc, name: string, bytes: Uint8Array): void {
  Object.defineProperty(doc, name, {
    enumerable: true,
    configurable: true,
    get(): unknown {
      // An array is encoded as a document keyed "0", "1", …; integer keys enumerate in order.
      const value = Object.values(decodeBson(bytes));
      Object.defineProperty(doc, name, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}

/** A stored document from its BSON bytes: its big arrays decoded on first use, its bytes remembered. */
export function decodeStoredDocument(bytes: Uint8Array): Doc {
  const elements = topLevelElements(bytes);
  if (elements === undefined || !elements.some((element) => element.lazy)) {
    const doc = decodeBson(bytes);
    bytesOfDocument.set(doc, bytes);
    return doc;
  }
  // The small elements, decoded together as one document of their own.
  const eager = elements.filter((element) => !element.lazy);
  const bodyLength = eager.reduce((sum, element) => sum + element.end - element.start, 0);
  const skeleton = Buffer.alloc(4 + bodyLength + 1);
  skeleton.writeInt32LE(skeleton.length, 0);
  let at = 4;
  for (const element of eager) {
    skeleton.set(bytes.subarray(element.start, element.end), at);
    at += element.end - element.start;
  }
  const small = decodeBson(skeleton);
  const doc: Doc = {};
  for (const element of elements) {
    if (!element.lazy) {
      doc[element.name] = small[element.name];
      continue;
    }
    // The array's own bytes: its value starts after the type byte and the name's C string.
    lazyArray(doc, element.name, valueBytes(bytes, element));
  }
  bytesOfDocument.set(doc, bytes);
  return doc;
}
