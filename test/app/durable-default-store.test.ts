/**
 * The default store keeps plans, whoever makes them, as separate processes on one machine would:
 * `npm start` serving the HTTP API owns the data dir; `gofast apikey create` and `gofast plans
 * create` run while it serves and go through it; after the coach stops, `gofast plans list` opens
 * the files itself and finds every plan; a restarted coach serves them again. A second serving
 * instance on the same data dir stops at once with one sentence.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARATHON_FIELDS } from '../support/sample-inputs.js';
import { freePort } from '../support/free-port.js';

const ROOT = join(import.meta.dirname, '..', '..');
let cwd: string;
let env: NodeJS.ProcessEnv;
let port: number;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'gofast-durable-'));
  port = await freePort();
  env = { PATH: process.env.PATH ?? '', HOME: cwd, GOFAST_DATA_DIR: join(cwd, '.data'), LOG_LEVEL: 'warn' };
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

/** A `gofast` command to its end. */
async function gofast(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return gofastWith({}, ...args);
}

async function gofastWith(extra: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'gofast.js'), ...args], {
    cwd,
    env: { ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}

type Coach = { readonly child: ChildProcessByStdio<null, Readable, Readable>; output: () => string };

/** `gofast start` serving the HTTP API, once /readyz answers. */
async function startCoach(): Promise<Coach> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'gofast.js'), 'start'], {
    cwd,
    env: { ...env, API_PORT: String(port), API_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the coach exited: ${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { child, output: () => output };
    if (Date.now() > deadline) throw new Error(`the coach did not get ready: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopCoach(coach: Coach): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => coach.child.on('exit', resolve));
  coach.child.kill('SIGTERM');
  return exited;
}

const api = (path: string, key: string, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${port}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
  });

describe('the default store (durable, in GOFAST_DATA_DIR)', () => {
  it('keeps plans made by the HTTP API and by gofast plans create, across processes and a restart', async () => {
    const coach = await startCoach();
    let key: string;
    let httpPlan: string;
    let cliPlan: string;
    try {
      // Another gofast process while the coach serves: it goes through the coach's store.
      const created = await gofast('apikey', 'create', '--owner', 'http:club:coach');
      expect(created.code).toBe(0);
      key = created.stdout.split('\n')[0] ?? '';

      const draft = await api('/api/training-plan', key, {
        method: 'POST',
        body: JSON.stringify({ ...MARATHON_FIELDS, days: [2, 3, 4, 6, 7] }),
      });
      expect(draft.status).toBe(201);
      httpPlan = ((await draft.json()) as { trainingPlanId: string }).trainingPlanId;

      const made = await gofast(
        'plans',
        'create',
        ...['--distance', '10k', '--race-date', '2027-02-21', '--start', '2026-11-30', '--goal', '48:00'],
        ...['--five-k', '22:30', '--mileage', '20', '--owner', 'slack:T1:U1', '--timezone', 'Europe/Berlin'],
      );
      expect(made.code).toBe(0);
      cliPlan = (JSON.parse(made.stdout) as { id: string }).id;

      // The coach sees the CLI's plan, and the CLI the coach's, while both run.
      const listed = await gofast('plans', 'list');
      expect(listed.stdout).toContain(httpPlan);
      expect(listed.stdout).toContain(cliPlan);

      // A second serving instance on the same data dir stops at once, naming the owner.
      const second = await gofastWith({ API_PORT: String(await freePort()), API_HOST: '127.0.0.1' }, 'start');
      expect(second.code).not.toBe(0);
      expect(second.stderr + second.stdout).toMatch(
        /is in use by process \d+ \(the coach serving chat or the API, since [^)]+\)\. A data directory serves one instance/,
      );
    } finally {
      expect(await stopCoach(coach)).toBe(0);
    }

    // The coach is gone: a gofast command opens the data dir itself and finds both plans.
    const afterStop = await gofast('plans', 'list');
    expect(afterStop.code).toBe(0);
    expect(afterStop.stdout).toContain(httpPlan);
    expect(afterStop.stdout).toContain(cliPlan);

    // A restarted coach still knows the key and serves the plan.
    const again = await startCoach();
    try {
      const plan = await api(`/api/training-plan/${httpPlan}`, key);
      expect(plan.status).toBe(200);
    } finally {
      expect(await stopCoach(again)).toBe(0);
    }
  }, 90_000);
});
