/**
 * The one place that reads `process.env`. Every setting is parsed once with zod; a missing or
 * malformed value stops start-up with a message that names the variable and what to set.
 */
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyAsUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

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
  MONGOMS_SYSTEM_BINARY: z.preprocess(emptyAsUndefined, z.string().optional()),
  GOFAST_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('.data')),
});

export type AppConfig = {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly mongodbUri: string | undefined;
  readonly mongodSystemBinary: string | undefined;
  readonly dataDir: string;
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
  if (e.NODE_ENV === 'production' && e.MONGODB_URI === undefined) {
    throw new ConfigError(
      'MONGODB_URI is required when NODE_ENV=production (for example mongodb+srv://user:pass@cluster/gofast).',
    );
  }
  return {
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    mongodbUri: e.MONGODB_URI,
    mongodSystemBinary: e.MONGOMS_SYSTEM_BINARY,
    dataDir: e.GOFAST_DATA_DIR,
  };
}
