/**
 * The HTTP API through a database outage (issue 16, "Outages fail fast"): 60 s of load at 100
 * requests a second with the durable store killed for 15 s in the middle.
 *
 * The store owner (test/embedded-mongo/durable/store-owner-process.ts, bundled) runs as its own
 * process on a data dir of its own; the API runs here, on one driver connection to it (the
 * production defaults: 500 ms server selection, 5 s socket timeout), with the rules engine and one
 * API key. The load is open loop: a request every 10 ms on a fixed schedule, whether or not the
 * earlier ones are answered, and each latency runs from the scheduled time, so a stall is not
 * hidden. In every 10 requests: 4 creates (`POST /api/training-plan`, each with an Idempotency-Key
 * of its own), 2 previews (`POST /api/training-plan/generate` of a draft acknowledged earlier),
 * 4 reads (`GET /api/training-plan/{id}`). At 20 s the owner is killed with SIGKILL; at 35 s it is
 * started again on the same data dir, so it listens on the same socket path and the API's driver
 * finds it by itself (the API is not restarted).
 *
 * Then, with the store up: each create that was answered 503 is sent once more with its
 * Idempotency-Key (a client following Retry-After) and must answer 201. The API stops, the owner
 * is killed once more and started cold from its files, and a fresh connection checks that every
 * acknowledged write is there (each created plan by id, each previewed plan with its preview) and
 * that each create's key made exactly one plan. A lost acknowledged write, a 5xx other than 503,
 * or a request with no answer at all fails the bench.
 *
 * Rows: the latency of the requests sent while the store was down (issue target: every request
 * answered within 1 s; the row's target is p99 ≤ 1000 ms and its note gives the maximum), and of
 * those sent before the kill and after the restart.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient, ObjectId } from 'mongodb';
import { createLogger } from '../src/log.js';
import { startApiOnDatabase, type ApiOnDatabase } from '../test/support/api-on-database.js';
import { MARATHON_FIELDS } from '../test/support/sample-inputs.js';
import { bundleStoreOwner, startStoreOwner, stopStoreOwner, storeOwnerDatabase, type StoreOwner } from '../test/support/store-owner.js';
import { summarize, type BenchRow } from './harness.js';

const SUITE = 'outage';
const DURATION_MS = 60_000;
const RATE_PER_SECOND = 100;
const KILL_AT_MS = 20_000;
const RESTART_AT_MS = 35_000;
/** The issue's bound on every answer while the database is down. */
const TARGET_MS = 1000;
/** A request not answered by then counts as unanswered (and fails the bench). */
const ANSWER_TIMEOUT_MS = 10_000;
/** Plans made before the load, so reads have something to read from the first request. */
const SEED_PLANS = 20;
const OWNER = 'http:bench:outage';
const DATABASE = 'bench_outage';

type Kind = 'create' | 'preview' | 'read';

type Sample = {
  readonly kind: Kind;
  /** Scheduled send time (performance.now()). */
  readonly due: number;
  readonly answeredAt: number;
  /** 0 when no answer came (connection error or timeout). */
  readonly status: number;
  readonly retryAfter: boolean;
  readonly error?: string;
};

type Answer = { status: number; retryAfter: boolean; body: string; error?: string };

function createBody(tag: string): Record<string, unknown> {
  return { ...MARATHON_FIELDS, raceName: `Outage ${tag}` };
}

/** An error logger that keeps its lines, to say what a 500 was. */
function errorLogger(lines: string[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return createLogger('error', sink);
}

function client(base: string, key: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    try {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
      return { status: response.status, retryAfter: response.headers.has('retry-after'), body: await response.text() };
    } catch (error) {
      return { status: 0, retryAfter: false, body: '', error: error instanceof Error ? error.message : String(error) };
    }
  };
}

type Phase = { readonly samples: Sample[]; readonly name: string };

function counts(samples: readonly Sample[]): { ok: number; unavailable: number; limited: number; other: Map<number, number> } {
  let ok = 0;
  let unavailable = 0;
  let limited = 0;
  const other = new Map<number, number>();
  for (const s of samples) {
    if (s.status >= 200 && s.status < 300) ok += 1;
    else if (s.status === 503) unavailable += 1;
    else if (s.status === 429) limited += 1;
    else other.set(s.status, (other.get(s.status) ?? 0) + 1);
  }
  return { ok, unavailable, limited, other };
}

function statusNote(samples: readonly Sample[]): string {
  const c = counts(samples);
  const other =
    c.other.size === 0
      ? 'no other status'
      : `OTHER STATUSES ${[...c.other].map(([status, n]) => `${status === 0 ? 'no answer' : status}×${n}`).join(', ')}`;
  const missing = samples.filter((s) => s.status === 503 && !s.retryAfter).length;
  return `2xx ${c.ok} / 503 ${c.unavailable} / 429 ${c.limited}, ${other}${missing > 0 ? `, ${missing} × 503 WITHOUT Retry-After` : ''}`;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

export async function benchOutage(): Promise<BenchRow[]> {
  const workDir = await mkdtemp(join(tmpdir(), 'gofast-outage-'));
  const dataDir = join(workDir, 'data');
  await mkdir(dataDir);
  const script = await bundleStoreOwner(workDir);
  let owner: StoreOwner | undefined = await startStoreOwner(script, dataDir);
  const uri = storeOwnerDatabase(owner.uri, DATABASE);
  let served: ApiOnDatabase | undefined;
  const errors: string[] = [];
  try {
    // The bench measures the outage, not the limiter's refusals.
    served = await startApiOnDatabase(uri, { logger: errorLogger(errors), rateLimitPerMinute: 1_000_000 });
    const { key } = await served.apiKeys.createApiKey(OWNER);
    const call = client(served.api.url, key);

    /** Acknowledged creates (ids), drafts not yet previewed, acknowledged previews (ids). */
    const created = new Set<string>();
    const drafts: string[] = [];
    const previewed = new Set<string>();
    /** Creates answered 503: their key and body, to send again once the store is back. */
    const refusedCreates: { key: string; body: Record<string, unknown> }[] = [];
    let createKeys = 0;

    const create = async (tag: string): Promise<Answer> => {
      const idempotencyKey = `outage-${tag}`;
      const body = createBody(tag);
      createKeys += 1;
      const answer = await call('POST', '/api/training-plan', body, { 'idempotency-key': idempotencyKey });
      if (answer.status === 201) {
        const id = (JSON.parse(answer.body) as { trainingPlanId: string }).trainingPlanId;
        created.add(id);
        drafts.push(id);
      } else if (answer.status === 503) refusedCreates.push({ key: idempotencyKey, body });
      return answer;
    };
    for (let i = 0; i < SEED_PLANS; i += 1) {
      const answer = await create(`seed-${i}`);
      if (answer.status !== 201) throw new Error(`seed create answered ${answer.status}: ${answer.body.slice(0, 200)}`);
    }
    const readable = [...created];

    const send = async (i: number): Promise<{ kind: Kind; answer: Answer }> => {
      const slot = i % 10;
      if (slot >= 4 && slot < 6) {
        const id = drafts.shift();
        if (id !== undefined) {
          const answer = await call('POST', '/api/training-plan/generate', { trainingPlanId: id });
          if (answer.status === 200) previewed.add(id);
          return { kind: 'preview', answer };
        }
      } else if (slot >= 6) {
        // Spread over every plan acknowledged so far, seeds first.
        const id = readable[(i * 7919) % readable.length] ?? '';
        return { kind: 'read', answer: await call('GET', `/api/training-plan/${id}`) };
      }
      const answer = await create(String(i));
      if (answer.status === 201) readable.push((JSON.parse(answer.body) as { trainingPlanId: string }).trainingPlanId);
      return { kind: 'create', answer };
    };

    const samples: Sample[] = [];
    const interval = 1000 / RATE_PER_SECOND;
    const total = Math.round((DURATION_MS / 1000) * RATE_PER_SECOND);
    const start = performance.now() + 20;
    const times = { kill: Number.NaN, restart: Number.NaN, ready: Number.NaN };

    const outage = (async () => {
      await sleep(start + KILL_AT_MS - performance.now());
      times.kill = performance.now();
      await stopStoreOwner(owner as StoreOwner);
      owner = undefined;
      await sleep(start + RESTART_AT_MS - performance.now());
      times.restart = performance.now();
      owner = await startStoreOwner(script, dataDir);
      times.ready = performance.now();
    })();
    // Awaited after the load; until then a failure must not count as an unhandled rejection.
    outage.catch(() => undefined);

    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i += 1) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      inFlight.push(
        send(i).then(({ kind, answer }) => {
          samples.push({
            kind,
            due,
            answeredAt: performance.now(),
            status: answer.status,
            retryAfter: answer.retryAfter,
            ...(answer.error === undefined ? {} : { error: answer.error }),
          });
        }),
      );
    }
    await Promise.all(inFlight);
    await outage;

    // A client following Retry-After: each refused create again, with its key, once the store is back.
    let retried = 0;
    for (const refused of refusedCreates) {
      const answer = await call('POST', '/api/training-plan', refused.body, { 'idempotency-key': refused.key });
      if (answer.status !== 201) throw new Error(`a refused create sent again answered ${answer.status}: ${answer.body.slice(0, 200)}`);
      created.add((JSON.parse(answer.body) as { trainingPlanId: string }).trainingPlanId);
      retried += 1;
    }

    await served.close();
    served = undefined;

    // One more kill -9 and a cold start from the files, then a fresh connection checks every write.
    if (owner) await stopStoreOwner(owner);
    const coldStart = performance.now();
    owner = await startStoreOwner(script, dataDir);
    const coldStartMs = performance.now() - coldStart;
    const checker = new MongoClient(storeOwnerDatabase(owner.uri, DATABASE), { serverSelectionTimeoutMS: 5_000 });
    let stored: { plans: number; created: number; previewed: number };
    try {
      await checker.connect();
      const docs = checker.db(DATABASE).collection('plans');
      const ids = (set: ReadonlySet<string>) => [...set].map((id) => ObjectId.createFromHexString(id));
      stored = {
        plans: await docs.countDocuments({ owner: OWNER }),
        created: await docs.countDocuments({ _id: { $in: ids(created) } }),
        previewed: await docs.countDocuments({ _id: { $in: ids(previewed) }, status: 'preview', preview: { $ne: null } }),
      };
    } finally {
      await checker.close();
    }

    const ackedCreates = samples.filter((s) => s.kind === 'create' && s.status === 201).length;
    const lost = created.size - stored.created + (previewed.size - stored.previewed);
    const before = samples.filter((s) => s.due < times.kill);
    const down = samples.filter((s) => s.due >= times.kill && s.due < times.ready);
    const after = samples.filter((s) => s.due >= times.ready);
    const firstOk = Math.min(
      ...samples.filter((s) => s.status >= 200 && s.status < 300 && s.answeredAt > times.restart).map((s) => s.answeredAt),
    );
    const latencies = (phase: readonly Sample[]) => phase.map((s) => s.answeredAt - s.due);
    const maxDown = Math.max(...latencies(down));
    // A request sent as the store starts again waits in server selection and succeeds once it serves.
    const okDown = down.filter((s) => s.status >= 200 && s.status < 300);
    const okWhileDown = okDown.filter((s) => s.answeredAt < times.ready).length;
    const okDownNote =
      okDown.length === 0
        ? ''
        : okWhileDown === 0
          ? '; its 2xx were sent as the store started again and answered once it served'
          : `; ${okWhileDown} 2xx ANSWERED WHILE THE STORE WAS DOWN`;
    const summary =
      `${samples.length} requests in ${DURATION_MS / 1000} s, open loop; all: ${statusNote(samples)}; ` +
      `acknowledged writes ${ackedCreates + previewed.size} (${ackedCreates} creates, ${previewed.size} previews), ` +
      `lost ${lost} after one more kill -9 and a cold start (${Math.round(coldStartMs)} ms); ` +
      `${retried} creates answered 503 sent again with their Idempotency-Key: all 201, ` +
      `${stored.plans} plans stored for ${createKeys} create keys; ` +
      `store down ${seconds(times.ready - times.kill)} s (restart to serving ${Math.round(times.ready - times.restart)} ms); ` +
      `first 2xx ${Number.isFinite(firstOk) ? `${((firstOk - times.restart) / 1000).toFixed(2)} s` : 'NEVER'} after the restart`;
    console.log(`outage: ${summary}`);

    const failures: string[] = [];
    if (lost > 0) failures.push(`${lost} acknowledged writes lost`);
    if (stored.plans !== createKeys) failures.push(`${stored.plans} plans stored for ${createKeys} create keys (one each expected)`);
    const broken = samples.filter((s) => s.status === 0 || (s.status >= 500 && s.status !== 503));
    if (broken.length > 0) {
      const first = broken[0] as Sample;
      failures.push(
        `${broken.length} requests answered 5xx other than 503 or not at all (first: ${first.status || first.error}` +
          `${errors[0] ? `; log: ${errors[0].slice(0, 300)}` : ''})`,
      );
    }
    if (!Number.isFinite(firstOk)) failures.push('no request succeeded after the restart');
    if (failures.length > 0) throw new Error(`outage bench failed: ${failures.join('; ')}`);

    const phases: Phase[] = [
      { name: `before the outage (0–${KILL_AT_MS / 1000} s)`, samples: before },
      {
        name: `while the store is down (killed at ${KILL_AT_MS / 1000} s, serving again ${seconds(times.ready - start)} s)`,
        samples: down,
      },
      { name: `after the restart (to ${DURATION_MS / 1000} s, API not restarted)`, samples: after },
    ];
    return phases.map((phase, index) =>
      summarize(SUITE, `creates, previews, reads at ${RATE_PER_SECOND}/s: ${phase.name}`, latencies(phase.samples), {
        ...(index === 1 ? { targetMs: TARGET_MS, targetOn: 'p99' as const } : {}),
        note:
          `${statusNote(phase.samples)}` +
          (index === 1 ? `${okDownNote}; max ${Math.round(maxDown)} ms; ${summary}` : '') +
          (index === 2 ? `; first 2xx ${((firstOk - times.restart) / 1000).toFixed(2)} s after the restart` : ''),
      }),
    );
  } finally {
    await served?.close().catch(() => undefined);
    if (owner) await stopStoreOwner(owner, 'SIGTERM');
    await rm(workDir, { recursive: true, force: true });
  }
}
