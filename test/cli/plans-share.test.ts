/**
 * `gofast plans share ID [--off]` through `runCli`: the operator gets the plan's share link under
 * PUBLIC_BASE_URL (a new one, the earlier stops working), `--off` turns it off, and without
 * PUBLIC_BASE_URL it says in one line that it must be set.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestMongo, type TestMongo } from '../support/mongo.js';
import { cli, type CliResult } from '../support/run-cli.js';

let mongo: TestMongo;

beforeAll(async () => {
  mongo = await startTestMongo();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await mongo.close();
});

function gofast(...args: string[]): Promise<CliResult> {
  return cli(['plans', ...args, '--mongo', mongo.uri], () => new Date('2026-11-25T12:00:00Z'));
}

async function activePlan(): Promise<string> {
  const created = await gofast(
    ...['create', '--distance', '10k', '--race-date', '2027-02-21', '--start', '2026-11-30', '--goal', '48:00', '--five-k', '22:30'],
    ...['--mileage', '20', '--days', '2,4,6,7', '--race-name', 'Valentine 10K', '--owner', 'slack:T1:U1'],
  );
  expect(created.code).toBe(0);
  const id = (JSON.parse(created.stdout) as { id: string }).id;
  expect((await gofast('confirm', id)).code).toBe(0);
  return id;
}

describe('gofast plans share', () => {
  it('prints a new link each time under PUBLIC_BASE_URL, and --off turns it off', async () => {
    vi.stubEnv('PUBLIC_BASE_URL', 'https://coach.example.org/');
    const id = await activePlan();
    const first = await gofast('share', id);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^https:\/\/coach\.example\.org\/p\/[A-Za-z0-9_-]{43}\n$/);
    const second = await gofast('share', id);
    expect(second.stdout).not.toBe(first.stdout);
    expect((await gofast('share', id, '--off')).stdout).toBe('sharing is off: the link no longer works\n');
    expect((await gofast('share', id, '--off')).stdout).toBe('the plan had no share link\n');
  });

  it('says PUBLIC_BASE_URL must be set when it is not, and makes no link', async () => {
    vi.stubEnv('PUBLIC_BASE_URL', '');
    const id = await activePlan();
    const answer = await gofast('share', id);
    expect(answer.code).not.toBe(0);
    expect(answer.stdout).toBe('');
    expect(answer.stderr).toContain('its operator must set PUBLIC_BASE_URL first');
  });
});
