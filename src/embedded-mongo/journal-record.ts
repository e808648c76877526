/**
 * The on-disk framing of the durable store, shared by the journal and the snapshots:
 *
 *   [u32 LE payload length][u32 LE crc32 of the payload][payload]
 *   payload = [BSON header document][the BSON of each document the header's puts name, in order]
 *
 * Documents follow the header as their own BSON, not nested inside it, so a document is written
 * with the bytes it already has and read back without decoding a record-sized wrapper.
 *
 * A crash can leave the last record of a file half-written, or written with pages that never
 * reached the disk. The length and the checksum catch both: a scan stops at the first record that
 * runs past the end of the data or whose checksum fails, so such a record is dropped whole and
 * never half-applied.
 */
import { crc32 } from 'node:zlib';
import { serialize } from 'bson';
import { decodeBson } from './bson-values.js';
import type { Doc } from './bson-values.js';

const RECORD_HEADER_BYTES = 8;

/**
 * No record of ours comes near this (a document is at most 16 MiB, a snapshot record a few MiB);
 * a larger length is a damaged header, not a record to wait for.
 */
const MAX_RECORD_BYTES = 512 * 1024 * 1024;

/** One record as the buffers to write, in order (no copy of the documents' bytes). */
export function encodeRecord(header: Doc, bodies: readonly Uint8Array[] = []): Buffer[] {
  const headerBytes = serialize(header);
  let checksum = crc32(headerBytes);
  let length = headerBytes.length;
  for (const body of bodies) {
    checksum = crc32(body, checksum);
    length += body.length;
  }
  const frame = Buffer.allocUnsafe(RECORD_HEADER_BYTES);
  frame.writeUInt32LE(length, 0);
  frame.writeUInt32LE(checksum, 4);
  return [
    frame,
    Buffer.from(headerBytes.buffer, headerBytes.byteOffset, headerBytes.length),
    ...bodies.map((body) => Buffer.from(body.buffer, body.byteOffset, body.length)),
  ];
}

export type RecordScan = {
  /** The payloads of the intact records, in order. */
  readonly payloads: Buffer[];
  /** Bytes from the start of the data up to the end of the last intact record. */
  readonly validBytes: number;
  /** Whether bytes follow the last intact record (a torn or damaged record). */
  readonly damaged: boolean;
};

export function scanRecords(data: Buffer): RecordScan {
  const payloads: Buffer[] = [];
  let offset = 0;
  while (offset + RECORD_HEADER_BYTES <= data.length) {
    const length = data.readUInt32LE(offset);
    const checksum = data.readUInt32LE(offset + 4);
    const start = offset + RECORD_HEADER_BYTES;
    if (length < 5 || length > MAX_RECORD_BYTES || start + length > data.length) break;
    const payload = data.subarray(start, start + length);
    if (crc32(payload) !== checksum) break;
    payloads.push(payload);
    offset = start + length;
  }
  return { payloads, validBytes: offset, damaged: offset < data.length };
}

export class RecordFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordFormatError';
  }
}

/** A payload's header, decoded, and the bytes of the documents that follow it. */
export function splitPayload(payload: Buffer): { header: Doc; bodies: Buffer[] } {
  const documentAt = (offset: number): Buffer => {
    if (offset + 5 > payload.length) throw new RecordFormatError('a record ends inside a document');
    const size = payload.readInt32LE(offset);
    if (size < 5 || offset + size > payload.length) throw new RecordFormatError('a record holds a document of a bad length');
    return payload.subarray(offset, offset + size);
  };
  const headerBytes = documentAt(0);
  const bodies: Buffer[] = [];
  for (let offset = headerBytes.length; offset < payload.length;) {
    const body = documentAt(offset);
    bodies.push(body);
    offset += body.length;
  }
  let header: Doc;
  try {
    header = decodeBson(headerBytes);
  } catch (error) {
    throw new RecordFormatError(`a record header is not BSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { header, bodies };
}
