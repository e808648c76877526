/**
 * The port through which the coach speaks first (a new week, a reminder, a note that delivery
 * paused): each chat adapter implements it for its platform. Failures come back in the neutral
 * vocabulary (`DeliveryFailureReason`), each adapter mapping its own error codes onto it, so the
 * caller can retry what is passing (rate limits, outages) and pause what is not (the user left,
 * closed their DMs, the channel was archived, the app was removed).
 */
import type { DeliveryFailure, DeliveryFailureReason } from '../plans/delivery-failures.js';
import type { ClubRoles } from './club-roles.js';
import type { MessageView } from './views.js';

export type { DeliveryFailureReason } from '../plans/delivery-failures.js';

export type PostTarget = {
  /** The plan owner's identity, `platform:workspace:user`. */
  readonly owner: string;
  readonly target: 'dm' | 'channel';
  /** The channel for `channel` targets. */
  readonly channelId: string | null;
  /**
   * A reply in this thread of the channel (what `startThread` gave, or the parent's message
   * reference where the platform needs no thread of its own): a club member's week.
   */
  readonly threadRef?: string;
};

export type PostResult = {
  /** The platform's reference to the posted message (`channel:ts`, a message id). */
  readonly messageRef: string;
};

export class DeliveryError extends Error implements DeliveryFailure {
  readonly reason: DeliveryFailureReason;
  /** The platform's own code (`dm_closed`, `50007`, `http_503`), for logs. */
  readonly detail: string;
  /** For rate limits: how long the platform asked us to wait. */
  readonly retryAfterMs: number | null;
  constructor(reason: DeliveryFailureReason, detail: string, message: string, retryAfterMs: number | null = null) {
    super(message);
    this.name = 'DeliveryError';
    this.reason = reason;
    this.detail = detail;
    this.retryAfterMs = retryAfterMs;
  }
}

export interface ChatPoster {
  /** The registered platform this poster posts to (its `PlatformSpec.name`). */
  readonly platform: string;
  /** Posts a message view to the owner's DM or to a channel; throws `DeliveryError` on failure. */
  post(target: PostTarget, view: MessageView): Promise<PostResult>;
  /**
   * Replaces a message this poster posted (`messageRef` from `post`) with `view`, in place: a week
   * changed after it was posted (a run moved, a day cross-trained). Throws `DeliveryError` on
   * failure. Absent: the platform cannot edit, and the change is told in a short follow-up.
   */
  update?(messageRef: string, view: MessageView): Promise<void>;
  /**
   * The key the platform's per-key pacing counts posts under. Without it, posts are paced per
   * conversation: the channel, or the owner's DM.
   */
  pacingKey?(target: PostTarget): string;
  /** How many of the platform's requests a post to `target` takes (Discord: opening a DM first is one more); absent: 1. */
  requestsFor?(target: PostTarget): number;
  /**
   * Why the app could not post in `channelId` (one sentence saying how to fix it: "invite me …"),
   * or null when it can. Asked when someone chooses a channel for their weeks (`channel-check.ts`).
   * Absent: the platform cannot tell in advance, and the choice is taken as is.
   */
  channelProblem?(channelId: string): Promise<string | null>;
  /**
   * Starts a thread on a message this poster posted (`messageRef`), named `name`, for a club's
   * week: what replies in it go to (`PostTarget.threadRef`). Absent: the platform needs no call to
   * start one, and replies name the parent's `messageRef` itself (Slack: its ts is `thread_ts`).
   */
  startThread?(messageRef: string, name: string): Promise<string>;
  /** Who the platform makes a channel's admin, for clubs (`club-roles.ts`); absent: it cannot look it up. */
  readonly clubRoles?: ClubRoles;
}
