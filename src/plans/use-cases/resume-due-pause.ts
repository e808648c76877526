/**
 * The scheduler's side of `/plan pause until=…`: when the pause's `until` morning comes, the plan
 * resumes by itself (re-planned like a resume by hand) and its current week is posted at the next
 * delivery. When the race is no longer within reach, nothing changes but the choice offered, and
 * the athlete is told so in a short message pointing to `/plan resume`.
 */
import { OPERATOR } from '../plan-context.js';
import { isDeliveryFailure } from '../delivery-failures.js';
import { WrongStateError } from '../plan-errors.js';
import type { DeliveryContext } from './deliver-due-week.js';
import { resumePlan, type ResumeOutcome } from './pause-plan.js';

export type DueResumeOutcome = { readonly kind: 'none' } | { readonly kind: ResumeOutcome['kind']; readonly planId: string };

export async function resumeDuePause(ctx: DeliveryContext, planId: string): Promise<DueResumeOutcome> {
  const plan = await ctx.store.findById(planId);
  const resumeAt = plan?.pause?.resumeAt;
  if (!plan || plan.status !== 'active' || !resumeAt || resumeAt.getTime() > ctx.clock.now().getTime()) return { kind: 'none' };
  let outcome: ResumeOutcome;
  try {
    outcome = await resumePlan(ctx, OPERATOR, planId, false);
  } catch (error) {
    // Another instance resumed it (or the athlete did) between the read and the write.
    if (error instanceof WrongStateError) return { kind: 'none' };
    throw error;
  }
  // Only a platform this instance posts to hears about a race out of reach; the choice waits on
  // the plan for the athlete's next /plan resume either way.
  if (outcome.kind === 'unreachable' && ctx.notifier.platforms.includes(outcome.plan.delivery.platform)) {
    try {
      await ctx.notifier.notify(
        outcome.plan,
        `Your pause ended, but ${outcome.why}. Your plan stays paused: /plan resume shows what you can choose.`,
      );
    } catch (error) {
      // The choice is stored on the plan either way; the athlete sees it at their next /plan resume.
      if (!isDeliveryFailure(error)) throw error;
    }
  }
  return { kind: outcome.kind, planId };
}
