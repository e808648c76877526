/**
 * The Strava client against the fake Strava through real HTTP on loopback: the OAuth round trip
 * (authorize link, code exchange, refresh, deauthorize), activities read as the port describes
 * them, rate limits honoured (a 429 ridden out to the next quarter hour, a spent day refused with
 * the time to retry), and every failure a `StravaApiError` whose message holds no secret. Time
 * is a fake clock shared by the client and the fake; `sleep` moves it.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StravaApiError, type StravaApiErrorCode, type StravaGrant } from '../../../src/plans/strava/strava-api.js';
import { createStravaClient, type StravaClient, type StravaClientOptions } from '../../../src/integrations/strava/strava-client.js';
import { FakeStrava } from '../../fakes/strava/fake-strava.js';

const START = Date.parse('2026-12-06T13:07:30Z');
const ATHLETE = '9001';

let now: number;
let sleeps: number[];
let strava: FakeStrava;
let callback: { server: Server; url: string; queries: URLSearchParams[] };
/** Every error message seen, checked at the end of each test for secrets. */
let messages: string[];

async function startCallback(): Promise<typeof callback> {
  const queries: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    queries.push(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('connected');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/strava/callback`, queries };
}

function client(options: Partial<StravaClientOptions> = {}): StravaClient {
  return createStravaClient({
    clientId: strava.clientId,
    clientSecret: strava.clientSecret,
    apiUrl: strava.apiUrl,
    oauthUrl: strava.oauthUrl,
    clock: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<StravaApiError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof StravaApiError)) throw error;
    messages.push(error.message);
    return error;
  }
  throw new Error('expected a StravaApiError');
}

async function codeOf(promise: Promise<unknown>): Promise<StravaApiErrorCode> {
  return (await failure(promise)).code;
}

/** Connects the athlete through the authorize link and the code exchange. */
async function connect(api: StravaClient, athleteId = ATHLETE): Promise<StravaGrant> {
  const answer = await strava.authorize(api.authorizeUrl({ redirectUri: callback.url, state: 'state-123' }), { athleteId });
  expect(answer.status).toBe(200);
  const code = callback.queries.at(-1)?.get('code');
  if (!code) throw new Error('no code came back');
  return api.exchangeCode(code);
}

beforeEach(async () => {
  now = START;
  sleeps = [];
  messages = [];
  strava = await FakeStrava.start({ now: () => now });
  strava.addAthlete(ATHLETE, { firstname: 'Dana', lastname: 'Okafor' });
  callback = await startCallback();
});

afterEach(async () => {
  const secrets = [strava.clientSecret, ...strava.tokensIssuedTo(ATHLETE), ...strava.tokensIssuedTo('9002')];
  for (const message of messages) for (const secret of secrets) expect(message).not.toContain(secret);
  await strava.close();
  callback.server.close();
});

describe('connecting (OAuth 2)', () => {
  it('builds the authorize link Strava documents', () => {
    const url = new URL(client().authorizeUrl({ redirectUri: 'https://coach.example.org/strava/callback', state: 'abc' }));
    expect(`${url.origin}${url.pathname}`).toBe(`${strava.oauthUrl}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: strava.clientId,
      redirect_uri: 'https://coach.example.org/strava/callback',
      response_type: 'code',
      approval_prompt: 'auto',
      scope: 'read,activity:read_all',
      state: 'abc',
    });
  });

  it('exchanges the code from the callback for tokens and the athlete', async () => {
    const api = client();
    const grant = await connect(api);
    expect(callback.queries.at(-1)?.get('state')).toBe('state-123');
    expect(callback.queries.at(-1)?.get('scope')).toBe('read,activity:read_all');
    expect(grant).toMatchObject({ athleteId: ATHLETE, athleteName: 'Dana Okafor' });
    expect(grant.accessToken).not.toBe(grant.refreshToken);
    expect(grant.expiresAt.getTime()).toBe(START - (START % 1000) + 6 * 3600 * 1000);
    // A code works once.
    const code = callback.queries.at(-1)?.get('code') ?? '';
    expect(await codeOf(api.exchangeCode(code))).toBe('unauthorized');
  });

  it('brings back access_denied and no code when the athlete cancels', async () => {
    const api = client();
    await strava.authorize(api.authorizeUrl({ redirectUri: callback.url, state: 's' }), { athleteId: ATHLETE, deny: true });
    const query = callback.queries.at(-1);
    expect(query?.get('error')).toBe('access_denied');
    expect(query?.get('state')).toBe('s');
    expect(query?.has('code')).toBe(false);
  });

  it('says the app is misconfigured, not that the athlete left, when the client secret is wrong', async () => {
    expect(await codeOf(client({ clientSecret: 'not-the-secret' }).exchangeCode('whatever'))).toBe('bad-response');
    expect(await codeOf(client().exchangeCode('whatever'))).toBe('unauthorized');
  });

  it('refreshes tokens: new ones work, the old refresh token is spent', async () => {
    const api = client();
    const grant = await connect(api);
    const activity = strava.addActivity(ATHLETE);
    now += 6 * 3600 * 1000; // the access token has expired
    expect(await codeOf(api.getActivity(grant.accessToken, activity.id))).toBe('unauthorized');
    const tokens = await api.refreshTokens(grant.refreshToken);
    expect(strava.refreshCount(ATHLETE)).toBe(1);
    expect(tokens.accessToken).not.toBe(grant.accessToken);
    expect(tokens.refreshToken).not.toBe(grant.refreshToken);
    expect(tokens.expiresAt.getTime()).toBeGreaterThan(now);
    expect((await api.getActivity(tokens.accessToken, activity.id)).id).toBe(activity.id);
    expect(await codeOf(api.refreshTokens(grant.refreshToken))).toBe('unauthorized');
  });

  it('deauthorizes: the tokens stop working', async () => {
    const api = client();
    const grant = await connect(api);
    const activity = strava.addActivity(ATHLETE);
    await api.deauthorize(grant.accessToken);
    expect(strava.isAuthorized(ATHLETE)).toBe(false);
    expect(await codeOf(api.getActivity(grant.accessToken, activity.id))).toBe('unauthorized');
    expect(await codeOf(api.refreshTokens(grant.refreshToken))).toBe('unauthorized');
    expect(await codeOf(api.deauthorize(grant.accessToken))).toBe('unauthorized');
  });
});

describe('reading an activity', () => {
  it('maps the DetailedActivity: local start without the Z, sport_type, distance and times', async () => {
    const api = client();
    const grant = await connect(api);
    const trail = strava.addActivity(ATHLETE, {
      name: 'Hills before work',
      sportType: 'TrailRun',
      startLocal: '2026-12-06T07:05:00',
      utcOffsetSeconds: -8 * 3600,
      distanceMetres: 10_012.4,
      movingSeconds: 3300,
      elapsedSeconds: 3480,
    });
    expect(await api.getActivity(grant.accessToken, trail.id)).toEqual({
      id: trail.id,
      athleteId: ATHLETE,
      name: 'Hills before work',
      sportType: 'TrailRun',
      startUtc: '2026-12-06T15:05:00.000Z',
      startLocal: '2026-12-06T07:05:00',
      distanceMetres: 10_012.4,
      movingSeconds: 3300,
      elapsedSeconds: 3480,
      manual: false,
    });
  });

  it('falls back to the older type when sport_type is absent', async () => {
    const api = client();
    const grant = await connect(api);
    strava.scriptNext(1, {
      status: 200,
      body: {
        id: 77,
        athlete: { id: Number(ATHLETE) },
        name: 'Old upload',
        type: 'Run',
        start_date: '2020-05-01T06:00:00Z',
        start_date_local: '2020-05-01T08:00:00Z',
        distance: 5000,
        moving_time: 1500,
        elapsed_time: 1520,
      },
    });
    expect(await api.getActivity(grant.accessToken, '77')).toMatchObject({
      sportType: 'Run',
      startLocal: '2020-05-01T08:00:00',
      manual: false,
    });
  });

  it('says not-found for an activity that is gone or is not the athlete’s', async () => {
    const api = client();
    const grant = await connect(api);
    const someoneElses = strava.addActivity('9002');
    expect(await codeOf(api.getActivity(grant.accessToken, '123456'))).toBe('not-found');
    expect(await codeOf(api.getActivity(grant.accessToken, someoneElses.id))).toBe('not-found');
  });

  it('says bad-response when the answer fails its schema or is not JSON', async () => {
    const api = client();
    const grant = await connect(api);
    const activity = strava.addActivity(ATHLETE);
    strava.scriptNext(1, { status: 200, body: { id: Number(activity.id), name: 'no distance, no dates' } });
    expect(await codeOf(api.getActivity(grant.accessToken, activity.id))).toBe('bad-response');
    strava.scriptNext(1, { status: 200, body: '<html>maintenance</html>' });
    expect(await codeOf(api.getActivity(grant.accessToken, activity.id))).toBe('bad-response');
    strava.scriptNext(1, { status: 418, body: { message: 'teapot' } });
    expect(await codeOf(api.getActivity(grant.accessToken, activity.id))).toBe('bad-response');
  });

  it('says unavailable on a 5xx, a timeout, or a Strava it cannot reach', async () => {
    const api = client({ timeoutMs: 150 });
    const grant = await connect(api);
    const activity = strava.addActivity(ATHLETE);
    strava.scriptNext(1, { status: 503, body: { message: 'Service Unavailable' } });
    expect(await codeOf(api.getActivity(grant.accessToken, activity.id))).toBe('unavailable');
    strava.scriptNext(1, { status: 200, body: {}, delayMs: 1000 });
    const slow = await failure(api.getActivity(grant.accessToken, activity.id));
    expect(slow.code).toBe('unavailable');
    expect(slow.message).toContain('did not answer');
    const nowhere = client({ apiUrl: 'http://127.0.0.1:1/api/v3' });
    expect(await codeOf(nowhere.getActivity(grant.accessToken, activity.id))).toBe('unavailable');
  });
});

describe('rate limits', () => {
  it('rides out a 429: waits for the next quarter hour, then retries', async () => {
    const api = client({ maxWaitMs: 15 * 60_000 });
    const grant = await connect(api);
    const activity = strava.addActivity(ATHLETE);
    strava.failNext(1);
    expect((await api.getActivity(grant.accessToken, activity.id)).id).toBe(activity.id);
    expect(sleeps).toEqual([Date.parse('2026-12-06T13:15:00Z') - START]);
    expect(strava.requests.filter((r) => r.path === `/api/v3/activities/${activity.id}`).map((r) => r.status)).toEqual([429, 200]);
  });

  it('backs off 1 s, then 2 s, when a 429 does not say which limit is spent', async () => {
    const api = client();
    const grant = await connect(api);
    const activity = strava.addActivity(ATHLETE);
    strava.failNext(2, 'unknown');
    expect((await api.getActivity(grant.accessToken, activity.id)).id).toBe(activity.id);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('gives up with rate-limited and the quarter hour when the wait is longer than allowed', async () => {
    const api = client({ maxWaitMs: 60_000 });
    const grant = await connect(api);
    strava.failNext(1);
    const error = await failure(api.getActivity(grant.accessToken, strava.addActivity(ATHLETE).id));
    expect(error.code).toBe('rate-limited');
    expect(error.retryAt?.toISOString()).toBe('2026-12-06T13:15:00.000Z');
    expect(sleeps).toEqual([]);
  });

  it('refuses with rate-limited until midnight UTC once the day is spent, without asking Strava again', async () => {
    const api = client({ maxWaitMs: 15 * 60_000 });
    const grant = await connect(api);
    const activity = strava.addActivity(ATHLETE);
    strava.setUsage({ usageDay: 1000 }); // the read limit's 1,000 a day
    const first = await failure(api.getActivity(grant.accessToken, activity.id));
    expect(first.code).toBe('rate-limited');
    expect(first.retryAt?.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    const asked = strava.requests.length;
    const second = await failure(api.getActivity(grant.accessToken, activity.id));
    expect(second.retryAt?.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(strava.requests.length).toBe(asked);
    // After midnight, the day's budget is back (the access token has expired meanwhile).
    now = Date.parse('2026-12-07T00:00:01Z');
    const tokens = await api.refreshTokens(grant.refreshToken);
    expect((await api.getActivity(tokens.accessToken, activity.id)).id).toBe(activity.id);
  });

  it('waits for the quarter hour before sending once the 15-minute budget is known to be spent', async () => {
    const api = client({ maxWaitMs: 15 * 60_000 });
    const grant = await connect(api);
    const activity = strava.addActivity(ATHLETE);
    strava.setUsage({ usage15: 99 });
    await api.getActivity(grant.accessToken, activity.id); // the 100th: the read window is now spent
    const before = strava.requests.filter((r) => r.status === 429).length;
    await api.getActivity(grant.accessToken, activity.id);
    expect(sleeps).toEqual([Date.parse('2026-12-06T13:15:00Z') - START]);
    expect(strava.requests.filter((r) => r.status === 429).length).toBe(before);
  });

  it('keeps at most 4 requests in flight, however many callers', async () => {
    let inFlight = 0;
    let most = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight -= 1;
      }
    };
    const api = client({ fetch: counting });
    const grant = await connect(api);
    const ids = Array.from({ length: 12 }, () => strava.addActivity(ATHLETE).id);
    strava.latencyMs = 30;
    const read = await Promise.all(ids.map((id) => api.getActivity(grant.accessToken, id)));
    expect(read.map((a) => a.id)).toEqual(ids);
    expect(most).toBe(4);
  });
});

describe('the webhook subscription calls', () => {
  it('list, and refuse a wrong client secret without echoing it', async () => {
    expect(await client().subscriptions.list()).toEqual([]);
    const wrong = await failure(client({ clientSecret: 'wrong-secret-value' }).subscriptions.list());
    expect(wrong.code).toBe('unauthorized');
    expect(wrong.message).not.toContain('wrong-secret-value');
    expect(strava.requests.every((r) => !r.path.includes('secret'))).toBe(true);
  });
});
