/**
 * The plan web page (`GET /p/<token>`, issue 20) under load on loopback, as http.bench.ts measures
 * the API: `gofast start` with API_PORT in its own process, the embedded MongoDB-compatible server
 * in another (`gofast dev-mongo`), 50 keep-alive connections. 50 sample marathons, three weeks
 * made and one logged, each shared once; every request is a page of its own plan: the token looked
 * up by hash and the plan read (both every time, so a revoke holds at once), then the page —
 * rendered and gzipped once per plan revision and day, the chart inline — sent gzipped as to a
 * browser, and again without gzip. Also the same with If-None-Match (304, no body), and the
 * calendar feed (`/p/<token>.ics`) when the route is there.
 * Saturated, then paced at half that rate; targets from the issue: ≥ 1,000 req/s saturated,
 * p99 ≤ 50 ms paced.
 */
import { Agent, request as httpRequest } from 'node:http';
import { createRulesEngine } from '../src/engine/rules/rules-engine.js';
import type { Clock } from '../src/plans/plan-context.js';
import { createPlanUseCases } from '../src/plans/plan-use-cases.js';
import { connectMongo } from '../src/storage/mongo-connection.js';
import { MongoPlanStore } from '../src/storage/mongo-plan-store.js';
import { MongoShareLinkStore } from '../src/storage/mongo-share-link-store.js';
import { MARATHON_FIELDS } from '../test/support/sample-inputs.js';
import { summarize, type BenchRow } from './harness.js';
import {
  CONNECTIONS,
  TARGET_P99_MS,
  note,
  paced,
  rateOf,
  saturated,
  startApiProcess,
  startDatabaseProcess,
  stopProcess,
  withCpu,
  type Answer,
  type Run,
} from './http.bench.js';

const REQUESTS = 60;
const PACED_REQUESTS = 20;
const TARGET_RATE = 1000;

type PageAnswer = Answer & { etag: string | undefined; bytes: number };

function pageClient(base: URL) {
  const agents = Array.from({ length: CONNECTIONS }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const get = (connection: number, path: string, headers: Record<string, string> = {}): Promise<PageAnswer> =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        { agent: agents[connection % CONNECTIONS], host: base.hostname, port: base.port, method: 'GET', path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const etag = res.headers.etag;
            const raw = Buffer.concat(chunks);
            resolve({ status: res.statusCode ?? 0, body: raw.toString(), etag, bytes: raw.byteLength });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  return { get, close: () => agents.forEach((agent) => agent.destroy()) };
}

export async function benchPage(): Promise<BenchRow[]> {
  const database = await startDatabaseProcess();
  const mongoUri = `${database.uri.replace(/\/?$/, '/')}bench_page`;
  const connection = await connectMongo(mongoUri);
  let api: Awaited<ReturnType<typeof startApiProcess>> | undefined;
  let client: ReturnType<typeof pageClient> | undefined;
  try {
    // The plans and their links are made here, on the API's database, as an athlete's /plan share would.
    const store = new MongoPlanStore(connection);
    await store.init();
    const shareLinks = new MongoShareLinkStore(connection);
    await shareLinks.init();
    let now = new Date('2026-11-25T12:00:00Z');
    const clock: Clock = { now: () => new Date(now) };
    const plans = createPlanUseCases({
      store,
      engine: createRulesEngine(),
      clock,
      sharing: { store: shareLinks, baseUrl: 'https://coach.example.org' },
    });
    const tokens: string[] = [];
    for (let i = 0; i < CONNECTIONS; i += 1) {
      now = new Date('2026-11-25T12:00:00Z');
      const owner = `console:bench:page${i}`;
      const preview = await plans.createPreview({ owner, fields: { ...MARATHON_FIELDS, raceName: `Page Bench Marathon ${i}` } });
      await plans.confirmPlan(owner, preview.id);
      now = new Date('2026-12-12T08:00:00Z');
      await plans.ensureWeek(owner, preview.id, 3);
      await plans.logExecution(owner, preview.id, 1, { completedDays: 5, totalMiles: 28, averagePace: '8:50' });
      const { url } = await plans.sharePlan(owner, preview.id);
      tokens.push(url.slice(url.lastIndexOf('/') + 1));
    }
    api = await startApiProcess(mongoUri);
    client = pageClient(new URL(api.url));
    const { get } = client;
    const tokenOf = (c: number): string => tokens[c] ?? '';
    // As a browser asks: gzip accepted (the page is sent gzipped, as rendered and kept).
    const GZIP = { 'accept-encoding': 'gzip, deflate, br' };
    const page = (c: number): Promise<PageAnswer> => get(c, `/p/${tokenOf(c)}`, GZIP);
    const plainPage = (c: number): Promise<Answer> => get(c, `/p/${tokenOf(c)}`);
    const first = await get(0, `/p/${tokenOf(0)}`);
    if (first.status !== 200) throw new Error(`the page answered ${first.status}`);
    const bytes = first.bytes;
    const zipped = (await page(0)).bytes;
    const etags = await Promise.all(tokens.map(async (_, c) => (await page(c)).etag ?? ''));
    const revalidate = async (c: number): Promise<Answer> => {
      const answer = await get(c, `/p/${tokenOf(c)}`, { ...GZIP, 'if-none-match': etags[c] ?? '' });
      if (answer.status !== 304) throw new Error(`If-None-Match answered ${answer.status}, not 304`);
      return { status: 200, body: '' };
    };
    const ics = (c: number): Promise<Answer> => get(c, `/p/${tokenOf(c)}.ics`);
    const hasFeed = (await ics(0)).status === 200;

    const pids = { api: api.child.pid, database: database.child.pid };
    const measured = async (send: (c: number, i: number) => Promise<Answer>): Promise<{ full: Run; half: Run }> => {
      await saturated(REQUESTS / 2, send);
      const full = await withCpu(pids, () => saturated(REQUESTS, send));
      const half = await paced(PACED_REQUESTS, rateOf(full) / 2, send);
      return { full, half };
    };
    const rows: BenchRow[] = [];
    const add = (name: string, runs: { full: Run; half: Run }): void => {
      const rate = Math.round(rateOf(runs.full));
      const met = rate >= TARGET_RATE ? `≥ ${TARGET_RATE} req/s: yes` : `≥ ${TARGET_RATE} req/s: NO`;
      rows.push(
        summarize('page', name, runs.full.samples, { note: `${note(runs.full, 'saturated', false)}; ${met}` }),
        summarize('page', name, runs.half.samples, {
          targetMs: TARGET_P99_MS,
          targetOn: 'p99',
          note: note(runs.half, 'paced at half that', false),
        }),
      );
    };
    const kb = (n: number): string => `${Math.round(n / 1024)} KB`;
    add(`GET /p/<token> as browsers ask, gzip (20 weeks, chart inline, ${kb(zipped)} of ${kb(bytes)})`, await measured(page));
    add(`GET /p/<token> without gzip (${kb(bytes)})`, await measured(plainPage));
    add('GET /p/<token> with If-None-Match (304)', await measured(revalidate));
    if (hasFeed) add('GET /p/<token>.ics (the live calendar)', await measured(ics));
    return rows;
  } finally {
    client?.close();
    if (api) await stopProcess(api.child);
    await connection.close();
    await stopProcess(database.child);
  }
}
