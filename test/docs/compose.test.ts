/**
 * docker-compose.yml cannot drift from the settings (no Docker engine runs here, so this is its
 * check): the bot service passes every variable that src/config.ts reads, that .env.example lists
 * and that the configuration table of docs/operations.md names; it publishes the ports of the
 * modes that listen (the HTTP API's and Slack's HTTP mode), with their container side following
 * the same variables the app listens on; and it runs several replicas on MongoDB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, parseYaml } from '../adapters/slack/tiny-yaml.js';
import { ROOT } from './doc-commands.js';

const read = (...path: string[]): string => readFileSync(join(ROOT, ...path), 'utf8');

const compose = parseYaml(read('docker-compose.yml'));
const environment = at(compose, 'services.bot.environment');
const ports = at(compose, 'services.bot.ports');

/** The names of src/config.ts's env schema (the keys of its first `z.object({ … })`). */
function configNames(): string[] {
  const config = read('src', 'config.ts');
  const start = config.indexOf('z.object({');
  const schema = config.slice(start, config.indexOf('});', start));
  return [...schema.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1] ?? '');
}

function settingNames(): string[] {
  const fromExample = [...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1] ?? '');
  const operations = read('docs', 'operations.md');
  const table = operations.slice(
    operations.indexOf('## Configuration'),
    operations.indexOf('\n## ', operations.indexOf('## Configuration') + 1),
  );
  const fromDocs = [...table.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1] ?? '');
  return [...new Set([...configNames(), ...fromExample, ...fromDocs])];
}

function environmentMap(): Record<string, unknown> {
  if (environment === null || typeof environment !== 'object' || Array.isArray(environment)) {
    throw new Error('services.bot.environment must be a map of NAME: value');
  }
  return environment;
}

describe('docker-compose.yml', () => {
  it('passes every setting of src/config.ts, .env.example and docs/operations.md to the bot', () => {
    expect(configNames().length).toBeGreaterThan(20);
    const env = environmentMap();
    const missing = settingNames().filter((name) => !(name in env));
    expect(missing, `add these to services.bot.environment in docker-compose.yml: ${missing.join(', ')}`).toEqual([]);
  });

  it('takes each setting from the same-named variable, with the defaults of src/config.ts', () => {
    const env = environmentMap();
    // Fixed on purpose: production (several replicas need MongoDB), and listeners that the published ports reach.
    const fixed = new Set(['NODE_ENV', 'API_HOST', 'SLACK_HOST']);
    for (const [name, value] of Object.entries(env)) {
      if (fixed.has(name)) continue;
      expect(String(value), name).toMatch(new RegExp(`^\\$\\{${name}(:-[^}]*)?\\}$`));
    }
    expect(env.NODE_ENV).toBe('production');
    expect(env.API_HOST).toBe('0.0.0.0');
    if ('SLACK_HOST' in env) expect(env.SLACK_HOST).toBe('0.0.0.0');
    expect(String(env.MONGODB_URI)).toMatch(/^\$\{MONGODB_URI:-mongodb:\/\/mongo:27017\/\w+\?replicaSet=rs0\}$/);
    expect(env.SLACK_MODE).toBe('${SLACK_MODE:-socket}');
  });

  it('publishes the HTTP API port and the Slack HTTP-mode port, one host port per replica', () => {
    expect(Array.isArray(ports)).toBe(true);
    const published = (ports as unknown[]).map(String);
    // HOST_ADDRESS:HOST_RANGE:CONTAINER_PORT, the container side following the variable the app listens on.
    const containerSide = (variable: string) =>
      published.find((p) => new RegExp(`^\\$\\{PUBLISH_ADDRESS:-[\\d.]+\\}:\\$\\{\\w+:-\\d+-\\d+\\}:\\$\\{${variable}:-\\d+\\}$`).test(p));
    expect(containerSide('API_PORT'), `ports: ${published.join(', ')}`).toBeDefined();
    expect(containerSide('PORT'), `ports: ${published.join(', ')}`).toBeDefined();
    // The Slack port's container default is the app's (config.ts: PORT ?? 3000).
    expect(containerSide('PORT')).toMatch(/\$\{PORT:-3000\}$/);
    expect(String(environmentMap().PORT)).toBe('${PORT:-3000}');

    // Each range holds a port for every replica.
    const replicas = Number(at(compose, 'services.bot.deploy.replicas'));
    expect(replicas).toBeGreaterThanOrEqual(2);
    for (const port of published) {
      const [, from, to] = /:-(\d+)-(\d+)\}/.exec(port) ?? [];
      expect(Number(to) - Number(from) + 1, port).toBeGreaterThanOrEqual(replicas);
    }
  });
});
