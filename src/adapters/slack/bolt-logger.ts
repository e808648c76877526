/**
 * The Slack SDK's logger interface (Bolt, the Web API client, Socket Mode) over the injected pino
 * logger, so their lines land in the app's log with its redaction instead of on the console.
 */
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

function line(parts: readonly unknown[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : part instanceof Error ? part.message : JSON.stringify(part))).join(' ');
}

export function slackSdkLogger(logger: Logger): SlackLogger {
  let level = LogLevel.INFO;
  let child = logger.child({ component: 'slack-sdk' });
  return {
    debug: (...parts: unknown[]) => child.debug(line(parts)),
    info: (...parts: unknown[]) => child.info(line(parts)),
    warn: (...parts: unknown[]) => child.warn(line(parts)),
    error: (...parts: unknown[]) => child.error(line(parts)),
    // pino's own level decides what is written; the SDK only asks what it is.
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (name: string) => {
      child = logger.child({ component: `slack-sdk:${name}` });
    },
  };
}
