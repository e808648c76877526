/**
 * Hand-built wire messages over a plain TCP socket, for the tests that must send what no driver
 * would: garbage, truncated and oversized messages, checksummed OP_MSG, legacy OP_QUERY.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { deserialize, serialize } from 'bson';
import type { Document } from 'bson';

export const OP_REPLY = 1;
const OP_QUERY = 2004;
export const OP_MSG = 2013;

let nextRequestId = 1000;

function header(length: number, opCode: number): Buffer {
  const buffer = Buffer.alloc(16);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(nextRequestId++, 4);
  buffer.writeInt32LE(0, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

/** CRC-32C (Castagnoli), the checksum OP_MSG uses. */
function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export type OpMsgOptions = {
  readonly sequences?: Record<string, Document[]>;
  readonly checksum?: boolean;
  readonly flags?: number;
};

export function opMsg(body: Document, options: OpMsgOptions = {}): Buffer {
  const parts: Buffer[] = [];
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE((options.flags ?? 0) | (options.checksum ? 1 : 0));
  parts.push(flags, Buffer.from([0]), Buffer.from(serialize(body)));
  for (const [identifier, docs] of Object.entries(options.sequences ?? {})) {
    const payload = Buffer.concat([Buffer.from(`${identifier}\0`, 'utf8'), ...docs.map((d) => Buffer.from(serialize(d)))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    parts.push(Buffer.from([1]), size, payload);
  }
  const content = Buffer.concat(parts);
  const length = 16 + content.length + (options.checksum ? 4 : 0);
  const message = Buffer.concat([header(length, OP_MSG), content]);
  if (!options.checksum) return message;
  const sum = Buffer.alloc(4);
  sum.writeUInt32LE(crc32c(message));
  return Buffer.concat([message, sum]);
}

export function opQuery(collection: string, query: Document): Buffer {
  const flags = Buffer.alloc(4);
  const name = Buffer.from(`${collection}\0`, 'utf8');
  const skipReturn = Buffer.alloc(8);
  skipReturn.writeInt32LE(0, 0);
  skipReturn.writeInt32LE(-1, 4);
  const content = Buffer.concat([flags, name, skipReturn, Buffer.from(serialize(query))]);
  return Buffer.concat([header(16 + content.length, OP_QUERY), content]);
}

export type Reply = { readonly opCode: number; readonly flags: number; readonly doc: Document };

/** A socket plus a reader of whole reply messages. */
export class RawConnection {
  private buffered = Buffer.alloc(0);
  private waiting: (() => void) | undefined;
  private ended = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.waiting?.();
    });
    socket.on('close', () => {
      this.ended = true;
      this.waiting?.();
    });
    socket.on('error', () => {
      this.ended = true;
      this.waiting?.();
    });
  }

  static open(hostPort: string): Promise<RawConnection> {
    // The durable store serves on a Unix socket and reports its path as its address.
    if (hostPort.startsWith('/')) {
      return new Promise((resolve, reject) => {
        const socket = connect({ path: hostPort }, () => resolve(new RawConnection(socket)));
        socket.once('error', reject);
      });
    }
    const separator = hostPort.lastIndexOf(':');
    const host = hostPort.slice(0, separator).replace(/^\[|\]$/g, '');
    const port = Number(hostPort.slice(separator + 1));
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Resolves with the next whole reply, or rejects when the server closes first. */
  async reply(timeoutMs = 5_000): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.buffered.length >= 4) {
        const length = this.buffered.readInt32LE(0);
        if (this.buffered.length >= length) {
          const message = this.buffered.subarray(0, length);
          this.buffered = this.buffered.subarray(length);
          return parseReply(message);
        }
      }
      if (this.ended) throw new Error('connection closed by server');
      if (Date.now() > deadline) throw new Error('timed out waiting for a reply');
      await this.nextEvent(deadline - Date.now());
    }
  }

  /** True when the server closes the connection within `timeoutMs`. */
  async closedByServer(timeoutMs = 5_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && Date.now() < deadline) await this.nextEvent(deadline - Date.now());
    return this.ended;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private nextEvent(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(1, ms));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiting = () => {
        this.waiting = undefined;
        done();
      };
    });
  }
}

function parseReply(message: Buffer): Reply {
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) {
    return { opCode, flags: message.readUInt32LE(16), doc: deserialize(message.subarray(21)) };
  }
  if (opCode === OP_REPLY) {
    return { opCode, flags: message.readInt32LE(16), doc: deserialize(message.subarray(36)) };
  }
  throw new Error(`unexpected reply opcode ${opCode}`);
}
