/**
 * `gofast clubs …`: the operators' commands on stored clubs (issue 19) — list them, show one,
 * close one, post one's current week now. The operator acts as an admin of every club; closing leaves each member's plan going
 * on as their own, as `/plan club close` does.
 */
import type { ClubRecord } from '../plans/club-record.js';
import type { ClubUseCases } from '../plans/club-use-cases.js';
import type { ClubDeliveryNow } from '../app/club-delivery.js';
import { parseFlags, stringFlag } from './parse-flags.js';
import { UsageError } from './usage-error.js';

export const CLUBS_HELP = `Usage: gofast clubs <command> [--mongo URI]

  list [--status active|closed]   clubs newest first: id, status, platform and channel, name, members
  show ID [--json]                one club: its race or season, group days, weekly post, admins, members
  close ID                        close a club: no new members, no weekly club posts; members keep
                                  their plans as their own
  deliver ID                      post the club's current week now (its parent and the members'
                                  weeks not yet posted), exactly once: for catching up after an
                                  outage; posts with the bot's token (SLACK_BOT_TOKEN, DISCORD_TOKEN)

  --mongo URI (or MONGODB_URI) picks the database, as for gofast plans.`;

export type ClubsCommandDeps = {
  readonly open: (mongoUri: string | undefined) => Promise<{
    clubs: ClubUseCases;
    /** The club's current weekly post, now (`deliverClubNow`). */
    deliver(clubId: string): Promise<ClubDeliveryNow>;
    /** When the club's next post is due, or null after race week. */
    nextPostAt(club: ClubRecord): Date | null;
    close(): Promise<void>;
  }>;
};

function deliveredText(club: ClubRecord, result: ClubDeliveryNow, next: Date | null): string {
  switch (result.kind) {
    case 'no-poster':
      throw new UsageError(
        `gofast clubs deliver: ${club.name} is a ${result.platform} club and no ${result.platform} bot token is set here`,
      );
    case 'nothing-due':
      return `Nothing is due for ${club.name}${club.status === 'active' ? '' : ' (closed)'}: ${next === null ? 'it has no more weekly posts' : `its next post is due ${next.toISOString()}`}.\n`;
    case 'taken':
      return `The week of ${result.weekOf} for ${club.name} was posted already, or another instance is posting it now; nothing was posted again.\n`;
    case 'delivered': {
      const { posted, alreadyPosted, skipped } = result.outcome;
      const parent = result.parentPosted ? 'posted its weekly message' : 'its weekly message was already there';
      const rest = result.finished ? '' : ' Some members’ weeks could not go now; the scheduler (or this command) finishes them.';
      return `${club.name}, week of ${result.weekOf}: ${parent}; ${posted} members’ weeks posted, ${alreadyPosted} had theirs already, ${skipped} skipped (paused, or no week to post).${rest}\n`;
    }
  }
}

function goalLine(club: ClubRecord): string {
  if (club.race) return `race: ${club.race.name}, ${club.race.distance}, ${club.race.date}`;
  return club.season ? `season: ${club.season.name}, to ${club.season.endDate} (${club.season.distance} time trial)` : '';
}

function clubText(club: ClubRecord): string {
  const { longDay, qualityDays, easyDays } = club.groupDays;
  return [
    `${club.name} (${club.id}) — ${club.status}`,
    `channel: ${club.platform} ${club.channelId}`,
    goalLine(club),
    `group days: long ${longDay}; quality ${qualityDays.join(',') || '-'}; easy ${easyDays.join(',') || '-'} (1 = Monday)`,
    `weekly post: day ${club.delivery.postingDay} at ${club.delivery.postingHour}:00 ${club.delivery.timezone}`,
    `admins: ${[club.createdBy, ...club.admins].join(', ')}`,
    `members (${club.members.length}):`,
    ...club.members.map(
      (m) => `  ${m.identity}  plan ${m.planId}  weeks by ${m.weekDelivery}  joined ${m.joinedAt.toISOString().slice(0, 10)}`,
    ),
  ].join('\n');
}

export async function runClubsCommand(argv: readonly string[], deps: ClubsCommandDeps): Promise<string> {
  const [sub, ...rest] = argv;
  const options = { mongo: { type: 'string' as const }, status: { type: 'string' as const }, json: { type: 'boolean' as const } };
  const { values, positionals } = parseFlags(`clubs ${sub ?? ''}`.trim(), rest, options, true);
  const run = async (act: (clubs: ClubUseCases) => Promise<string>): Promise<string> => {
    const service = await deps.open(stringFlag(values, 'mongo'));
    try {
      return await act(service.clubs);
    } finally {
      await service.close();
    }
  };
  const id = (): string => {
    const found = positionals[0];
    if (found === undefined) throw new UsageError(`gofast clubs ${sub}: missing the club ID`);
    return found;
  };
  switch (sub) {
    case 'list': {
      const status = stringFlag(values, 'status');
      if (status !== undefined && status !== 'active' && status !== 'closed') {
        throw new UsageError(`gofast clubs list: --status must be active or closed, not "${status}"`);
      }
      return run(async (clubs) => {
        const found = await clubs.listClubs(status === undefined ? {} : { statuses: [status] });
        if (found.length === 0) return 'No clubs.\n';
        return `${found.map((c) => `${c.id}  ${c.status}  ${c.platform} ${c.channelId}  ${c.name}  ${c.members.length} members`).join('\n')}\n`;
      });
    }
    case 'show': {
      const clubId = id();
      return run(async (clubs) => {
        const club = await clubs.showClub(clubId);
        return values.json === true ? `${JSON.stringify(club, null, 2)}\n` : `${clubText(club)}\n`;
      });
    }
    case 'close': {
      const clubId = id();
      return run(async (clubs) => {
        const club = await clubs.closeClub(true, clubId);
        return `Closed ${club.name} (${club.id}); its ${club.members.length} members keep their plans as their own.\n`;
      });
    }
    case 'deliver': {
      const clubId = id();
      const service = await deps.open(stringFlag(values, 'mongo'));
      try {
        const club = await service.clubs.showClub(clubId);
        return deliveredText(club, await service.deliver(club.id), service.nextPostAt(club));
      } finally {
        await service.close();
      }
    }
    default:
      throw new UsageError(`gofast clubs: unknown command "${sub ?? ''}" (see gofast clubs --help)`);
  }
}
