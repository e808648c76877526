/**
 * Downloads a file shared with the app (`url_private_download`) with the bot token. The token goes
 * only to Slack's own files host over https (or, in tests, the configured SLACK_API_URL's origin,
 * the fake on loopback): any other URL, and any redirect, is refused, so an event can never make
 * the bot send its token elsewhere. The body is read up to a limit and no further.
 */
const SLACK_FILES_ORIGIN = 'https://files.slack.com';
const DOWNLOAD_TIMEOUT_MS = 30_000;

class FileDownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileDownloadError';
  }
}

export type FileDownloader = {
  /** Whether `url` is one the bot token may be sent to. */
  allows(url: string): boolean;
  /** Its bytes, at most `limitBytes` + 1 of them; throws `FileDownloadError`. */
  download(url: string, limitBytes: number): Promise<Uint8Array>;
};

/** The origins a download may go to: Slack's files host, and SLACK_API_URL's when it is set. */
export function downloadOrigins(apiUrl: string | undefined): ReadonlySet<string> {
  return new Set([SLACK_FILES_ORIGIN, ...(apiUrl === undefined ? [] : [new URL(apiUrl).origin])]);
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

export function slackFileDownloader(botToken: string, origins: ReadonlySet<string>): FileDownloader {
  const allows = (url: string): boolean => {
    const target = URL.canParse(url) ? new URL(url) : undefined;
    return target !== undefined && origins.has(target.origin) && (target.protocol === 'https:' || isLoopback(target));
  };
  const download = async (url: string, limitBytes: number): Promise<Uint8Array> => {
    if (!allows(url)) throw new FileDownloadError("refused to download a shared file from outside Slack's files host");
    const target = new URL(url);
    const response = await fetch(target, {
      headers: { Authorization: `Bearer ${botToken}` },
      redirect: 'error',
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new FileDownloadError(`downloading a shared file failed with HTTP ${response.status}`);
    }
    return readCapped(response, limitBytes);
  };
  return { allows, download };
}

/** Plain http only to the test fake on this machine. */
function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]');
}
