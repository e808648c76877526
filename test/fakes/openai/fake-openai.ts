/**
 * A local OpenAI Chat Completions API on 127.0.0.1 for tests and benchmarks. It answers
 * `POST <base>/chat/completions` (the SDK posts to `${baseURL}/chat/completions`; give it
 * `baseUrl`, which ends in /v1) in OpenAI's shapes — `id`, `object: 'chat.completion'`,
 * `choices[0].message.{role, content, refusal}`, `finish_reason`, `usage` — or with OpenAI's error
 * body and status (429 with `retry-after-ms` / `retry-after`, 500…), or not at all (a hang), or
 * with headers and half a body and then nothing (a stall).
 * Every request body is recorded. Replies come from a script, one per request, then from the
 * `otherwise` responder.
 *
 * Usage is counted the way the engine's benchmark documents it: prompt tokens ≈ (characters of
 * every message + characters of the response_format JSON) / 4, completion tokens ≈ characters of
 * the content / 4.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ChatBody = {
  readonly model: string;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly response_format?: {
    readonly type: string;
    readonly json_schema?: { readonly name: string; readonly strict?: boolean; readonly schema: unknown };
  };
  readonly max_completion_tokens?: number;
  readonly temperature?: number;
  readonly seed?: number;
};

export type RecordedRequest = {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: ChatBody;
  readonly at: number;
};

export type FakeReply =
  /** A completion whose content is this value as JSON. */
  | { readonly kind: 'json'; readonly value: unknown }
  /** A completion with this raw content (malformed JSON, say) and finish reason. */
  | { readonly kind: 'text'; readonly content: string | null; readonly finishReason?: string }
  | { readonly kind: 'refusal'; readonly refusal: string }
  /** Cut off by max tokens: `finish_reason: 'length'` and the first `keep` characters of the value's JSON. */
  | { readonly kind: 'length'; readonly value: unknown; readonly keep?: number }
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly message?: string }
  /** Never answers (until the client gives up or the fake closes). */
  | { readonly kind: 'hang' }
  /** Sends the headers and the start of a completion, then nothing more (a stall mid-body). */
  | { readonly kind: 'stall' };

export type Responder = (request: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function promptTokensOf(body: ChatBody): number {
  const text = body.messages.map((m) => m.content).join('');
  return estimateTokens(text) + estimateTokens(body.response_format ? JSON.stringify(body.response_format) : '');
}

export class FakeOpenAi {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: (FakeReply | Responder)[] = [];
  private otherwiseResponder: Responder = () => ({ kind: 'status', status: 500, message: 'the fake has no reply scripted' });
  private completions = 0;
  /** Milliseconds before each answer (0: none). */
  latencyMs = 0;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    readonly apiKey: string,
  ) {}

  static async start(options: { apiKey?: string } = {}): Promise<FakeOpenAi> {
    const apiKey = options.apiKey ?? 'sk-test-fake';
    const holder: { fake?: FakeOpenAi } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void holder.fake?.handle(req.url ?? '/', req.method ?? 'GET', req.headers, Buffer.concat(chunks).toString('utf8'), res);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    holder.fake = new FakeOpenAi(server, `http://127.0.0.1:${port}/v1`, apiKey);
    return holder.fake;
  }

  /** Replies for the next requests, in order. */
  script(...replies: (FakeReply | Responder)[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** What answers once the script has run out. */
  otherwise(responder: Responder): this {
    this.otherwiseResponder = responder;
    return this;
  }

  /** Forgets recorded requests and pending script entries. */
  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(url: string, method: string, headers: IncomingHttpHeaders, raw: string, res: ServerResponse): Promise<void> {
    const path = url.split('?')[0] ?? url;
    if (method !== 'POST' || !path.endsWith('/chat/completions')) {
      return this.error(res, 404, `Unknown request URL: ${method} ${path}`, 'invalid_request_error');
    }
    if (headers.authorization !== `Bearer ${this.apiKey}`) {
      return this.error(res, 401, 'Incorrect API key provided.', 'invalid_request_error');
    }
    let body: ChatBody;
    try {
      body = JSON.parse(raw) as ChatBody;
    } catch {
      return this.error(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
    }
    const request: RecordedRequest = { path, headers, body, at: Date.now() };
    const index = this.requests.length;
    this.requests.push(request);
    const next = this.queue.shift() ?? this.otherwiseResponder;
    const reply = typeof next === 'function' ? await next(request, index) : next;
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    this.answer(res, body, reply);
  }

  private answer(res: ServerResponse, body: ChatBody, reply: FakeReply): void {
    switch (reply.kind) {
      case 'hang':
        return;
      case 'stall':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"chatcmpl-stalled","object":"chat.completion","choices":[');
        return;
      case 'status':
        return this.error(
          res,
          reply.status,
          reply.message ??
            (reply.status === 429 ? 'Rate limit reached for requests' : 'The server had an error while processing your request.'),
          reply.status === 429 ? 'requests' : 'server_error',
          reply.headers,
        );
      case 'json':
        return this.completion(res, body, JSON.stringify(reply.value), null, 'stop');
      case 'text':
        return this.completion(res, body, reply.content, null, reply.finishReason ?? 'stop');
      case 'refusal':
        return this.completion(res, body, null, reply.refusal, 'stop');
      case 'length': {
        const json = JSON.stringify(reply.value);
        return this.completion(res, body, json.slice(0, reply.keep ?? Math.floor(json.length / 2)), null, 'length');
      }
    }
  }

  private completion(res: ServerResponse, body: ChatBody, content: string | null, refusal: string | null, finishReason: string): void {
    this.completions += 1;
    const promptTokens = promptTokensOf(body);
    const completionTokens = estimateTokens(content ?? refusal ?? '');
    const payload = {
      id: `chatcmpl-fake${this.completions}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        { index: 0, message: { role: 'assistant', content, refusal, annotations: [] }, logprobs: null, finish_reason: finishReason },
      ],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      service_tier: 'default',
      system_fingerprint: 'fp_fake',
    };
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `req_fake${this.completions}` });
    res.end(JSON.stringify(payload));
  }

  private error(res: ServerResponse, status: number, message: string, type: string, headers: Readonly<Record<string, string>> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ error: { message, type, param: null, code: status === 429 ? 'rate_limit_exceeded' : null } }));
  }
}
