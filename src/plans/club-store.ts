/**
 * The port clubs are stored through. As with plans, every change is one guarded update of one
 * document: it applies only while the club still has the revision (and status) the caller read,
 * and bumps the revision, so two admins or a join racing a close never both win.
 */
import type { ClubMember, ClubRecord, ClubStatus, NewClubRecord } from './club-record.js';

export type ClubGuard = {
  readonly revision: number;
  readonly statuses?: readonly ClubStatus[];
};

export type ClubChange = Partial<{
  admins: ClubRecord['admins'];
  members: readonly ClubMember[];
  status: ClubStatus;
  closedAt: Date | null;
}>;

export type ClubFilter = {
  readonly statuses?: readonly ClubStatus[];
  readonly platform?: string;
  readonly channelId?: string;
  /** Clubs with this member. */
  readonly member?: string;
};

export interface ClubStore {
  /**
   * Stores a new club; undefined when the channel already has an active club (the database's unique
   * index decides, so two `/plan club new` at once make one club).
   */
  insert(club: NewClubRecord, now: Date): Promise<ClubRecord | undefined>;
  findById(id: string): Promise<ClubRecord | undefined>;
  /** The channel's active club, if any. */
  activeInChannel(platform: string, channelId: string): Promise<ClubRecord | undefined>;
  /** Newest first. */
  list(filter: ClubFilter): Promise<ClubRecord[]>;
  /** Applies `change` if the club matches `guard`; undefined when it does not. */
  update(id: string, guard: ClubGuard, change: ClubChange, now: Date): Promise<ClubRecord | undefined>;
}
