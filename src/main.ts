/**
 * The composition root: configuration, logger, storage, engine, the conversation core, then every
 * adapter that is configured — for now the console, the default when no Slack or Discord token is
 * set (or with `--console`). Shuts down on SIGINT/SIGTERM after in-flight work, closing the
 * database last.
 */
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { hostname } from 'node:os';
import { createConsolePoster, runConsoleSession } from './adapters/console/index.js';
import type { ChatPoster } from './conversation/chat-poster.js';
import { createWeekNotifier } from './conversation/week-delivery.js';
import { RateLimiter } from './scheduler/rate-limiter.js';
import { withRetries } from './scheduler/retrying-notifier.js';
import { startWeeklyScheduler } from './scheduler/weekly-scheduler.js';
import { createHumanLogger } from './log.js';
import { loadConfig } from './config.js';
import { createConversation } from './conversation/conversation.js';
import { createRulesEngine } from './engine/rules/rules-engine.js';
import { openPlanService } from './plan-service.js';
import { systemClock } from './plans/plan-context.js';

export type MainIo = {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: (text: string) => void;
};

function consoleIdentity(): string {
  // The OS user name, made safe for the identity format (no colons or spaces).
  const name = userInfo().username.replace(/[^\w.-]+/g, '_') || 'athlete';
  return `console:local:${name}`;
}

export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  // Installed first, so that a signal during start-up also ends in an orderly shutdown: stopping
  // ends the session after the line in flight, then the database closes.
  const stopping = new AbortController();
  const stop = (): void => stopping.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const config = loadConfig();
  const forceConsole = argv.includes('--console');
  // Slack and Discord adapters join here when configured; until then the console always runs.
  const adapters = ['console'];
  const logger = createHumanLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, io.stderr);
  const engine = createRulesEngine();
  const service = await openPlanService({ config, logger, engine });
  const conversation = createConversation({ plans: service.plans, logger, clock: systemClock });
  const posters: ChatPoster[] = [createConsolePoster(io.stdout)];
  // Several instances may run against one database: leases carry this name.
  const instanceId = `${hostname()}-${process.pid}`;
  const scheduler = startWeeklyScheduler(
    { ...service.context, notifier: withRetries(createWeekNotifier(posters), { limiter: new RateLimiter() }), instanceId, leaseMs: 5 * 60_000 },
    logger,
    config.scheduleCron,
  );
  const storeText =
    service.source === 'embedded' ? `embedded MongoDB-compatible server (in memory) at ${service.label}` : `MongoDB at ${service.label}`;
  io.stdout.write(
    `GoFast Coach · store: ${storeText} · engine: ${engine.name} · adapters: ${adapters.join(', ')}${forceConsole ? ' (--console)' : ''}` +
      ` · weekly delivery: ${config.scheduleCron}\n` +
      'Type /plan to start a plan, /plan help for commands, /quit to leave.\n',
  );

  try {
    await runConsoleSession({
      handle: (intent) => conversation.handle(intent),
      actor: { identity: consoleIdentity(), timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, origin: { kind: 'dm' } },
      input: io.stdin,
      output: io.stdout,
      interactive: io.stdin.isTTY === true,
      stop: stopping.signal,
      saveFile: async (filename, content) => {
        const path = resolve(filename);
        await writeFile(path, content);
        return path;
      },
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await scheduler.stop();
    await service.close();
    // Stop reading so that an open terminal or pipe does not keep the process alive.
    (io.stdin as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
  return 0;
}
