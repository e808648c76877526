/**
 * The HTTP API while the database is down, through the real server: every request is answered
 * within a second with 503, `STORAGE_UNAVAILABLE` and Retry-After (not a hang and a 500), and once
 * a database listens again on the same port the next requests succeed with no restart of the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../../../src/embedded-mongo/index.js';
import { MARATHON_FIELDS } from '../../support/plan-service.js';
import { startHttpWorld, type HttpWorld } from './http-world.js';

let world: HttpWorld;
let revived: Awaited<ReturnType<typeof startEmbeddedMongo>> | undefined;

beforeAll(async () => {
  world = await startHttpWorld();
});

afterAll(async () => {
  await world.close();
  await revived?.close();
});

const OWNER = 'api:outage:U1';
// The plan flow's body: a week of v2 sessions needs days and a mileage.
const CREATE_BODY = { ...MARATHON_FIELDS, days: [2, 3, 4, 6, 7], mileage: 30 };

/** The port the test database listens on, from its URI. */
function portOf(uri: string): number {
  const port = /^mongodb:\/\/[^/]*:(\d+)\//.exec(uri)?.[1];
  if (port === undefined) throw new Error(`no port in ${uri}`);
  return Number(port);
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

describe('the HTTP API while the database is down', () => {
  // Only the embedded server can be stopped and started again on its port from here.
  it('answers 503 with Retry-After within a second, then works again once the database is back', async (ctx) => {
    if (world.service.mongo.external) ctx.skip();
    const key = await world.keyFor(OWNER);
    const created = await world.request('POST', '/api/training-plan', { key, body: CREATE_BODY });
    expect(created.status).toBe(201);
    const port = portOf(world.service.mongo.uri);

    await world.service.mongo.close();

    for (const [method, path, body] of [
      ['GET', `/api/training-plan/${String(created.body.trainingPlanId)}`, undefined],
      ['POST', '/api/training-plan', CREATE_BODY],
      ['GET', `/api/training-plan/${String(created.body.trainingPlanId)}`, undefined],
    ] as const) {
      const { value: answer, ms } = await timed(() => world.request(method, path, { key, ...(body ? { body } : {}) }));
      expect(answer.status, answer.text).toBe(503);
      expect(ms).toBeLessThan(1500);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(answer.body.error?.code).toBe('STORAGE_UNAVAILABLE');
      expect(answer.body.error?.message).toMatch(/^the database cannot be reached right now; try again in 5 seconds$/);
    }
    // An outage is logged as a warning, not as a failure with a ref to quote.
    expect(world.logs.some((line) => line.includes('the database cannot be reached'))).toBe(true);
    expect(world.logs.some((line) => line.includes('HTTP API request failed'))).toBe(false);

    // A fresh (empty) database on the same port: the API's driver finds it by itself.
    revived = await startEmbeddedMongo({ host: '127.0.0.1', port });
    const deadline = Date.now() + 5_000;
    while (!(await world.service.connection.ping()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // The old key lived in the database that is gone; a new one works at once.
    const again = await world.keyFor(OWNER);
    const answer = await world.request('POST', '/api/training-plan', { key: again, body: CREATE_BODY });
    expect(answer.status, answer.text).toBe(201);
    expect((await world.request('GET', `/api/training-plan/${String(answer.body.trainingPlanId)}`, { key: again })).status).toBe(200);
  });
});
