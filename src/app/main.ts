/**
 * The composition root: configuration, logger, storage, engine, the conversation core, the
 * weekly scheduler, then every adapter that is configured — Slack and Discord when their tokens are
 * set, the console when neither is (or with `--console`). Shuts down on SIGINT/SIGTERM after
 * in-flight work, closing the database last; an uncaught error outside a request takes the same
 * path (see crash-guard.ts).
 */
import { writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { createConsolePoster, runConsoleSession } from '../adapters/console/index.js';
import { startHttpApi } from '../adapters/http/index.js';
import { startSlackAdapter } from '../adapters/slack/index.js';
import { loadConfig } from '../config.js';
import type { ChatPoster } from '../conversation/chat-poster.js';
import { problemFromPosters, withChannelCheck } from '../conversation/channel-check.js';
import { rolesFromPosters } from '../conversation/club-roles.js';
import { createConversation } from '../conversation/conversation.js';
import { createPlatformRegistry } from '../conversation/platform-registry.js';
import { weekMessagesFromPosters } from '../conversation/week-messages.js';
import { createRulesEngine } from '../engine/rules/rules-engine.js';
import { createHumanLogger, createLogger } from '../log.js';
import { installCrashGuard, type CrashGuard } from './crash-guard.js';
import { openPlanService } from './plan-service.js';
import { systemClock } from '../plans/plan-context.js';
import { RateLimiter } from '../scheduler/rate-limiter.js';
import { withClubRetries, withRetries } from '../scheduler/retrying-notifier.js';
import { startWeeklyScheduler } from '../scheduler/weekly-scheduler.js';
import { SURFACES, startDiscordSurface } from './surfaces.js';
import { openStrava, type RunningStrava } from './strava-wiring.js';
import { createOffThreadParser } from '../plans/activity-files/parse-off-thread.js';

export type MainIo = {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: (text: string) => void;
};

type RunningAdapter = { readonly name: string; readonly poster: ChatPoster | null; stop(): Promise<void> };

function consoleIdentity(): string {
  // The OS user name, made safe for the identity format (no colons or spaces).
  const name = userInfo().username.replace(/[^\w.-]+/g, '_') || 'athlete';
  return `console:local:${name}`;
}

export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  // Installed first, so that a signal during start-up also ends in an orderly shutdown: stopping
  // ends the session (or the wait) after the work in flight, then the database closes.
  const stopping = new AbortController();
  const stop = (): void => stopping.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const adapters: RunningAdapter[] = [];
  const closers: (() => Promise<void>)[] = [];
  let crashGuard: CrashGuard | undefined;
  try {
    const config = loadConfig();
    const serviceConfigured = config.slack !== undefined || config.discord !== undefined || config.httpApi !== undefined;
    const useConsole = !serviceConfigured || argv.includes('--console');
    // At a terminal, logs are lines for a person on stderr; as a service, JSON on stdout.
    const logger = useConsole
      ? createHumanLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, io.stderr)
      : createLogger(config.logLevel);
    // From here on, an error that escapes a request is logged and the process keeps serving; one
    // that leaves it in an unknown state ends in the same orderly shutdown as SIGTERM.
    crashGuard = installCrashGuard({ events: process, logger, shutdown: stop, exit: (code) => process.exit(code) });
    const engine = createRulesEngine();
    // A process serving chat or the API owns the data dir; a console-only one may share another's.
    const service = await openPlanService({ config, logger, engine, useOpenAi: true, role: serviceConfigured ? 'serve' : 'console' });
    closers.push(() => service.close());
    // A channel chosen for a plan's weeks is checked with its platform's poster (filled in below, once the adapters run).
    const running: ChatPoster[] = [];
    // Strava (issue 21) tells athletes in their DMs, on every platform running here, the console's too.
    const stravaPosters: ChatPoster[] = [];
    // Several instances may run against one database: leases carry this name.
    const instanceId = `${hostname()}-${process.pid}`;
    const strava: RunningStrava | undefined =
      config.strava === undefined || service.strava === undefined
        ? undefined
        : openStrava({
            config: config.strava,
            stores: service.strava,
            plans: service.plans,
            posters: () => stravaPosters,
            instanceId,
            logger,
          });
    if (strava !== undefined) closers.unshift(() => strava.stop());
    // Dropped run files are read on a worker thread: a 25 MB file must not stall everyone else.
    const activityFiles = createOffThreadParser();
    closers.push(() => activityFiles.close());
    const conversation = withChannelCheck(
      // A change to a week already posted edits its message through the running platforms' posters.
      createConversation({
        plans: service.plans,
        clubs: service.clubs,
        logger,
        clock: systemClock,
        weekMessages: weekMessagesFromPosters(() => running, logger),
        clubRoles: rolesFromPosters(() => running),
        ...(strava === undefined ? {} : { strava: strava.useCases }),
        parseActivityFile: activityFiles.parse,
      }),
      problemFromPosters(() => running),
      logger,
    );

    if (config.slack) {
      const slack = await startSlackAdapter({ conversation, logger, ...config.slack });
      adapters.push({
        name: `slack (${config.slack.mode}${slack.port === null ? '' : ` on port ${slack.port}`})`,
        poster: slack.poster,
        stop: slack.stop,
      });
    }
    if (config.discord) {
      // One instance holds the gateway session, by a lease in the database; the others stand by.
      const discord = await startDiscordSurface({
        discord: config.discord,
        conversation,
        logger,
        leases: service.leases,
        commandRegistrations: service.commandRegistrations,
        rewriteOwnerWorkspace: (platform, workspace) => service.rewriteOwnerWorkspace(platform, workspace),
      });
      adapters.push({ name: 'discord', poster: discord.poster, stop: discord.stop });
    }
    const posters = adapters.flatMap((a) => (a.poster ? [a.poster] : []));
    running.push(...posters);
    if (config.httpApi) {
      const c = config.httpApi;
      const api = await startHttpApi({
        plans: service.plans,
        clubs: service.clubs,
        conversation,
        apiKeys: service.apiKeys,
        logger,
        ready: () => service.ready(),
        bodyLimitBytes: c.bodyLimitBytes,
        rateLimitPerMinute: c.rateLimitPerMinute,
        authFailureLimit: c.authFailureLimit,
        storageRetryAfterSeconds: c.storageRetryAfterSeconds,
        port: c.port,
        host: c.host,
        ...(strava === undefined ? {} : { strava: strava.webhook }),
      });
      closers.unshift(() => api.stop());
      adapters.push({ name: `http api on ${api.url}`, poster: null, stop: async () => undefined });
    }
    if (useConsole) posters.push(createConsolePoster(io.stdout));
    stravaPosters.push(...posters);
    // Every surface is registered; those running here bring their poster. The scheduler posts to
    // those, and leaves the plans of the others (pull-only HTTP, a chat platform another instance
    // runs) alone.
    const platforms = createPlatformRegistry(SURFACES.map((spec) => ({ ...spec, poster: posters.find((p) => p.platform === spec.name) })));

    // One limiter for plans and clubs: a club's thread and a plan's channel share the platform's limits.
    const limiter = new RateLimiter(platforms.pacing);
    const notifier = withRetries(platforms.notifier(), { limiter });
    const clubs = { ...service.clubDelivery, notifier: withClubRetries(platforms.clubNotifier(), { limiter }) };
    const scheduler = startWeeklyScheduler(
      { ...service.context, notifier, clubs, instanceId, leaseMs: 5 * 60_000 },
      logger,
      config.scheduleCron,
    );
    closers.unshift(() => scheduler.stop());

    const storeText = service.source === 'embedded' ? service.label : `MongoDB at ${service.label}`;
    const names = [...adapters.map((a) => a.name), ...(useConsole ? ['console'] : [])];
    const banner = `GoFast Coach · store: ${storeText} · engine: ${service.context.engine.name} · adapters: ${names.join(', ')} · weekly delivery: ${config.scheduleCron}${strava === undefined ? '' : ' · strava: on'}${config.envFile === undefined ? '' : ` · env: ${config.envFile}`}`;
    if (useConsole) {
      io.stdout.write(`${banner}\nType /plan to start a plan, /plan help for commands, /quit to leave.\n`);
      await runConsoleSession({
        handle: (intent, options) => conversation.handle(intent, options),
        commands: conversation.commands,
        actor: { identity: consoleIdentity(), timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, origin: { kind: 'dm' } },
        // The core's clock: each answer is checked against the same today the core will use.
        clock: systemClock,
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
    } else {
      logger.info({ instanceId }, banner);
      if (!stopping.signal.aborted) await new Promise((done) => stopping.signal.addEventListener('abort', done, { once: true }));
      logger.info('stopping');
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    // Adapters first (no new work), then the scheduler's tick in flight, then the database.
    for (const adapter of adapters) await adapter.stop();
    for (const close of closers) await close();
    // Stop reading so that an open terminal or pipe does not keep the process alive.
    (io.stdin as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    crashGuard?.uninstall();
  }
  // A shutdown forced by an uncaught error is a failure, for the supervisor that restarts us.
  return crashGuard?.failed === true ? 1 : 0;
}
