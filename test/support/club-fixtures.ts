/**
 * A club as the club tests, benchmarks and scenarios make it: Riverside Runners, a half marathon,
 * Tuesday quality, Thursday easy, Sunday long run, posting Sundays at 18:00 London time. Each call
 * names a channel of its own unless told one, so clubs never collide on "one active club a channel".
 */
import type { CreateClubRequest } from '../../src/plans/club-use-cases.js';

let channels = 0;

export function clubRequest(extra: Partial<CreateClubRequest> = {}): CreateClubRequest {
  channels += 1;
  return {
    creator: 'slack:T1:COACH',
    channelId: `C-CLUB-${channels}`,
    name: 'Riverside Runners',
    race: { name: 'Riverside Half', date: '2027-03-21', distance: 'half' },
    groupDays: { longDay: 7, qualityDays: [2], easyDays: [4] },
    delivery: { postingDay: 7, postingHour: 18, timezone: 'Europe/London' },
    admins: [],
    ...extra,
  };
}
