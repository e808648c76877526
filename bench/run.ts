/**
 * `npm run bench`: runs every benchmark suite and prints one table with the machine it ran on.
 * Pass suite names to run only those (`npm run bench -- engine`).
 */
import os from 'node:os';
import { benchEmbeddedMongo } from './embedded-mongo.bench.js';
import { benchDelivery } from './delivery.bench.js';
import { benchDiscord } from './discord.bench.js';
import { benchEngine } from './engine.bench.js';
import { benchHttp } from './http.bench.js';
import { benchPlanStore } from './plan-store.bench.js';
import { benchOpenAi } from './openai.bench.js';
import { benchSlack } from './slack.bench.js';
import { benchStartup } from './startup.bench.js';
import type { BenchRow } from './harness.js';

const suites: Record<string, () => Promise<BenchRow[]>> = {
  engine: benchEngine,
  'embedded-mongo': benchEmbeddedMongo,
  plans: benchPlanStore,
  start: benchStartup,
  slack: benchSlack,
  openai: benchOpenAi,
  discord: benchDiscord,
  http: benchHttp,
  delivery: benchDelivery,
};

function ms(value: number): string {
  return value < 1 ? value.toFixed(3) : value.toFixed(2);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`);
  const rows: BenchRow[] = [];
  for (const [name, run] of Object.entries(suites)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    rows.push(...(await run()));
  }
  console.log('');
  console.log('| suite | benchmark | n | median ms | p95 ms | p99 ms | target | met |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | --- | --- |');
  let missed = 0;
  for (const row of rows) {
    const on = row.targetOn ?? 'median';
    const value = on === 'median' ? row.medianMs : on === 'p95' ? row.p95Ms : row.p99Ms;
    const met = row.targetMs === undefined ? '' : value <= row.targetMs ? 'yes' : 'NO';
    if (met === 'NO') missed += 1;
    const target = row.targetMs === undefined ? '' : `${on} ≤ ${row.targetMs} ms`;
    console.log(
      `| ${row.suite} | ${row.name}${row.note ? ` (${row.note})` : ''} | ${row.iterations} | ${ms(row.medianMs)} | ${ms(row.p95Ms)} | ${ms(row.p99Ms)} | ${target} | ${met} |`,
    );
  }
  if (missed > 0) console.log(`\n${missed} target(s) missed.`);
}

await main();
