/**
 * The port through which the coach speaks first (a new week, a reminder, a note that delivery
 * paused): each chat adapter implements it for its platform. Failures are classified so the
 * caller can retry what is passing (rate limits, outages) and pause what is not (the user left,
 * closed their DMs, the channel was archived, the app was removed).
 */
import type { MessageView } from './views.js';

export type PostTarget = {
  /** The plan owner's identity, `platform:workspace:user`. */
  readonly owner: string;
  readonly target: 'dm' | 'channel';
  /** The channel for `channel` targets. */
  readonly channelId: string | null;
};

export type PostResult = {
  /** The platform's reference to the posted message (`channel:ts`, a message id). */
  readonly messageRef: string;
};

export type DeliveryFailureKind = 'rate-limited' | 'transient' | 'permanent';

export class DeliveryError extends Error {
  readonly kind: DeliveryFailureKind;
  /** For rate limits: how long the platform asked us to wait. */
  readonly retryAfterMs: number | null;
  /** A short machine-readable reason: `ratelimited`, `dm_closed`, `channel_not_found`, … */
  readonly reason: string;
  constructor(kind: DeliveryFailureKind, reason: string, message: string, retryAfterMs: number | null = null) {
    super(message);
    this.name = 'DeliveryError';
    this.kind = kind;
    this.reason = reason;
    this.retryAfterMs = retryAfterMs;
  }
}

export interface ChatPoster {
  readonly platform: 'slack' | 'discord' | 'console';
  /** Posts a message view to the owner's DM or to a channel; throws `DeliveryError` on failure. */
  post(target: PostTarget, view: MessageView): Promise<PostResult>;
}
