/**
 * `npm run bench`: runs every benchmark suite and prints one table with the machine it ran on.
 * Pass suite names to run only those (`npm run bench -- engine`). With `--markdown`, the same
 * table is also written to docs/benchmarks.md with a fixed introduction on how to read it, so that
 * page is always a real run, never figures copied by hand.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { benchEmbeddedMongo } from './embedded-mongo.bench.js';
import { benchDelivery } from './delivery.bench.js';
import { benchDurableStore } from './durable-store.bench.js';
import { benchDiscord } from './discord.bench.js';
import { benchEngine } from './engine.bench.js';
import { benchHttp } from './http.bench.js';
import { benchPage } from './page.bench.js';
import { benchOutage } from './outage.bench.js';
import { benchPlanStore } from './plan-store.bench.js';
import { benchMidPlan } from './mid-plan.bench.js';
import { benchTuneUpResult } from './tune-up-result.bench.js';
import { benchOpenAi } from './openai.bench.js';
import { benchSlack } from './slack.bench.js';
import { benchConsole } from './console.bench.js';
import { benchClub } from './club.bench.js';
import { benchClubFanOut } from './club-fan-out.bench.js';
import { benchStartup } from './startup.bench.js';
import { benchCalendar } from './calendar.bench.js';
import { benchCharts } from './charts.bench.js';
import { benchActivities } from './activities.bench.js';
import { benchStravaWebhook } from './strava-webhook.bench.js';
import type { BenchRow } from './harness.js';

type Suite = { readonly run: () => Promise<BenchRow[]>; readonly what: string };

const suites: Record<string, Suite> = {
  engine: {
    run: benchEngine,
    what: 'the rules engine in process: the preview, and a whole 20-week marathon plan with every week validated',
  },
  'embedded-mongo': {
    run: benchEmbeddedMongo,
    what: 'the embedded MongoDB-compatible server through the official driver over loopback, with a real 20-week plan document',
  },
  'durable-store': {
    run: benchDurableStore,
    what: 'the durable embedded store on this machine’s disk (journal synced before each ack) over its Unix socket: single writes, 50 concurrent writers against memory, a cold start with 5,000 plans',
  },
  plans: { run: benchPlanStore, what: 'the plan use cases (confirm, next week) on the rules engine and the embedded server' },
  'mid-plan': {
    run: benchMidPlan,
    what: 'pause, resume after a 10-day flu (the re-plan core) and a race change on the rules engine and the embedded server',
  },
  'tune-up-result': {
    run: benchTuneUpResult,
    what: 'a tune-up added (remaking its week) and a faster result accepted, on the rules engine and the embedded server',
  },
  start: { run: benchStartup, what: '`npm start` from process launch to the coach’s greeting, 5 launches' },
  console: {
    run: benchConsole,
    what: 'a newcomer’s first console lines (help, the form, the one-line preview) piped into a session over the real core',
  },
  slack: { run: benchSlack, what: '200 concurrent signed slash commands and submissions against the local fake Slack (HTTP mode)' },
  openai: { run: benchOpenAi, what: 'the OpenAI engine’s own overhead against the fake with zero latency, and tokens and cost per plan' },
  discord: { run: benchDiscord, what: '200 `/plan new` interactions in a burst through the fake gateway' },
  http: { run: benchHttp, what: 'the HTTP API under 50 keep-alive connections, saturated and paced, database in its own process' },
  page: {
    run: benchPage,
    what: 'the plan web page from share links (`/p/<token>`), 50 keep-alive connections, saturated and paced, database in its own process',
  },
  outage: {
    run: benchOutage,
    what: 'the HTTP API under 100 req/s for 60 s with the durable store’s owner killed (SIGKILL) for 15 s: every answer within 1 s, no acknowledged write lost',
  },
  club: {
    run: async () => [...(await benchClub()), ...(await benchClubFanOut())],
    what: 'a 200-member club: the coach’s digest (`/plan club status`) and the weekly parent’s summary, pure and in process; its weekly post (parent + 200 thread replies) through the fake Slack (its 1 msg/s per channel sped up 10×) and Discord, against their rate-limit bound',
  },
  calendar: {
    run: benchCalendar,
    what: 'the live calendar feed of a 20-week plan (weeks made, the rest projected by the rules engine, the race): built afresh after a change, and fetched again unchanged',
  },
  charts: {
    run: benchCharts,
    what: 'the plan chart of a 20-week plan and a week card as SVG, and rasterised to PNG by resvg with the shipped font, in process',
  },
  delivery: { run: benchDelivery, what: '5,000 due weeks through the fake Slack and Discord, against their rate-limit bound' },
  activities: {
    run: benchActivities,
    what: 'runs matched to plan days (issue 21), pure and in process: 1,000 seeded activities against the 20-week sample plan, as one batch and each against its own plan',
  },
  strava: {
    run: benchStravaWebhook,
    what: 'Strava’s webhook (issue 21): 200 events POSTed at once to `gofast start` with Strava configured, ten bursts, database in its own process',
  },
};

/**
 * What the seed (the LLM-only Training Plan Generator) documents for the same step, in ms, keyed
 * by suite and benchmark name: its "Performance Characteristics" section.
 */
const SEED: Record<string, { readonly fromMs: number; readonly toMs: number; readonly what: string }> = {
  'engine/preview (phases + week 1)': { fromMs: 3000, toMs: 8000, what: 'one LLM call' },
  'engine/full 20-week marathon plan': { fromMs: 37_000, toMs: 91_000, what: '16 weeks' },
  'plans/confirm (preview → active, one guarded update)': { fromMs: 500, toMs: 1000, what: 'a Prisma transaction, ~12 rows' },
  'plans/next week (read, generate + validate, guarded $push)': { fromMs: 2200, toMs: 5500, what: 'an LLM call and 8 rows' },
};

function ms(value: number): string {
  return value < 1 ? value.toFixed(3) : value.toFixed(2);
}

function times(ratio: number): string {
  // Two significant figures: the seed's ranges are estimates, so more digits would be noise.
  const rounded = ratio >= 100 ? Number(ratio.toPrecision(2)) : Math.round(ratio);
  return rounded.toLocaleString('en-US');
}

function versusSeed(row: BenchRow): string {
  const seed = SEED[`${row.suite}/${row.name}`];
  if (!seed) return '';
  const seconds = (value: number): string => `${(value / 1000).toLocaleString('en-US')}`;
  return `${seconds(seed.fromMs)}–${seconds(seed.toMs)} s (${seed.what}): ~${times(seed.fromMs / row.medianMs)}–${times(seed.toMs / row.medianMs)}× faster`;
}

function table(rows: readonly BenchRow[], withSeed: boolean): { lines: string[]; missed: number } {
  const lines = [
    `| suite | benchmark | n | median ms | p95 ms | p99 ms | target | met |${withSeed ? ' vs the seed |' : ''}`,
    `| --- | --- | ---: | ---: | ---: | ---: | --- | --- |${withSeed ? ' --- |' : ''}`,
  ];
  let missed = 0;
  for (const row of rows) {
    const on = row.targetOn ?? 'median';
    const value = on === 'median' ? row.medianMs : on === 'p95' ? row.p95Ms : row.p99Ms;
    const met = row.targetMs === undefined ? '' : value <= row.targetMs ? 'yes' : 'NO';
    if (met === 'NO') missed += 1;
    const target = row.targetMs === undefined ? '' : `${on} ≤ ${row.targetMs} ms`;
    lines.push(
      `| ${row.suite} | ${row.name}${row.note ? ` (${row.note})` : ''} | ${row.iterations} | ${ms(row.medianMs)} | ${ms(row.p95Ms)} | ${ms(row.p99Ms)} | ${target} | ${met} |` +
        (withSeed ? ` ${versusSeed(row)} |` : ''),
    );
  }
  return { lines, missed };
}

/** The 1-minute load average: on a busy machine every figure is slower, so the page says how busy. */
function load(): string {
  return (os.loadavg()[0] ?? 0).toFixed(1);
}

function markdown(machine: string, date: string, loads: string, ran: readonly string[], rows: readonly BenchRow[]): string {
  const skipped = Object.keys(suites).filter((name) => !ran.includes(name));
  const command =
    ran.length === Object.keys(suites).length ? 'npm run bench -- --markdown' : `npm run bench -- --markdown ${ran.join(' ')}`;
  const { lines, missed } = table(rows, true);
  return [
    '# Benchmarks',
    '',
    `<!-- Written by \`${command}\` (bench/run.ts). Do not edit by hand: run it again. -->`,
    '',
    'Every figure on this page comes from one run of `npm run bench -- --markdown`, on the machine',
    'named below. How to read it:',
    '',
    '- **Compare ratios, not absolute times.** Timings move with the machine and with whatever else',
    '  it runs. Compare rows of the same run with each other, or one row across runs on one',
    '  machine. A change that halves a median shows up as half on any machine.',
    '  The load average beside the machine says how busy it was: figures from a machine with a',
    '  load near or above its CPU count are slow across the board.',
    '- **n** runs after a warm-up; **median**, **p95** and **p99** are in milliseconds. **target** is',
    '  set by the issue that asked for the feature, on the median unless it names p95 or p99; **met**',
    '  says whether this run held it.',
    '- **vs the seed** compares our median with the timings the seed (the LLM-only Training Plan',
    '  Generator) documents for the same step: preview 3–8 s, confirm 0.5–1 s (a Prisma transaction',
    '  of ~12 rows), each later week 2.2–5.5 s, 37–91 s for a 16-week plan. Those are the seed’s own',
    '  estimates on another machine with a model call in the loop, so the ratio is an order of',
    '  magnitude, not a race. Notes in brackets give the rest of the story (requests per second,',
    '  CPU per request, tokens and dollars per plan against the seed’s prompts).',
    '',
    'Run one suite or a few by name, e.g. `npm run bench -- engine plans`; add `--markdown` to',
    'rewrite this page. The suites:',
    '',
    ...Object.entries(suites).map(([name, suite]) => `- \`${name}\`: ${suite.what}${ran.includes(name) ? '' : ' (not in this run)'}.`),
    '',
    '## The last run',
    '',
    `${machine}. Run on ${date}${skipped.length === 0 ? ', every suite' : `, suites ${ran.join(', ')} (not run: ${skipped.join(', ')})`}; ` +
      `load average ${loads} (1 minute, at the start and at the end).`,
    '',
    ...lines,
    ...(missed > 0 ? ['', `${missed} target(s) missed.`] : []),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const writeMarkdown = args.includes('--markdown');
  const wanted = args.filter((arg) => arg !== '--markdown');
  const unknown = wanted.filter((name) => !(name in suites));
  if (unknown.length > 0) {
    console.error(`bench: unknown suite ${unknown.join(', ')}; suites are ${Object.keys(suites).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const machine = `Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`;
  console.log(machine);
  const loadAtStart = load();
  const rows: BenchRow[] = [];
  const ran: string[] = [];
  for (const [name, suite] of Object.entries(suites)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    rows.push(...(await suite.run()));
    ran.push(name);
  }
  console.log('');
  const { lines, missed } = table(rows, false);
  for (const line of lines) console.log(line);
  if (missed > 0) console.log(`\n${missed} target(s) missed.`);
  if (writeMarkdown) {
    const file = join(import.meta.dirname, '..', 'docs', 'benchmarks.md');
    await writeFile(file, markdown(machine, new Date().toISOString().slice(0, 10), `${loadAtStart} → ${load()}`, ran, rows));
    console.log(`\nWrote ${file}`);
  }
}

await main();
