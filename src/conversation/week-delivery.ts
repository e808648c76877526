/**
 * The scheduler's `WeekNotifier` over the chat adapters' `ChatPoster`s: builds the week view the
 * athlete gets in a conversation and posts it to the plan's delivery target on its platform.
 */
import type { PlanRecord } from '../plans/plan-record.js';
import type { WeekNotifier } from '../plans/week-notifier.js';
import { DeliveryError, type ChatPoster, type PostTarget } from './chat-poster.js';
import { assumedLogNote, textView, weekView } from './plan-views.js';

function targetOf(plan: PlanRecord): PostTarget {
  return { owner: plan.owner, target: plan.delivery.target, channelId: plan.delivery.channelId };
}

export function createWeekNotifier(posters: readonly ChatPoster[]): WeekNotifier {
  const byPlatform = new Map(posters.map((p) => [p.platform as string, p]));
  const posterFor = (plan: PlanRecord): ChatPoster => {
    const poster = byPlatform.get(plan.delivery.platform);
    if (!poster) {
      throw new DeliveryError('permanent', 'app_removed', `no ${plan.delivery.platform} adapter is running to deliver plan ${plan.id}`);
    }
    return poster;
  };
  return {
    deliverWeek: (plan, weekNumber, note) => {
      // The scheduler's note (a catch-up after downtime) first, then what the week assumed (R11).
      const said = [note, assumedLogNote(plan, weekNumber)].filter((line): line is string => typeof line === 'string' && line !== '');
      return posterFor(plan).post(targetOf(plan), weekView(plan, weekNumber, said.length === 0 ? {} : { note: said.join('\n') }));
    },
    notify: (plan, text) => posterFor(plan).post(targetOf(plan), textView(text)),
    rateKey: (plan) => ({
      platform: plan.delivery.platform,
      // Slack limits posting per channel; one DM is one channel.
      key: plan.delivery.target === 'channel' && plan.delivery.channelId ? plan.delivery.channelId : `dm:${plan.owner}`,
    }),
  };
}
