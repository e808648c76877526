/**
 * `npm start` from a checkout: time from launching the process to the coach's greeting in the
 * terminal (embedded store, rules engine, console). Target from issue 5: within 5 s.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { summarize, type BenchRow } from './harness.js';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 5;

async function timeToGreeting(): Promise<number> {
  const cwd = await mkdtemp(join(tmpdir(), 'gofast-startup-'));
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'gofast.js'), 'start'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, GOFAST_DATA_DIR: join(cwd, '.data') },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let out = '';
  const greeted = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('/plan help')) resolve(performance.now() - started);
    });
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before greeting: ${out}`)));
  });
  child.stdin.end();
  await new Promise((resolve) => child.on('exit', resolve));
  return greeted;
}

export async function benchStartup(): Promise<BenchRow[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) samples.push(await timeToGreeting());
  return [
    summarize('start', 'npm start → coach greeting (process launch to first prompt)', samples, {
      targetMs: 5000,
      note: 'tsx, embedded store, console',
    }),
  ];
}
