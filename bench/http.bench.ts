/**
 * The HTTP API under load on loopback (issue 10): 50 keep-alive connections (one socket each)
 * against the real app — Hono on @hono/node-server, bearer keys looked up in the database, the
 * rate limit, the rules engine — with the embedded MongoDB-compatible server in a process of its
 * own (`gofast dev-mongo`), as a database is in production. What is measured:
 *  - week/generate, existing week: the week asked for exists (weeks 2…20 of 50 active plans), so a
 *    request is key lookup + one plan read (owner and order checks) — a client re-fetching weeks;
 *  - week/generate, fresh week: each connection makes weeks 2…N of its own plan in order, so every
 *    request also runs the rules engine, the validator and a guarded $push (two plan reads);
 *  - GET /api/training-plan/{id}: the whole plan (20 weeks, ~47 KB of JSON).
 * Each twice: saturated (every connection sends its next request as soon as its answer is in: the
 * throughput, and latency that is mostly queueing, since latency = 50 / throughput) and paced (each
 * connection sends on a fixed schedule at half the saturated throughput in all; latency counted
 * from the scheduled send time, so a stall is not hidden). Target from the issue: p99 ≤ 50 ms.
 * Each saturated run follows one unmeasured run of the same kind of request (fresh weeks on plans
 * of their own), so what is measured is the server warmed up — compiled code, a full connection
 * pool — as it runs all day, not its first second.
 * Notes give requests/s, the CPU each process spent per request (the API, the database, this
 * client: on two cores they share, the sum bounds the throughput), and, for weeks, the ratio to
 * the seed's 2.2–5.5 s per week.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { readFileSync } from 'node:fs';
import { createApiKeyUseCases } from '../src/plans/api-keys.js';
import { systemClock } from '../src/plans/plan-context.js';
import { MongoApiKeyStore } from '../src/storage/mongo-api-key-store.js';
import { connectMongo } from '../src/storage/mongo-connection.js';
import { MARATHON_FIELDS } from '../test/support/sample-inputs.js';
import { summarize, type BenchRow } from './harness.js';
import { freePort } from '../test/support/free-port.js';

const ROOT = join(import.meta.dirname, '..');
export const CONNECTIONS = 50;
/** Requests per connection in each saturated run. */
const SATURATED_REQUESTS = 40;
/** Requests per connection in each paced run. */
const PACED_REQUESTS = 12;
/** Plans made in full (weeks 2…20) by the saturated fresh-week run; the paced one makes 2…11. */
const FRESH_WEEKS = 19;
const PACED_FRESH_WEEKS = 10;
export const TARGET_P99_MS = 50;
const SEED_WEEK_MS = { low: 2200, high: 5500 };

export type Answer = { status: number; body: string };
/** CPU milliseconds spent during a run, by process. */
type CpuSpent = { api: number; database: number; client: number };
export type Run = { samples: number[]; seconds: number; cpu?: CpuSpent };
type Send = (connection: number, index: number) => Promise<Answer>;

/**
 * The embedded server in its own process: its BSON work then does not run on the API's event loop
 * (a real mongod would not either).
 */
export async function startDatabaseProcess(): Promise<{ uri: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'gofast.js'), 'dev-mongo', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  if (!child.stdout) throw new Error('gofast dev-mongo has no stdout');
  const lines = createInterface({ input: child.stdout });
  const uri = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`gofast dev-mongo exited (${code}) before printing its URI`)));
  });
  lines.close();
  return { uri, child };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A client with one keep-alive socket per connection, all acting with one API key. */
function client(base: URL) {
  const agents = Array.from({ length: CONNECTIONS }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const call = (connection: number, key: string, method: string, path: string, body?: unknown): Promise<Answer> => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          agent: agents[connection % CONNECTIONS],
          host: base.hostname,
          port: base.port,
          method,
          path,
          headers: {
            authorization: `Bearer ${key}`,
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  };
  return { call, close: () => agents.forEach((agent) => agent.destroy()) };
}

function expectOk(answer: Answer, what: string): void {
  if (answer.status !== 200) throw new Error(`${what} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
}

/** Closed loop: each connection sends its next request as soon as its answer is in. */
export async function saturated(perConnection: number, send: Send): Promise<Run> {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, connection) => {
      for (let index = 0; index < perConnection; index += 1) {
        const t0 = performance.now();
        expectOk(await send(connection, index), `request ${index} of connection ${connection}`);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return { samples, seconds: (performance.now() - started) / 1000 };
}

/**
 * Open loop: each connection sends at fixed times (`ratePerSecond` over all connections, the
 * connections' schedules staggered); latency runs from the scheduled time, so time spent waiting
 * for a busy connection counts.
 */
export async function paced(perConnection: number, ratePerSecond: number, send: Send): Promise<Run> {
  const samples: number[] = [];
  const interval = (1000 * CONNECTIONS) / ratePerSecond;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, connection) => {
      for (let index = 0; index < perConnection; index += 1) {
        const due = started + (connection / CONNECTIONS + index) * interval;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        expectOk(await send(connection, index), `request ${index} of connection ${connection}`);
        samples.push(performance.now() - due);
      }
    }),
  );
  return { samples, seconds: (performance.now() - started) / 1000 };
}

/**
 * CPU time a process has used, in ms, from /proc (utime + stime, all threads; clock ticks of
 * 10 ms, Linux's USER_HZ); undefined where there is no /proc.
 */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ');
    return (Number(fields?.[11]) + Number(fields?.[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Runs `measure` and records the CPU the API, the database and this client spent meanwhile. */
export async function withCpu(pids: { api?: number; database?: number }, measure: () => Promise<Run>): Promise<Run> {
  const api = processCpuMs(pids.api);
  const database = processCpuMs(pids.database);
  const client = process.cpuUsage();
  const run = await measure();
  const apiAfter = processCpuMs(pids.api);
  const databaseAfter = processCpuMs(pids.database);
  const clientSpent = process.cpuUsage(client);
  if (api === undefined || database === undefined || apiAfter === undefined || databaseAfter === undefined) return run;
  return {
    ...run,
    cpu: { api: apiAfter - api, database: databaseAfter - database, client: (clientSpent.user + clientSpent.system) / 1000 },
  };
}

export function rateOf(run: Run): number {
  return run.samples.length / run.seconds;
}

export function note(run: Run, mode: string, weeks: boolean): string {
  const sorted = [...run.samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN;
  const perRequest = (ms: number) => (ms / run.samples.length).toFixed(2);
  const cpu = run.cpu
    ? `; CPU per request: API ${perRequest(run.cpu.api)} ms, database ${perRequest(run.cpu.database)} ms, client ${perRequest(run.cpu.client)} ms`
    : '';
  const base = `${mode}, ${Math.round(rateOf(run))} req/s over ${CONNECTIONS} keep-alive connections${cpu}`;
  if (!weeks) return base;
  const times = (ms: number) => `${Math.round(SEED_WEEK_MS.low / ms)}–${Math.round(SEED_WEEK_MS.high / ms)}×`;
  return `${base}; vs the seed's 2.2–5.5 s per week: median ${times(median)}, p99 ${times(p99)} faster`;
}

/**
 * The API as it runs in production: `gofast start` with API_PORT, in its own process, so the
 * load generator here does not share its event loop.
 */
export async function startApiProcess(
  mongoUri: string,
  /** More settings, given the API's port (a suite's own: Strava's, whose PUBLIC_BASE_URL names the port). */
  more: (port: number) => Record<string, string> = () => ({}),
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'gofast.js'), 'start'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? ROOT,
      MONGODB_URI: mongoUri,
      API_PORT: String(port),
      // The bench measures the API, not the limiter's refusals.
      API_RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
      ...more(port),
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const ready = await fetch(`${url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) return { url, child };
    if (child.exitCode !== null) throw new Error(`gofast start exited (${child.exitCode}) before serving the API`);
    await sleep(100);
  }
  child.kill('SIGTERM');
  throw new Error('the API did not come up within 10 s');
}

export async function benchHttp(): Promise<BenchRow[]> {
  const database = await startDatabaseProcess();
  const mongoUri = `${database.uri.replace(/\/?$/, '/')}bench_http`;
  let connection: Awaited<ReturnType<typeof connectMongo>> | undefined;
  let api: { url: string; child: ChildProcess } | undefined;
  let http: ReturnType<typeof client> | undefined;
  try {
    // Keys are made here, on the API's database; everything else goes through the API.
    connection = await connectMongo(mongoUri);
    const keyStore = new MongoApiKeyStore(connection);
    await keyStore.init();
    const apiKeys = createApiKeyUseCases({ store: keyStore, clock: systemClock });
    api = await startApiProcess(mongoUri);
    http = client(new URL(api.url));
    const { call } = http;

    type Active = { readonly id: string; readonly key: string };
    /**
     * One active plan per connection, made through the API itself, each for an athlete of its own
     * (an athlete has one active plan at a time, so the three rounds need three athletes apiece).
     */
    const activePlans = async (tag: string): Promise<Active[]> =>
      Promise.all(
        Array.from({ length: CONNECTIONS }, async (_, c) => {
          const { key } = await apiKeys.createApiKey(`http:bench:athlete-${tag}-${c}`);
          const created = await call(c, key, 'POST', '/api/training-plan', { ...MARATHON_FIELDS, raceName: `Bench ${tag} ${c}` });
          const id = (JSON.parse(created.body) as { trainingPlanId: string }).trainingPlanId;
          expectOk(await call(c, key, 'POST', '/api/training-plan/generate', { trainingPlanId: id }), 'generate');
          expectOk(await call(c, key, 'PUT', '/api/training-plan/generate', { trainingPlanId: id }), 'confirm');
          return { id, key };
        }),
      );
    const full = await activePlans('a');
    const partial = await activePlans('b');
    const warmUp = await activePlans('w');
    const planOf = (plans: Active[], c: number): Active => plans[c] ?? { id: '', key: '' };
    const week = (plans: Active[], offset: number) => (c: number, index: number) =>
      call(c, planOf(plans, c).key, 'POST', '/api/training-plan/week/generate', {
        trainingPlanId: planOf(plans, c).id,
        weekNumber: offset + index,
      });
    const existing = (c: number, index: number) =>
      call(c, planOf(full, c).key, 'POST', '/api/training-plan/week/generate', {
        trainingPlanId: planOf(full, c).id,
        weekNumber: 2 + ((index + c) % FRESH_WEEKS),
      });
    const get = (c: number) => call(c, planOf(full, c).key, 'GET', `/api/training-plan/${planOf(full, c).id}`);

    const pids = { api: api.child.pid, database: database.child.pid };
    /** One unmeasured run, then the measured one with the CPU each process spent. */
    const warmedUp = async (warm: () => Promise<Run>, measured: () => Promise<Run>): Promise<Run> => {
      await warm();
      return withCpu(pids, measured);
    };
    const freshSaturated = await warmedUp(
      () => saturated(FRESH_WEEKS, week(warmUp, 2)),
      () => saturated(FRESH_WEEKS, week(full, 2)),
    );
    const existingSaturated = await warmedUp(
      () => saturated(SATURATED_REQUESTS, existing),
      () => saturated(SATURATED_REQUESTS, existing),
    );
    const getSaturated = await warmedUp(
      () => saturated(SATURATED_REQUESTS, get),
      () => saturated(SATURATED_REQUESTS, get),
    );
    const freshPaced = await paced(PACED_FRESH_WEEKS, rateOf(freshSaturated) / 2, week(partial, 2));
    const existingPaced = await paced(PACED_REQUESTS, rateOf(existingSaturated) / 2, existing);
    const getPaced = await paced(PACED_REQUESTS, rateOf(getSaturated) / 2, get);

    const row = (name: string, run: Run, mode: string, weeks: boolean): BenchRow =>
      summarize('http', name, run.samples, { targetMs: TARGET_P99_MS, targetOn: 'p99', note: note(run, mode, weeks) });
    const SATURATED = 'saturated';
    const PACED = 'paced at half that';
    return [
      row('POST /api/training-plan/week/generate, existing week', existingSaturated, SATURATED, true),
      row('POST /api/training-plan/week/generate, existing week', existingPaced, PACED, true),
      row('POST /api/training-plan/week/generate, fresh week (rules engine)', freshSaturated, SATURATED, true),
      row('POST /api/training-plan/week/generate, fresh week (rules engine)', freshPaced, PACED, true),
      row('GET /api/training-plan/{id} (20 weeks)', getSaturated, SATURATED, false),
      row('GET /api/training-plan/{id} (20 weeks)', getPaced, PACED, false),
    ];
  } finally {
    http?.close();
    if (api) await stopProcess(api.child);
    await connection?.close();
    await stopProcess(database.child);
  }
}
