/**
 * A local Discord gateway on 127.0.0.1 speaking v10 with JSON encoding and no compression:
 * HELLO (op 10) on connect, IDENTIFY (op 2) → READY (op 0 `READY`, plus one GUILD_CREATE per guild
 * when the Guilds intent is asked for, as Discord does), HEARTBEAT (op 1) → HEARTBEAT_ACK (op 11),
 * RESUME (op 6) → RESUMED, and dispatches (`INTERACTION_CREATE`) with increasing sequence numbers.
 * A wrong token is refused with close code 4004, as Discord refuses it.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

import { WebSocketServer, type WebSocket } from 'ws';

type Json = Record<string, unknown>;

export type FakeGatewayOptions = {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: Json;
  readonly guildIds: readonly string[];
  /** Sent in HELLO; discord.js heartbeats at this interval (first one after a random fraction). */
  readonly heartbeatIntervalMs?: number;
};

export type Identify = { readonly token: string; readonly intents: number; readonly shard: unknown; readonly properties: unknown };

const GUILDS_INTENT = 1;

export class FakeGateway {
  readonly identifies: Identify[] = [];
  /** Connection URLs, with their query (`?v=10&encoding=json`). */
  readonly connections: string[] = [];
  heartbeats = 0;
  /** The most sessions open at once (identified or resumed, not yet closed). */
  peakSessions = 0;
  private sequence = 0;
  private readonly sessions = new Set<WebSocket>();
  private readyWaiters: (() => void)[] = [];

  private constructor(
    private readonly server: WebSocketServer,
    readonly url: string,
    private readonly options: FakeGatewayOptions,
  ) {
    server.on('connection', (socket, request) => this.connect(socket, request.url ?? '/'));
  }

  static async start(options: FakeGatewayOptions): Promise<FakeGateway> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    return new FakeGateway(server, `ws://127.0.0.1:${port}`, options);
  }

  /** Resolves once a client has identified and been sent READY. */
  whenReady(): Promise<void> {
    if (this.identifies.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Sessions open now: one per connected bot instance. */
  get openSessions(): number {
    return this.sessions.size;
  }

  /** Sends a dispatch to every identified session; returns `performance.now()` at sending. */
  dispatch(t: string, d: unknown): number {
    this.sequence += 1;
    const payload = JSON.stringify({ op: 0, t, s: this.sequence, d });
    const at = performance.now();
    for (const socket of this.sessions) socket.send(payload);
    return at;
  }

  dispatchInteraction(interaction: Json): number {
    return this.dispatch('INTERACTION_CREATE', interaction);
  }

  async close(): Promise<void> {
    for (const socket of this.server.clients) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private addSession(socket: WebSocket): void {
    this.sessions.add(socket);
    this.peakSessions = Math.max(this.peakSessions, this.sessions.size);
  }

  private send(socket: WebSocket, payload: Json): void {
    socket.send(JSON.stringify(payload));
  }

  private connect(socket: WebSocket, url: string): void {
    this.connections.push(url);
    const query = new URL(url, 'ws://fake.invalid').searchParams;
    if (query.get('v') !== '10' || query.get('encoding') !== 'json' || query.has('compress')) {
      socket.close(4012, 'Invalid API version or encoding');
      return;
    }
    socket.on('message', (data) => this.receive(socket, String(data)));
    socket.on('close', () => this.sessions.delete(socket));
    this.send(socket, { op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 }, s: null, t: null });
  }

  private receive(socket: WebSocket, text: string): void {
    let payload: Json;
    try {
      payload = JSON.parse(text) as Json;
    } catch {
      socket.close(4002, 'Decode error');
      return;
    }
    const d = (payload.d ?? {}) as Json;
    switch (payload.op) {
      case 1:
        this.heartbeats += 1;
        this.send(socket, { op: 11, d: null, s: null, t: null });
        break;
      case 2:
        this.identify(socket, d);
        break;
      case 6:
        this.addSession(socket);
        this.sequence += 1;
        this.send(socket, { op: 0, t: 'RESUMED', s: this.sequence, d: {} });
        break;
      default:
        // Presence and voice updates: accepted and ignored.
        break;
    }
  }

  private identify(socket: WebSocket, d: Json): void {
    if (d.token !== this.options.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const intents = typeof d.intents === 'number' ? d.intents : 0;
    this.identifies.push({ token: String(d.token), intents, shard: d.shard, properties: d.properties });
    this.addSession(socket);
    this.sequence += 1;
    this.send(socket, {
      op: 0,
      t: 'READY',
      s: this.sequence,
      d: {
        v: 10,
        user: this.options.botUser,
        guilds: this.options.guildIds.map((id) => ({ id, unavailable: true })),
        session_id: randomBytes(16).toString('hex'),
        resume_gateway_url: this.url,
        shard: [0, 1],
        application: { id: this.options.applicationId, flags: 0 },
      },
    });
    if ((intents & GUILDS_INTENT) !== 0) {
      for (const id of this.options.guildIds) this.dispatch('GUILD_CREATE', guildCreate(id));
    }
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
}

/** A minimal GUILD_CREATE for the Guilds intent: the guild, no members, no channels. */
function guildCreate(id: string): Json {
  return {
    id,
    name: 'Running Club',
    icon: null,
    owner_id: id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 1,
    members: [],
    channels: [],
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
