/**
 * Every error status of the HTTP API over real HTTP on 127.0.0.1, each answer checked against the
 * OpenAPI document: 400 with field errors (schema and domain validation, malformed JSON), 401 (no
 * key, unknown, malformed and revoked keys), 404 for an unknown id and another owner's plan alike,
 * 409 wrong state, 413,
 * 415, 429 with Retry-After, 503 with the configured Retry-After, and 500 with a reference id and
 * nothing of the failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoFastError } from '../../../src/domain/errors.js';
import { MARATHON_FIELDS } from '../../support/plan-service.js';
import { send, startHttpWorld, withUseCase, type HttpWorld } from './http-world.js';

const OWNER = 'http:club:bob';
const STRANGER = 'http:club:mallory';
let world: HttpWorld;
let key: string;
let strangerKey: string;
let planId: string;

const CREATE_BODY = { ...MARATHON_FIELDS, mileage: 30 };

beforeAll(async () => {
  world = await startHttpWorld({ bodyLimitBytes: 4096 });
  key = await world.keyFor(OWNER);
  strangerKey = await world.keyFor(STRANGER);
  planId = (await world.request('POST', '/api/training-plan', { key, body: CREATE_BODY })).body.trainingPlanId as string;
});

afterAll(async () => {
  await world.close();
});

describe('400: invalid input, with one message per field', () => {
  it('names each missing field', async () => {
    const answer = await world.request('POST', '/api/training-plan', { key, body: { distance: 'marathon' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^raceDate: missing/) });
    expect(Object.keys(answer.body.error?.fields ?? {}).sort()).toEqual(['fiveK', 'goal', 'mileage', 'raceDate']);
  });

  it('refuses at creation a draft that could not make a plan, with the domain’s messages', async () => {
    const answer = await world.request('POST', '/api/training-plan', {
      key,
      body: { ...CREATE_BODY, distance: 'ultra', fiveK: '90:00', days: [1, 2], raceDate: '2026-12-05' },
    });
    expect(answer.status).toBe(400);
    const fields = answer.body.error?.fields ?? {};
    expect(fields.distance).toMatch(/unknown distance "ultra"/);
    expect(fields.fiveK).toMatch(/out of range/);
    expect(fields.days).toMatch(/3 to 7 different days/);
    expect(await world.service.plans.listPlans({ owner: OWNER, statuses: ['draft'] })).toHaveLength(1);
  });

  it('refuses a bad recent long run or long-run day with one message on its field, and makes no draft', async () => {
    const drafts = (await world.service.plans.listPlans({ owner: OWNER, statuses: ['draft'] })).length;
    const long = await world.request('POST', '/api/training-plan', { key, body: { ...CREATE_BODY, recentLong: 45 } });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: {
        recentLong: 'a longest run of 45 miles is out of range: use the longest run of your last 4 weeks, a number of miles from 1 to 30',
      },
    });
    expect(Object.keys(long.body.error?.fields ?? {})).toEqual(['recentLong']);
    const day = await world.request('POST', '/api/training-plan', { key, body: { ...CREATE_BODY, longDay: 'Monday' } });
    expect(day.status).toBe(400);
    expect(day.body.error?.fields).toEqual({
      longDay: 'your long-run day, Monday, is not one of your run days: add it to your days or choose another',
    });
    expect(await world.service.plans.listPlans({ owner: OWNER, statuses: ['draft'] })).toHaveLength(drafts);
  });

  it('refuses wrong types, days out of range and unknown fields', async () => {
    const answer = await world.request('POST', '/api/training-plan', {
      key,
      body: { ...CREATE_BODY, goal: 210, days: [0, 9], raceDistance: 'marathon', timezone: 'Mars/Olympus' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.fields).toMatchObject({
      goal: expect.stringMatching(/^must be text/),
      raceDistance: 'unknown field',
      timezone: expect.stringMatching(/IANA time zone/),
    });
    expect(Object.keys(answer.body.error?.fields ?? {}).some((f) => f.startsWith('days'))).toBe(true);
  });

  it('answers malformed JSON with 400', async () => {
    const answer = await world.request('POST', '/api/training-plan/generate', { key, raw: '{"trainingPlanId": ' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: { body: 'must be valid JSON' } });
  });

  it('answers a body that is JSON but not an object with 400', async () => {
    const answer = await world.request('POST', '/api/training-plan/week/generate', { key, raw: '[1,2,3]' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('INVALID_INPUT');
  });

  it('checks the week request and the previous week’s log', async () => {
    const bad = await world.request('POST', '/api/training-plan/week/generate', {
      key,
      body: { trainingPlanId: planId, weekNumber: 0, previousWeekExecution: { completedDays: 9, totalMiles: -1 } },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error?.fields ?? {})).toEqual(
      expect.arrayContaining(['weekNumber', 'previousWeekExecution.completedDays', 'previousWeekExecution.totalMiles']),
    );
    const weekOne = await world.request('POST', '/api/training-plan/week/generate', {
      key,
      body: { trainingPlanId: planId, weekNumber: 1, previousWeekExecution: { completedDays: 1, totalMiles: 3 } },
    });
    expect(weekOne.status).toBe(400);
    expect(weekOne.body.error?.fields?.previousWeekExecution).toMatch(/week 1 has no previous week/);
  });

  it('answers a body that is not JSON with 415', async () => {
    const answer = await world.request('POST', '/api/training-plan/generate', {
      key,
      raw: 'trainingPlanId=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(415);
    expect(answer.body.error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('401: the API key', () => {
  const path = () => `/api/training-plan/${planId}`;

  it('is required', async () => {
    const answer = await world.request('GET', path());
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body.error?.code).toBe('UNAUTHORIZED');
    const basic = await world.request('GET', path(), { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
  });

  it('must be known and well formed', async () => {
    const unknown = `gf_${'A'.repeat(43)}`;
    for (const bad of [unknown, 'gf_short', key.slice(0, -1), `${key}x`]) {
      const answer = await world.request('GET', path(), { key: bad });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toMatch(/invalid_token/);
    }
  });

  it('stops working once revoked, by prefix or by the key', async () => {
    const doomed = await world.keyFor(OWNER);
    expect((await world.request('GET', path(), { key: doomed })).status).toBe(200);
    await world.keys.revokeApiKey(doomed.slice(0, 11));
    expect((await world.request('GET', path(), { key: doomed })).status).toBe(401);
    const other = await world.keyFor(OWNER);
    await world.keys.revokeApiKey(other);
    expect((await world.request('GET', path(), { key: other })).status).toBe(401);
    // The owner's other keys still work.
    expect((await world.request('GET', path(), { key })).status).toBe(200);
  });

  it('is checked before the body is looked at', async () => {
    const answer = await world.request('POST', '/api/training-plan', { raw: '{not json' });
    expect(answer.status).toBe(401);
  });
});

describe('404 and 409', () => {
  it('404: another owner’s plan answers exactly as an unknown id does, on every route, and is left unchanged', async () => {
    const unknownId = '6b06a0ced489a2a82ea78f33';
    const asStranger = (id: string) => [
      world.request('GET', `/api/training-plan/${id}`, { key: strangerKey }),
      world.request('GET', `/api/training-plan/${id}.ics`, { key: strangerKey }),
      world.request('POST', '/api/training-plan/generate', { key: strangerKey, body: { trainingPlanId: id } }),
      world.request('PUT', '/api/training-plan/generate', { key: strangerKey, body: { trainingPlanId: id } }),
      world.request('POST', '/api/training-plan/week/generate', { key: strangerKey, body: { trainingPlanId: id, weekNumber: 2 } }),
      world.request('DELETE', `/api/training-plan/${id}`, { key: strangerKey }),
    ];
    const theirs = await Promise.all(asStranger(planId));
    const unknown = await Promise.all(asStranger(unknownId));
    for (const [index, answer] of theirs.entries()) {
      expect(answer.status).toBe(404);
      expect(answer.body.error?.code).toBe('PLAN_NOT_FOUND');
      // Byte for byte: nothing in the body tells an existing id from an unknown one.
      expect(answer.text).toBe(unknown[index]?.text);
      expect(unknown[index]?.status).toBe(404);
    }
    expect((await world.service.plans.getPlan('operator', planId)).status).toBe('draft');
  });

  it('404: an unknown plan, whatever the id looks like', async () => {
    for (const id of ['6b06a0ced489a2a82ea78f33', 'not-an-id']) {
      const answer = await world.request('GET', `/api/training-plan/${id}`, { key });
      expect(answer.status).toBe(404);
      expect(answer.body.error?.code).toBe('PLAN_NOT_FOUND');
    }
    const week = await world.request('POST', '/api/training-plan/week/generate', { key, body: { trainingPlanId: 'nope', weekNumber: 2 } });
    expect(week.status).toBe(404);
    const ics = await world.request('GET', '/api/training-plan/nope.ics', { key });
    expect(ics.status).toBe(404);
  });

  it('404: an unknown route answers in the same envelope', async () => {
    const answer = await send(`${world.api.url}/api/nothing-here`, 'GET');
    expect(answer.status).toBe(404);
    expect(answer.body.error?.code).toBe('NOT_FOUND');
  });

  it('409: a week of a draft, a confirm without a preview, an export before confirming', async () => {
    const week = await world.request('POST', '/api/training-plan/week/generate', { key, body: { trainingPlanId: planId, weekNumber: 2 } });
    expect(week.status).toBe(409);
    expect(week.body.error).toMatchObject({ code: 'WRONG_STATE', message: expect.stringMatching(/draft/) });
    const weekOne = await world.request('POST', '/api/training-plan/week/generate', {
      key,
      body: { trainingPlanId: planId, weekNumber: 1 },
    });
    expect(weekOne.status).toBe(409);
    const confirm = await world.request('PUT', '/api/training-plan/generate', { key, body: { trainingPlanId: planId } });
    expect(confirm.status).toBe(409);
    expect(confirm.body.error?.code).toBe('WRONG_STATE');
    const ics = await world.request('GET', `/api/training-plan/${planId}.ics`, { key });
    expect(ics.status).toBe(409);
  });
});

describe('413: body size', () => {
  /** POSTs `chunks` as a chunked body (no Content-Length): its size is known only once it has streamed in. */
  const postChunked = (chunks: readonly Uint8Array[]) => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[sent];
        sent += 1;
        if (chunk === undefined) controller.close();
        else controller.enqueue(chunk);
      },
    });
    return fetch(`${world.api.url}/api/training-plan`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
  };

  it('refuses a body over the limit before reading it', async () => {
    const answer = await world.request('POST', '/api/training-plan', { key, body: { ...CREATE_BODY, raceName: 'x'.repeat(8000) } });
    expect(answer.status).toBe(413);
    expect(answer.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a chunked body once it passes the limit', async () => {
    const response = await postChunked(Array.from({ length: 8 }, () => new TextEncoder().encode(' '.repeat(1024))));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reads a chunked body under the limit like any other', async () => {
    const body = new TextEncoder().encode(JSON.stringify({ ...CREATE_BODY, raceName: 'Chunked Half' }));
    const response = await postChunked([body.subarray(0, 40), body.subarray(40)]);
    expect(response.status).toBe(201);
    const { trainingPlanId } = (await response.json()) as { trainingPlanId: string };
    const plan = await world.request('GET', `/api/training-plan/${trainingPlanId}`, { key });
    expect(plan.body.draft).toMatchObject({ raceName: 'Chunked Half' });
  });
});

describe('429: per-key rate limit', () => {
  it('refuses requests past the limit with Retry-After until the window ends, per key', async () => {
    const limited = await world.startAnother({ rateLimitPerMinute: 3 });
    const first = await world.keyFor(OWNER);
    const second = await world.keyFor(OWNER);
    const get = async (as: string) => {
      const answer = await send(`${limited.url}/api/training-plan/${planId}`, 'GET', { key: as });
      world.checker.check('GET', `/api/training-plan/${planId}`, answer);
      return answer;
    };
    for (let i = 0; i < 3; i += 1) expect((await get(first)).status).toBe(200);
    const refused = await get(first);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.body.error?.code).toBe('RATE_LIMITED');
    // Another key of the same owner has its own window.
    expect((await get(second)).status).toBe(200);
    world.service.clock.set(new Date(world.service.clock.now().getTime() + 45_000).toISOString());
    expect((await get(first)).headers.get('retry-after')).toBe('15');
    world.service.clock.set(new Date(world.service.clock.now().getTime() + 15_000).toISOString());
    expect((await get(first)).status).toBe(200);
  });
});

describe('500: failures on our side', () => {
  it('answers with a reference id and nothing of the failure, and logs it once under that id', async () => {
    const failing = await world.startAnother({
      plans: withUseCase(world.service.plans, {
        getPlan: async () => {
          throw new Error('connection to db-7.internal:27017 reset (secret=hunter2)');
        },
      }),
    });
    const answer = await send(`${failing.url}/api/training-plan/${planId}`, 'GET', { key });
    world.checker.check('GET', `/api/training-plan/${planId}`, answer);
    expect(answer.status).toBe(500);
    const ref = answer.body.error?.ref ?? '';
    expect(ref).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body.error).toEqual({ code: 'INTERNAL', message: expect.stringContaining(ref), ref });
    expect(answer.text).not.toMatch(/hunter2|db-7|reset|at \w+ \(|\.ts:/);
    const logged = world.logs.filter((line) => line.includes(ref));
    expect(logged).toHaveLength(1);
    const record = JSON.parse(logged[0] ?? '{}') as { level: number; err?: { message: string; stack: string }; path: string };
    expect(record).toMatchObject({ level: 50, path: `/api/training-plan/${planId}` });
    // The failure is logged in full, but for the credential in it (redacted in messages too).
    expect(record.err?.message).toBe('connection to db-7.internal:27017 reset (secret=[redacted])');
    expect(logged[0]).not.toContain('hunter2');
    expect(record.err?.stack).toBeTruthy();
    // The key never reaches the log.
    expect(logged[0]).not.toContain(key);
  });
});

describe('503: the database cannot be reached', () => {
  it('tells the client to retry after the configured number of seconds', async () => {
    const down = await world.startAnother({
      storageRetryAfterSeconds: 30,
      plans: withUseCase(world.service.plans, {
        getPlan: async () => {
          throw new GoFastError('STORAGE_UNAVAILABLE', 'the database cannot be reached', { userFacing: false });
        },
      }),
    });
    const answer = await send(`${down.url}/api/training-plan/${planId}`, 'GET', { key });
    world.checker.check('GET', `/api/training-plan/${planId}`, answer);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('30');
    expect(answer.body.error).toEqual({
      code: 'STORAGE_UNAVAILABLE',
      message: 'the database cannot be reached right now; try again in 30 seconds',
    });
  });
});
