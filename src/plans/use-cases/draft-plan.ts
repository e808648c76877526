/** Starting and editing a draft: the fields as typed, kept so a form can re-open pre-filled. */
import { identitySchema, defaultDelivery, type Delivery, type Draft, type PlanRecord } from '../plan-record.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { historyChange } from '../plan-history.js';
import { assertDeliveryLengths, assertDraftFieldLengths, assertRequestKeyLength } from '../text-limits.js';
import { WrongStateError } from '../plan-errors.js';
import { InputError } from '../../domain/errors.js';

export type StartDraftRequest = {
  readonly owner: string;
  readonly fields: Draft;
  readonly delivery?: Partial<Delivery>;
  /** The platform's id of this request; a retry with the same id returns the same plan. */
  readonly requestKey?: string;
  /** A digest of what the request asked for, stored with `requestKey` (see `PlanRecord.requestHash`). */
  readonly requestHash?: string;
  /** The owner's active plan this draft is to replace once confirmed (asked before it was started). */
  readonly replacesPlanId?: string;
  /** The club the plan is a member's personal plan of (`/plan club join`). */
  readonly clubId?: string;
};

export async function startDraft(ctx: PlanContext, request: StartDraftRequest): Promise<PlanRecord> {
  const owner = identitySchema.safeParse(request.owner);
  if (!owner.success) throw new InputError({ owner: owner.error.issues[0]?.message ?? 'invalid owner' });
  assertDraftFieldLengths(request.fields);
  assertDeliveryLengths(request.delivery);
  assertRequestKeyLength(request.requestKey);
  return ctx.store.insert(
    {
      owner: owner.data,
      requestKey: request.requestKey ?? null,
      ...(request.requestHash === undefined ? {} : { requestHash: request.requestHash }),
      ...(request.replacesPlanId === undefined ? {} : { replacesPlanId: request.replacesPlanId }),
      ...(request.clubId === undefined ? {} : { clubId: request.clubId }),
      delivery: { ...defaultDelivery(owner.data), ...request.delivery },
      status: 'draft',
      draft: request.fields,
      inputs: null,
      totalWeeks: null,
      paces: null,
      warnings: [],
      phases: [],
      weeks: [],
      preview: null,
      history: [],
      variant: 0,
      nextWeekDueAt: null,
      nextReminderAt: null,
      lease: null,
    },
    ctx.clock.now(),
  );
}

/** Changes draft fields; a preview made from the old fields is set aside (kept in history). */
export async function updateDraft(ctx: PlanContext, actor: Actor, planId: string, fields: Draft): Promise<PlanRecord> {
  assertDraftFieldLengths(fields);
  return writePlan(ctx, planId, actor, (plan) => {
    if (plan.status !== 'draft' && plan.status !== 'preview') {
      throw new WrongStateError(plan.status, `the plan is ${plan.status}; only a draft or a preview can be edited`);
    }
    const now = ctx.clock.now();
    return {
      guard: { revision: plan.revision },
      change: {
        // Edited inputs start again from the engine's first take (Regenerate counts from there).
        set: { draft: { ...plan.draft, ...fields }, status: 'draft', preview: null, variant: 0 },
        ...historyChange(
          plan.history,
          plan.preview
            ? [{ kind: 'preview', weekNumber: null, replacedAt: now, reason: 'draft edited', preview: plan.preview, week: null }]
            : [],
        ),
      },
    };
  });
}
