/**
 * One client socket: frames and decodes its messages, runs them one at a time through the
 * dispatcher, and writes the replies. A message that cannot be framed or decoded closes this
 * connection only. Also implements the awaitable `hello` of the driver's streaming monitor:
 * the reply is held for maxAwaitTimeMS and, when the client allows exhaust, repeated every
 * maxAwaitTimeMS with the moreToCome flag until the client sends something else or leaves.
 */
import type { Socket } from 'node:net';
import { ObjectId } from 'bson';
import { CommandError } from './errors.js';
import { isDocument, toNumber } from './bson-values.js';
import type { Doc } from './bson-values.js';
import type { ConnectionInfo } from './commands/command-context.js';
import { HELLO_COMMANDS } from './commands/dispatcher.js';
import type { CommandDispatcher } from './commands/dispatcher.js';
import { MessageFramer } from './message-framer.js';
import {
  MSG_FLAG_EXHAUST_ALLOWED,
  MSG_FLAG_MORE_TO_COME,
  ProtocolError,
  decodeRequest,
  encodeOpMsg,
  encodeOpReply,
} from './wire-protocol.js';
import type { OpMsgRequest, OpQueryRequest } from './wire-protocol.js';

export type ConnectionServices = {
  readonly dispatcher: CommandDispatcher;
  readonly processId: ObjectId;
  readonly maxMessageBytes: number;
  readonly nextRequestId: () => number;
  readonly warn: (message: string) => void;
  readonly onClose: (connection: ClientConnection) => void;
  /** The Unix socket the server listens on, reported as the address of connections made through it. */
  readonly socketPath?: string;
};

/** `host:port` in the form MongoDB uses in `hosts`/`me` (IPv6 in brackets, v4-mapped unwrapped). */
function formatHostPort(address: string | undefined, port: number | undefined): string {
  const host = (address ?? '127.0.0.1').replace(/^::ffff:/, '');
  return `${host.includes(':') ? `[${host}]` : host}:${port ?? 0}`;
}

const QUIET_SOCKET_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export class ClientConnection {
  readonly info: ConnectionInfo;
  private readonly framer: MessageFramer;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly wakers = new Set<() => void>();
  /** Increments whenever a new message arrives, ending any exhaust stream in progress. */
  private generation = 0;

  constructor(
    private readonly socket: Socket,
    id: number,
    private readonly services: ConnectionServices,
  ) {
    this.info = {
      id,
      localHostPort: services.socketPath ?? formatHostPort(socket.localAddress, socket.localPort),
      remoteHostPort: services.socketPath ?? formatHostPort(socket.remoteAddress, socket.remotePort),
    };
    this.framer = new MessageFramer(services.maxMessageBytes);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!QUIET_SOCKET_ERRORS.has(error.code ?? '')) {
        services.warn(`embedded-mongo: connection ${id} socket error: ${error.message}`);
      }
    });
    socket.on('close', () => this.onClosed());
  }

  /** Closes the socket (server shutdown or a protocol violation). */
  destroy(): void {
    this.socket.destroy();
    this.onClosed();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let messages: Buffer[];
    try {
      messages = this.framer.push(chunk);
    } catch (error) {
      this.reject(error);
      return;
    }
    for (const message of messages) {
      this.generation += 1;
      this.queue = this.queue.then(() => this.process(message));
    }
  }

  private reject(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.services.warn(`embedded-mongo: closing connection ${this.info.id}: ${reason}`);
    this.destroy();
  }

  private async process(message: Buffer): Promise<void> {
    if (this.closed) return;
    try {
      const request = decodeRequest(message, this.services.socketPath !== undefined);
      if (request.kind === 'query') await this.processQuery(request);
      else await this.processMsg(request);
    } catch (error) {
      if (error instanceof ProtocolError) this.reject(error);
      else this.reject(new Error(`internal error: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  private async processQuery(request: OpQueryRequest): Promise<void> {
    const name = Object.keys(request.command)[0] ?? '';
    const db = request.collection.split('.')[0] ?? 'admin';
    const reply =
      request.collection.endsWith('.$cmd') && HELLO_COMMANDS.has(name)
        ? await this.services.dispatcher.dispatch(request.command, db, this.info)
        : new CommandError(
            'UnsupportedOpQueryCommand',
            `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`,
          ).toReply();
    this.write(encodeOpReply(reply, this.services.nextRequestId(), request.header.requestId));
  }

  private async processMsg(request: OpMsgRequest): Promise<void> {
    const command = request.command;
    const db = command.$db;
    if (typeof db !== 'string' || db.length === 0) {
      const reply = new CommandError('FailedToParse', 'OP_MSG requests require a $db argument').toReply();
      this.write(this.encodeReply(reply, request.header.requestId));
      return;
    }
    const name = Object.keys(command)[0] ?? '';
    const maxAwait = toNumber(command.maxAwaitTimeMS);
    if (HELLO_COMMANDS.has(name) && maxAwait !== undefined && isDocument(command.topologyVersion)) {
      await this.awaitableHello(request, db, maxAwait);
      return;
    }
    const reply = await this.services.dispatcher.dispatch(command, db, this.info);
    if ((request.flags & MSG_FLAG_MORE_TO_COME) !== 0) return;
    this.write(this.encodeReply(reply, request.header.requestId));
  }

  /** Encodes a reply; one that cannot be encoded is answered with an error, not a dropped connection. */
  private encodeReply(reply: Doc, responseTo: number): Buffer[] {
    const requestId = this.services.nextRequestId();
    try {
      return encodeOpMsg(reply, requestId, responseTo, false);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.services.warn(`embedded-mongo: could not encode a reply on connection ${this.info.id}: ${message}`);
      return encodeOpMsg(new CommandError('InternalError', `could not encode reply: ${message}`).toReply(), requestId, responseTo, false);
    }
  }

  /**
   * Our topology never changes, so a monitor that already knows our topologyVersion is answered
   * only after maxAwaitTimeMS; with exhaustAllowed the answers then keep coming on that schedule.
   */
  private async awaitableHello(request: OpMsgRequest, db: string, maxAwaitMs: number): Promise<void> {
    const generation = this.generation;
    const known = request.command.topologyVersion;
    const sameProcess = isDocument(known) && known.processId instanceof ObjectId && known.processId.equals(this.services.processId);
    if (sameProcess) await this.sleep(maxAwaitMs);
    if (this.closed) return;
    const exhaust = (request.flags & MSG_FLAG_EXHAUST_ALLOWED) !== 0;
    const reply = await this.services.dispatcher.dispatch(request.command, db, this.info);
    const requestId = this.services.nextRequestId();
    this.write(encodeOpMsg(reply, requestId, request.header.requestId, exhaust));
    if (!exhaust) return;
    // Later replies are not part of the message queue, so they never hold up other requests.
    this.streamLater(request, db, maxAwaitMs, generation, requestId).catch((error: unknown) =>
      this.reject(new Error(`hello stream failed: ${error instanceof Error ? error.message : String(error)}`)),
    );
  }

  private async streamLater(request: OpMsgRequest, db: string, maxAwaitMs: number, generation: number, responseTo: number): Promise<void> {
    let previous = responseTo;
    for (;;) {
      await this.sleep(maxAwaitMs);
      if (this.closed || generation !== this.generation) return;
      const reply = await this.services.dispatcher.dispatch(request.command, db, this.info);
      if (this.closed || generation !== this.generation) return;
      const requestId = this.services.nextRequestId();
      this.write(encodeOpMsg(reply, requestId, previous, true));
      previous = requestId;
    }
  }

  /** A delay that ends early (resolving) when the connection closes. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, ms));
      this.wakers.add(wake);
    });
  }

  private write(buffers: Buffer[]): void {
    if (this.closed || this.socket.destroyed || !this.socket.writable) return;
    this.socket.cork();
    for (const buffer of buffers) this.socket.write(buffer);
    this.socket.uncork();
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const wake of [...this.wakers]) wake();
    this.services.onClose(this);
  }
}
