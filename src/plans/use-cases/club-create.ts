/**
 * `/plan club new`: a club for one channel. Refused with one sentence, and nothing stored, for a
 * race day that is not after today (in the club's zone), group days that clash, an admin list
 * holding anyone but a person of the club's platform, or a channel that has an active club (the
 * store's unique index settles two creations racing).
 */
import { addDaysIso, isIsoDate } from '../../domain/calendar.js';
import { todayFor } from '../plan-schedule.js';
import { identitySchema } from '../plan-record.js';
import { timeZoneSchema } from '../plan-record.js';
import type { ClubRecord, GroupDays } from '../club-record.js';
import { ClubError } from '../club-errors.js';
import type { ClubContext } from './club-context.js';
import { checkAdminIdentity, type BotCheck } from './club-admins.js';

export type CreateClubRequest = {
  readonly creator: string;
  readonly channelId: string;
  readonly name: string;
  /** The race, or `season` with no race; exactly one. */
  readonly race?: { readonly name: string; readonly date: string; readonly distance: string };
  readonly season?: { readonly name: string; readonly endDate: string; readonly distance: string };
  readonly groupDays: GroupDays;
  readonly delivery: { readonly postingDay: number; readonly postingHour: number; readonly timezone: string };
  /** Admins listed in the club's settings, beside the creator (identities). */
  readonly admins: readonly string[];
  /** Tells whether an identity is a bot (the platform knows; absent: none is). */
  readonly isBot?: BotCheck;
};

const CLUB_DISTANCES = ['5k', '10k', 'half', 'marathon'];

const refuse = (message: string): never => {
  throw new ClubError('INVALID_INPUT', message);
};

function checkGoalDay(date: string, today: string, what: string): void {
  if (!isIsoDate(date)) refuse(`the ${what} "${date}" is not a date: write it YYYY-MM-DD`);
  if (date <= today) refuse(`the ${what} ${date} is not after today (${today}): pick a day to come`);
  // The longest plan is 30 weeks; a goal further off could not be planned for anyone joining now.
  if (date > addDaysIso(today, 7 * 30)) refuse(`the ${what} ${date} is more than 30 weeks away: pick a nearer one`);
}

function checkGroupDays(days: GroupDays): void {
  const all = [days.longDay, ...days.qualityDays, ...days.easyDays];
  if (new Set(all).size !== all.length) refuse('each group day can be only one of long run, quality or easy');
  const key = [days.longDay, ...days.qualityDays];
  // C1: never two key days in a row, across the week's end too (Sunday → Monday).
  const next = (d: number): number => (d % 7) + 1;
  if (key.some((d) => key.includes(next(d)))) refuse('the long-run and quality days must not follow one another: leave a day between');
}

export async function createClub(ctx: ClubContext, request: CreateClubRequest): Promise<ClubRecord> {
  const creator = identitySchema.safeParse(request.creator);
  if (!creator.success) refuse(`"${request.creator}" is not a person of a chat platform`);
  const platform = request.creator.slice(0, request.creator.indexOf(':'));
  const name = request.name.trim();
  if (name === '' || name.length > 100) refuse('the club needs a name of 1–100 characters');
  if (request.channelId.trim() === '') refuse('a club belongs to a channel: make it in one');
  if (!timeZoneSchema.safeParse(request.delivery.timezone).success) {
    refuse(`"${request.delivery.timezone}" is not a time zone: use one such as Europe/Berlin`);
  }
  const { postingDay, postingHour } = request.delivery;
  if (!Number.isInteger(postingDay) || postingDay < 1 || postingDay > 7)
    refuse('the posting day must be a day from 1 (Monday) to 7 (Sunday)');
  if (!Number.isInteger(postingHour) || postingHour < 0 || postingHour > 23) refuse('the posting hour must be a whole hour from 0 to 23');
  const today = todayFor({ timezone: request.delivery.timezone }, ctx.clock.now());
  const { race, season } = request;
  if ((race === undefined) === (season === undefined)) refuse('a club trains for a race or for a season: give one of them');
  const distance = race?.distance ?? season?.distance ?? '';
  // Named distances only: a number would read as miles or kilometres by each member's units.
  if (!CLUB_DISTANCES.includes(distance.trim().toLowerCase())) refuse(`"${distance}" is not a distance: use 5k, 10k, half or marathon`);
  if (race) checkGoalDay(race.date, today, 'race date');
  if (season) checkGoalDay(season.endDate, today, 'season’s end');
  checkGroupDays(request.groupDays);
  const admins = [...new Set(request.admins.map((a) => a.trim()).filter((a) => a !== '' && a !== request.creator))];
  for (const admin of admins) await checkAdminIdentity(admin, platform, request.isBot);
  if (await ctx.clubs.activeInChannel(platform, request.channelId)) {
    refuse('this channel already has a club: /plan club shows it, and an admin can close it first');
  }
  const club = await ctx.clubs.insert(
    {
      platform,
      channelId: request.channelId,
      name,
      race: race ? { name: race.name.trim() || name, date: race.date, distance: race.distance.trim().toLowerCase() } : null,
      season: season ? { name: season.name.trim() || name, endDate: season.endDate, distance: season.distance.trim().toLowerCase() } : null,
      groupDays: request.groupDays,
      delivery: { ...request.delivery },
      createdBy: request.creator,
      admins,
      members: [],
      status: 'active',
      closedAt: null,
    },
    ctx.clock.now(),
  );
  return club ?? refuse('this channel already has a club: /plan club shows it, and an admin can close it first');
}
