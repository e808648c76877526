/**
 * A local Slack Web API on 127.0.0.1, answering in Slack's documented shapes: auth.test,
 * views.open / update / publish, chat.postMessage / update / postEphemeral, users.info (with tz, is_admin, is_owner, is_bot),
 * conversations.open, conversations.info (channels added with `addChannel`: public, private,
 * archived, with or without the bot, with their creator; chat.postMessage there answers as Slack would), the external file upload (files.getUploadURLExternal, the upload POST to a
 * URL on this server, files.completeUploadExternal), apps.connections.open (the fake Socket Mode
 * URL) and response_url posts. It records every call with its parsed arguments so tests assert on
 * what Slack would have received, keeps what a workspace would show (messages, home tabs, files),
 * checks tokens, scopes and the Block Kit limits Slack enforces, and can be scripted to answer 429
 * with Retry-After, 500, or `ok: false` errors for the next N calls of a method.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { blockKitProblems } from './block-kit-checks.js';

export type RecordedCall = {
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** The token the call was made with (Authorization header or `token` argument). */
  readonly token: string | null;
  readonly at: number;
  /** What the fake answered: the JSON body, or the HTTP status for scripted 429/500s. */
  readonly response: Json | { readonly status: number };
};

export type ScriptedFailure =
  { readonly status: 429; readonly retryAfterSeconds: number } | { readonly status: 500 } | { readonly error: string };

/** A channel of the workspace; the bot is `member` or not. Channels never added post as before (no checks). */
export type FakeChannel = {
  readonly id: string;
  readonly name: string;
  readonly isPrivate?: boolean;
  readonly isArchived?: boolean;
  readonly member?: boolean;
  /** The user who made the channel (`conversations.info` `creator`). */
  readonly creator?: string;
};

export type FakeUser = {
  readonly id: string;
  readonly teamId: string;
  readonly tz: string | null;
  readonly name?: string;
  /** Workspace admin / owner, and bot user, as `users.info` says (default false). */
  readonly isAdmin?: boolean;
  readonly isOwner?: boolean;
  readonly isBot?: boolean;
};

export type StoredMessage = { channel: string; ts: string; text: string; blocks: unknown[]; updates: number };

export type FakeFile = {
  id: string;
  filename: string;
  length: number;
  bytes: Buffer | null;
  channel: string | null;
  comment: string | null;
  /** files.completeUploadExternal was called for it (shared in `channel`, or kept unshared). */
  completed?: boolean;
};

export type FakeSlackApiOptions = {
  readonly botToken: string;
  readonly appToken?: string;
  /** The bot token's scopes; methods needing another answer `missing_scope`. Default: all. */
  readonly grantedScopes?: readonly string[];
  readonly teamId?: string;
  /** Check Block Kit limits as Slack does (default true); the benchmark turns it off to stay light. */
  readonly checkBlocks?: boolean;
  /**
   * Slack's posting limit, about one message a second per channel: a `chat.postMessage` to a
   * channel sooner than this after the last one there answers 429 with `Retry-After`.
   */
  readonly channelIntervalMs?: number;
};

/** Bot scopes Slack's method reference lists for each method we fake (none for views.* and auth.test). */
export const METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'auth.test': [],
  'views.open': [],
  'views.update': [],
  'views.publish': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.delete': ['chat:write'],
  'users.info': ['users:read'],
  'conversations.open': ['im:write'],
  // Slack accepts either, by the conversation's kind; the app asks for both (public and private channels).
  'conversations.info': ['channels:read', 'groups:read'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'apps.connections.open': ['connections:write'],
};

const JSON_ARGUMENTS = new Set(['blocks', 'view', 'files', 'attachments']);

type Json = Record<string, unknown>;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseArgs(contentType: string, body: Buffer): Json {
  const text = body.toString('utf8');
  if (contentType.includes('application/json')) return text === '' ? {} : (JSON.parse(text) as Json);
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (JSON_ARGUMENTS.has(key) && /^[[{]/.test(value)) args[key] = JSON.parse(value) as unknown;
    else args[key] = value;
  }
  return args;
}

function send(res: ServerResponse, status: number, body: Json | string, headers: Record<string, string> = {}): void {
  const isJson = typeof body !== 'string';
  res.writeHead(status, { 'Content-Type': isJson ? 'application/json; charset=utf-8' : 'text/plain', ...headers });
  res.end(isJson ? JSON.stringify(body) : body);
}

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly homeViews = new Map<string, Json>();
  readonly files = new Map<string, FakeFile>();
  /** Files people shared (`shareFile`), by their download path. */
  private readonly sharedFiles = new Map<string, Buffer>();
  /** What apps.connections.open answers (the fake Socket Mode server gives a fresh URL each time). */
  socketModeUrl: (() => string) | null = null;
  private readonly users = new Map<string, FakeUser>();
  private readonly channels = new Map<string, FakeChannel>();
  private readonly failures = new Map<string, ScriptedFailure[]>();
  private readonly usedTriggers = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private counter = 0;
  private readonly lastPostAt = new Map<string, number>();
  /** `chat.postMessage` calls refused by the per-channel limit. */
  rateLimited = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: FakeSlackApiOptions,
  ) {}

  static async start(options: FakeSlackApiOptions): Promise<FakeSlackApi> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const fake = new FakeSlackApi(server, `http://127.0.0.1:${port}`, options);
    server.on('request', (req, res) => {
      fake.route(req, res).catch((error: unknown) => send(res, 500, `fake failed: ${String(error)}`));
    });
    return fake;
  }

  /** The Web API base for `slackApiUrl` / SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url that lands on this fake (recorded as method `response_url`). */
  responseUrl(id: string): string {
    return `${this.url}/respond/${encodeURIComponent(id)}`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  addChannel(channel: FakeChannel): void {
    this.channels.set(channel.id, channel);
  }

  /** The next `count` calls of `method` fail this way (then it answers normally again). */
  failNext(method: string, count: number, failure: ScriptedFailure): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i += 1) list.push(failure);
    this.failures.set(method, list);
  }

  callsOf(method: string, since = 0): RecordedCall[] {
    return this.calls.slice(since).filter((c) => c.method === method);
  }

  /** The number of calls so far: pass it as `since` to look only at what comes after. */
  mark(): number {
    return this.calls.length;
  }

  /** Resolves with the first call of `method` after `since` that `where` accepts. */
  async waitForCall(
    method: string,
    options: { since?: number; where?: (call: RecordedCall) => boolean; timeoutMs?: number } = {},
  ): Promise<RecordedCall> {
    const find = () => this.callsOf(method, options.since ?? 0).find((c) => options.where?.(c) ?? true);
    const found = find();
    if (found) return found;
    const timeoutMs = options.timeoutMs ?? 5000;
    return new Promise<RecordedCall>((resolve, reject) => {
      const check = () => {
        const call = find();
        if (!call) return;
        cleanup();
        resolve(call);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${method} call within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(8, '0')}`;
  }

  private nextTs(): string {
    this.counter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.counter).padStart(6, '0')}`;
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    for (const waiter of [...this.waiters]) waiter();
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? '/', this.url);
    const path = requestUrl.pathname;
    const body = await readBody(req);
    if (path === '/_fake/calls') return this.listCalls(requestUrl.searchParams, res);
    if (path.startsWith('/upload/')) return this.receiveUpload(decodeURIComponent(path.slice('/upload/'.length)), body, res);
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    if (path.startsWith('/files-pri/')) return this.serveSharedFile(path, auth, res);
    if (path.startsWith('/respond/')) {
      const args = parseArgs(req.headers['content-type'] ?? '', body);
      const response = { ok: true };
      this.record({
        method: 'response_url',
        args: { ...args, responseId: decodeURIComponent(path.slice('/respond/'.length)) },
        token: auth,
        at: Date.now(),
        response,
      });
      return send(res, 200, response);
    }
    if (!path.startsWith('/api/')) return send(res, 404, 'not found');
    const method = path.slice('/api/'.length);
    const args = parseArgs(req.headers['content-type'] ?? '', body);
    const token = auth ?? (typeof args.token === 'string' ? args.token : null);
    const at = Date.now();

    const interval = this.options.channelIntervalMs;
    if (interval !== undefined && method === 'chat.postMessage' && typeof args.channel === 'string') {
      const last = this.lastPostAt.get(args.channel);
      if (last !== undefined && at - last < interval) {
        this.rateLimited += 1;
        this.record({ method, args, token, at, response: { status: 429 } });
        return send(res, 429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(Math.ceil((interval - (at - last)) / 1000)) });
      }
      this.lastPostAt.set(args.channel, at);
    }
    const failure = this.failures.get(method)?.shift();
    if (failure && !('error' in failure)) {
      this.record({ method, args, token, at, response: { status: failure.status } });
      if (failure.status === 429)
        return send(res, 429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(failure.retryAfterSeconds) });
      return send(res, 500, 'Internal Server Error');
    }
    const response = failure ? { ok: false, error: failure.error } : (this.checkAuth(method, token) ?? this.answer(method, args));
    this.record({ method, args, token, at, response });
    return send(res, 200, response);
  }

  private checkAuth(method: string, token: string | null): Json | undefined {
    if (token === null) return { ok: false, error: 'not_authed' };
    if (method === 'apps.connections.open') {
      return token === this.options.appToken
        ? undefined
        : { ok: false, error: token.startsWith('xoxb-') ? 'not_allowed_token_type' : 'invalid_auth' };
    }
    if (token !== this.options.botToken) return { ok: false, error: 'invalid_auth' };
    const granted = this.options.grantedScopes;
    const needed = METHOD_SCOPES[method] ?? [];
    const missing = granted === undefined ? [] : needed.filter((s) => !granted.includes(s));
    if (missing.length > 0) return { ok: false, error: 'missing_scope', needed: missing.join(','), provided: (granted ?? []).join(',') };
    return undefined;
  }

  private user(id: unknown): FakeUser | undefined {
    return typeof id === 'string' ? this.users.get(id) : undefined;
  }

  private answer(method: string, args: Json): Json {
    const team = this.options.teamId ?? 'T1';
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://gofast-test.slack.com/',
          team: 'GoFast Test',
          user: 'gofast',
          team_id: team,
          user_id: 'UBOT',
          bot_id: 'BBOT',
          is_enterprise_install: false,
        };
      case 'apps.connections.open':
        return this.socketModeUrl === null ? { ok: false, error: 'internal_error' } : { ok: true, url: this.socketModeUrl() };
      case 'users.info': {
        const user = this.user(args.user);
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: user.teamId,
            name: user.name ?? user.id.toLowerCase(),
            real_name: user.name ?? user.id,
            deleted: false,
            is_admin: user.isAdmin === true,
            is_owner: user.isOwner === true,
            is_bot: user.isBot === true,
            tz: user.tz,
            tz_label: user.tz ?? 'UTC',
            tz_offset: 0,
          },
        };
      }
      case 'conversations.open': {
        const ids = typeof args.users === 'string' ? args.users.split(',') : [];
        const [only] = ids;
        if (ids.length !== 1 || only === undefined) return { ok: false, error: 'invalid_arguments' };
        if (!this.user(only)) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: `D${only}` } };
      }
      case 'conversations.info':
        return this.answerChannelInfo(args);
      case 'views.open':
      case 'views.update':
      case 'views.publish':
        return this.answerView(method, args, team);
      case 'chat.postMessage':
      case 'chat.update':
      case 'chat.postEphemeral':
        return this.answerChat(method, args);
      case 'chat.delete': {
        const key = `${String(args.channel)}:${String(args.ts)}`;
        if (!this.messages.delete(key)) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'files.getUploadURLExternal': {
        const length = Number(args.length);
        if (typeof args.filename !== 'string' || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
        const id = this.nextId('F');
        this.files.set(id, { id, filename: args.filename, length, bytes: null, channel: null, comment: null });
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const list = Array.isArray(args.files) ? (args.files as Json[]) : [];
        const found = list.map((f) => this.files.get(String(f.id)));
        if (list.length === 0 || found.some((f) => !f || f.bytes === null)) return { ok: false, error: 'file_not_found' };
        const channel = typeof args.channel_id === 'string' ? args.channel_id : null;
        for (const file of found) {
          if (!file) continue;
          file.channel = channel;
          file.completed = true;
          file.comment = typeof args.initial_comment === 'string' ? args.initial_comment : null;
        }
        return { ok: true, files: found.map((f) => ({ id: f?.id, name: f?.filename, title: f?.filename })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private answerView(method: string, args: Json, team: string): Json {
    const view = args.view as Json | undefined;
    if (!view || typeof view !== 'object') return { ok: false, error: 'invalid_arguments' };
    if (method === 'views.open') {
      const trigger = args.trigger_id;
      if (typeof trigger !== 'string' || trigger === '') return { ok: false, error: 'invalid_trigger_id' };
      if (this.usedTriggers.has(trigger)) return { ok: false, error: 'exchanged_trigger_id' };
      this.usedTriggers.add(trigger);
    }
    const surface = view.type === 'home' ? 'home' : 'modal';
    const problems =
      this.options.checkBlocks === false
        ? []
        : [...blockKitProblems(view, surface), ...this.fileProblems(Array.isArray(view.blocks) ? view.blocks : [])];
    if (problems.length > 0) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
    if (method === 'views.publish') {
      if (!this.user(args.user_id)) return { ok: false, error: 'user_not_found' };
      this.homeViews.set(String(args.user_id), view);
    }
    return { ok: true, view: { id: this.nextId('V'), team_id: team, hash: this.nextTs(), state: { values: {} }, ...view } };
  }

  /** An image block's `slack_file` must be an uploaded file whose upload was completed, as Slack checks. */
  private fileProblems(blocks: readonly unknown[]): string[] {
    const problems: string[] = [];
    for (const block of blocks) {
      const file = (block as { slack_file?: { id?: unknown } } | null)?.slack_file;
      if (file?.id === undefined) continue;
      const known = this.files.get(String(file.id));
      if (!known || known.bytes === null || known.completed !== true)
        problems.push(`slack_file ${String(file.id)} is not an uploaded file`);
    }
    return problems;
  }

  /** Slack hides a private channel from an app that is not in it: `channel_not_found`, as for none. */
  private answerChannelInfo(args: Json): Json {
    const channel = typeof args.channel === 'string' ? this.channels.get(args.channel) : undefined;
    if (!channel || (channel.isPrivate === true && channel.member !== true)) return { ok: false, error: 'channel_not_found' };
    const isPrivate = channel.isPrivate === true;
    return {
      ok: true,
      channel: {
        id: channel.id,
        name: channel.name,
        is_channel: !isPrivate,
        is_group: isPrivate,
        is_im: false,
        is_mpim: false,
        is_private: isPrivate,
        is_archived: channel.isArchived === true,
        is_member: channel.member === true,
        ...(channel.creator === undefined ? {} : { creator: channel.creator }),
      },
    };
  }

  /** Why Slack would refuse a post to a channel added with `addChannel`; undefined when it takes it. */
  private postRefusal(channelId: string): string | undefined {
    const channel = this.channels.get(channelId);
    if (!channel) return undefined;
    if (channel.isArchived === true) return 'is_archived';
    if (channel.member === true) return undefined;
    if (channel.isPrivate === true) return 'channel_not_found';
    const granted = this.options.grantedScopes;
    return granted === undefined || granted.includes('chat:write.public') ? undefined : 'not_in_channel';
  }

  private answerChat(method: string, args: Json): Json {
    const channel = args.channel;
    if (typeof channel !== 'string' || channel === '') return { ok: false, error: 'channel_not_found' };
    const refusal = method === 'chat.postMessage' ? this.postRefusal(channel) : undefined;
    if (refusal !== undefined) return { ok: false, error: refusal };
    const blocks = Array.isArray(args.blocks) ? args.blocks : [];
    const problems = this.options.checkBlocks === false ? [] : [...blockKitProblems({ blocks }, 'message'), ...this.fileProblems(blocks)];
    if (problems.length > 0) return { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } };
    const text = typeof args.text === 'string' ? args.text : '';
    if (method === 'chat.postEphemeral') {
      if (!this.user(args.user)) return { ok: false, error: 'user_not_found' };
      return { ok: true, message_ts: this.nextTs() };
    }
    if (method === 'chat.update') {
      const key = `${channel}:${String(args.ts)}`;
      const message = this.messages.get(key);
      if (!message) return { ok: false, error: 'message_not_found' };
      Object.assign(message, { text, blocks, updates: message.updates + 1 });
      return { ok: true, channel, ts: message.ts, text, message: { text, blocks } };
    }
    const ts = this.nextTs();
    this.messages.set(`${channel}:${ts}`, { channel, ts, text, blocks, updates: 0 });
    return { ok: true, channel, ts, message: { type: 'message', user: 'UBOT', bot_id: 'BBOT', text, blocks, ts } };
  }

  /**
   * `GET /_fake/calls?method=…&since=N[&full=1]`: what was recorded, for a test driver in another
   * process (the benchmark's load generator). Without `full`, only method, time and channel.
   */
  private listCalls(query: URLSearchParams, res: ServerResponse): void {
    const since = Number(query.get('since') ?? 0);
    const method = query.get('method');
    const calls = this.calls.slice(since).filter((c) => method === null || c.method === method);
    const full = query.get('full') === '1';
    send(res, 200, {
      total: this.calls.length,
      calls: calls.map((c) => (full ? c : { method: c.method, at: c.at, channel: c.args.channel ?? null })),
    });
  }

  /**
   * A file a person shares in a conversation: the `files[]` entry of its `file_share` event, whose
   * `url_private_download` lands here. `size` is what the event states (default: the bytes' length).
   */
  shareFile(name: string, bytes: Uint8Array, options: { size?: number } = {}): Json {
    const id = this.nextId('F');
    const path = `/files-pri/${this.options.teamId ?? 'T1'}-${id}/download/${encodeURIComponent(name)}`;
    this.sharedFiles.set(path, Buffer.from(bytes));
    return {
      id,
      name,
      title: name,
      filetype: name.split('.').pop() ?? '',
      size: options.size ?? bytes.byteLength,
      mode: 'hosted',
      url_private_download: `${this.url}${path}`,
    };
  }

  /** `url_private_download`, as files.slack.com serves it: the bot token with `files:read`, else 403. */
  private serveSharedFile(path: string, token: string | null, res: ServerResponse): void {
    const granted = this.options.grantedScopes;
    const allowed = token === this.options.botToken && (granted === undefined || granted.includes('files:read'));
    const bytes = this.sharedFiles.get(path);
    const status = !allowed ? 403 : bytes === undefined ? 404 : 200;
    this.record({ method: 'files.download', args: { path }, token, at: Date.now(), response: { status } });
    if (status !== 200 || bytes === undefined) return send(res, status, status === 403 ? 'Forbidden' : 'Not Found');
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) });
    res.end(bytes);
  }

  private receiveUpload(fileId: string, body: Buffer, res: ServerResponse): void {
    const file = this.files.get(fileId);
    const status = !file ? 404 : body.length !== file.length ? 400 : 200;
    this.record({ method: 'upload', args: { fileId, length: body.length }, token: null, at: Date.now(), response: { status } });
    if (!file) return send(res, 404, 'Not Found');
    if (status !== 200) return send(res, 400, `length mismatch: expected ${file.length}, got ${body.length}`);
    file.bytes = body;
    return send(res, 200, `OK - ${body.length}`);
  }
}
