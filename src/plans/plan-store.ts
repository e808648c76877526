/**
 * The port the use cases store plans through. Every change is one atomic, guarded update of one
 * document: it applies only while the plan still matches the guard (revision, status, number of
 * weeks), and bumps the revision. Concurrency and idempotency therefore rest on the database, not
 * on timing: a second confirm or a stale write simply finds the guard no longer holds.
 */
import type { WeekExecution } from '../domain/schemas.js';
import type { Delivery, Draft, HistoryEntry, NewPlanRecord, PlanRecord, PlanStatus, StoredPreview, StoredWeek } from './plan-record.js';

export type PlanGuard = {
  readonly revision?: number;
  readonly statuses?: readonly PlanStatus[];
  /** The plan holds exactly this many weeks (appending week N needs N − 1). */
  readonly weekCount?: number;
  /** The scheduler's lease on the plan is still held by this owner. */
  readonly leaseOwner?: string;
  /** Week N has not been posted yet (posting is recorded once). */
  readonly unpostedWeek?: number;
  /**
   * No lease is held on the plan at this instant (none, or one that has expired): how the club's
   * weekly fan-out takes a member's plan for its week, whatever the plan's own due time says.
   */
  readonly leaseFreeAt?: Date;
};

export type PlanFieldChanges = Partial<{
  status: PlanStatus;
  draft: Draft;
  inputs: PlanRecord['inputs'];
  totalWeeks: number | null;
  paces: PlanRecord['paces'];
  warnings: string[];
  phases: PlanRecord['phases'];
  preview: StoredPreview | null;
  variant: number;
  nextWeekDueAt: Date | null;
  nextReminderAt: Date | null;
  delivery: Delivery;
  lease: PlanRecord['lease'];
  replacesPlanId: string;
  replacedBy: string;
  clubId: string | null;
  pause: PlanRecord['pause'];
  returnRamp: PlanRecord['returnRamp'];
  pendingChange: PlanRecord['pendingChange'];
  results: NonNullable<PlanRecord['results']>;
  pendingPaces: PlanRecord['pendingPaces'];
}>;

export type PlanChange = {
  readonly set?: PlanFieldChanges;
  /** Replaces the whole weeks array (confirm, regenerate). */
  readonly weeks?: readonly StoredWeek[];
  /** Appends one week (next week). */
  readonly pushWeek?: StoredWeek;
  /** Records the athlete's log for one week (null: nothing logged, as when a recorded run is undone). */
  readonly execution?: { readonly weekNumber: number; readonly execution: WeekExecution | null };
  /** Marks one week as posted to its delivery target. */
  readonly posted?: { readonly weekNumber: number; readonly at: Date; readonly messageRef: string | null };
  readonly pushHistory?: readonly HistoryEntry[];
  /**
   * Replaces the whole history (instead of `pushHistory`) when it is trimmed to its cap; only
   * under a revision guard, so that nothing pushed meanwhile is lost.
   */
  readonly history?: readonly HistoryEntry[];
};

/**
 * What is due: the next week's post (`nextWeekDueAt`), the daily reminder (`nextReminderAt`), or
 * the end of an athlete's pause with an `until` date (`pause.resumeAt`). `solo-week` is a week's
 * post that the plan's own schedule makes: not a club member's (the club's fan-out posts those),
 * except once their race is over, when the plan's own schedule completes it.
 */
export type DueWork = 'week' | 'solo-week' | 'reminder' | 'resume';

export type PlanFilter = {
  readonly owner?: string;
  readonly statuses?: readonly PlanStatus[];
};

/**
 * One page of a listing. Paged listings run in creation order, newest first, by id: unlike the
 * time of the last update, an id never changes, so a plan updated while someone pages through the
 * list neither moves to another page nor shows up twice.
 */
export type PlanPage = {
  /** At most this many plans. */
  readonly limit: number;
  /** Only plans that come after this one (the last plan of the previous page). */
  readonly after?: string;
};

/**
 * When the database itself fails, a method rejects with a `GoFastError` (not user-facing): code
 * `STORAGE_UNAVAILABLE` when it cannot be reached (down, timed out), so callers say "try again
 * shortly" (HTTP 503 + Retry-After); `STORAGE_FAILED` otherwise (a write conflict), so callers
 * apologise and the athlete tries again. Nothing in the layers above names the database driver.
 */
export interface PlanStore {
  /**
   * Stores a new plan. When another plan already holds the same `requestKey` (a retried request),
   * nothing is stored and that plan is returned instead.
   */
  insert(plan: NewPlanRecord, now: Date): Promise<PlanRecord>;
  findById(id: string): Promise<PlanRecord | undefined>;
  /** Without `page`, all matching plans, the most recently updated first; with it, see `PlanPage`. */
  list(filter: PlanFilter, page?: PlanPage): Promise<PlanRecord[]>;
  /** Applies `change` atomically if the plan matches `guard`; undefined when it does not. */
  update(id: string, guard: PlanGuard, change: PlanChange, now: Date): Promise<PlanRecord | undefined>;
  /** The same, for callers that do not need the plan back (saves reading the whole document). */
  apply(id: string, guard: PlanGuard, change: PlanChange, now: Date): Promise<boolean>;
  /**
   * Claims the active plan whose next week is due soonest (due at or before `now`, delivery not
   * paused, no unexpired lease) with one atomic update: several instances never claim the same.
   */
  claimDue(now: Date, leaseOwner: string, leaseUntil: Date, what?: DueWork, planId?: string): Promise<PlanRecord | undefined>;
  /**
   * Ids of plans due now, soonest first, without claiming them: one scan feeds many claims by id
   * (a claim still checks that the plan is due and free when it takes it).
   */
  dueCandidates(now: Date, what: DueWork, limit: number, platform?: string): Promise<string[]>;
}
