/**
 * The scheduler's `WeekNotifier` over the chat adapters' `ChatPoster`s: builds the week view the
 * athlete gets in a conversation (or the day's reminder) and posts it to the plan's delivery target on its platform.
 */
import type { PlanRecord } from '../plans/plan-record.js';
import type { WeekNotifier } from '../plans/week-notifier.js';
import { DeliveryError, type ChatPoster, type PostTarget } from './chat-poster.js';
import { assumedLogNote, reminderView, textView, weekView } from './plan-views.js';
import type { MessageView } from './views.js';

function targetOf(plan: PlanRecord): PostTarget {
  return { owner: plan.owner, target: plan.delivery.target, channelId: plan.delivery.channelId };
}

/** One DM is one conversation, like a channel. */
function conversationKey(target: PostTarget): string {
  return target.target === 'channel' && target.channelId ? target.channelId : `dm:${target.owner}`;
}

/**
 * The week as the scheduler posts it: `lines` first (who it is for, a catch-up after downtime),
 * then what the week assumed of the last one (R11).
 */
export function deliveredWeekView(plan: PlanRecord, weekNumber: number, lines: readonly (string | null)[]): MessageView {
  const said = [...lines, assumedLogNote(plan, weekNumber)].filter((line): line is string => typeof line === 'string' && line !== '');
  return weekView(plan, weekNumber, said.length === 0 ? {} : { note: said.join('\n') });
}

export function createWeekNotifier(posters: readonly ChatPoster[]): WeekNotifier {
  const byPlatform = new Map(posters.map((p) => [p.platform, p]));
  const posterFor = (plan: PlanRecord): ChatPoster => {
    const poster = byPlatform.get(plan.delivery.platform);
    if (!poster) {
      // The scheduler claims only plans of `platforms`, so this is a caller that chose the plan itself.
      throw new DeliveryError('app-removed', 'no_poster', `no ${plan.delivery.platform} adapter is running to deliver plan ${plan.id}`);
    }
    return poster;
  };
  return {
    platforms: [...byPlatform.keys()],
    deliverWeek: (plan, weekNumber, note) => posterFor(plan).post(targetOf(plan), deliveredWeekView(plan, weekNumber, [note])),
    notify: (plan, text) => posterFor(plan).post(targetOf(plan), textView(text)),
    remindDay: (plan, date) => posterFor(plan).post(targetOf(plan), reminderView(plan, date)),
    rateKey: (plan) => {
      const target = targetOf(plan);
      const poster = byPlatform.get(plan.delivery.platform);
      return {
        platform: plan.delivery.platform,
        key: poster?.pacingKey?.(target) ?? conversationKey(target),
        requests: poster?.requestsFor?.(target) ?? 1,
      };
    },
  };
}
