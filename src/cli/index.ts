/**
 * `gofast`: the command-line entry point. Each subcommand returns its output as text; this module
 * prints it and turns errors into exit codes: 2 with one line for a usage mistake, 1 for a failure.
 */
import { isoDateOf } from '../domain/calendar.js';
import { GoFastError } from '../domain/errors.js';
import { createRulesEngine } from '../engine/rules/rules-engine.js';
import { APIKEY_HELP, runApiKeyCommand } from './apikey-command.js';
import { CLUBS_HELP, runClubsCommand } from './clubs-command.js';
import { deliverClubNow } from '../app/club-delivery.js';
import { nextClubPostAt } from '../plans/club-schedule.js';
import { BACKUP_HELP, RESTORE_HELP, runBackupCommand, runRestoreCommand, type DatabaseCommandDeps } from './backup-command.js';
import { DEV_MONGO_HELP, runDevMongoCommand } from './dev-mongo-command.js';
import { DISCORD_HELP, runDiscordRegisterCommand } from './discord-register-command.js';
import { EXPORT_HELP, IMPORT_HELP, runExportCommand, runImportCommand } from './export-command.js';
import { PLAN_HELP, runPlanCommand } from './plan-command.js';
import { PLANS_HELP, runPlansCommand } from './plans-command.js';
import { SLACK_HELP, runSlackManifestCommand } from './slack-manifest-command.js';
import { STRAVA_HELP, runStravaCommand } from './strava-command.js';
import { createHumanLogger } from '../log.js';
import { loadConfig } from '../config.js';
import { openDatabase, openPlanService, type PlanService } from '../app/plan-service.js';
import type { PlanEngine } from '../engine/plan-engine.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './usage-error.js';
import { WEEK_HELP, runWeekCommand } from './week-command.js';

export const CLI_HELP = `GoFast Coach — training plans for a race, in chat and in the terminal.

Usage: gofast <command> [options]

Commands:
  start   run the coach (the console when no Slack or Discord token is set; --console forces it)
  plan    build a plan: the preview (phases and Week 1) or every week
  week    continue a plan printed by \`gofast plan --json\` with the athlete's log
  plans   operators' commands on stored plans: create, confirm, next, week, log, show, list, cancel, export, chart
  clubs   operators' commands on clubs: list, show ID, close ID, deliver ID
  discord register [--guild ID]   register the /plan command with Discord
  slack manifest [--command /name]   print the Slack app manifest (SLACK_COMMAND names the command)
  strava  Strava's webhook subscription for this app: subscribe | subscription | unsubscribe
  apikey  create or revoke HTTP API keys: create --owner P:W:U | revoke KEY_OR_PREFIX | list
  dev-mongo  run the embedded MongoDB-compatible server in the foreground (development)
  backup FILE   write the whole store (plans, API keys, caches) into one checksummed file
  restore FILE [--replace]   load a backup; refused when the file is damaged or the store has data
  export DIR   write the store as mongodump does, for mongorestore or \`gofast import\`
  import DIR [--replace]   load a mongodump directory (gofast export's or mongodump's) into the store
  help    show this help, or \`gofast help <command>\`

Run \`gofast <command> --help\` for a command's options.`;

const HELP: Record<string, string> = {
  plan: PLAN_HELP,
  week: WEEK_HELP,
  plans: PLANS_HELP,
  clubs: CLUBS_HELP,
  'dev-mongo': DEV_MONGO_HELP,
  discord: DISCORD_HELP,
  slack: SLACK_HELP,
  strava: STRAVA_HELP,
  apikey: APIKEY_HELP,
  backup: BACKUP_HELP,
  restore: RESTORE_HELP,
  export: EXPORT_HELP,
  import: IMPORT_HELP,
};

export type CliIo = {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now: () => Date;
  /** Resolves with the signal's name when the process is asked to stop (long-running commands). */
  readonly stopSignal: () => Promise<string>;
};

function nextStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => new Date(),
  stopSignal: nextStopSignal,
};

/** The raw database for the commands that copy it whole (backup, restore, export, import). */
function databaseDeps(io: CliIo): DatabaseCommandDeps {
  const config = loadConfig();
  const logger = createHumanLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, io.stderr);
  return {
    now: io.now,
    open: (mongoUri) => openDatabase({ config, logger, role: 'cli', ...(mongoUri === undefined ? {} : { mongoUri }) }),
  };
}

/** Opens the plan service (plans, clubs, API keys) for a command, on the database its flags name. */
function serviceOpener(io: CliIo, engine: PlanEngine): (mongoUri: string | undefined) => Promise<PlanService> {
  const config = loadConfig();
  const logger = createHumanLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, io.stderr);
  return (mongoUri) => openPlanService({ config, logger, engine, ...(mongoUri === undefined ? {} : { mongoUri }), clock: { now: io.now } });
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<string> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    return `${(topic && HELP[topic]) ?? CLI_HELP}\n`;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    const help = HELP[command];
    if (help) return `${help}\n`;
  }
  const engine = createRulesEngine();
  switch (command) {
    case 'plan':
      return runPlanCommand(rest, engine, isoDateOf(io.now()), { openAiConfig: () => loadConfig().openai });
    case 'week':
      return runWeekCommand(rest, engine);
    case 'plans':
      return runPlansCommand(rest, { now: io.now, open: serviceOpener(io, engine) });
    case 'clubs': {
      const open = serviceOpener(io, engine);
      return runClubsCommand(rest, {
        open: async (mongoUri) => {
          const service = await open(mongoUri);
          const config = loadConfig();
          const logger = createHumanLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, io.stderr);
          return {
            clubs: service.clubs,
            deliver: (clubId) => deliverClubNow(service, config, logger, clubId),
            nextPostAt: (club) => nextClubPostAt(club, io.now()),
            close: () => service.close(),
          };
        },
      });
    }
    case 'dev-mongo':
      await runDevMongoCommand(rest, io);
      return '';
    case 'apikey': {
      const open = serviceOpener(io, engine);
      return runApiKeyCommand(rest, {
        open: async (mongoUri) => {
          const service = await open(mongoUri);
          return { keys: service.apiKeys, close: () => service.close() };
        },
      });
    }
    case 'backup':
      return runBackupCommand(rest, databaseDeps(io));
    case 'restore':
      return runRestoreCommand(rest, databaseDeps(io));
    case 'export':
      return runExportCommand(rest, databaseDeps(io));
    case 'import':
      return runImportCommand(rest, databaseDeps(io));
    case 'discord': {
      const discord = loadConfig().discord;
      await runDiscordRegisterCommand(rest, {
        ...(discord === undefined ? {} : { token: discord.token, applicationId: discord.applicationId }),
        ...(discord?.apiUrl === undefined ? {} : { apiUrl: discord.apiUrl }),
        write: io.stdout,
      });
      return '';
    }
    case 'slack':
      // Reads only SLACK_COMMAND: the manifest is printed before the app (and its tokens) exist.
      return runSlackManifestCommand(rest, loadConfig().slackCommand);
    case 'strava':
      return runStravaCommand(rest, { config: loadConfig().strava });
    case 'start': {
      // The bot itself (npm start). Imported here so that plain CLI commands stay light.
      const { main } = await import('../app/main.js');
      await main(rest, { stdin: process.stdin, stdout: process.stdout, stderr: io.stderr });
      return '';
    }
    default:
      throw new UsageError(
        `gofast: unknown command "${command}"; commands are start, plan, week, plans, apikey, discord, slack, strava, dev-mongo, backup, restore, export, import, help`,
      );
  }
}

/** Runs the CLI and returns its exit status. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    io.stdout(await dispatch(argv, io));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof GoFastError && error.userFacing) {
      const where = argv[0] === 'plans' && argv[1] !== undefined ? `plans ${argv[1]}` : (argv[0] ?? '');
      io.stderr(`gofast ${where}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`gofast: failed: ${message}\n`);
    return EXIT_FAILURE;
  }
}
