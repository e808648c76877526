/**
 * When a club's weekly post is due, in the club's own time zone: the posting day and hour before
 * each training week's Monday, as for a plan (one formula: `postingTimeBefore`). The post that is due is the latest whose time has come,
 * never a flood of old weeks after an outage; never one whose time came before the club existed
 * (a club made on a Wednesday first posts the Sunday after); and never past the race week.
 */
import { addDaysIso, mondayOf, type IsoDate } from '../domain/calendar.js';
import { zonedDate } from '../domain/time-zones.js';
import { clubGoalDate, type ClubRecord } from './club-record.js';
import { postingTimeBefore } from './plan-schedule.js';

type ClubTiming = Pick<ClubRecord, 'delivery' | 'createdAt' | 'race' | 'season'>;

/** The instant the post for the week starting on Monday `weekOf` is due. */
function clubWeekDueAt(club: Pick<ClubRecord, 'delivery'>, weekOf: IsoDate): Date {
  return postingTimeBefore(weekOf, club.delivery);
}

/** The Monday of the week whose post is due at `now`, or null when none is. */
export function dueClubWeek(club: ClubTiming, now: Date): IsoDate | null {
  const lastWeek = mondayOf(clubGoalDate(club));
  // The week after next's Monday is the latest whose post can already be due (postingDay 1 posts a week ahead).
  let weekOf = addDaysIso(mondayOf(zonedDate(now, club.delivery.timezone)), 14);
  for (let i = 0; i < 4; i += 1, weekOf = addDaysIso(weekOf, -7)) {
    const dueAt = clubWeekDueAt(club, weekOf);
    if (dueAt.getTime() > now.getTime()) continue;
    if (dueAt.getTime() < club.createdAt.getTime() || weekOf > lastWeek) return null;
    return weekOf;
  }
  return null;
}

/** When the club's next post is due after `now` (the card and the CLI say it), or null after race week. */
export function nextClubPostAt(club: ClubTiming, now: Date): Date | null {
  const lastWeek = mondayOf(clubGoalDate(club));
  let weekOf = mondayOf(zonedDate(now, club.delivery.timezone));
  for (let i = 0; i < 4 && weekOf <= lastWeek; i += 1, weekOf = addDaysIso(weekOf, 7)) {
    const dueAt = clubWeekDueAt(club, weekOf);
    if (dueAt.getTime() > now.getTime()) return dueAt;
  }
  return null;
}
