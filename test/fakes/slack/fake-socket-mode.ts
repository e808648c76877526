/**
 * A local Slack Socket Mode server (a `ws` WebSocket server on 127.0.0.1). On each connection it
 * sends `hello`; tests push envelopes in Slack's shapes (`slash_commands`, `interactive`,
 * `events_api`) and get back the app's ack (`{envelope_id, payload}`); `disconnect()` sends
 * Slack's `disconnect` (refresh_requested) and the app is expected to reconnect through
 * apps.connections.open.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export type Ack = { readonly envelope_id: string; readonly payload?: Record<string, unknown> };

export class FakeSocketMode {
  /** Connections accepted so far (a reconnect adds one). */
  connections = 0;
  readonly acks: Ack[] = [];
  private readonly open = new Set<WebSocket>();
  private readonly pending = new Map<string, (ack: Ack) => void>();
  private readonly connectionWaiters = new Set<() => void>();

  private constructor(
    private readonly server: WebSocketServer,
    readonly port: number,
  ) {
    server.on('connection', (socket) => this.accept(socket));
  }

  static async start(): Promise<FakeSocketMode> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    return new FakeSocketMode(server, (server.address() as AddressInfo).port);
  }

  /** What apps.connections.open answers: a fresh ticket each time, as Slack does. */
  get url(): string {
    return `ws://127.0.0.1:${this.port}/link/?ticket=${randomUUID()}&app_id=A0GOFAST`;
  }

  get openConnections(): number {
    return this.open.size;
  }

  /** Resolves once `count` connections have been accepted and one is open. */
  async waitForConnections(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.connections >= count && this.open.size > 0) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.connectionWaiters.delete(check);
        reject(new Error(`only ${this.connections} Socket Mode connections within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if (this.connections < count || this.open.size === 0) return;
        clearTimeout(timer);
        this.connectionWaiters.delete(check);
        resolve();
      };
      this.connectionWaiters.add(check);
    });
  }

  /** Pushes an envelope to the newest open connection and resolves with the app's ack. */
  async push(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    options: { retryAttempt?: number; timeoutMs?: number } = {},
  ): Promise<Ack> {
    const socket = [...this.open].at(-1);
    if (!socket) throw new Error('no open Socket Mode connection');
    const envelopeId = randomUUID();
    const envelope: Record<string, unknown> = { envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' };
    if (type === 'events_api')
      Object.assign(envelope, { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryAttempt ? 'timeout' : '' });
    const timeoutMs = options.timeoutMs ?? 5000;
    const acked = new Promise<Ack>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`no ack for ${type} envelope within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
    socket.send(JSON.stringify(envelope));
    return acked;
  }

  /** Slack's "please reconnect" (it recycles a connection about every few hours). */
  disconnect(reason = 'refresh_requested'): void {
    for (const socket of this.open) socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } }));
  }

  async stop(): Promise<void> {
    for (const socket of this.open) socket.terminate();
    this.server.close();
    await once(this.server, 'close');
  }

  private accept(socket: WebSocket): void {
    this.connections += 1;
    this.open.add(socket);
    socket.on('close', () => this.open.delete(socket));
    socket.on('message', (data) => {
      const ack = JSON.parse(String(data)) as Ack;
      this.acks.push(ack);
      this.pending.get(ack.envelope_id)?.(ack);
      this.pending.delete(ack.envelope_id);
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.open.size,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0GOFAST' },
      }),
    );
    for (const check of [...this.connectionWaiters]) check();
  }
}
