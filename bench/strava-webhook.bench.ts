/**
 * Strava's webhook under a burst (issue 21): `gofast start` with API_PORT and Strava configured,
 * in its own process, the embedded MongoDB-compatible server in another (as http.bench.ts), and
 * 200 events POSTed to `/strava/webhook` at once, ten times (each a fresh connection, as Strava
 * opens them). Each answer is one inbox write; the inbox runner works on the events meanwhile, in
 * the same process (they name athletes with no link here, so it never calls Strava: its
 * STRAVA_API_URL is a closed port). Target from the issue: p99 ≤ 100 ms.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { summarize, type BenchRow } from './harness.js';
import { startApiProcess, startDatabaseProcess, stopProcess } from './http.bench.js';

const BURST = 200;
const ROUNDS = 10;
const TARGET_P99_MS = 100;

/**
 * One event on a connection of its own, as Strava sends them, written as raw HTTP/1.1 over a
 * socket: the client's own work (no HTTP client library on this side) stays small beside the
 * server's, which is what is measured. Resolves with the time from connecting to the whole answer.
 */
function postEvent(url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request =
      `POST /strava/webhook HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => socket.write(request));
    let head = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      if (head.length < 16) head += chunk;
    });
    socket.on('end', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      if (status === '200') resolve(performance.now() - started);
      else reject(new Error(`answered ${status ?? 'nothing'}`));
    });
    socket.on('error', reject);
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
