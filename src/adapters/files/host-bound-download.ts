/**
 * A file a person gave the app (issue 21: a run's file), downloaded only from its platform's own
 * file hosts. Slack's downloads carry the bot token and Discord's come from signed CDN links:
 * either way an event must never make the bot fetch (or send its token) anywhere else, so any
 * other origin, plain http off this machine, and any redirect are refused. The body is read up to
 * a limit and no further. Each platform's module names its hosts and its headers.
 */
import { FileUnavailableError } from '../../conversation/intents.js';

const DOWNLOAD_TIMEOUT_MS = 30_000;

class FileDownloadError extends FileUnavailableError {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'FileDownloadError';
  }
}

export type FileDownloader = {
  /** Whether `url` is on one of the platform's file hosts. */
  allows(url: string): boolean;
  /** Its bytes, at most `limitBytes` + 1 of them; throws `FileDownloadError`. */
  download(url: string, limitBytes: number): Promise<Uint8Array>;
};

export type HostBoundOptions = {
  /** The origins a download may go to (`https://files.slack.com`), plus a test fake's on loopback. */
  readonly origins: ReadonlySet<string>;
  /** Sent with each download (Slack's bot token); none for signed links. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The platform's hosts in words, for the refusal: "Slack's files host". */
  readonly hostsInWords: string;
};

/** The origin of a configured API base (a platform's test fake), for the downloads it serves. */
export function originOf(apiUrl: string | undefined): readonly string[] {
  return apiUrl === undefined ? [] : [new URL(apiUrl).origin];
}

/**
 * Reads at most `limitBytes` + 1 bytes (a stated size can be wrong): a longer body comes back cut
 * there, so the caller's size check refuses it without holding it whole.
 */
async function readCapped(response: Response, limitBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, Math.min(total, limitBytes + 1));
}

/** Plain http only to a test fake on this machine. */
function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]');
}

export function hostBoundDownloader({ origins, headers = {}, hostsInWords }: HostBoundOptions): FileDownloader {
  const allows = (url: string): boolean => {
    const target = URL.canParse(url) ? new URL(url) : undefined;
    return target !== undefined && origins.has(target.origin) && (target.protocol === 'https:' || isLoopback(target));
  };
  const download = async (url: string, limitBytes: number): Promise<Uint8Array> => {
    if (!allows(url)) throw new FileDownloadError(`refused to download a file from outside ${hostsInWords}`);
    try {
      const response = await fetch(new URL(url), {
        headers: { ...headers },
        redirect: 'error',
        signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new FileDownloadError(`downloading a file from ${hostsInWords} failed with HTTP ${response.status}`);
      }
      return await readCapped(response, limitBytes);
    } catch (error) {
      if (error instanceof FileDownloadError) throw error;
      // A timeout, a redirect (refused), a connection that failed midway.
      throw new FileDownloadError(
        `downloading a file from ${hostsInWords} failed (${error instanceof Error ? error.name : 'error'})`,
        error,
      );
    }
  };
  return { allows, download };
}
