/**
 * `gofast strava subscribe | subscription | unsubscribe` against the fake Strava, which checks the
 * callback as Strava does: a GET with `hub.challenge` that must come back echoed. A tiny loopback
 * handler stands in for the running server's `GET /strava/webhook`.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runStravaCommand, type StravaCommandConfig } from '../../src/cli/strava-command.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { FakeStrava } from '../fakes/strava/fake-strava.js';
import { cli } from '../support/run-cli.js';

const VERIFY_TOKEN = 'verify-0123456789abcdef';

let strava: FakeStrava;
let server: Server;
let base: string;
/** The verify token the stand-in server accepts; Strava's challenge fails with any other. */
let acceptedToken: string;
let challenges: URLSearchParams[];

beforeEach(async () => {
  strava = await FakeStrava.start();
  acceptedToken = VERIFY_TOKEN;
  challenges = [];
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/strava/webhook') {
      challenges.push(url.searchParams);
      if (url.searchParams.get('hub.verify_token') !== acceptedToken) {
        res.writeHead(403).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ 'hub.challenge': url.searchParams.get('hub.challenge') }));
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await strava.close();
  server.close();
});

function config(overrides: Partial<StravaCommandConfig> = {}): StravaCommandConfig {
  return {
    clientId: strava.clientId,
    clientSecret: strava.clientSecret,
    verifyToken: VERIFY_TOKEN,
    apiUrl: strava.apiUrl,
    oauthUrl: strava.oauthUrl,
    publicBaseUrl: base,
    ...overrides,
  };
}

const run = (argv: string[], overrides: Partial<StravaCommandConfig> = {}): Promise<string> =>
  runStravaCommand(argv, { config: config(overrides) });

describe('gofast strava', () => {
  it('subscribe: Strava checks the callback with the verify token, then the subscription exists', async () => {
    const out = await run(['subscribe']);
    const id = String(strava.currentSubscription?.id);
    expect(out).toBe(`Subscribed (subscription ${id}): Strava will post activity events to ${base}/strava/webhook.\n`);
    expect(strava.currentSubscription?.callbackUrl).toBe(`${base}/strava/webhook`);
    expect(challenges).toHaveLength(1);
    expect(challenges[0]?.get('hub.mode')).toBe('subscribe');
    expect(challenges[0]?.get('hub.verify_token')).toBe(VERIFY_TOKEN);
  });

  it('subscribe again: says it is there already, with its id and callback, and changes nothing', async () => {
    await run(['subscribe']);
    const id = String(strava.currentSubscription?.id);
    expect(await run(['subscribe'])).toContain(
      `Already subscribed: Strava subscription ${id}: Strava posts activity events to ${base}/strava/webhook`,
    );
    expect(challenges).toHaveLength(1);
  });

  it('subscribe with the one subscription pointing elsewhere: names it and how to move it', async () => {
    await run(['subscribe']);
    const error = await run(['subscribe'], { publicBaseUrl: 'https://coach.example.org' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    const id = String(strava.currentSubscription?.id);
    expect((error as Error).message).toContain(`has one already, ${id}, posting to ${base}/strava/webhook`);
    expect((error as Error).message).toContain('gofast strava unsubscribe');
  });

  it('subscribe when the server does not answer the challenge: says what Strava needs, creates nothing', async () => {
    acceptedToken = 'another-token-entirely';
    const error = (await run(['subscribe']).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(`Strava must reach ${base}/strava/webhook`);
    expect(error.message).toContain('STRAVA_VERIFY_TOKEN');
    expect(error.message).not.toContain(VERIFY_TOKEN);
    expect(strava.currentSubscription).toBeNull();
  });

  it('subscription shows it; unsubscribe deletes it; both say when there is none', async () => {
    expect(await run(['subscription'])).toContain('no Strava webhook subscription; create it with `gofast strava subscribe`');
    await run(['subscribe']);
    const id = String(strava.currentSubscription?.id);
    expect(await run(['subscription'])).toMatch(
      new RegExp(`^Strava subscription ${id}: Strava posts activity events to ${base}/strava/webhook \\(created .+\\)\\.\\n$`),
    );
    expect(await run(['subscription'], { publicBaseUrl: 'https://coach.example.org' })).toContain(
      'Note: this server takes events at https://coach.example.org/strava/webhook',
    );
    expect(await run(['unsubscribe'])).toBe(
      `Deleted subscription ${id}: Strava no longer posts activity events to ${base}/strava/webhook.\n`,
    );
    expect(strava.currentSubscription).toBeNull();
    expect(await run(['unsubscribe'])).toContain('nothing to delete');
  });

  it('a wrong client secret: names the settings to check, never the secret', async () => {
    const error = (await run(['subscription'], { clientSecret: 'a-wrong-client-secret' }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('check STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET');
    expect(error.message).not.toContain('a-wrong-client-secret');
  });

  it('without STRAVA_CLIENT_ID: one sentence naming what to set, exit 2', async () => {
    vi.stubEnv('STRAVA_CLIENT_ID', '');
    const { code, stdout, stderr } = await cli(['strava', 'subscribe']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('STRAVA_CLIENT_ID is not set; set it');
  });

  it('an unknown subcommand is a usage error; --help shows the commands', async () => {
    const wrong = await cli(['strava', 'subscriptions']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('expected subscribe, subscription or unsubscribe, not "subscriptions"');
    const help = await cli(['strava', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: gofast strava <command>');
  });
});
