/**
 * Splits a TCP byte stream into whole wire-protocol messages using the length prefix, refusing
 * impossible lengths (shorter than a header, or over the size limit) as soon as the four length
 * bytes arrive, so an oversized or garbage message is rejected without buffering it.
 */
import { HEADER_BYTES, ProtocolError } from './wire-protocol.js';

export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected = -1;

  constructor(private readonly maxMessageBytes: number) {}

  /** Adds received bytes; returns the messages completed by them. Throws ProtocolError. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Buffer[] = [];
    for (;;) {
      if (this.expected < 0) {
        if (this.buffered < 4) break;
        const length = this.peekLength();
        if (length < HEADER_BYTES) throw new ProtocolError(`invalid message length ${length}`);
        if (length > this.maxMessageBytes) {
          throw new ProtocolError(`message of ${length} bytes exceeds the limit of ${this.maxMessageBytes}`);
        }
        this.expected = length;
      }
      if (this.buffered < this.expected) break;
      const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.buffered);
      messages.push(all.subarray(0, this.expected));
      const rest = all.subarray(this.expected);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      this.expected = -1;
    }
    return messages;
  }

  private peekLength(): number {
    const first = this.chunks[0] as Buffer;
    if (first.length >= 4) return first.readInt32LE(0);
    const joined = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [joined];
    return joined.readInt32LE(0);
  }
}
