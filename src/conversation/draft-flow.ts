/**
 * The way from draft values to a preview, shared by `/plan new key=value…`, the draft form and its
 * Continue / Fix buttons: values that would not make a plan are kept in a saved draft and the form
 * comes back with its errors; complete values become a preview. A form left half-filled is kept as
 * a draft too (`keepDraft`), and a blank `/plan new` then offers to continue it (`newDraftAnswer`).
 */
import type { PlanRecord } from '../plans/plan-record.js';
import { PLAN_EDIT_DRAFT_ACTION, PLAN_NEW_ACTION } from './action-ids.js';
import type { IntentActor } from './intents.js';
import { currentWeekOf, deliveryFor, today } from './actor-time.js';
import { blankDraftForm, draftForm, draftValues, rawDraft, validateDraft } from './forms/draft-fields.js';
import type { HandlerContext } from './handler-context.js';
import { activePlanLabel, previewView, replaceQuestionView, statusView, textView } from './plan-views.js';
import { message, type MessageView, type View } from './views.js';

/** What a person typed into a draft, beyond the units every form starts with. */
function hasEntries(values: Readonly<Record<string, string>>): boolean {
  return Object.keys(rawDraft(values)).some((id) => id !== 'units');
}

/** The answer to a kept draft, and the way back to it. */
const KEPT_DRAFT_TEXT = 'Kept your draft — /plan new offers to continue it.';

/**
 * A draft form left half-filled (the console's `/command` at a field prompt): what was entered is
 * saved in the plan's draft — a new one, or the draft the form was for — without checking it, so
 * nothing typed is lost. A plan that is no longer a draft is left alone.
 */
export async function keepDraft(
  ctx: HandlerContext,
  actor: IntentActor,
  planId: string | null,
  values: Readonly<Record<string, string>>,
): Promise<View[]> {
  if (planId === null) {
    if (!hasEntries(values)) return [textView('Closed the form; nothing was entered to keep.', { ephemeral: true })];
    await ctx.plans.startDraft({ owner: actor.identity, fields: rawDraft(values), delivery: deliveryFor(actor, values.delivery) });
    return [textView(KEPT_DRAFT_TEXT, { ephemeral: true })];
  }
  const draft = await ctx.plans.getPlan(actor.identity, planId);
  if (draft.status !== 'draft') return [textView(`That plan is ${draft.status} now; /plan status shows it.`, { ephemeral: true })];
  await ctx.plans.updateDraft(actor.identity, planId, rawDraft(values));
  return [textView(KEPT_DRAFT_TEXT, { ephemeral: true })];
}

/** `Valentine 10K`, `a 10k race` or nothing: what a draft is for, as far as it says. */
function draftLabel(draft: PlanRecord): string {
  const { raceName, distance } = draftValues(draft);
  if (raceName !== undefined && raceName.trim() !== '') return ` (${raceName.trim()})`;
  return distance !== undefined && distance.trim() !== '' ? ` (a ${distance.trim()} race)` : '';
}

function continueQuestionView(draft: PlanRecord): MessageView {
  const question = `You have a draft plan${draftLabel(draft)}. Continue it, or start afresh?`;
  return message(
    [
      { type: 'text', text: question },
      {
        type: 'buttons',
        buttons: [
          { actionId: PLAN_EDIT_DRAFT_ACTION, label: 'Continue', style: 'primary', planId: draft.id, value: null },
          { actionId: PLAN_NEW_ACTION, label: 'Start afresh', style: 'default', planId: 'new', value: null },
        ],
      },
    ],
    question,
  );
}

/**
 * A blank `/plan new` with no active plan: when the newest plan is a draft with something typed in
 * it (a form left half-filled), the offer to continue it; otherwise the blank form.
 */
export async function newDraftAnswer(ctx: HandlerContext, actor: IntentActor): Promise<View[]> {
  const current = await ctx.plans.currentPlan(actor.identity);
  if (current?.status === 'draft' && hasEntries(draftValues(current))) return [continueQuestionView(current)];
  return [blankDraftForm()];
}

/**
 * `/plan new` (blank or with the shortcut's values) while the athlete has an active plan: the
 * values are kept in a draft that records the plan it would replace, and the answer asks first
 * (Replace / Keep). Nothing changes for the active plan until the new one is confirmed.
 */
export async function askToReplace(
  ctx: HandlerContext,
  actor: IntentActor,
  active: PlanRecord,
  values: Record<string, string>,
  requestId: string | null | undefined,
): Promise<View[]> {
  const draft = await ctx.plans.startDraft({
    owner: actor.identity,
    fields: rawDraft(values),
    delivery: deliveryFor(actor, values.delivery),
    replacesPlanId: active.id,
    ...(requestId ? { requestKey: `${actor.identity}:${requestId}` } : {}),
  });
  return [replaceQuestionView(active, draft.id)];
}

/**
 * Replace: on exactly as `/plan new` would have gone — the form (pre-filled with what the draft
 * holds), or with the shortcut's values the preview, or the form with their errors.
 */
export async function replaceChosen(ctx: HandlerContext, actor: IntentActor, planId: string): Promise<View[]> {
  const draft = await ctx.plans.getPlan(actor.identity, planId);
  if (draft.status !== 'draft') {
    return [
      textView(`That question was answered already: the new plan is ${draft.status}; /plan status shows your plan.`, { ephemeral: true }),
    ];
  }
  const values = draftValues(draft);
  if (Object.keys(rawDraft(values)).length === 0) return [draftForm({ units: 'mi', ...values }, {}, draft.id)];
  const errors = validateDraft(values, today(actor, ctx.clock));
  if (Object.keys(errors).length > 0) return [draftForm(values, errors, draft.id)];
  return [previewView(await ctx.plans.previewPlan(actor.identity, draft.id))];
}

/** Keep: the active plan stays as it is; the draft saved with the question is dropped. */
export async function keepChosen(ctx: HandlerContext, actor: IntentActor, planId: string): Promise<View[]> {
  const draft = await ctx.plans.getPlan(actor.identity, planId);
  if (draft.status === 'draft') await ctx.plans.cancelPlan(actor.identity, draft.id);
  const active = await ctx.plans.activeSoloPlan(actor.identity);
  const kept = active ? `Kept ${activePlanLabel(active)}` : 'Kept your plans as they are';
  return [textView(`${kept}; nothing changed.`, { replacesSource: true })];
}

/** Values of a new draft (the first page of the form, or the one-line shortcut). */
export async function previewFromFields(
  ctx: HandlerContext,
  actor: IntentActor,
  values: Record<string, string>,
  requestId: string | null | undefined,
): Promise<View[]> {
  const { plans, clock } = ctx;
  const request = {
    owner: actor.identity,
    fields: rawDraft(values),
    delivery: deliveryFor(actor, values.delivery),
    ...(requestId ? { requestKey: `${actor.identity}:${requestId}` } : {}),
  };
  const errors = validateDraft(values, today(actor, clock));
  if (Object.keys(errors).length > 0) {
    // Keep what was entered: the draft is saved, and the form comes back with its id.
    const draft = await plans.startDraft(request);
    return [draftForm({ ...draftValues(draft), ...values }, errors, draft.id)];
  }
  const plan = await plans.createPreview(request);
  return [plan.status === 'preview' ? previewView(plan) : statusView(plan, currentWeekOf(plan, clock))];
}

/**
 * A submission for a saved draft (a later page of the form, or a fix): the values are merged into
 * the draft; when it is complete the preview follows, otherwise the form comes back with the
 * draft's values and the errors of the fields given so far.
 */
export async function continueDraft(
  ctx: HandlerContext,
  actor: IntentActor,
  planId: string,
  values: Readonly<Record<string, string>>,
): Promise<View[]> {
  const { plans, clock } = ctx;
  const draft = await plans.getPlan(actor.identity, planId);
  const merged: Record<string, string> = { ...draftValues(draft), ...values };
  const errors = validateDraft(merged, today(actor, clock));
  await plans.updateDraft(actor.identity, planId, rawDraft(merged));
  if (values.delivery !== undefined) {
    const delivery = deliveryFor(actor, values.delivery);
    await plans.updateSettings(actor.identity, planId, {
      target: delivery.target,
      channelId: delivery.channelId,
      timezone: delivery.timezone,
    });
  }
  if (Object.keys(errors).length > 0) return [draftForm(merged, errors, planId)];
  return [previewView(await plans.previewPlan(actor.identity, planId))];
}

/** A saved draft's form again, with the errors of what it holds (Continue / Fix step N). */
export async function reopenDraft(ctx: HandlerContext, actor: IntentActor, planId: string): Promise<View[]> {
  const draft = await ctx.plans.getPlan(actor.identity, planId);
  if (draft.status !== 'draft') return [textView(`That plan is ${draft.status} now; /plan status shows it.`, { ephemeral: true })];
  const values = draftValues(draft);
  return [draftForm(values, validateDraft(values, today(actor, ctx.clock)), draft.id)];
}
