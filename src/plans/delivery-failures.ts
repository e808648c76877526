/**
 * The neutral vocabulary of delivery failures. Each platform's poster maps its own error codes
 * onto it, so the scheduler decides between waiting, retrying and pausing, and the coach explains
 * a pause, without knowing any platform's codes.
 */

export const DELIVERY_FAILURES = [
  /** The athlete cannot be reached: DMs closed, the account gone or disabled. */
  'recipient-unreachable',
  /** The plan's channel is gone, archived, or no longer takes the coach's posts. */
  'channel-gone',
  /** The app was removed from the workspace or server, or lost its token or permissions. */
  'app-removed',
  /**
   * The platform refused this post for good (malformed, too long, an error it does not explain).
   * Not in the first list of four: without it such posts would be mislabelled as one of them, or
   * retried at every tick for ever.
   */
  'refused',
  /** Too fast: wait as long as the platform asked, then try again. */
  'rate-limited',
  /** An outage or a network error: back off and try again. */
  'transient',
] as const;
export type DeliveryFailureReason = (typeof DELIVERY_FAILURES)[number];

/** The failures no retry fixes: delivery pauses until the owner changes the plan's settings. */
export type PausingFailure = Exclude<DeliveryFailureReason, 'rate-limited' | 'transient'>;

const KNOWN = new Set<string>(DELIVERY_FAILURES);

function isDeliveryFailureReason(text: string): text is DeliveryFailureReason {
  return KNOWN.has(text);
}

/** True for what passes (a rate limit, an outage): wait or back off, and try again. */
export function isRetryable(reason: DeliveryFailureReason): reason is 'rate-limited' | 'transient' {
  return reason === 'rate-limited' || reason === 'transient';
}

/** What a notifier throws when a platform refused a post. */
export type DeliveryFailure = Error & {
  readonly reason: DeliveryFailureReason;
  /** The platform's own code (`dm_closed`, `50007`, `http_503`), for logs; the core never reads it. */
  readonly detail: string;
  /** For rate limits: how long the platform asked us to wait. */
  readonly retryAfterMs: number | null;
};

export function isDeliveryFailure(error: unknown): error is DeliveryFailure {
  if (!(error instanceof Error)) return false;
  const reason = (error as { reason?: unknown }).reason;
  return typeof reason === 'string' && isDeliveryFailureReason(reason);
}

/**
 * Pause reasons stored before this vocabulary: the platform's code (Discord's translated into
 * Slack's names) or the core's `app_removed`. The coach then told the athlete why for these six
 * and quoted any other code as "the platform refused (code)"; read through this table, old plans
 * keep exactly that. It records the old stored format, not any platform's live codes.
 */
const LEGACY_PAUSE_REASONS: ReadonlyMap<string, PausingFailure> = new Map<string, PausingFailure>([
  ['dm_closed', 'recipient-unreachable'],
  ['user_not_found', 'recipient-unreachable'],
  ['channel_not_found', 'channel-gone'],
  ['is_archived', 'channel-gone'],
  ['not_in_channel', 'channel-gone'],
  ['app_removed', 'app-removed'],
]);

/**
 * A stored pause reason in the vocabulary: current values as they are, legacy codes through the
 * table above. `known` is false for a legacy code the table does not list (read as `refused`),
 * so a reader can still show the code itself.
 */
export function pauseReasonOf(stored: string): { readonly reason: PausingFailure; readonly known: boolean } {
  if (isDeliveryFailureReason(stored) && !isRetryable(stored)) return { reason: stored, known: true };
  const legacy = LEGACY_PAUSE_REASONS.get(stored);
  return legacy === undefined ? { reason: 'refused', known: false } : { reason: legacy, known: true };
}
