/**
 * The port the scheduler speaks to athletes through: post a week (or a note) to the plan's
 * delivery target. The chat layer implements it over each platform's `ChatPoster`; failures come
 * back as `DeliveryFailure`s in the neutral vocabulary, so the scheduler can retry what passes and
 * pause what does not.
 */
import type { PlanRecord } from './plan-record.js';

export type RateKey = { readonly platform: string; readonly key: string; readonly requests?: number };

export interface WeekNotifier {
  /**
   * The platforms this notifier posts to. The scheduler claims only their plans: plans of a
   * pull-only surface (the HTTP API) or of a platform this instance does not run are left alone,
   * never posted to and never paused here.
   */
  readonly platforms: readonly string[];
  /** Posts week N; `note` explains anything unusual (catching up after downtime). */
  deliverWeek(plan: PlanRecord, weekNumber: number, note: string | null): Promise<{ readonly messageRef: string }>;
  /** Posts a short message to the plan's delivery target (the race-day summary). */
  notify(plan: PlanRecord, text: string): Promise<{ readonly messageRef: string }>;
  /** Posts the daily reminder of `date` (the athlete's today): that day as its week reads it, with Done / Skipped. */
  remindDay(plan: PlanRecord, date: string): Promise<{ readonly messageRef: string }>;
  /**
   * Which platform's rate limits a post to this plan counts against, under which key, and how many
   * of the platform's requests it takes (default 1).
   */
  rateKey(plan: PlanRecord): RateKey;
}
