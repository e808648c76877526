/**
 * Strava's webhook under a burst (issue 21): `gofast start` with API_PORT and Strava configured,
 * in its own process, the embedded MongoDB-compatible server in another (as http.bench.ts), and
 * 200 events POSTed to `/strava/webhook` at once, five times (each a fresh connection, as Strava
 * opens them). Each answer is one inbox write; the inbox runner works on the events meanwhile, in
 * the same process (they name athletes with no link here, so it never calls Strava: its
 * STRAVA_API_URL is a closed port). Target from the issue: p99 ≤ 100 ms.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { summarize, type BenchRow } from './harness.js';
import { startApiProcess, startDatabaseProcess, stopProcess } from './http.bench.js';

const BURST = 200;
const ROUNDS = 5;
const TARGET_P99_MS = 100;

function postEvent(url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/strava/webhook',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`answered ${res.statusCode}`)),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function benchStravaWebhook(): Promise<BenchRow[]> {
  const database = await startDatabaseProcess();
  const mongoUri = `${database.uri.replace(/\/?$/, '/')}bench_strava`;
  let api: Awaited<ReturnType<typeof startApiProcess>> | undefined;
  try {
    api = await startApiProcess(mongoUri, (port) => ({
      STRAVA_CLIENT_ID: '4242',
      STRAVA_CLIENT_SECRET: 'bench-client-secret',
      STRAVA_VERIFY_TOKEN: 'bench-verify-token-0123456789',
      GOFAST_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      STRAVA_API_URL: 'http://127.0.0.1:9/api/v3',
      STRAVA_OAUTH_URL: 'http://127.0.0.1:9/oauth',
    }));
    const url = new URL(api.url);
    const samples: number[] = [];
    let eventTime = 1_800_000_000;
    // One warm-up burst, not counted.
    for (let round = -1; round < ROUNDS; round += 1) {
      const burst = Array.from({ length: BURST }, (_, i) => {
        eventTime += 1;
        return JSON.stringify({
          object_type: 'activity',
          object_id: 15_000_000_000 + round * BURST + i,
          aspect_type: 'create',
          owner_id: 900_000 + (i % 50),
          subscription_id: 4242,
          event_time: eventTime,
          updates: {},
        });
      });
      const times = await Promise.all(burst.map((body) => postEvent(url, body)));
      if (round >= 0) samples.push(...times);
    }
    return [
      summarize('strava', `webhook answer, ${BURST} concurrent events`, samples, {
        targetMs: TARGET_P99_MS,
        targetOn: 'p99',
        note: `${ROUNDS} bursts, each event one inbox write; the inbox runner working meanwhile; database in its own process`,
      }),
    ];
  } finally {
    if (api !== undefined) await stopProcess(api.child);
    await stopProcess(database.child);
  }
}
