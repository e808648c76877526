/**
 * The one place that reads `process.env`. Every setting is parsed once with zod; a missing or
 * malformed value stops start-up with a message that names the variable and what to set.
 */
import { z } from 'zod';

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
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: z.preprocess(emptyAsUndefined, z.string().regex(/^\d+$/, 'must be the numeric application id').optional()),
  DISCORD_API_URL: optionalUrl('the Discord REST API base, e.g. https://discord.com/api'),
  SCHEDULE_CRON: z.preprocess(emptyAsUndefined, z.string().default('*/5 * * * *')),
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: z.preprocess(emptyAsUndefined, z.string().default('gpt-4o-mini')),
  OPENAI_BASE_URL: optionalUrl('the OpenAI API base, e.g. https://api.openai.com/v1'),
  OPENAI_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(600_000).default(20_000)),
  OPENAI_MAX_RETRIES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(10).default(2)),
  OPENAI_MONTHLY_TOKEN_BUDGET: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(2_000_000)),
  API_PORT: optionalPort,
  API_HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  API_BODY_LIMIT_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1024).max(10_000_000).default(100_000)),
  API_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(120)),
});

type SlackConfig = {
  readonly botToken: string;
  readonly signingSecret: string;
  readonly mode: 'socket' | 'http';
  readonly appToken: string | undefined;
  readonly port: number;
  readonly apiUrl: string | undefined;
};

type DiscordConfig = {
  readonly token: string;
  readonly applicationId: string;
  readonly apiUrl: string | undefined;
};

export type OpenAiConfig = {
  readonly apiKey: string;
  readonly model: string;
  readonly baseUrl: string | undefined;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** Tokens a workspace may spend a month before the rules engine answers for it. */
  readonly monthlyTokenBudget: number;
};

type HttpApiConfig = {
  readonly port: number;
  /** The interface to listen on: loopback by default, 0.0.0.0 in a container. */
  readonly host: string;
  readonly bodyLimitBytes: number;
  readonly rateLimitPerMinute: number;
};

export type AppConfig = {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly mongodbUri: string | undefined;
  readonly mongodSystemBinary: string | undefined;
  readonly dataDir: string;
  /** Present when SLACK_BOT_TOKEN is set (the Slack adapter runs). */
  readonly slack: SlackConfig | undefined;
  /** Present when DISCORD_TOKEN is set (the Discord adapter runs). */
  readonly discord: DiscordConfig | undefined;
  readonly scheduleCron: string;
  /** Present when OPENAI_API_KEY is set (the OpenAI engine answers, the rules engine backs it up). */
  readonly openai: OpenAiConfig | undefined;
  /** Present when API_PORT is set (the HTTP API runs). */
  readonly httpApi: HttpApiConfig | undefined;
};

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (default: this process's) into the app's settings. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration; set these environment variables:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const missing: string[] = [];
  if (e.NODE_ENV === 'production' && e.MONGODB_URI === undefined) {
    missing.push('  MONGODB_URI: required when NODE_ENV=production (for example mongodb+srv://user:pass@cluster/gofast)');
  }
  let slack: SlackConfig | undefined;
  if (e.SLACK_BOT_TOKEN !== undefined) {
    if (e.SLACK_SIGNING_SECRET === undefined)
      missing.push('  SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (Basic Information → Signing Secret)');
    if (e.SLACK_MODE === 'socket' && e.SLACK_APP_TOKEN === undefined) {
      missing.push('  SLACK_APP_TOKEN: required for Socket Mode (an xapp- token with connections:write), or set SLACK_MODE=http');
    }
    slack = {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET ?? '',
      mode: e.SLACK_MODE,
      appToken: e.SLACK_APP_TOKEN,
      port: e.PORT ?? 3000,
      apiUrl: e.SLACK_API_URL,
    };
  }
  let discord: DiscordConfig | undefined;
  if (e.DISCORD_TOKEN !== undefined) {
    if (e.DISCORD_APPLICATION_ID === undefined)
      missing.push('  DISCORD_APPLICATION_ID: required with DISCORD_TOKEN (Developer Portal → General Information)');
    discord = { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID ?? '', apiUrl: e.DISCORD_API_URL };
  }
  if (missing.length > 0) throw new ConfigError(`Invalid configuration; set these environment variables:\n${missing.join('\n')}`);
  return {
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    mongodbUri: e.MONGODB_URI,
    mongodSystemBinary: e.MONGOMS_SYSTEM_BINARY,
    dataDir: e.GOFAST_DATA_DIR,
    slack,
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
          },
    httpApi:
      e.API_PORT === undefined
        ? undefined
        : { port: e.API_PORT, host: e.API_HOST, bodyLimitBytes: e.API_BODY_LIMIT_BYTES, rateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE },
  };
}
