/**
 * `gofast strava subscribe | subscription | unsubscribe`: the app's webhook subscription on Strava
 * (issue 21). Strava posts every connected athlete's activity events to one callback per
 * application, `PUBLIC_BASE_URL/strava/webhook`; before creating the subscription it checks that
 * the callback echoes its challenge with STRAVA_VERIFY_TOKEN, so the server must be running and
 * reachable. Strava allows one subscription per application: `subscribe` says so when there is one.
 */
import { STRAVA_WEBHOOK_PATH } from '../plans/strava/strava-context.js';
import type { StravaConfig } from '../config.js';
import { createStravaClient } from '../integrations/strava/strava-client.js';
import type { StravaSubscription, StravaSubscriptions } from '../integrations/strava/strava-subscriptions.js';
import { StravaApiError } from '../plans/strava/strava-api.js';
import { parseFlags } from './parse-flags.js';
import { UsageError } from './usage-error.js';

export const STRAVA_HELP = `Usage: gofast strava <command>

  subscribe      create the app's webhook subscription: Strava checks the callback
                 (PUBLIC_BASE_URL/strava/webhook, answered by the running server with
                 STRAVA_VERIFY_TOKEN), then posts every connected athlete's activity events there
  subscription   show the subscription: its id and callback URL
  unsubscribe    delete it: Strava stops posting events (athletes stay connected)

  Strava allows one subscription per application. The commands use STRAVA_CLIENT_ID,
  STRAVA_CLIENT_SECRET, STRAVA_VERIFY_TOKEN and PUBLIC_BASE_URL; STRAVA_API_URL points them
  at another API base.`;

export type StravaCommandConfig = Pick<StravaConfig, 'clientId' | 'clientSecret' | 'verifyToken' | 'apiUrl' | 'oauthUrl' | 'publicBaseUrl'>;

export type StravaCommandDeps = {
  /** Undefined when STRAVA_CLIENT_ID is not set. */
  readonly config: StravaCommandConfig | undefined;
  /** The subscription calls (default: the Strava client on the config). */
  readonly subscriptions?: (config: StravaCommandConfig) => StravaSubscriptions;
};

const COMMANDS = ['subscribe', 'subscription', 'unsubscribe'] as const;
type StravaCommand = (typeof COMMANDS)[number];

const isCommand = (word: string | undefined): word is StravaCommand => COMMANDS.some((c) => c === word);

/** A failed call as one sentence an operator can act on. */
function explained(error: unknown, callbackUrl: string): unknown {
  if (!(error instanceof StravaApiError)) return error;
  switch (error.code) {
    case 'unauthorized':
      return new Error(`Strava refused the app's credentials: check STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET (${error.message}).`);
    case 'rate-limited':
      return new Error(`Strava's rate limit is used up; try again after ${error.retryAt?.toISOString() ?? 'a few minutes'}.`);
    case 'unavailable':
      return new Error(`Strava could not be reached; try again in a few minutes (${error.message}).`);
    default:
      return new Error(
        `Strava refused: ${error.message}. When creating the subscription, Strava must reach ${callbackUrl} ` +
          `and the running server must answer its challenge with the same STRAVA_VERIFY_TOKEN.`,
      );
  }
}

const describeSubscription = (s: StravaSubscription): string =>
  `subscription ${s.id}: Strava posts activity events to ${s.callbackUrl}${s.createdAt === null ? '' : ` (created ${s.createdAt})`}`;

/** `argv`: the words after `gofast strava`. */
export async function runStravaCommand(argv: readonly string[], deps: StravaCommandDeps): Promise<string> {
  const { positionals } = parseFlags('strava', argv, {}, true);
  const [command, ...extra] = positionals;
  if (!isCommand(command) || extra.length > 0) {
    throw new UsageError(
      `gofast strava: expected subscribe, subscription or unsubscribe${positionals.length === 0 ? '' : `, not "${positionals.join(' ')}"`}`,
    );
  }
  const config = deps.config;
  if (config === undefined) {
    throw new UsageError(
      `gofast strava ${command}: STRAVA_CLIENT_ID is not set; set it, with STRAVA_CLIENT_SECRET, STRAVA_VERIFY_TOKEN and PUBLIC_BASE_URL, from your Strava API application at strava.com/settings/api (see docs/platforms/strava.md)`,
    );
  }
  const subscriptions =
    deps.subscriptions?.(config) ??
    createStravaClient({ clientId: config.clientId, clientSecret: config.clientSecret, apiUrl: config.apiUrl, oauthUrl: config.oauthUrl })
      .subscriptions;
  const callbackUrl = `${config.publicBaseUrl}${STRAVA_WEBHOOK_PATH}`;
  try {
    const [existing] = await subscriptions.list();
    switch (command) {
      case 'subscription':
        if (existing === undefined) return `This app has no Strava webhook subscription; create it with \`gofast strava subscribe\`.\n`;
        return (
          `Strava ${describeSubscription(existing)}.\n` +
          (existing.callbackUrl === callbackUrl ? '' : `Note: this server takes events at ${callbackUrl} (PUBLIC_BASE_URL).\n`)
        );
      case 'unsubscribe':
        if (existing === undefined) return 'This app has no Strava webhook subscription; nothing to delete.\n';
        await subscriptions.remove(existing.id);
        return `Deleted subscription ${existing.id}: Strava no longer posts activity events to ${existing.callbackUrl}.\n`;
      case 'subscribe': {
        if (existing !== undefined) {
          if (existing.callbackUrl === callbackUrl) return `Already subscribed: Strava ${describeSubscription(existing)}.\n`;
          throw new UsageError(
            `gofast strava subscribe: Strava allows one subscription per app and this app has one already, ${existing.id}, posting to ${existing.callbackUrl}; run \`gofast strava unsubscribe\` first to move it to ${callbackUrl}`,
          );
        }
        const id = await subscriptions.create(callbackUrl, config.verifyToken);
        return `Subscribed (subscription ${id}): Strava will post activity events to ${callbackUrl}.\n`;
      }
    }
  } catch (error) {
    throw explained(error, callbackUrl);
  }
}
