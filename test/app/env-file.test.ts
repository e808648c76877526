/**
 * `.env` is read under the real environment: the file of the working directory (or the one
 * `GOFAST_ENV_FILE` names), the environment winning, a missing file fine, a malformed one a single
 * sentence. Every file here lives in a temp dir; the repository's own `.env` is never touched.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, withEnvFile } from '../../src/config.js';

const ROOT = join(import.meta.dirname, '..', '..');

async function dirWith(files: Record<string, string>): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'gofast-env-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(cwd, name), text);
  return cwd;
}

describe('the env file', () => {
  it('reads .env of the working directory, with comments, export, quotes and escapes', async () => {
    const cwd = await dirWith({
      '.env': [
        '# Slack',
        'export SLACK_BOT_TOKEN=xoxb-from-file',
        "SLACK_SIGNING_SECRET='s3cret # not a comment'",
        'SLACK_MODE = http # the receiver',
        'OPENAI_API_KEY="sk-\\"quoted\\"\\n"',
        'MONGODB_URI=',
        '',
      ].join('\n'),
    });
    const { env, file } = withEnvFile({}, { cwd });
    expect(file).toBe('.env');
    expect(env).toMatchObject({
      SLACK_BOT_TOKEN: 'xoxb-from-file',
      SLACK_SIGNING_SECRET: 's3cret # not a comment',
      SLACK_MODE: 'http',
      OPENAI_API_KEY: 'sk-"quoted"\n',
      MONGODB_URI: '',
    });
    const config = loadConfig({}, { cwd });
    expect(config.envFile).toBe('.env');
    expect(config.slack).toMatchObject({ botToken: 'xoxb-from-file', mode: 'http' });
  });

  it('lets the real environment win over the file', async () => {
    const cwd = await dirWith({ '.env': 'SCHEDULE_CRON=0 6 * * 1\nOPENAI_MODEL=from-file\n' });
    const config = loadConfig({ SCHEDULE_CRON: '0 9 * * 1' }, { cwd });
    expect(config.scheduleCron).toBe('0 9 * * 1');
    expect(config.openai).toBeUndefined();
    expect(withEnvFile({ OPENAI_MODEL: 'exported' }, { cwd }).env.OPENAI_MODEL).toBe('exported');
  });

  it('is fine without a .env, and reads the file GOFAST_ENV_FILE names instead', async () => {
    const empty = await dirWith({});
    expect(loadConfig({}, { cwd: empty })).toMatchObject({ envFile: undefined, scheduleCron: '*/5 * * * *' });
    const cwd = await dirWith({ '.env': 'SCHEDULE_CRON=0 1 * * 1\n', 'prod.env': 'SCHEDULE_CRON=0 2 * * 1\n' });
    const named = loadConfig({ GOFAST_ENV_FILE: 'prod.env' }, { cwd });
    expect(named).toMatchObject({ envFile: 'prod.env', scheduleCron: '0 2 * * 1' });
    const absolute = loadConfig({ GOFAST_ENV_FILE: join(cwd, 'prod.env') }, { cwd: empty });
    expect(absolute.envFile).toBe(join(cwd, 'prod.env'));
    // A file asked for by name that is not there is a mistake worth saying.
    expect(() => loadConfig({ GOFAST_ENV_FILE: 'missing.env' }, { cwd })).toThrow(
      /^Cannot read missing\.env: GOFAST_ENV_FILE names a file that does not exist\.$/,
    );
  });

  it('says in one sentence which line of a malformed file is wrong, without echoing it', async () => {
    for (const [text, line] of [
      ['NODE_ENV=test\nthis line has no equals sign\n', 2],
      ['SLACK_SIGNING_SECRET="open-ended\n', 1],
      ["OPENAI_API_KEY='sk' trailing\n", 1],
      ['1BAD=x\n', 1],
    ] as const) {
      const cwd = await dirWith({ '.env': text });
      let error: unknown;
      try {
        loadConfig({}, { cwd });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toBe(`Cannot read .env: line ${line} is not NAME=value, a # comment or a blank line (and quotes must be closed).`);
      expect(message).not.toMatch(/open-ended|sk|equals/);
    }
  });

  it('is not read when an environment is passed explicitly, so tests stay hermetic', async () => {
    const cwd = await dirWith({ '.env': 'SCHEDULE_CRON=0 6 * * 1\n' });
    const before = process.cwd();
    process.chdir(cwd);
    try {
      expect(loadConfig({}).envFile).toBeUndefined();
    } finally {
      process.chdir(before);
    }
  });

  it('is named on the start-up line of `gofast start`', async () => {
    const cwd = await dirWith({ '.env': 'SCHEDULE_CRON="0 6 * * 1"\nLOG_LEVEL=error\n' });
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'gofast.js'), 'start'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, GOFAST_DATA_DIR: join(cwd, '.data') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdin.end('');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^GoFast Coach · store: .* · weekly delivery: 0 6 \* \* 1 · env: \.env$/);
  }, 60_000);
});
