/**
 * A running HTTP API for tests: the real use cases and API keys on one test database, served on
 * 127.0.0.1, and a client whose every answer is checked against the OpenAPI document the API
 * serves (the schema of that path, method and status, validated with ajv's JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1). A response the document does not describe fails the test.
 */
import { Writable } from 'node:stream';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Logger } from 'pino';
import { startHttpApi, type RunningHttpApi, type StartHttpApiOptions } from '../../../src/adapters/http/index.js';
import { createConversation } from '../../../src/conversation/conversation.js';
import { createLogger } from '../../../src/log.js';
import { createApiKeyUseCases, type ApiKeyUseCases } from '../../../src/plans/api-keys.js';
import type { PlanUseCases } from '../../../src/plans/plan-use-cases.js';
import { MongoApiKeyStore } from '../../../src/storage/mongo-api-key-store.js';
import { startTestService, type TestService } from '../../support/plan-service.js';

export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string };
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, Record<string, unknown>> };
};

type Operation = {
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema: unknown }> }>;
};

export type ApiAnswer = {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body when it is JSON. */
  // The body is checked against the document, not typed: tests read it as loose JSON.
  readonly body: Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string>; ref?: string } };
};

/** Checks answers against the document: path template, method, status, media type, body schema. */
class DocumentChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  readonly seen = new Set<string>();

  constructor(readonly doc: OpenApiDocument) {
    // The date-time format is the only one the document uses.
    this.ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  }

  /** The document's path template for a concrete path; literal templates win over `{id}` ones. */
  templateOf(path: string): string | undefined {
    const candidates = Object.keys(this.doc.paths).filter((template) => {
      const pattern = template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+');
      return new RegExp(`^${pattern}$`).test(path);
    });
    // More literal characters = more specific (`/generate` over `/{id}`, `{id}.ics` over `{id}`).
    return candidates.sort((a, b) => b.replace(/\{[^}]+\}/g, '').length - a.replace(/\{[^}]+\}/g, '').length)[0];
  }

  check(method: string, path: string, answer: ApiAnswer): void {
    // The query string is no part of the path template.
    const template = this.templateOf(path.split('?')[0] ?? path);
    if (!template) throw new Error(`${method} ${path}: no path in the OpenAPI document`);
    const operation = this.doc.paths[template]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${method} ${template}: no such operation in the OpenAPI document`);
    const response = operation.responses[String(answer.status)];
    if (!response) throw new Error(`${method} ${template}: status ${answer.status} is not documented (body ${answer.text.slice(0, 200)})`);
    for (const header of Object.keys(response.headers ?? {})) {
      if (!answer.headers.has(header)) throw new Error(`${method} ${template} ${answer.status}: documented header ${header} is missing`);
    }
    const mediaType = (answer.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const content = response.content?.[mediaType];
    if (!content) throw new Error(`${method} ${template} ${answer.status}: media type ${mediaType} is not documented`);
    const key = `${method.toLowerCase()} ${template} ${answer.status} ${mediaType}`;
    this.seen.add(key);
    if (mediaType !== 'application/json') return;
    let validate = this.validators.get(key);
    if (!validate) {
      // The response schema as the root, with the document's components beside it so that its
      // `#/components/schemas/…` references resolve as they do in the document.
      validate = this.ajv.compile({ ...(content.schema as object), components: this.doc.components });
      this.validators.set(key, validate);
    }
    if (!validate(answer.body)) {
      throw new Error(`${key}: body does not match the document: ${this.ajv.errorsText(validate.errors)}\n${answer.text.slice(0, 500)}`);
    }
  }
}

export type HttpWorld = {
  readonly service: TestService;
  readonly keys: ApiKeyUseCases;
  readonly api: RunningHttpApi;
  readonly checker: DocumentChecker;
  /** Lines the API logged (pino JSON). */
  readonly logs: string[];
  /** Set to false to make /readyz answer 503. */
  ready: boolean;
  /** A new key for `owner`. */
  keyFor(owner: string): Promise<string>;
  /** One request; its answer is checked against the document before it is returned. */
  request(
    method: string,
    path: string,
    options?: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<ApiAnswer>;
  /** Another API on the same service and keys (other limits, an injected use case). */
  startAnother(overrides: Partial<StartHttpApiOptions>): Promise<RunningHttpApi>;
  close(): Promise<void>;
};

function captureLogger(lines: string[]): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((line) => line.trim() !== ''),
      );
      done();
    },
  });
  return createLogger('info', sink);
}

export async function send(
  url: string,
  method: string,
  options: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: ApiAnswer['body'] = {};
  if ((response.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text) as ApiAnswer['body'];
  return { status: response.status, headers: response.headers, text, body: parsed };
}

export async function startHttpWorld(options: { rateLimitPerMinute?: number; bodyLimitBytes?: number } = {}): Promise<HttpWorld> {
  const service = await startTestService();
  const store = new MongoApiKeyStore(service.connection);
  await store.init();
  const keys = createApiKeyUseCases({ store, clock: service.clock });
  const logs: string[] = [];
  const logger = captureLogger(logs);
  const base: StartHttpApiOptions = {
    port: 0,
    plans: service.plans,
    clubs: service.clubs,
    conversation: createConversation({ plans: service.plans, logger, clock: service.clock }),
    apiKeys: keys,
    logger,
    ready: async () => world.ready,
    // The production default (API_BODY_LIMIT_BYTES): a week of v2 sessions is more than 4 KB.
    bodyLimitBytes: options.bodyLimitBytes ?? 100_000,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 10_000,
    clock: () => service.clock.now().getTime(),
  };
  const api = await startHttpApi(base);
  const others: RunningHttpApi[] = [];
  const doc = (await send(`${api.url}/api/openapi.json`, 'GET')).body as unknown as OpenApiDocument;
  const checker = new DocumentChecker(doc);
  const world: HttpWorld = {
    service,
    keys,
    api,
    checker,
    logs,
    ready: true,
    async keyFor(owner) {
      return (await keys.createApiKey(owner)).key;
    },
    async request(method, path, requestOptions = {}) {
      const answer = await send(`${api.url}${path}`, method, requestOptions);
      checker.check(method, path, answer);
      return answer;
    },
    async startAnother(overrides) {
      const other = await startHttpApi({ ...base, ...overrides });
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) await other.stop();
      await api.stop();
      await service.close();
    },
  };
  return world;
}

/** The plan use cases with one of them replaced (a failing store, say). */
export function withUseCase(plans: PlanUseCases, overrides: Partial<PlanUseCases>): PlanUseCases {
  return { ...plans, ...overrides };
}
