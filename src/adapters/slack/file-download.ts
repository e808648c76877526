/**
 * Downloads a file shared with the app (`url_private_download`) with the bot token. The token goes
 * only to Slack's own files host over https (or, in tests, the configured SLACK_API_URL's origin,
 * the fake on loopback): any other URL, and any redirect, is refused, so an event can never make
 * the bot send its token elsewhere (host-bound-download.ts). The body is read up to a limit and no
 * further.
 */
import { hostBoundDownloader, originOf, type FileDownloader } from '../files/host-bound-download.js';

export type { FileDownloader };

const SLACK_FILES_ORIGIN = 'https://files.slack.com';

/** The origins a download may go to: Slack's files host, and SLACK_API_URL's when it is set. */
export function downloadOrigins(apiUrl: string | undefined): ReadonlySet<string> {
  return new Set([SLACK_FILES_ORIGIN, ...originOf(apiUrl)]);
}

export function slackFileDownloader(botToken: string, origins: ReadonlySet<string>): FileDownloader {
  return hostBoundDownloader({ origins, headers: { Authorization: `Bearer ${botToken}` }, hostsInWords: "Slack's files host" });
}
