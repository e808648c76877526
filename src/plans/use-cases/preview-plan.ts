/**
 * The preview: phases and Week 1 from the engine, validated, stored on the plan (so a Confirm
 * click reaching any bot instance finds it — the seed kept it in the client). Regenerate asks the
 * engine for another take and keeps the replaced preview in history.
 */
import { RulesViolatedError } from '../../domain/errors.js';
import { parsePlanInputs } from '../../domain/plan-inputs.js';
import { validatePhases } from '../../domain/validator.js';
import type { PlanRecord, StoredPreview } from '../plan-record.js';
import { type Actor, type PlanContext, writePlan } from '../plan-context.js';
import { historyChange } from '../plan-history.js';
import { assertDraftFieldLengths } from '../text-limits.js';
import { WrongStateError } from '../plan-errors.js';
import { todayFor } from '../plan-schedule.js';
import { assertWeekValid, workspaceOf } from '../plan-weeks.js';
import { startDraft, type StartDraftRequest } from './draft-plan.js';

async function makePreview(ctx: PlanContext, plan: PlanRecord, variant: number): Promise<{ preview: StoredPreview; plan: PlanRecord }> {
  const { inputs, notes } = parsePlanInputs(plan.draft, todayFor(plan.delivery, ctx.clock.now()));
  const outline = await ctx.engine.outline({ inputs, variant, workspace: workspaceOf(plan.owner) });
  const phaseViolations = validatePhases(inputs, outline.phases);
  if (phaseViolations.length > 0) throw new RulesViolatedError(phaseViolations);
  assertWeekValid(inputs, outline.phases, [], outline.week);
  const { totalWeeks, paces, phases, week, provenance } = outline;
  const preview: StoredPreview = {
    totalWeeks,
    paces,
    // What parsing decided for the athlete (R2's late-start move) is said first, with the warnings.
    warnings: [...notes, ...outline.warnings],
    phases,
    week: { weekNumber: week.weekNumber, phase: week.phase, miles: week.miles, days: week.days },
    source: provenance?.source ?? ctx.engine.name,
    provenance: provenance ?? null,
    generatedAt: ctx.clock.now(),
    variant,
  };
  return { preview, plan: { ...plan, inputs } };
}

function previewStep(plan: PlanRecord, made: { preview: StoredPreview; plan: PlanRecord }, replaced: string | null, now: Date) {
  return {
    guard: { revision: plan.revision },
    change: {
      set: {
        status: 'preview' as const,
        inputs: made.plan.inputs,
        totalWeeks: made.preview.totalWeeks,
        paces: made.preview.paces,
        warnings: made.preview.warnings,
        phases: made.preview.phases,
        preview: made.preview,
        variant: made.preview.variant,
      },
      ...historyChange(
        plan.history,
        replaced && plan.preview
          ? [{ kind: 'preview' as const, weekNumber: null, replacedAt: now, reason: replaced, preview: plan.preview, week: null }]
          : [],
      ),
    },
  };
}

/** Makes the preview of a draft; a plan already in preview is returned as it is. */
export async function previewPlan(ctx: PlanContext, actor: Actor, planId: string): Promise<PlanRecord> {
  return writePlan(ctx, planId, actor, async (plan) => {
    if (plan.status === 'preview' && plan.preview) return { done: plan };
    if (plan.status !== 'draft') {
      throw new WrongStateError(plan.status, `the plan is ${plan.status}; only a draft can be previewed`);
    }
    return previewStep(plan, await makePreview(ctx, plan, plan.variant), null, ctx.clock.now());
  });
}

/** A new take on the preview; the replaced one goes to history. */
export async function regeneratePreview(ctx: PlanContext, actor: Actor, planId: string): Promise<PlanRecord> {
  return writePlan(ctx, planId, actor, async (plan) => {
    if (plan.status !== 'preview') {
      throw new WrongStateError(plan.status, `the plan is ${plan.status}; only a preview can be regenerated before it is confirmed`);
    }
    return previewStep(plan, await makePreview(ctx, plan, plan.variant + 1), 'regenerated', ctx.clock.now());
  });
}

/** A draft and its preview in one step (the one-line command, the operators' CLI). */
export async function createPreview(ctx: PlanContext, request: StartDraftRequest): Promise<PlanRecord> {
  // Check and parse first so that bad input leaves no draft behind.
  assertDraftFieldLengths(request.fields);
  parsePlanInputs(request.fields, todayFor({ timezone: request.delivery?.timezone ?? 'UTC' }, ctx.clock.now()));
  const draft = await startDraft(ctx, request);
  // A retried request finds the plan of the first delivery, possibly confirmed by now.
  if (draft.status !== 'draft') return draft;
  return previewPlan(ctx, draft.owner, draft.id);
}
