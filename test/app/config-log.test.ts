import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';

describe('config', () => {
  it('defaults to development with no database URI', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ nodeEnv: 'development', logLevel: 'info', mongodbUri: undefined, dataDir: '.data' });
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
  });

  it('says exactly what to set when a value is malformed or missing', () => {
    expect(() => loadConfig({ MONGODB_URI: 'localhost:27017' })).toThrow(/MONGODB_URI: must start with mongodb:\/\//);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    // One production instance may keep plans in the durable store; in memory, never.
    expect(loadConfig({ NODE_ENV: 'production' }).dataDir).toBe('.data');
    expect(() => loadConfig({ NODE_ENV: 'production', GOFAST_DATA_DIR: ':memory:' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', GOFAST_DATA_DIR: ':memory:' })).toThrow(
      /MONGODB_URI: required when NODE_ENV=production/,
    );
    expect(loadConfig({ NODE_ENV: 'production', MONGODB_URI: 'mongodb+srv://u:p@c/gofast' }).mongodbUri).toContain('gofast');
  });
});

describe('logger', () => {
  it('redacts tokens, keys, secrets and the database URI wherever they appear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info({ slack: { botToken: 'xoxb-secret', signingSecret: 's3cret' }, apiKey: 'sk-live', mongodbUri: 'mongodb://u:pw@h' }, 'start');
    const text = lines.join('');
    for (const secret of ['xoxb-secret', 's3cret', 'sk-live', 'u:pw']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(JSON.parse(lines[0] ?? '{}').msg).toBe('start');
  });
});

describe('platform config', () => {
  it('turns the Slack and Discord adapters on with their tokens and names what is missing', () => {
    expect(loadConfig({}).slack).toBeUndefined();
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_APP_TOKEN: required for Socket Mode/);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_MODE: 'http', PORT: '8080' }).slack).toMatchObject({
      mode: 'http',
      port: 8080,
    });
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'abc' })).toThrow(/SLACK_BOT_TOKEN: must be a bot token/);
    expect(() => loadConfig({ DISCORD_TOKEN: 't' })).toThrow(/DISCORD_APPLICATION_ID: required with DISCORD_TOKEN/);
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123' }).discord).toMatchObject({ applicationId: '123' });
    const guild = '123456789012345678';
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123', DISCORD_GUILD_ID: guild }).discord?.guildId).toBe(guild);
    expect(() => loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123', DISCORD_GUILD_ID: 'club' })).toThrow(/DISCORD_GUILD_ID/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(loadConfig({}).scheduleCron).toBe('*/5 * * * *');
  });
});

describe('the Slack signing secret', () => {
  it('is not needed in Socket Mode, which does not use it', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).not.toThrow(/SLACK_SIGNING_SECRET/);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack).toMatchObject({
      mode: 'socket',
      appToken: 'xapp-1',
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_MODE: 'socket' }).slack?.mode).toBe('socket');
  });

  it('is required in HTTP mode, in one sentence naming the variable and where to find it', () => {
    let message = '';
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'http' });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    const lines = message.split('\n').filter((line) => line.includes('SLACK_SIGNING_SECRET'));
    expect(lines).toEqual(['  SLACK_SIGNING_SECRET: required for SLACK_MODE=http (Basic Information → App Credentials → Signing Secret)']);
    expect(message).not.toMatch(/SLACK_APP_TOKEN/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'http', SLACK_SIGNING_SECRET: '   ' })).toThrow(
      /SLACK_SIGNING_SECRET: required for SLACK_MODE=http/,
    );
  });
});

describe('OpenAI and HTTP API config', () => {
  it('turns the OpenAI engine and the HTTP API on with their variables, with defaults', () => {
    expect(loadConfig({}).openai).toBeUndefined();
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test' }).openai).toMatchObject({ model: 'gpt-4o-mini', timeoutMs: 20_000, maxRetries: 2 });
    expect(() => loadConfig({ OPENAI_API_KEY: 'sk', OPENAI_TIMEOUT_MS: 'soon' })).toThrow(/OPENAI_TIMEOUT_MS/);
    expect(loadConfig({ API_PORT: '8080' }).httpApi).toMatchObject({ port: 8080, rateLimitPerMinute: 120 });
    expect(loadConfig({}).httpApi).toBeUndefined();
  });
});

describe('limits and hosts from the environment', () => {
  it('reads the HTTP API failed-authentication limit and outage Retry-After, with the adapter defaults', () => {
    expect(loadConfig({ API_PORT: '8080' }).httpApi).toMatchObject({
      authFailureLimit: { failures: 20, windowMs: 300_000 },
      storageRetryAfterSeconds: 5,
    });
    expect(
      loadConfig({
        API_PORT: '8080',
        API_AUTH_FAILURE_LIMIT: '5',
        API_AUTH_FAILURE_WINDOW_SECONDS: '60',
        API_STORAGE_RETRY_AFTER_SECONDS: '30',
      }).httpApi,
    ).toMatchObject({ authFailureLimit: { failures: 5, windowMs: 60_000 }, storageRetryAfterSeconds: 30 });
    expect(() => loadConfig({ API_PORT: '8080', API_AUTH_FAILURE_LIMIT: '0' })).toThrow(/API_AUTH_FAILURE_LIMIT/);
    expect(() => loadConfig({ API_PORT: '8080', API_AUTH_FAILURE_WINDOW_SECONDS: 'soon' })).toThrow(/API_AUTH_FAILURE_WINDOW_SECONDS/);
    expect(() => loadConfig({ API_PORT: '8080', API_STORAGE_RETRY_AFTER_SECONDS: '1.5' })).toThrow(
      /API_STORAGE_RETRY_AFTER_SECONDS: must be a whole number/,
    );
  });

  it("reads the Slack receiver's host (all interfaces when unset) and its work-queue bound", () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_MODE: 'http' };
    expect(loadConfig(slack).slack).toMatchObject({ host: undefined, workQueueLimit: 200 });
    expect(loadConfig({ ...slack, SLACK_HOST: '127.0.0.1', SLACK_WORK_QUEUE_LIMIT: '50' }).slack).toMatchObject({
      host: '127.0.0.1',
      workQueueLimit: 50,
    });
    expect(loadConfig({ ...slack, SLACK_HOST: '' }).slack?.host).toBeUndefined();
    expect(() => loadConfig({ ...slack, SLACK_HOST: 'local host' })).toThrow(/SLACK_HOST/);
    expect(() => loadConfig({ ...slack, SLACK_WORK_QUEUE_LIMIT: '-1' })).toThrow(/SLACK_WORK_QUEUE_LIMIT/);
  });
});

describe('an in-memory store', () => {
  const memory = { GOFAST_DATA_DIR: ':memory:' };

  it('is allowed for the console and tests, and said so', () => {
    expect(loadConfig(memory)).toMatchObject({ dataDir: ':memory:', inMemoryStore: true });
    expect(loadConfig({})).toMatchObject({ dataDir: '.data', inMemoryStore: false });
    expect(loadConfig({ GOFAST_DATA_DIR: '/var/lib/gofast' }).inMemoryStore).toBe(false);
  });

  it.each([
    ['a Slack token', { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN needs'],
    ['a Discord token', { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123' }, 'DISCORD_TOKEN needs'],
    ['API_PORT', { API_PORT: '8080' }, 'API_PORT needs'],
    [
      'a Slack token and API_PORT',
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', API_PORT: '8080' },
      'SLACK_BOT_TOKEN and API_PORT need',
    ],
  ])('is refused at start with %s, in one sentence', (_name, serving, names) => {
    let thrown: unknown;
    try {
      loadConfig({ ...memory, ...serving });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toBe(
      `GOFAST_DATA_DIR=:memory: keeps plans in memory only; ${names} a data directory or MONGODB_URI, so plans survive a restart.`,
    );
  });

  it('is not in the way when MONGODB_URI holds the plans', () => {
    const config = loadConfig({ ...memory, API_PORT: '8080', MONGODB_URI: 'mongodb://127.0.0.1:27017/gofast' });
    expect(config.httpApi?.port).toBe(8080);
  });
});
