/**
 * The HTTP API under steady load while the durable store's owner process is killed (SIGKILL) and
 * started again on the same data dir: the `outage` bench (bench/outage.bench.ts) in small. About
 * 50 requests a second, open loop (creates with an Idempotency-Key, and reads), for 6 s, with the
 * store down for 2 s of them. Every request is answered, 2xx or 503 with Retry-After, each 503
 * within a second and any answer within two; 503s come only while the store is down; the API
 * recovers by itself (it is not restarted) within a generous bound; and every create that was
 * acknowledged is in the store afterwards, read through a fresh connection.
 *
 * A request that reaches the driver just as the store dies used to get no answer at all: the
 * driver (mongodb 7.8) writes to a socket Node has already destroyed after the server's FIN, and
 * then waits for a 'drain' that never comes ("read sent 3 ms after the kill: 0 in 3000 ms", one
 * run in four). `guardedStorage` now bounds each operation (900 ms → STORAGE_UNAVAILABLE), and
 * this test is what holds it.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.js';
import { startApiOnDatabase, type ApiOnDatabase } from '../../support/api-on-database.js';
import { MARATHON_FIELDS } from '../../support/sample-inputs.js';
import { bundleStoreOwner, startStoreOwner, stopStoreOwner, storeOwnerDatabase, type StoreOwner } from '../../support/store-owner.js';

const INTERVAL_MS = 20;
const KILL_AT_MS = 1_500;
const RESTART_AT_MS = 3_500;
/** The load runs at least this long, and on for a second after the first success after the restart. */
const MIN_DURATION_MS = 6_000;
/** Issue 16: while the database is down, 503 within 1 s (measured: about 0.5 s, the driver's server selection). */
const UNAVAILABLE_BOUND_MS = 1_000;
/**
 * Any answer, 2xx included, from the moment it was sent. Wider than the 1 s (which the
 * `outage` bench measures) because on a loaded machine the first requests to the store as it starts
 * again, replaying its journal with little CPU, have been measured at just over 1 s; a hang, or a
 * failure only after a socket timeout (5 s), still fails.
 */
const ANSWER_BOUND_MS = 2_000;
/** From the restarted store serving to the first 2xx: generous (measured: well under a second). */
const RECOVERY_BOUND_MS = 5_000;
/** A request sent this long after the first 2xx following the restart must succeed. */
const SETTLE_MS = 1_000;
/** The client gives up on a request after this long (status 0): a hang shows as a failure, not a test timeout. */
const GIVE_UP_MS = 3_000;
const OWNER = 'http:outage:durable';
const DATABASE = 'outage_durable';

/** What came back; status 0 when nothing did within GIVE_UP_MS (or the connection failed). */
type Answer = { status: number; retryAfter: string | null; code?: string; id?: string; text: string };
type Sample = { kind: 'create' | 'read'; sentAt: number; answeredAt: number; answer: Answer };

async function request(url: string, method: string, key: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(GIVE_UP_MS),
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json')
      ? (JSON.parse(text) as { trainingPlanId?: string; error?: { code: string } })
      : {};
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      ...(json.error ? { code: json.error.code } : {}),
      ...(json.trainingPlanId ? { id: json.trainingPlanId } : {}),
      text,
    };
  } catch (error) {
    return { status: 0, retryAfter: null, text: `no answer: ${String(error)}` };
  }
}

let workDir = '';
let dataDir = '';
let script = '';
let owner: StoreOwner | undefined;
let served: ApiOnDatabase | undefined;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'gofast-http-outage-'));
  dataDir = join(workDir, 'data');
  await mkdir(dataDir);
  script = await bundleStoreOwner(workDir);
});

afterAll(async () => {
  await served?.close().catch(() => undefined);
  if (owner) await stopStoreOwner(owner);
  await rm(workDir, { recursive: true, force: true });
});

describe('the HTTP API while the durable store’s process is killed and started again', () => {
  it('answers every request (503 with Retry-After within a second, only while it is down), recovers by itself, loses no acknowledged create', async () => {
    owner = await startStoreOwner(script, dataDir);
    const uri = storeOwnerDatabase(owner.uri, DATABASE);
    served = await startApiOnDatabase(uri, { logger: createLogger('silent'), rateLimitPerMinute: 100_000 });
    const { key } = await served.apiKeys.createApiKey(OWNER);
    const url = served.api.url;

    const acknowledged: string[] = [];
    const first = await request(`${url}/api/training-plan`, 'POST', key, MARATHON_FIELDS, { 'idempotency-key': 'seed' });
    expect(first.status, first.text).toBe(201);
    acknowledged.push(String(first.id));

    const samples: Sample[] = [];
    const fire = async (i: number): Promise<void> => {
      const sentAt = performance.now();
      let kind: Sample['kind'];
      let answer: Answer;
      if (i % 2 === 0) {
        kind = 'create';
        const headers = { 'idempotency-key': `load-${i}` };
        answer = await request(`${url}/api/training-plan`, 'POST', key, { ...MARATHON_FIELDS, raceName: `Load ${i}` }, headers);
        if (answer.status === 201) acknowledged.push(String(answer.id));
      } else {
        kind = 'read';
        answer = await request(`${url}/api/training-plan/${acknowledged[i % acknowledged.length] ?? ''}`, 'GET', key);
      }
      samples.push({ kind, sentAt, answeredAt: performance.now(), answer });
    };

    const start = performance.now();
    const times = { kill: Number.NaN, ready: Number.NaN };
    const outage = (async () => {
      await sleep(start + KILL_AT_MS - performance.now());
      times.kill = performance.now();
      await stopStoreOwner(owner as StoreOwner);
      owner = undefined;
      await sleep(start + RESTART_AT_MS - performance.now());
      owner = await startStoreOwner(script, dataDir);
      times.ready = performance.now();
    })();
    let outageFailed = false;
    outage.catch(() => (outageFailed = true));

    /** The first 2xx answered after the restarted store served. */
    const recovered = (): number =>
      Math.min(
        ...samples.filter((s) => s.answer.status >= 200 && s.answer.status < 300 && s.answeredAt > times.ready).map((s) => s.answeredAt),
      );
    const end = (): number => {
      // Stops at once when the kill or the restart failed (awaited below, it fails the test).
      if (outageFailed) return 0;
      if (Number.isNaN(times.ready)) return Number.POSITIVE_INFINITY;
      const back = recovered();
      return Math.min(times.ready + RECOVERY_BOUND_MS, Math.max(start + MIN_DURATION_MS, back + SETTLE_MS + 500));
    };
    const inFlight: Promise<void>[] = [];
    for (let i = 0; start + i * INTERVAL_MS < end(); i += 1) {
      const wait = start + i * INTERVAL_MS - performance.now();
      if (wait > 0) await sleep(wait);
      inFlight.push(fire(i));
    }
    await Promise.all(inFlight);
    await outage;

    // Every request answered within the bound, 2xx or 503 with Retry-After and STORAGE_UNAVAILABLE.
    const when = (s: Sample): string =>
      `${s.kind} sent ${Math.round(s.sentAt - times.kill)} ms after the kill: ${s.answer.status} in ${Math.round(s.answeredAt - s.sentAt)} ms`;
    expect(samples.filter((s) => s.answeredAt - s.sentAt >= ANSWER_BOUND_MS).map(when)).toEqual([]);
    expect(samples.filter((s) => s.answer.status === 503 && s.answeredAt - s.sentAt >= UNAVAILABLE_BOUND_MS).map(when)).toEqual([]);
    const wrong = samples.filter(
      ({ kind, answer }) =>
        !(answer.status === 503
          ? /^\d+$/.test(answer.retryAfter ?? '') && answer.code === 'STORAGE_UNAVAILABLE'
          : answer.status === (kind === 'create' ? 201 : 200)),
    );
    expect(wrong.map((s) => `${when(s)} ${s.answer.text.slice(0, 200)}`)).toEqual([]);

    // 503s only while the store was down: none answered before the kill, none sent once it was back.
    const back = recovered();
    expect(back - times.ready, 'recovery after the restart').toBeLessThan(RECOVERY_BOUND_MS);
    const unavailable = samples.filter((s) => s.answer.status === 503);
    expect(unavailable.length, 'the outage was seen').toBeGreaterThan(10);
    expect(unavailable.filter((s) => s.answeredAt < times.kill).map(when)).toEqual([]);
    expect(unavailable.filter((s) => s.sentAt > back + SETTLE_MS).map(when)).toEqual([]);
    const ok = (s: Sample): boolean => s.answer.status >= 200 && s.answer.status < 300;
    expect(samples.filter((s) => s.answeredAt < times.kill && ok(s)).length).toBeGreaterThan(20);
    expect(samples.filter((s) => s.sentAt > back && ok(s)).length).toBeGreaterThan(10);

    // Every acknowledged create is stored, read through a connection of its own.
    const checker = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
    try {
      await checker.connect();
      const ids = acknowledged.map((id) => ObjectId.createFromHexString(id));
      expect(
        await checker
          .db(DATABASE)
          .collection('plans')
          .countDocuments({ _id: { $in: ids } }),
      ).toBe(ids.length);
    } finally {
      await checker.close();
    }
  }, 30_000);
});
