/**
 * `gofast clubs …`: the operators' commands on stored clubs (issue 19) — list them, show one,
 * close one. The operator acts as an admin of every club; closing leaves each member's plan going
 * on as their own, as `/plan club close` does.
 */
import type { ClubRecord } from '../plans/club-record.js';
import type { ClubUseCases } from '../plans/club-use-cases.js';
import { parseFlags, stringFlag } from './parse-flags.js';
import { UsageError } from './usage-error.js';

export const CLUBS_HELP = `Usage: gofast clubs <command> [--mongo URI]

  list [--status active|closed]   clubs newest first: id, status, platform and channel, name, members
  show ID [--json]                one club: its race or season, group days, weekly post, admins, members
  close ID                        close a club: no new members, no weekly club posts; members keep
                                  their plans as their own

  --mongo URI (or MONGODB_URI) picks the database, as for gofast plans.`;

export type ClubsCommandDeps = {
  readonly open: (mongoUri: string | undefined) => Promise<{ clubs: ClubUseCases; close(): Promise<void> }>;
};

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
    default:
      throw new UsageError(`gofast clubs: unknown command "${sub ?? ''}" (see gofast clubs --help)`);
  }
}
