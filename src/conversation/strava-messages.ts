/**
 * The `StravaNotifier` over the running chat adapters' posters (issue 21): what came of an
 * athlete's Strava runs goes to their DM on their own platform — the same "Logged: …" message,
 * with Undo, as a dropped file gets. An athlete whose platform does not run here (a pull-only
 * surface, a platform another instance serves) gets no message: the runs are logged all the same
 * and show in their week.
 */
import { platformNameOf } from '../plans/platforms.js';
import type { StravaNotifier } from '../plans/strava/strava-context.js';
import { activitiesView, takenOffView } from './activity-views.js';
import type { ChatPoster, PostTarget } from './chat-poster.js';
import { textView } from './plan-views.js';
import type { MessageView } from './views.js';

export function stravaMessagesFromPosters(posters: () => readonly ChatPoster[]): StravaNotifier {
  const post = async (identity: string, view: MessageView): Promise<void> => {
    const platform = platformNameOf(identity);
    const poster = posters().find((p) => p.platform === platform);
    if (poster === undefined) return;
    const target: PostTarget = { owner: identity, target: 'dm', channelId: null };
    // A DM is the athlete's alone: what is private elsewhere is posted as a plain message here.
    await poster.post(target, { ...view, ephemeral: false });
  };
  return {
    activities: (identity, outcomes) => post(identity, activitiesView(outcomes)),
    undone: (identity, outcome) => post(identity, takenOffView(outcome)),
    tell: (identity, text) => post(identity, textView(text)),
  };
}
