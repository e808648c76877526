/**
 * The one place that reads `process.env`. Every setting is parsed once with zod; a missing or
 * malformed value stops start-up with a message that names the variable and what to set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { z } from 'zod';
import { IN_MEMORY_DATA_DIR } from './storage/in-memory-data-dir.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyAsUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const optionalUrl = (what: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^https?:\/\/\S+$/, `must be an http(s) URL (${what})`)
      .optional(),
  );
/** Loopback hosts: the only ones a share link may name over plain http (nothing leaves the machine). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * PUBLIC_BASE_URL: where people reach this server's HTTP port (the share links' base). https, or
 * http on loopback for local use: a link carries its own credential, so it must not cross a
 * network in the clear. A path is kept (a reverse proxy's prefix); trailing slashes are dropped.
 */
const publicBaseUrl = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .trim()
    .superRefine((text, ctx) => {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a URL such as https://coach.example.org' });
        return;
      }
      if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
        ctx.addIssue({ code: 'custom', message: 'must be a plain base URL: no query, fragment or credentials' });
      } else if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
        ctx.addIssue({ code: 'custom', message: 'must start with https:// (http:// only for localhost)' });
      }
    })
    .transform((text) => text.replace(/\/+$/, ''))
    .optional(),
);
const optionalPort = z.preprocess(
  emptyAsUndefined,
  z.coerce.number().int('must be a whole number').min(0).max(65_535, 'must be a port number 0–65535').optional(),
);

const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'test', 'production']).default('development')),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(LOG_LEVELS).optional()),
  MONGODB_URI: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  MONGOMS_SYSTEM_BINARY: optionalString,
  GOFAST_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('.data')),
  SLACK_BOT_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^xoxb-/, 'must be a bot token (xoxb-…)')
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^xapp-/, 'must be an app-level token (xapp-…)')
      .optional(),
  ),
  SLACK_MODE: z.preprocess(emptyAsUndefined, z.enum(['socket', 'http']).default('socket')),
  SLACK_API_URL: optionalUrl('the Slack Web API base, e.g. https://slack.com/api/'),
  PORT: optionalPort,
  SLACK_HOST: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^\S+$/, 'must be an interface address or host name without spaces, e.g. 127.0.0.1 or ::').optional(),
  ),
  SLACK_WORK_QUEUE_LIMIT: z.preprocess(emptyAsUndefined, z.coerce.number().int('must be a whole number').min(0).max(100_000).default(200)),
  SLACK_COMMAND: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\/[a-z0-9_-]{1,31}$/, 'must be a slash then 1–31 lower-case letters, digits, - or _ (e.g. /plan, /coach)')
      .default('/plan'),
  ),
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: z.preprocess(emptyAsUndefined, z.string().regex(/^\d+$/, 'must be the numeric application id').optional()),
  DISCORD_API_URL: optionalUrl('the Discord REST API base, e.g. https://discord.com/api'),
  DISCORD_GUILD_ID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\d{17,25}$/, 'must be a server id (17–25 digits)')
      .optional(),
  ),
  SCHEDULE_CRON: z.preprocess(emptyAsUndefined, z.string().default('*/5 * * * *')),
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: z.preprocess(emptyAsUndefined, z.string().default('gpt-4o-mini')),
  OPENAI_BASE_URL: optionalUrl('the OpenAI API base, e.g. https://api.openai.com/v1'),
  OPENAI_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(600_000).default(20_000)),
  OPENAI_MAX_RETRIES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(10).default(2)),
  OPENAI_MONTHLY_TOKEN_BUDGET: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(2_000_000)),
  // Unset: the engine's default (12 s, DEFAULT_INTERACTIVE_BUDGET_MS), its one home.
  OPENAI_INTERACTIVE_BUDGET_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('must be a whole number of seconds').min(1).max(600, 'must be at most 600 seconds').optional(),
  ),
  API_PORT: optionalPort,
  API_HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  PUBLIC_BASE_URL: publicBaseUrl,
  API_BODY_LIMIT_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1024).max(10_000_000).default(100_000)),
  API_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(120)),
  API_AUTH_FAILURE_LIMIT: z.preprocess(emptyAsUndefined, z.coerce.number().int('must be a whole number').min(1).max(100_000).default(20)),
  API_AUTH_FAILURE_WINDOW_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('must be a whole number').min(1).max(86_400, 'must be at most 86400 (a day)').default(300),
  ),
  STRAVA_CLIENT_ID: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^\d+$/, 'must be the numeric Client ID of your Strava API application').optional(),
  ),
  STRAVA_CLIENT_SECRET: optionalString,
  STRAVA_VERIFY_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[\x21-\x7e]{16,200}$/, 'must be 16–200 printable characters without spaces (e.g. openssl rand -hex 16)')
      .optional(),
  ),
  STRAVA_API_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL (the Strava API base, e.g. https://www.strava.com/api/v3)')
      .default('https://www.strava.com/api/v3'),
  ),
  STRAVA_OAUTH_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL (Strava OAuth base, e.g. https://www.strava.com/oauth)')
      .default('https://www.strava.com/oauth'),
  ),
  GOFAST_ENCRYPTION_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .transform((text, ctx) => {
        const key = /^[0-9a-fA-F]{64}$/.test(text)
          ? Buffer.from(text, 'hex')
          : /^[A-Za-z0-9+/]{43}=?$/.test(text)
            ? Buffer.from(text, 'base64')
            : undefined;
        if (key === undefined || key.length !== 32) {
          ctx.addIssue({ code: 'custom', message: 'must be 32 random bytes, as 64 hex digits or base64 (openssl rand -base64 32)' });
          return z.NEVER;
        }
        return key;
      })
      .optional(),
  ),
  API_STORAGE_RETRY_AFTER_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('must be a whole number').min(1).max(3600, 'must be at most 3600 (an hour)').default(5),
  ),
});

type SlackConfig = {
  readonly botToken: string;
  readonly signingSecret: string;
  readonly mode: 'socket' | 'http';
  readonly appToken: string | undefined;
  readonly port: number;
  /** HTTP mode: the interface to listen on; undefined listens on all of them. */
  readonly host: string | undefined;
  readonly apiUrl: string | undefined;
  /** Requests whose work may wait for a slot after their ack; past it they are told the coach is busy. */
  readonly workQueueLimit: number;
  /** The slash command the app answers (SLACK_COMMAND, the manifest's too); default `/plan`. */
  readonly command: string;
};

type DiscordConfig = {
  readonly token: string;
  readonly applicationId: string;
  readonly apiUrl: string | undefined;
  /** Register `/plan` in this server only (instant; for testing) instead of globally. */
  readonly guildId: string | undefined;
};

export type OpenAiConfig = {
  readonly apiKey: string;
  readonly model: string;
  readonly baseUrl: string | undefined;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** Tokens a workspace may spend a month before the rules engine answers for it. */
  readonly monthlyTokenBudget: number;
  /** The most a person waits on the model for a preview or a week; undefined: the engine's default. */
  readonly interactiveBudgetMs: number | undefined;
};

type HttpApiConfig = {
  readonly port: number;
  /** The interface to listen on: loopback by default, 0.0.0.0 in a container. */
  readonly host: string;
  readonly bodyLimitBytes: number;
  readonly rateLimitPerMinute: number;
  /** Failed authentications per client address in a window before it gets 429 (the adapter's `AuthFailureLimit`). */
  readonly authFailureLimit: { readonly failures: number; readonly windowMs: number };
  /** The Retry-After of the 503 answered while the database cannot be reached. */
  readonly storageRetryAfterSeconds: number;
};

export type StravaConfig = {
  readonly clientId: string;
  readonly clientSecret: string;
  /** What `GET /strava/webhook` expects as `hub.verify_token` (and `gofast strava subscribe` sends). */
  readonly verifyToken: string;
  /** The API v3 base without a trailing slash (a Strava-compatible test server in tests). */
  readonly apiUrl: string;
  /** The OAuth base (`/authorize`, `/token`, `/deauthorize`) without a trailing slash. */
  readonly oauthUrl: string;
  /** PUBLIC_BASE_URL: Strava sends athletes back to `<base>/strava/callback` and events to `<base>/strava/webhook`. */
  readonly publicBaseUrl: string;
  /** GOFAST_ENCRYPTION_KEY: 32 bytes; the tokens are encrypted with it at rest. */
  readonly encryptionKey: Buffer;
};

export type AppConfig = {
  /** The env file read under the environment (`.env`), for the start-up line; undefined when none was. */
  readonly envFile: string | undefined;
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly mongodbUri: string | undefined;
  readonly mongodSystemBinary: string | undefined;
  readonly dataDir: string;
  /**
   * GOFAST_DATA_DIR is `:memory:`: the embedded store keeps plans in memory only, for tests.
   * MONGODB_URI, when set, still wins; without it, config refuses a chat token or API_PORT with this.
   */
  readonly inMemoryStore: boolean;
  /** Present when SLACK_BOT_TOKEN is set (the Slack adapter runs). */
  readonly slack: SlackConfig | undefined;
  /** SLACK_COMMAND even without a token: `gofast slack manifest` prints the app's manifest with it. */
  readonly slackCommand: string;
  /** Present when DISCORD_TOKEN is set (the Discord adapter runs). */
  readonly discord: DiscordConfig | undefined;
  readonly scheduleCron: string;
  /** Present when OPENAI_API_KEY is set (the OpenAI engine answers, the rules engine backs it up). */
  readonly openai: OpenAiConfig | undefined;
  /** Present when API_PORT is set (the HTTP API runs). */
  readonly httpApi: HttpApiConfig | undefined;
  /**
   * PUBLIC_BASE_URL: the address share links start with (`/plan share`). Unset: no links are made
   * (there is no address to give that others could open); `/plan share` says the operator must set it.
   */
  readonly publicBaseUrl: string | undefined;
  /** Present when STRAVA_CLIENT_ID is set (issue 21: runs log themselves from Strava). */
  readonly strava: StravaConfig | undefined;
};

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** `NAME=value`, optionally after `export `; the value may be quoted. */
const ENV_LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/**
 * The variables of an env file's text. Blank lines and `#` comments are skipped; a value may be
 * 'single' (as is), "double" (\n and \" escapes) or bare (a ` #` comment after it is dropped).
 * A line that is none of these is an error naming the file and line, never its content: it may
 * hold a secret.
 */
function parseEnvFile(text: string, shownPath: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = ENV_LINE.exec(trimmed);
    const name = match?.[1];
    const raw = match?.[2];
    const value = raw === undefined ? undefined : envValue(raw);
    if (name === undefined || value === undefined) {
      throw new ConfigError(
        `Cannot read ${shownPath}: line ${index + 1} is not NAME=value, a # comment or a blank line (and quotes must be closed).`,
      );
    }
    values[name] = value;
  }
  return values;
}

/** A value as written after `=`, or undefined when its quotes are not closed or text follows them. */
function envValue(raw: string): string | undefined {
  const quote = raw[0];
  if (quote === "'" || quote === '"') {
    // The closing quote; in "double" quotes, the first one not escaped by a backslash.
    let close = -1;
    for (let i = 1; i < raw.length; i += 1) {
      if (quote === '"' && raw[i] === '\\') i += 1;
      else if (raw[i] === quote) {
        close = i;
        break;
      }
    }
    if (close === -1) return undefined;
    const rest = raw.slice(close + 1).trim();
    if (rest !== '' && !rest.startsWith('#')) return undefined;
    const body = raw.slice(1, close);
    return quote === "'" ? body : body.replace(/\\([nrt"\\])/g, (_all, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
  }
  return raw.replace(/\s+#.*$/, '').trim();
}

type EnvFileOptions = {
  /** Where a relative `GOFAST_ENV_FILE`, and the default `.env`, are found. */
  readonly cwd: string;
};

/**
 * `env` with the variables of the env file under it: `GOFAST_ENV_FILE` if set, else `.env` in
 * `cwd`. The real environment wins over the file, so an exported variable always overrides it.
 * A missing `.env` is fine (the environment alone is used); a `GOFAST_ENV_FILE` that is missing
 * is an error, since it was asked for by name. `file` is the path read, relative to `cwd` when
 * inside it, for the start-up line.
 */
export function withEnvFile(env: NodeJS.ProcessEnv, options: EnvFileOptions): { env: NodeJS.ProcessEnv; file: string | undefined } {
  const named = env.GOFAST_ENV_FILE?.trim();
  const path = resolve(options.cwd, named || '.env');
  const inside = relative(options.cwd, path);
  const shown = inside !== '' && !inside.startsWith('..') && !inside.startsWith('/') ? inside : path;
  if (!existsSync(path)) {
    if (named) throw new ConfigError(`Cannot read ${shown}: GOFAST_ENV_FILE names a file that does not exist.`);
    return { env, file: undefined };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read ${shown}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const fromFile = parseEnvFile(text, shown);
  const merged: NodeJS.ProcessEnv = { ...fromFile };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) merged[name] = value;
  return { env: merged, file: shown };
}

/**
 * Parses an environment into the app's settings. With no arguments that is this process's
 * environment over the env file of the working directory (see `withEnvFile`); an explicit `env`
 * is taken as it is unless `envFile` says where to look for a file.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  envFile: EnvFileOptions | false = env === process.env ? { cwd: process.cwd() } : false,
): AppConfig {
  const loaded = envFile === false ? { env, file: undefined } : withEnvFile(env, envFile);
  const parsed = envSchema.safeParse(loaded.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration; set these environment variables:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const inMemoryStore = e.GOFAST_DATA_DIR === IN_MEMORY_DATA_DIR;
  const serving = [
    ...(e.SLACK_BOT_TOKEN === undefined ? [] : ['SLACK_BOT_TOKEN']),
    ...(e.DISCORD_TOKEN === undefined ? [] : ['DISCORD_TOKEN']),
    ...(e.API_PORT === undefined ? [] : ['API_PORT']),
  ];
  if (inMemoryStore && e.MONGODB_URI === undefined && serving.length > 0) {
    // People's plans would vanish at the next restart, silently: refuse before anything starts.
    throw new ConfigError(
      `GOFAST_DATA_DIR=${IN_MEMORY_DATA_DIR} keeps plans in memory only; ${serving.join(' and ')} ${serving.length > 1 ? 'need' : 'needs'} a data directory or MONGODB_URI, so plans survive a restart.`,
    );
  }
  const missing: string[] = [];
  // Production may keep plans in the durable embedded store for one instance (the data dir's lock
  // refuses a second); only an in-memory store is out.
  if (e.NODE_ENV === 'production' && e.MONGODB_URI === undefined && inMemoryStore) {
    missing.push(
      `  MONGODB_URI: required when NODE_ENV=production with GOFAST_DATA_DIR=${IN_MEMORY_DATA_DIR} (or set GOFAST_DATA_DIR to a directory)`,
    );
  }
  let slack: SlackConfig | undefined;
  if (e.SLACK_BOT_TOKEN !== undefined) {
    // Only HTTP mode verifies request signatures; Socket Mode's connection is authenticated by the app token.
    if (e.SLACK_MODE === 'http' && e.SLACK_SIGNING_SECRET === undefined)
      missing.push('  SLACK_SIGNING_SECRET: required for SLACK_MODE=http (Basic Information → App Credentials → Signing Secret)');
    if (e.SLACK_MODE === 'socket' && e.SLACK_APP_TOKEN === undefined) {
      missing.push('  SLACK_APP_TOKEN: required for Socket Mode (an xapp- token with connections:write), or set SLACK_MODE=http');
    }
    slack = {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET ?? '',
      mode: e.SLACK_MODE,
      appToken: e.SLACK_APP_TOKEN,
      port: e.PORT ?? 3000,
      host: e.SLACK_HOST,
      apiUrl: e.SLACK_API_URL,
      workQueueLimit: e.SLACK_WORK_QUEUE_LIMIT,
      command: e.SLACK_COMMAND,
    };
  }
  let discord: DiscordConfig | undefined;
  if (e.DISCORD_TOKEN !== undefined) {
    if (e.DISCORD_APPLICATION_ID === undefined)
      missing.push('  DISCORD_APPLICATION_ID: required with DISCORD_TOKEN (Developer Portal → General Information)');
    discord = {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID ?? '',
      apiUrl: e.DISCORD_API_URL,
      guildId: e.DISCORD_GUILD_ID,
    };
  }
  let strava: StravaConfig | undefined;
  if (e.STRAVA_CLIENT_ID !== undefined) {
    // Strava calls back on the HTTP server, at the public address; the tokens need a key to be stored.
    if (e.STRAVA_CLIENT_SECRET === undefined)
      missing.push('  STRAVA_CLIENT_SECRET: required with STRAVA_CLIENT_ID (strava.com/settings/api)');
    if (e.STRAVA_VERIFY_TOKEN === undefined)
      missing.push('  STRAVA_VERIFY_TOKEN: required with STRAVA_CLIENT_ID (any 16+ random characters: openssl rand -hex 16)');
    if (e.GOFAST_ENCRYPTION_KEY === undefined)
      missing.push('  GOFAST_ENCRYPTION_KEY: required with STRAVA_CLIENT_ID, to encrypt Strava tokens at rest (openssl rand -base64 32)');
    if (e.PUBLIC_BASE_URL === undefined)
      missing.push('  PUBLIC_BASE_URL: required with STRAVA_CLIENT_ID (where Strava reaches this server: https://coach.example.org)');
    if (e.API_PORT === undefined)
      missing.push('  API_PORT: required with STRAVA_CLIENT_ID (the HTTP server serves /strava/callback and /strava/webhook)');
    if (
      e.STRAVA_CLIENT_SECRET !== undefined &&
      e.STRAVA_VERIFY_TOKEN !== undefined &&
      e.GOFAST_ENCRYPTION_KEY !== undefined &&
      e.PUBLIC_BASE_URL !== undefined
    ) {
      strava = {
        clientId: e.STRAVA_CLIENT_ID,
        clientSecret: e.STRAVA_CLIENT_SECRET,
        verifyToken: e.STRAVA_VERIFY_TOKEN,
        apiUrl: e.STRAVA_API_URL.replace(/\/+$/, ''),
        oauthUrl: e.STRAVA_OAUTH_URL.replace(/\/+$/, ''),
        publicBaseUrl: e.PUBLIC_BASE_URL,
        encryptionKey: e.GOFAST_ENCRYPTION_KEY,
      };
    }
  }
  if (missing.length > 0) throw new ConfigError(`Invalid configuration; set these environment variables:\n${missing.join('\n')}`);
  return {
    envFile: loaded.file,
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    mongodbUri: e.MONGODB_URI,
    mongodSystemBinary: e.MONGOMS_SYSTEM_BINARY,
    dataDir: e.GOFAST_DATA_DIR,
    inMemoryStore,
    slack,
    slackCommand: e.SLACK_COMMAND,
    discord,
    scheduleCron: e.SCHEDULE_CRON,
    openai:
      e.OPENAI_API_KEY === undefined
        ? undefined
        : {
            apiKey: e.OPENAI_API_KEY,
            model: e.OPENAI_MODEL,
            baseUrl: e.OPENAI_BASE_URL,
            timeoutMs: e.OPENAI_TIMEOUT_MS,
            maxRetries: e.OPENAI_MAX_RETRIES,
            monthlyTokenBudget: e.OPENAI_MONTHLY_TOKEN_BUDGET,
            interactiveBudgetMs: e.OPENAI_INTERACTIVE_BUDGET_SECONDS === undefined ? undefined : e.OPENAI_INTERACTIVE_BUDGET_SECONDS * 1000,
          },
    httpApi:
      e.API_PORT === undefined
        ? undefined
        : {
            port: e.API_PORT,
            host: e.API_HOST,
            bodyLimitBytes: e.API_BODY_LIMIT_BYTES,
            rateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
            authFailureLimit: { failures: e.API_AUTH_FAILURE_LIMIT, windowMs: e.API_AUTH_FAILURE_WINDOW_SECONDS * 1000 },
            storageRetryAfterSeconds: e.API_STORAGE_RETRY_AFTER_SECONDS,
          },
    publicBaseUrl: e.PUBLIC_BASE_URL,
    strava,
  };
}
