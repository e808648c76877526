/**
 * `npm start` with Slack configured: the composition root starts the Slack adapter (Socket Mode)
 * against the local fake Slack instead of the console, answers a slash command, and stops cleanly.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import { FakeSocketMode } from '../fakes/slack/fake-socket-mode.js';
import { slashCommand } from '../fakes/slack/payloads.js';

const ROOT = join(import.meta.dirname, '..', '..');
let api: FakeSlackApi;
let socket: FakeSocketMode;

beforeAll(async () => {
  api = await FakeSlackApi.start({
    botToken: 'xoxb-main',
    appToken: 'xapp-main',
    grantedScopes: ['chat:write', 'commands', 'files:write', 'im:write', 'users:read'],
    teamId: 'T1',
  });
  api.addUser({ id: 'U1', teamId: 'T1', tz: 'Europe/Berlin', name: 'ana' });
  socket = await FakeSocketMode.start();
  api.socketModeUrl = () => socket.url;
});

afterAll(async () => {
  await socket.stop();
  await api.stop();
});

describe('npm start with SLACK_BOT_TOKEN', () => {
  it('runs the Slack adapter instead of the console, opens the draft modal for /plan, and stops on SIGTERM', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'gofast-slack-start-'));
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'gofast.js'), 'start'], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? cwd,
        GOFAST_DATA_DIR: join(cwd, '.data'),
        SLACK_BOT_TOKEN: 'xoxb-main',
        SLACK_APP_TOKEN: 'xapp-main',
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_API_URL: api.apiUrl,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await socket.waitForConnections(1, 20_000);
    const ack = await socket.push(
      'slash_commands',
      slashCommand(
        { teamId: 'T1', userId: 'U1', name: 'ana', tz: 'Europe/Berlin' },
        { text: '', channelId: 'DU1', channelName: 'directmessage', responseUrl: `${api.url}/_fake/response/1` },
      ),
    );
    expect(ack.envelope_id).toBeDefined();
    const opened = await api.waitForCall('views.open', { timeoutMs: 10_000 });
    expect(JSON.stringify(opened.args)).toContain('gofast.form.draft');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    // Logs as a service: JSON lines on stdout, with the banner naming the adapter.
    const banner = stdout.split('\n').find((line) => line.includes('GoFast Coach · store'));
    expect(banner).toBeDefined();
    expect(JSON.parse(banner ?? '{}').msg).toMatch(/adapters: slack \(socket\) · weekly delivery/);
    expect(stdout).not.toContain('Type /plan to start');
  }, 40_000);
});
