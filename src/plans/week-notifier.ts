/**
 * The port the scheduler speaks to athletes through: post a week (or a note) to the plan's
 * delivery target. The chat layer implements it over each platform's `ChatPoster`; failures come
 * back as `DeliveryFailure` so the scheduler can retry what passes and pause what does not.
 */
import type { PlanRecord } from './plan-record.js';

export type DeliveryFailureKind = 'rate-limited' | 'transient' | 'permanent';

/** What a notifier throws when a platform refused a post. */
export type DeliveryFailure = Error & {
  readonly kind: DeliveryFailureKind;
  readonly reason: string;
  readonly retryAfterMs: number | null;
};

export function isDeliveryFailure(error: unknown): error is DeliveryFailure {
  if (!(error instanceof Error)) return false;
  const kind = (error as { kind?: unknown }).kind;
  return kind === 'rate-limited' || kind === 'transient' || kind === 'permanent';
}

export interface WeekNotifier {
  /** Posts week N; `note` explains anything unusual (catching up after downtime). */
  deliverWeek(plan: PlanRecord, weekNumber: number, note: string | null): Promise<{ readonly messageRef: string }>;
  /** Posts a short message to the plan's delivery target (race-day summary, a reminder). */
  notify(plan: PlanRecord, text: string): Promise<{ readonly messageRef: string }>;
  /** Which platform's rate limits a post to this plan counts against, and under which key. */
  rateKey(plan: PlanRecord): { readonly platform: string; readonly key: string };
}
