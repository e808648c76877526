/**
 * Downloads a file attached to `/plan log file:` (issue 21) from Discord's attachment CDN only
 * (or, in tests, the configured DISCORD_API_URL's origin, the fake on loopback): any other URL
 * and any redirect are refused, and the body is read up to a limit and no further
 * (host-bound-download.ts). No bot token goes with it: attachment links are signed, and the CDN
 * needs nothing else.
 */
import { hostBoundDownloader, originOf, type FileDownloader } from '../files/host-bound-download.js';

export type { FileDownloader };

/** Where Discord serves attachments: the CDN, and the media proxy that resizes them. */
const DISCORD_ATTACHMENT_ORIGINS = ['https://cdn.discordapp.com', 'https://media.discordapp.net'];

/** The origins a download may go to: Discord's attachment hosts, and DISCORD_API_URL's when it is set. */
export function attachmentOrigins(apiUrl: string | undefined): ReadonlySet<string> {
  return new Set([...DISCORD_ATTACHMENT_ORIGINS, ...originOf(apiUrl)]);
}

export function discordAttachmentDownloader(origins: ReadonlySet<string>): FileDownloader {
  return hostBoundDownloader({ origins, hostsInWords: "Discord's attachment hosts" });
}
