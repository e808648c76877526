/**
 * A change to a week already posted (a run moved, a day cross-trained) edits that week's message
 * where the platform allows it (`ChatPoster.update`: Slack's chat.update, a Discord message edit),
 * using the `messageRef` stored when the week was posted. Where it cannot — a pull-only surface, a
 * week shown only as a reply, a platform without edits, an edit that failed — the caller tells the
 * change in a short follow-up instead; a failed edit is logged, never thrown at the athlete.
 */
import type { Logger } from 'pino';

import type { PlanRecord } from '../plans/plan-record.js';
import type { ChatPoster } from './chat-poster.js';
import { weekView } from './plan-views.js';

export type WeekMessages = {
  /** True when week N's posted message now shows the week as it is. */
  edit(plan: PlanRecord, weekNumber: number): Promise<boolean>;
};

export function weekMessagesFromPosters(posters: () => readonly ChatPoster[], logger: Pick<Logger, 'warn'>): WeekMessages {
  return {
    async edit(plan, weekNumber) {
      const ref = plan.weeks[weekNumber - 1]?.messageRef ?? null;
      const poster = posters().find((p) => p.platform === plan.delivery.platform);
      if (ref === null || poster?.update === undefined) return false;
      try {
        await poster.update(ref, weekView(plan, weekNumber));
        return true;
      } catch (error) {
        logger.warn({ err: error, planId: plan.id, weekNumber }, 'could not edit the posted week message; telling the change instead');
        return false;
      }
    },
  };
}
