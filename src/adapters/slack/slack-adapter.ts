/**
 * The Slack app: Bolt with a Socket Mode receiver (default: no public URL needed) or an HTTP
 * receiver (signed requests, each accepted once within Slack's 5-minute window, 401 for anything
 * else, 400 for a payload that is not a JSON object: see request-guard.ts), the four listeners,
 * and a `ChatPoster` for the scheduler. Transport stays in the receivers; the listeners only parse,
 * ask the core and deliver its views.
 */
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Logger as SlackLogger, type Receiver } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Logger } from 'pino';

import type { ChatPoster } from '../../conversation/chat-poster.js';
import { slackSdkLogger } from './bolt-logger.js';
import { COMMAND_NAME, DEFAULT_COMMAND } from './command-name.js';
import { HomeTab, type ConversationPort } from './home-tab.js';
import { DEFAULT_WORK_QUEUE_LIMIT, WORK_CONCURRENCY, type ListenerDeps } from './listener-deps.js';
import { registerAppHomeOpened } from './on-app-home-opened.js';
import { registerBlockActions } from './on-block-action.js';
import { registerDirectMessages } from './on-direct-message.js';
import { registerSlashCommand } from './on-slash-command.js';
import { registerViewSubmission } from './on-view-submission.js';
import { RecentKeys } from './recent-keys.js';
import { guardSlackRequests } from './request-guard.js';
import { SlackDirectory } from './slack-directory.js';
import { createSlackClubRoles } from './slack-club-roles.js';
import { SlackImages } from './slack-images.js';
import { createSlackPoster } from './slack-poster.js';
import { ignoreUnknownShapes } from './unknown-payloads.js';
import { downloadOrigins, slackFileDownloader } from './file-download.js';
import { ViewDelivery } from './view-delivery.js';
import { WorkQueue } from './work-queue.js';

type SlackRetryPolicy = { readonly retries: number; readonly minTimeoutMs: number; readonly maxTimeoutMs: number };

export type SlackAdapterOptions = {
  readonly conversation: ConversationPort;
  readonly logger: Logger;
  readonly botToken: string;
  readonly signingSecret: string;
  readonly mode: 'socket' | 'http';
  /** The app-level token (`xapp-…`); required in Socket Mode. */
  readonly appToken?: string;
  /** HTTP mode: the port to listen on (0 = any free port). Default 3000. */
  readonly port?: number;
  /** HTTP mode: the interface to listen on (SLACK_HOST). Default: all interfaces. */
  readonly host?: string;
  /**
   * Requests whose work may wait for a slot after their ack (SLACK_WORK_QUEUE_LIMIT); past it a
   * request is told at once that the coach is busy. Default `DEFAULT_WORK_QUEUE_LIMIT`: 200.
   */
  readonly workQueueLimit?: number;
  /** SLACK_API_URL: the Web API base, e.g. http://127.0.0.1:PORT/api/ (Socket Mode's apps.connections.open too). */
  readonly apiUrl?: string;
  /** Web API retries for 5xx, network errors and 429s (which wait for Retry-After first). */
  readonly retry?: SlackRetryPolicy;
  /** Socket Mode: how long without a pong before reconnecting, also the first reconnect delay. Default 5000. */
  readonly socketPingTimeoutMs?: number;
  /** The clock for "today" in the draft check; the core's clock in tests. Default: the system clock. */
  readonly now?: () => Date;
  /** SLACK_COMMAND: the slash command the app answers and its replies name. Default `/plan`. */
  readonly command?: string;
};

export type SlackAdapter = {
  /** Posts the scheduler's weeks; throws `DeliveryError`. */
  readonly poster: ChatPoster;
  /** The HTTP port actually listened on; null in Socket Mode. */
  readonly port: number | null;
  stop(): Promise<void>;
};

/** Interactive replies give up after about half a minute; the scheduler retries its own posts. */
const DEFAULT_RETRY: SlackRetryPolicy = { retries: 4, minTimeoutMs: 500, maxTimeoutMs: 8000 };
const REQUEST_TIMEOUT_MS = 10_000;

export class SlackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlackConfigError';
  }
}

function checkOptions(options: SlackAdapterOptions): void {
  if (options.botToken.trim() === '') throw new SlackConfigError('Set SLACK_BOT_TOKEN to the bot token (xoxb-…) from OAuth & Permissions.');
  if (options.mode === 'socket' && (options.appToken === undefined || options.appToken.trim() === '')) {
    throw new SlackConfigError(
      'Socket Mode needs SLACK_APP_TOKEN, an app-level token (xapp-…) with connections:write; or set SLACK_MODE=http.',
    );
  }
  if (options.mode === 'http' && options.signingSecret.trim() === '') {
    throw new SlackConfigError('HTTP mode needs SLACK_SIGNING_SECRET from Basic Information → App Credentials.');
  }
}

const EVENTS_ENDPOINT = '/slack/events';

/**
 * Bolt's HTTPReceiver behind the request guard (signature, future timestamps, replays, payload
 * shape). Its server calls `requestListener` through the property on every request, so replacing
 * the property puts the guard in front of every request it serves.
 */
function guardedHttpReceiver(signingSecret: string, sdkLogger: SlackLogger, logger: Logger): HTTPReceiver {
  const receiver = new HTTPReceiver({ signingSecret, logger: sdkLogger, endpoints: EVENTS_ENDPOINT });
  receiver.requestListener = guardSlackRequests(receiver.requestListener, { signingSecret, logger, endpoints: [EVENTS_ENDPOINT] });
  return receiver;
}

export async function startSlackAdapter(options: SlackAdapterOptions): Promise<SlackAdapter> {
  checkOptions(options);
  const { logger } = options;
  const sdkLogger = slackSdkLogger(logger);
  const retry = options.retry ?? DEFAULT_RETRY;
  const apiUrl = options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl };
  const clientOptions: webApi.WebClientOptions = {
    ...apiUrl,
    retryConfig: { retries: retry.retries, minTimeout: retry.minTimeoutMs, maxTimeout: retry.maxTimeoutMs, factor: 2 },
    timeout: REQUEST_TIMEOUT_MS,
  };

  const receiver: Receiver =
    options.mode === 'http'
      ? guardedHttpReceiver(options.signingSecret, sdkLogger, logger)
      : new SocketModeReceiver({
          appToken: options.appToken ?? '',
          logger: sdkLogger,
          installerOptions: { clientOptions: apiUrl },
          ...(options.socketPingTimeoutMs === undefined ? {} : { clientPingTimeout: options.socketPingTimeoutMs }),
        });
  const app = new App({ token: options.botToken, receiver, logger: sdkLogger, clientOptions, convoStore: false });
  app.error(async (error) => {
    logger.error({ err: error }, 'slack listener failed');
  });

  const command = options.command ?? DEFAULT_COMMAND;
  if (!COMMAND_NAME.test(command))
    throw new SlackConfigError(`SLACK_COMMAND must be a slash then 1–31 lower-case letters, digits, - or _, not "${command}".`);
  const directory = new SlackDirectory(app.client, logger);
  // One set of uploaded pictures for the tab, the answers and the scheduler's posts: a chart is uploaded once.
  const images = new SlackImages(logger);
  const home = new HomeTab(app.client, directory, options.conversation, command, images);
  const deps: ListenerDeps = {
    conversation: options.conversation,
    logger,
    directory,
    home,
    delivery: new ViewDelivery(app.client, directory, logger, (teamId, userId) => home.publish(teamId, userId), command, images),
    now: options.now ?? (() => new Date()),
    submissions: new RecentKeys(),
    work: new WorkQueue(WORK_CONCURRENCY, options.workQueueLimit ?? DEFAULT_WORK_QUEUE_LIMIT),
    command,
    client: app.client,
    download: slackFileDownloader(options.botToken, downloadOrigins(options.apiUrl)),
  };
  app.use(ignoreUnknownShapes(logger));
  registerSlashCommand(app, deps);
  registerBlockActions(app, deps);
  registerViewSubmission(app, deps);
  registerAppHomeOpened(app, deps);
  registerDirectMessages(app, deps);

  // The scheduler decides when to retry a rate-limited post, so its client reports 429s at once.
  const posterClient = new webApi.WebClient(options.botToken, { ...clientOptions, rejectRateLimitedCalls: true, logger: sdkLogger });
  // Role lookups sit out rate limits (app.client): a 429 should not refuse an admin.
  const poster = {
    ...createSlackPoster(posterClient, new SlackDirectory(posterClient, logger), command, images),
    clubRoles: createSlackClubRoles(app.client, logger),
  };

  let port: number | null = null;
  if (options.mode === 'http') {
    const server = (await app.start({
      port: options.port ?? 3000,
      ...(options.host === undefined ? {} : { host: options.host }),
    })) as Server;
    port = (server.address() as AddressInfo).port;
    logger.info({ port }, 'slack adapter listening for HTTP requests');
  } else {
    await app.start();
    logger.info('slack adapter connected over Socket Mode');
  }

  return {
    poster,
    port,
    async stop() {
      await app.stop();
    },
  };
}
