/**
 * What every command, form and button handler of the core works with: the use cases, the clock,
 * and the help reply (built from the command registry, which handlers must not import: the
 * registry lists them).
 */
import type { Clock } from '../plans/plan-context.js';
import type { ClubUseCases } from '../plans/club-use-cases.js';
import type { ActivityFileParser } from '../plans/activity-files/parse-activity-file.js';
import type { PlanUseCases } from '../plans/plan-use-cases.js';
import type { StravaLinking } from '../plans/strava/strava-use-cases.js';
import type { ClubRoles } from './club-roles.js';
import type { MessageView } from './views.js';
import type { WeekMessages } from './week-messages.js';

export type HandlerContext = {
  readonly plans: PlanUseCases;
  readonly clock: Clock;
  /** The help reply listing every registered command, with `intro` above the list. */
  readonly help: (intro?: string) => MessageView;
  /** Edits a posted week's message after a change to that week; absent where nothing is posted. */
  readonly weekMessages?: WeekMessages;
  /** Clubs (`/plan club`); absent where the surface runs without them. */
  readonly clubs?: ClubUseCases;
  /** The platform's answer to "is this person a channel admin?", cached; absent: the clubs' own lists only. */
  readonly clubRoles?: ClubRoles;
  /** Linking Strava (`/plan connect strava`); absent: the operator has not set Strava up. */
  readonly strava?: StravaLinking;
  /** Reads a dropped run's file (the app: on a worker thread); absent: on this thread. */
  readonly parseActivityFile?: ActivityFileParser;
};
