/**
 * The port the clubs' weekly posts are stored through (`club-week-record.ts`). Each call is one
 * guarded update of one document: a post is claimed with a lease, its parent is recorded only by
 * the lease holder and only once, and it is finished once — so two scheduler instances, or an
 * operator's `gofast clubs deliver` racing the scheduler, never post a club's week twice.
 */
import type { ClubWeekOutcome, ClubWeekRecord } from './club-week-record.js';

export type ClubWeekClaim = {
  readonly clubId: string;
  readonly weekOf: string;
  readonly platform: string;
  readonly owner: string;
  readonly until: Date;
};

export interface ClubWeekStore {
  /**
   * The week's post, created when it is the first claim, and leased to `owner` when it is not
   * finished and no other lease holds it at `now`; undefined otherwise.
   */
  claim(claim: ClubWeekClaim, now: Date): Promise<ClubWeekRecord | undefined>;
  /** Records the parent (and its thread) while `owner` holds the lease; false when it does not. */
  recordParent(id: string, owner: string, refs: { parentRef: string; threadRef: string | null }, now: Date): Promise<boolean>;
  /** Extends the lease while `owner` holds it: a long fan-out (Slack's one reply a second) keeps it. */
  renew(id: string, owner: string, until: Date, now: Date): Promise<boolean>;
  /** Lets the lease go, the post unfinished: the next tick takes it up where it stopped. */
  release(id: string, owner: string, now: Date): Promise<void>;
  /** The post is finished: never claimed again. */
  finish(id: string, owner: string, outcome: ClubWeekOutcome, now: Date): Promise<boolean>;
  /** A club's posts, newest week first. */
  listForClub(clubId: string, limit: number): Promise<ClubWeekRecord[]>;
}
