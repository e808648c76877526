/**
 * Failed authentications are limited per client address, over real HTTP: the client connects from
 * two loopback addresses (127.0.0.1 and 127.0.0.2; Linux routes all of 127/8 to the loopback), so
 * "another address" is a real other TCP peer, not a header a client could forge.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthFailureLimiter } from '../../../src/adapters/http/auth-failure-limiter.js';
import type { RunningHttpApi } from '../../../src/adapters/http/index.js';
import { startHttpWorld, type ApiAnswer, type HttpWorld } from './http-world.js';

const OWNER = 'http:club:ada';
const LIMIT = { failures: 3, windowMs: 60_000 };
let world: HttpWorld;
let api: RunningHttpApi;
let key: string;
let planPath: string;

/** One request from `localAddress`, checked against the OpenAPI document like the world's own. */
function requestFrom(localAddress: string, method: string, path: string, bearer?: string): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = bearer === undefined ? {} : { authorization: `Bearer ${bearer}` };
    const req = httpRequest(`${api.url}${path}`, { method, headers, localAddress }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
        const isJson = (res.headers['content-type'] ?? '').includes('json');
        const answer: ApiAnswer = {
          status: res.statusCode ?? 0,
          headers: responseHeaders,
          text,
          body: isJson ? (JSON.parse(text) as ApiAnswer['body']) : {},
        };
        try {
          world.checker.check(method, path, answer);
          resolve(answer);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  world = await startHttpWorld();
  // A server of its own with a small limit, so the other files' bad-key tests never meet it.
  api = await world.startAnother({ authFailureLimit: LIMIT });
  key = await world.keyFor(OWNER);
  const created = await world.request('POST', '/api/training-plan', {
    key,
    body: { distance: '10k', raceDate: '2027-02-21', startDate: '2026-11-30', goal: '48:00', fiveK: '22:30', mileage: 20 },
  });
  planPath = `/api/training-plan/${String(created.body.trainingPlanId)}`;
});

afterAll(async () => {
  await world.close();
});

describe('failed authentications per client address', () => {
  it('answers 429 with Retry-After after N failures, even for invalid keys; a valid key from another address is unaffected', async () => {
    const invalid = `gf_${'B'.repeat(43)}`;
    const revoked = await world.keyFor(OWNER);
    await world.keys.revokeApiKey(revoked);
    // Missing, unknown and revoked keys all count.
    expect((await requestFrom('127.0.0.1', 'GET', planPath)).status).toBe(401);
    expect((await requestFrom('127.0.0.1', 'GET', planPath, invalid)).status).toBe(401);
    expect((await requestFrom('127.0.0.1', 'GET', planPath, revoked)).status).toBe(401);

    for (const bearer of [invalid, undefined, key]) {
      const limited = await requestFrom('127.0.0.1', 'GET', planPath, bearer);
      expect(limited.status).toBe(429);
      expect(limited.body.error?.code).toBe('RATE_LIMITED');
      expect(limited.body.error?.message).toMatch(/failed authentications from this address/);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(LIMIT.windowMs / 1000);
    }

    // Another address: its valid key works, and its own failures are counted from zero.
    expect((await requestFrom('127.0.0.2', 'GET', planPath, key)).status).toBe(200);
    expect((await requestFrom('127.0.0.2', 'GET', planPath, invalid)).status).toBe(401);
    // The operator hears of the cut-off address once.
    expect(world.logs.filter((line) => line.includes('too many failed authentications')).length).toBe(1);
  });

  it('opens again when the window ends', async () => {
    const now = { ms: 0 };
    const limiter = new AuthFailureLimiter({ failures: 2, windowMs: 10_000 }, () => now.ms);
    expect(limiter.fail('10.0.0.1')).toBe(false);
    expect(limiter.fail('10.0.0.1')).toBe(true);
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now.ms = 9_001;
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now.ms = 10_000;
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: true });
  });

  it('keeps bounded memory, and counts an IPv6 client by its /64', () => {
    const limiter = new AuthFailureLimiter({ failures: 2, windowMs: 60_000, maxAddresses: 100 }, () => 0);
    for (let i = 0; i < 1_000; i += 1) limiter.fail(`10.1.${Math.floor(i / 256)}.${i % 256}`);
    expect(limiter.size).toBe(100);
    limiter.fail('2001:db8:0:1::1');
    limiter.fail('2001:0db8:0000:0001:ffff::2');
    expect(limiter.check('2001:db8:0:1:abcd::9').allowed).toBe(false);
    expect(limiter.check('2001:db8:0:2::1').allowed).toBe(true);
    // An IPv4 client seen through a dual-stack socket is the same client.
    limiter.fail('::ffff:192.0.2.7');
    limiter.fail('192.0.2.7');
    expect(limiter.check('::ffff:192.0.2.7').allowed).toBe(false);
    expect(limiter.size).toBe(100);
  });
});
