/**
 * A local Discord REST API on 127.0.0.1 (`/api/v10/...`), enough for the adapter: the gateway URL,
 * interaction callbacks, webhook edits / deletes / follow-ups, DM channels, channel messages, threads
 * started on messages and command registration. It records every call (method, path, JSON body or multipart payload and
 * files, arrival time), keeps the messages it was asked to create so tests can assert on what a
 * user would now see, and enforces what Discord enforces where a mistake would otherwise pass
 * unnoticed: bot auth, one initial response per interaction within 3 s, no modal in answer to a
 * modal, and the component / embed / modal size limits (400 Invalid Form Body, code 50035).
 *
 * It also stands in for the attachment CDN: files a user attaches to a command are served at
 * `/attachments/<channel>/<id>/<name>` with signed-looking query parameters (`hostAttachment`), and
 * each download is recorded like any call (with its Authorization header, which must be absent).
 *
 * Failures can be scripted for the next N matching calls: 429 with `retry_after` (and the
 * Retry-After / X-RateLimit-* headers discord.js reads), 5xx, or any Discord error body; a user's
 * DMs can be closed (50007 "Cannot send messages to this user").
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

import { snowflake } from './snowflakes.js';

export type RecordedFile = {
  readonly field: string;
  readonly name: string;
  readonly contentType: string;
  /** The file as text; `bytes` as sent (a binary file: a zip). */
  readonly content: string;
  readonly bytes: Buffer;
};

export type RecordedCall = {
  readonly method: string;
  /** The path after `/api/v10`, without the query. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorization: string | null;
  /** The JSON body, or a multipart request's `payload_json`. */
  readonly body: unknown;
  readonly files: readonly RecordedFile[];
  /** `performance.now()` when the request arrived. */
  readonly at: number;
  status: number;
};

export type FakeResponse = { readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> };

type Json = Record<string, unknown>;

export type StoredMessage = {
  readonly id: string;
  readonly channelId: string;
  readonly guildId: string | null;
  content: string;
  embeds: Json[];
  components: Json[];
  attachments: Json[];
  flags: number;
  deleted: boolean;
  /** The interaction whose response or follow-up this is. */
  readonly interactionToken: string | null;
  /** Every state the message had, oldest first (creation included). */
  readonly history: { content: string; embeds: Json[]; components: Json[] }[];
};

type InteractionRecord = {
  readonly id: string;
  readonly token: string;
  /** 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  readonly type: number;
  readonly channelId: string;
  readonly guildId: string | null;
  /** The message a component was clicked on. */
  readonly sourceMessageId: string | null;
  readonly dispatchedAt: number;
  acknowledged: number | null;
  originalId: string | null;
};

/** A file a user attached, as Discord puts it in a command's `resolved.attachments`. */
export type FakeAttachment = {
  readonly id: string;
  readonly filename: string;
  /** The size Discord states (default the bytes' length; a test may make it lie). */
  readonly size: number;
  readonly url: string;
  readonly proxy_url: string;
  readonly content_type?: string;
};

type Scripted = { readonly method: string | null; readonly path: RegExp; remaining: number; readonly response: FakeResponse };

const EPHEMERAL = 64;
const LOADING = 128;
const RESPONSE_WINDOW_MS = 3000;

export type FakeDiscordRestOptions = {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: Json;
  /** Discord's global limit per bot (50 requests a second): more in any second answers a global 429. */
  readonly globalPerSecond?: number;
};

function json(res: ServerResponse, response: FakeResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  res.writeHead(response.status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(response.body));
}

function invalidForm(problems: readonly string[]): FakeResponse {
  return {
    status: 400,
    body: {
      code: 50035,
      message: 'Invalid Form Body',
      errors: { _errors: problems.map((message) => ({ code: 'BASE_TYPE_INVALID', message })) },
    },
  };
}

const discordError = (status: number, code: number, message: string): FakeResponse => ({ status, body: { code, message } });

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function arr(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'object' && v !== null) as Json[]) : [];
}

/** Discord's limits on message content, embeds and components. */
export function messageProblems(body: Json, creating: boolean, hasFiles: boolean): string[] {
  const problems: string[] = [];
  const content = str(body.content);
  if (content.length > 2000) problems.push('content over 2000 characters');
  const embeds = arr(body.embeds);
  if (embeds.length > 10) problems.push('more than 10 embeds');
  let total = 0;
  for (const e of embeds) {
    const title = str(e.title);
    const description = str(e.description);
    const fields = arr(e.fields);
    const footer = str((e.footer as Json | undefined)?.text);
    if (title.length > 256) problems.push('embed title over 256');
    if (description.length > 4096) problems.push('embed description over 4096');
    if (fields.length > 25) problems.push('more than 25 embed fields');
    if (footer.length > 2048) problems.push('embed footer over 2048');
    total += title.length + description.length + footer.length;
    for (const f of fields) {
      const name = str(f.name);
      const value = str(f.value);
      if (name.length === 0 || name.length > 256) problems.push(`embed field name length ${name.length}`);
      if (value.length === 0 || value.length > 1024) problems.push(`embed field value length ${value.length}`);
      total += name.length + value.length;
    }
  }
  if (total > 6000) problems.push(`embeds total ${total} characters, over 6000`);
  const rows = arr(body.components);
  if (rows.length > 5) problems.push(`${rows.length} action rows, over 5`);
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.type !== 1) problems.push('top-level component is not an action row');
    const buttons = arr(row.components);
    if (buttons.length === 0 || buttons.length > 5) problems.push(`${buttons.length} components in a row`);
    for (const b of buttons) {
      const id = str(b.custom_id);
      if (b.type !== 2) problems.push('non-button in a row');
      if (str(b.label).length === 0 || str(b.label).length > 80) problems.push(`button label length ${str(b.label).length}`);
      if (id.length === 0 || id.length > 100) problems.push(`custom_id length ${id.length}`);
      if (ids.has(id)) problems.push(`duplicate custom_id ${id}`);
      ids.add(id);
    }
  }
  if (creating && content === '' && embeds.length === 0 && rows.length === 0 && !hasFiles) problems.push('Cannot send an empty message');
  return problems;
}

/** Discord's limits on a modal (Label-wrapped text inputs and string selects). */
export function modalProblems(data: Json): string[] {
  const problems: string[] = [];
  if (str(data.title).length === 0 || str(data.title).length > 45) problems.push(`modal title length ${str(data.title).length}`);
  if (str(data.custom_id).length === 0 || str(data.custom_id).length > 100) problems.push('modal custom_id length');
  const components = arr(data.components);
  if (components.length === 0 || components.length > 5) problems.push(`${components.length} modal components, must be 1–5`);
  for (const c of components) {
    if (c.type === 10) continue;
    if (c.type !== 18) {
      problems.push(`modal top-level component type ${String(c.type)}, expected a Label (18)`);
      continue;
    }
    if (str(c.label).length === 0 || str(c.label).length > 45) problems.push(`label length ${str(c.label).length}`);
    if (c.description !== undefined && (str(c.description).length === 0 || str(c.description).length > 100))
      problems.push('label description length');
    const inner = (c.component ?? {}) as Json;
    if (inner.type === 4) {
      if ('label' in inner) problems.push('a text input inside a Label must not have its own label');
      if (str(inner.value).length > 4000) problems.push('text input value over 4000');
      if (typeof inner.max_length === 'number' && str(inner.value).length > inner.max_length)
        problems.push('text input value over its max_length');
    } else if (inner.type === 3) {
      const options = arr(inner.options);
      if (options.length === 0 || options.length > 25) problems.push('select options must be 1–25');
      const defaults = options.filter((o) => o.default === true).length;
      const max = typeof inner.max_values === 'number' ? inner.max_values : 1;
      if (defaults > max) problems.push('more default options than max_values');
      if (inner.required === false && inner.min_values !== 0) problems.push('an optional select needs min_values 0');
    } else {
      problems.push(`component type ${String(inner.type)} inside a Label`);
    }
  }
  return problems;
}

export class FakeDiscordRest {
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, StoredMessage>();
  /** Commands registered: `global` or a guild id → the last body PUT. */
  readonly commands = new Map<string, unknown>();
  /** Set once the gateway runs: what `GET /gateway/bot` returns. */
  gatewayUrl = 'ws://127.0.0.1:1';
  private readonly events = new EventEmitter();
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly scripted: Scripted[] = [];
  private readonly recent: number[] = [];
  /** Requests refused by the global limit. */
  rateLimited = 0;
  private readonly dmChannels = new Map<string, string>();
  private readonly closedDms = new Set<string>();
  private readonly hiddenChannels = new Set<string>();
  /** Threads started on messages: thread id (the message's) → its channel and name. */
  readonly threads = new Map<string, { readonly parentId: string; readonly name: string }>();
  private readonly dmRecipients = new Map<string, string>();
  /** Attachment bytes by their URL path (`/attachments/…`). */
  private readonly hosted = new Map<string, Buffer>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: FakeDiscordRestOptions,
  ) {
    this.events.setMaxListeners(0);
  }

  static async start(options: FakeDiscordRestOptions): Promise<FakeDiscordRest> {
    // The server exists before the fake that knows its port; requests wait for neither.
    const holder: { fake?: FakeDiscordRest } = {};
    const server = createServer((req, res) => {
      if (!holder.fake) throw new Error('fake REST not ready');
      void holder.fake.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.fake = new FakeDiscordRest(server, `http://127.0.0.1:${port}/api`, options);
    return holder.fake;
  }

  /** Makes an interaction known before its dispatch, as Discord does when it creates one. */
  registerInteraction(record: {
    id: string;
    token: string;
    type: number;
    channelId: string;
    guildId: string | null;
    sourceMessageId: string | null;
    dispatchedAt: number;
  }): void {
    this.interactions.set(record.token, { ...record, acknowledged: null, originalId: null });
  }

  /** Stores a message as if the bot had posted it earlier (a message to click on). */
  addMessage(message: Omit<StoredMessage, 'history' | 'deleted'>): StoredMessage {
    const stored: StoredMessage = {
      ...message,
      deleted: false,
      history: [{ content: message.content, embeds: message.embeds, components: message.components }],
    };
    this.messages.set(stored.id, stored);
    return stored;
  }

  /** The bot loses View Channel in `channelId`: reading it answers 403 Missing Access. */
  hideChannel(channelId: string): void {
    this.hiddenChannels.add(channelId);
  }

  /**
   * Keeps `bytes` as a file a user attached in `channelId`, served on the CDN path; `size` is the
   * size Discord states (default the real one).
   */
  hostAttachment(
    filename: string,
    bytes: Uint8Array,
    options: { size?: number; contentType?: string; channelId?: string } = {},
  ): FakeAttachment {
    const id = snowflake();
    const folder = `/attachments/${options.channelId ?? snowflake()}/${id}/`;
    this.hosted.set(`${folder}${filename}`, Buffer.from(bytes));
    const path = `${folder}${encodeURIComponent(filename)}`;
    const signed = `?ex=${(Math.floor(Date.now() / 1000) + 86_400).toString(16)}&is=${Math.floor(Date.now() / 1000).toString(16)}&hm=${'ab'.repeat(32)}&`;
    const url = `${new URL(this.url).origin}${path}${signed}`;
    return {
      id,
      filename,
      size: options.size ?? bytes.byteLength,
      url,
      proxy_url: url,
      ...(options.contentType === undefined ? {} : { content_type: options.contentType }),
    };
  }

  /** The downloads of attached files (requests to the CDN paths). */
  attachmentDownloads(): RecordedCall[] {
    return this.calls.filter((c) => c.path.startsWith('/attachments/'));
  }

  closeDms(userId: string): void {
    this.closedDms.add(userId);
  }

  /** The next `count` calls matching answer `response` instead. */
  failNext(path: RegExp, response: FakeResponse, options: { count?: number; method?: string } = {}): void {
    this.scripted.push({ method: options.method ?? null, path, remaining: options.count ?? 1, response });
  }

  rateLimitNext(path: RegExp, retryAfterSeconds: number, options: { count?: number; method?: string; global?: boolean } = {}): void {
    const seconds = String(retryAfterSeconds);
    this.failNext(
      path,
      {
        status: 429,
        headers: {
          'retry-after': seconds,
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': seconds,
          'x-ratelimit-bucket': 'fake-bucket',
          'x-ratelimit-scope': options.global ? 'global' : 'user',
          ...(options.global ? { 'x-ratelimit-global': 'true' } : {}),
        },
        body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: options.global ?? false },
      },
      options,
    );
  }

  serverErrorNext(path: RegExp, options: { count?: number; method?: string; status?: number } = {}): void {
    this.failNext(path, { status: options.status ?? 502, body: { message: '502: Bad Gateway', code: 0 } }, options);
  }

  callsTo(method: string, path: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** The first recorded call (past or future) matching `predicate`. */
  waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const found = this.calls.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('call', listener);
        const recent = this.calls.slice(-8).map((c) => `${c.method} ${c.path.slice(0, 60)} ${c.status}`);
        reject(new Error(`no matching Discord call within ${timeoutMs} ms; last of ${this.calls.length} calls: ${recent.join(', ')}`));
      }, timeoutMs);
      const listener = (call: RecordedCall): void => {
        if (!predicate(call)) return;
        clearTimeout(timer);
        this.events.off('call', listener);
        resolve(call);
      };
      this.events.on('call', listener);
    });
  }

  /** The interaction's answers recorded so far (callback, webhook edits, follow-ups, deletes). */
  callsFor(token: string): RecordedCall[] {
    return this.calls.filter((c) => c.path.includes(`/${token}`));
  }

  /** The message an interaction's `@original` names now (its reply, or the clicked message). */
  originalOf(token: string): StoredMessage | undefined {
    const id = this.interactions.get(token)?.originalId;
    return id ? this.messages.get(id) : undefined;
  }

  followUpsOf(token: string): StoredMessage[] {
    const original = this.interactions.get(token)?.originalId;
    return [...this.messages.values()].filter((m) => m.interactionToken === token && m.id !== original);
  }

  messagesIn(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId && !m.deleted);
  }

  dmChannelOf(userId: string): string | undefined {
    return this.dmChannels.get(userId);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The API shape of a stored message. */
  apiMessage(m: StoredMessage): Json {
    return {
      id: m.id,
      channel_id: m.channelId,
      ...(m.guildId ? { guild_id: m.guildId } : {}),
      author: this.options.botUser,
      content: m.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: m.history.length > 1 ? new Date().toISOString() : null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: m.attachments,
      embeds: m.embeds,
      components: m.components,
      pinned: false,
      type: m.interactionToken ? 20 : 0,
      flags: m.flags,
      ...(m.interactionToken ? { webhook_id: this.options.applicationId, application_id: this.options.applicationId } : {}),
    };
  }

  private async readBody(req: IncomingMessage): Promise<{ body: unknown; files: RecordedFile[] }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    if (raw.length === 0) return { body: undefined, files: [] };
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
      let body: unknown;
      const files: RecordedFile[] = [];
      for (const [field, value] of form.entries()) {
        if (typeof value === 'string') {
          if (field === 'payload_json') body = JSON.parse(value);
        } else {
          const bytes = Buffer.from(await value.arrayBuffer());
          files.push({ field, name: value.name, contentType: value.type, content: bytes.toString('utf8'), bytes });
        }
      }
      return { body, files };
    }
    return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    let call: RecordedCall | undefined;
    try {
      const { body, files } = await this.readBody(req);
      call = {
        method,
        path,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization ?? null,
        body,
        files,
        at,
        status: 0,
      };
      this.calls.push(call);
      const file = method === 'GET' ? this.hosted.get(decodeURIComponent(url.pathname)) : undefined;
      if (file !== undefined) {
        // The CDN: the bytes as they are, no bot auth and no rate limit of the API.
        call.status = 200;
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.byteLength) });
        res.end(file);
        return;
      }
      const script = this.scripted.find((s) => s.remaining > 0 && (s.method === null || s.method === method) && s.path.test(path));
      let response: FakeResponse;
      const limit = this.options.globalPerSecond;
      const now = Date.now();
      while (limit !== undefined && this.recent.length > 0 && (this.recent[0] ?? 0) <= now - 1000) this.recent.shift();
      if (limit !== undefined && this.recent.length >= limit) {
        this.rateLimited += 1;
        const retryAfter = Math.max(0.001, ((this.recent[0] ?? now) + 1000 - now) / 1000);
        response = {
          status: 429,
          headers: { 'retry-after': String(Math.ceil(retryAfter)), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
          body: { message: 'You are being rate limited.', retry_after: retryAfter, global: true },
        };
      } else if (script) {
        this.recent.push(now);
        script.remaining -= 1;
        response = script.response;
      } else if (!url.pathname.startsWith('/api/v10/')) {
        response = discordError(404, 0, '404: Not Found (the adapter must use API v10)');
      } else {
        this.recent.push(now);
        response = this.route(method, path, url.searchParams, call);
      }
      call.status = response.status;
      json(res, response);
    } catch (error) {
      if (call) call.status = 500;
      json(res, { status: 500, body: { code: 0, message: `fake failure: ${error instanceof Error ? error.message : String(error)}` } });
    } finally {
      if (call) this.events.emit('call', call);
    }
  }

  private authorized(call: RecordedCall): boolean {
    return call.authorization === `Bot ${this.options.token}`;
  }

  private route(method: string, path: string, query: URLSearchParams, call: RecordedCall): FakeResponse {
    const body = (typeof call.body === 'object' && call.body !== null ? call.body : {}) as Json;
    let m: RegExpExecArray | null;
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST')
      return this.callback(m[1] ?? '', m[2] ?? '', body, call);
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/.exec(path)))
      return this.webhookMessage(method, m[2] ?? '', m[3] ?? '', body, call);
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path)) && method === 'POST') return this.followUp(m[2] ?? '', body, call, query);
    if (!this.authorized(call)) return discordError(401, 0, '401: Unauthorized');
    if (path === '/gateway/bot' && method === 'GET') {
      return {
        status: 200,
        body: { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } },
      };
    }
    if (path === '/users/@me/channels' && method === 'POST') return this.createDm(body);
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') return this.channelMessage(m[1] ?? '', body, call);
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path)) && method === 'POST')
      return this.startThread(m[1] ?? '', m[2] ?? '', body);
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET') return this.channel(m[1] ?? '');
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path)) && method === 'PATCH') return this.editMessage(m[2] ?? '', body, call);
    if ((m = /^\/applications\/(\d+)\/(?:guilds\/(\d+)\/)?commands$/.exec(path)))
      return this.applicationCommands(method, m[1] ?? '', m[2] ?? null, call.body);
    return discordError(404, 0, `404: Not Found (${method} ${path})`);
  }

  private createMessage(
    channelId: string,
    guildId: string | null,
    body: Json,
    call: RecordedCall,
    token: string | null,
    flags: number,
  ): StoredMessage {
    const attachments = call.files.map((f, i) => ({
      id: snowflake(),
      filename: f.name,
      size: Buffer.byteLength(f.content),
      url: `${this.url}/attachments/${i}/${f.name}`,
      proxy_url: `${this.url}/attachments/${i}/${f.name}`,
      content_type: f.contentType,
    }));
    return this.addMessage({
      id: snowflake(),
      channelId,
      guildId,
      content: str(body.content),
      embeds: arr(body.embeds),
      components: arr(body.components),
      attachments,
      flags,
      interactionToken: token,
    });
  }

  private applyEdit(message: StoredMessage, body: Json, call: RecordedCall): void {
    if ('content' in body) message.content = str(body.content);
    if ('embeds' in body) message.embeds = arr(body.embeds);
    if ('components' in body) message.components = arr(body.components);
    if (call.files.length > 0) {
      message.attachments = call.files.map((f) => ({
        id: snowflake(),
        filename: f.name,
        size: Buffer.byteLength(f.content),
        content_type: f.contentType,
      }));
    }
    message.flags &= ~LOADING;
    message.history.push({ content: message.content, embeds: message.embeds, components: message.components });
  }

  private callback(interactionId: string, token: string, body: Json, call: RecordedCall): FakeResponse {
    const interaction = this.interactions.get(token);
    if (!interaction || interaction.id !== interactionId) return discordError(404, 10062, 'Unknown interaction');
    if (call.at - interaction.dispatchedAt > RESPONSE_WINDOW_MS) return discordError(404, 10062, 'Unknown interaction');
    if (interaction.acknowledged !== null) return discordError(400, 40060, 'Interaction has already been acknowledged.');
    const data = (typeof body.data === 'object' && body.data !== null ? body.data : {}) as Json;
    const flags = typeof data.flags === 'number' ? data.flags : 0;
    switch (body.type) {
      case 4: {
        const problems = messageProblems(data, true, call.files.length > 0);
        if (problems.length > 0) return invalidForm(problems);
        interaction.originalId = this.createMessage(interaction.channelId, interaction.guildId, data, call, token, flags).id;
        break;
      }
      case 5:
        interaction.originalId = this.createMessage(interaction.channelId, interaction.guildId, {}, call, token, flags | LOADING).id;
        break;
      case 6:
      case 7: {
        if (interaction.type !== 3 || interaction.sourceMessageId === null)
          return invalidForm(['only a component interaction can update its message']);
        interaction.originalId = interaction.sourceMessageId;
        const source = this.messages.get(interaction.sourceMessageId);
        if (body.type === 7 && source) {
          const problems = messageProblems(data, false, call.files.length > 0);
          if (problems.length > 0) return invalidForm(problems);
          this.applyEdit(source, data, call);
        }
        break;
      }
      case 9: {
        if (interaction.type === 5) return invalidForm(['a modal submission cannot be answered with a modal']);
        const problems = modalProblems(data);
        if (problems.length > 0) return invalidForm(problems);
        break;
      }
      case 8: {
        if (interaction.type !== 4) return invalidForm(['only an autocomplete interaction takes choices']);
        const choices = arr(data.choices);
        const problems = [
          ...(choices.length > 25 ? [`${choices.length} choices, over 25`] : []),
          ...choices.flatMap((c) =>
            [str(c.name), String(c.value ?? '')].some((t) => t.length === 0 || t.length > 100) ? ['choice name or value length'] : [],
          ),
        ];
        if (problems.length > 0) return invalidForm(problems);
        break;
      }
      default:
        return invalidForm([`unsupported callback type ${String(body.type)}`]);
    }
    interaction.acknowledged = call.at;
    const withResponse = call.query.with_response === 'true';
    return withResponse
      ? { status: 200, body: { interaction: { id: interaction.id, type: interaction.type }, resource: { type: body.type } } }
      : { status: 204 };
  }

  private webhookMessage(method: string, token: string, messageId: string, body: Json, call: RecordedCall): FakeResponse {
    const interaction = this.interactions.get(token);
    if (!interaction || interaction.acknowledged === null) return discordError(404, 10015, 'Unknown Webhook');
    const id = messageId === '@original' ? interaction.originalId : messageId;
    const message = id ? this.messages.get(id) : undefined;
    if (!message || message.deleted) return discordError(404, 10008, 'Unknown Message');
    if (method === 'GET') return { status: 200, body: this.apiMessage(message) };
    if (method === 'DELETE') {
      message.deleted = true;
      return { status: 204 };
    }
    if (method !== 'PATCH') return discordError(405, 0, '405: Method Not Allowed');
    const problems = messageProblems(body, false, call.files.length > 0);
    if (problems.length > 0) return invalidForm(problems);
    this.applyEdit(message, body, call);
    return { status: 200, body: this.apiMessage(message) };
  }

  private followUp(token: string, body: Json, call: RecordedCall, query: URLSearchParams): FakeResponse {
    const interaction = this.interactions.get(token);
    if (!interaction || interaction.acknowledged === null) return discordError(404, 10015, 'Unknown Webhook');
    const problems = messageProblems(body, true, call.files.length > 0);
    if (problems.length > 0) return invalidForm(problems);
    const flags = typeof body.flags === 'number' ? body.flags : 0;
    const message = this.createMessage(interaction.channelId, interaction.guildId, body, call, token, flags & EPHEMERAL);
    return query.get('wait') === 'false' ? { status: 204 } : { status: 200, body: this.apiMessage(message) };
  }

  private createDm(body: Json): FakeResponse {
    const recipient = str(body.recipient_id);
    if (!/^\d+$/.test(recipient)) return invalidForm(['recipient_id']);
    let id = this.dmChannels.get(recipient);
    if (id === undefined) {
      id = snowflake();
      this.dmChannels.set(recipient, id);
      this.dmRecipients.set(id, recipient);
    }
    return {
      status: 200,
      body: {
        id,
        type: 1,
        last_message_id: null,
        flags: 0,
        recipients: [{ id: recipient, username: `user${recipient.slice(-4)}`, discriminator: '0', global_name: null, avatar: null }],
      },
    };
  }

  private channelMessage(channelId: string, body: Json, call: RecordedCall): FakeResponse {
    const recipient = this.dmRecipients.get(channelId);
    if (recipient !== undefined && this.closedDms.has(recipient)) return discordError(403, 50007, 'Cannot send messages to this user');
    if (this.hiddenChannels.has(channelId)) return discordError(403, 50001, 'Missing Access');
    const problems = messageProblems(body, true, call.files.length > 0);
    if (problems.length > 0) return invalidForm(problems);
    const message = this.createMessage(channelId, null, body, call, null, 0);
    return { status: 200, body: this.apiMessage(message) };
  }

  /**
   * Start Thread from Message: a public thread whose id is the message's (as Discord makes it),
   * at most one a message (160004), named 1–100 characters.
   */
  private startThread(channelId: string, messageId: string, body: Json): FakeResponse {
    if (this.hiddenChannels.has(channelId)) return discordError(403, 50001, 'Missing Access');
    const message = this.messages.get(messageId);
    if (!message || message.deleted) return discordError(404, 10008, 'Unknown Message');
    if (this.threads.has(messageId)) return discordError(400, 160004, 'A thread has already been created for this message');
    const name = typeof body.name === 'string' ? body.name : '';
    if (name.length < 1 || name.length > 100) return invalidForm(['name: must be between 1 and 100 in length']);
    this.threads.set(messageId, { parentId: channelId, name });
    return { status: 201, body: { id: messageId, type: 11, parent_id: channelId, name, guild_id: null } };
  }

  /** Any channel the bot is not kept out of (`hideChannel`) is a text channel it can see. */
  private channel(channelId: string): FakeResponse {
    if (this.hiddenChannels.has(channelId)) return discordError(403, 50001, 'Missing Access');
    const recipient = this.dmRecipients.get(channelId);
    return {
      status: 200,
      body:
        recipient === undefined
          ? { id: channelId, type: 0, name: 'running-club', position: 0, permission_overwrites: [], nsfw: false, parent_id: null }
          : { id: channelId, type: 1, recipients: [{ id: recipient, username: 'user', discriminator: '0', avatar: null }] },
    };
  }

  private editMessage(messageId: string, body: Json, call: RecordedCall): FakeResponse {
    const message = this.messages.get(messageId);
    if (!message || message.deleted) return discordError(404, 10008, 'Unknown Message');
    const problems = messageProblems(body, false, call.files.length > 0);
    if (problems.length > 0) return invalidForm(problems);
    this.applyEdit(message, body, call);
    return { status: 200, body: this.apiMessage(message) };
  }

  private applicationCommands(method: string, applicationId: string, guildId: string | null, body: unknown): FakeResponse {
    if (applicationId !== this.options.applicationId) return discordError(403, 50001, 'Missing Access');
    const key = guildId ?? 'global';
    if (method === 'GET') return { status: 200, body: this.commands.get(key) ?? [] };
    if (method !== 'PUT') return discordError(405, 0, '405: Method Not Allowed');
    if (!Array.isArray(body)) return invalidForm(['expected an array of commands']);
    const created = (body as Json[]).map((command) => ({
      ...command,
      id: snowflake(),
      application_id: applicationId,
      version: snowflake(),
      ...(guildId ? { guild_id: guildId } : {}),
      default_member_permissions: null,
    }));
    this.commands.set(key, created);
    return { status: 200, body: created };
  }
}
