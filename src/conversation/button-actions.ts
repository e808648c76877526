/**
 * What each button does, by its stable action id (see action-ids.ts), and whether it answers with
 * a form — so a surface that must open forms at once knows without asking. Buttons that lead to a
 * command's form reuse that form's builders; the plan they act on comes with the button, and the
 * use cases refuse anyone but its owner.
 */
import { tuneUpOnDate } from '../domain/tune-up-format.js';
import {
  DAY_DONE_ACTION,
  DAY_SKIPPED_ACTION,
  PLAN_CANCEL_ACTION,
  PLAN_CHANGE_CANCEL_ACTION,
  PLAN_CHANGE_CONFIRM_ACTION,
  PLAN_CONFIRM_ACTION,
  PLAN_EDIT_DRAFT_ACTION,
  PLAN_KEEP_ACTION,
  PLAN_KEEP_GOAL_ACTION,
  PLAN_NEW_ACTION,
  PLAN_REGENERATE_ACTION,
  PLAN_REPLACE_ACTION,
  PLAN_TRAIN_PREDICTED_ACTION,
  PACES_ACCEPT_ACTION,
  PACES_KEEP_ACTION,
  WEEK_LOG_ACTION,
  WEEK_MOVE_ACTION,
  DAY_MOVE_ACTION,
  DAY_MOVE_TO_ACTION,
  DAY_NOT_TODAY_ACTION,
  REMINDER_NOT_TODAY_ACTION,
  TUNE_UP_RESULT_ACTION,
  CLUB_JOIN_ACTION,
  CLUB_JOIN_REPLACE_ACTION,
  isActionId,
  parseDayButtonValue,
  parseUndoButtonValue,
  ACTIVITY_UNDO_ACTION,
  parseMoveButtonValue,
  type ActionId,
} from './action-ids.js';
import { keepChosen, reopenDraft, replaceChosen } from './draft-flow.js';
import { replaceAndJoin } from './club-actions.js';
import { clubJoinForm } from './forms/club-join-form.js';
import { choosePacesAction } from './pace-actions.js';
import { blankDraftForm, draftForm, draftValues } from './forms/draft-fields.js';
import { logFormFor } from './forms/log-form.js';
import { resultForm } from './forms/result-form.js';
import type { HandlerContext } from './handler-context.js';
import type { ButtonIntent, IntentActor } from './intents.js';
import { activePlanLabel, dateLabel, dueLabel, goalChoice, previewView, reminderView, textView, weekView } from './plan-views.js';
import { cancelChange, confirmChange } from './replan-buttons.js';
import { undoneView } from './activity-views.js';
import type { View } from './views.js';
import { changedWeekViews, movedText, orRefusal, runChooser, targetChooser } from './move-actions.js';
import { weekVersion } from '../plans/use-cases/week-change.js';

type ButtonAction = {
  readonly opensForm: boolean;
  readonly handle: (ctx: HandlerContext, intent: ButtonIntent) => Promise<View[]>;
};

/**
 * C-goal's choice on a preview: keeping the goal swaps the choice for Confirm; training for the
 * predicted time makes it the draft's goal and previews again (the old preview goes to history).
 */
async function chooseGoal({ plans }: HandlerContext, actor: IntentActor, planId: string, trainPredicted: boolean): Promise<View[]> {
  const before = await plans.getPlan(actor.identity, planId);
  const choice = goalChoice(before);
  if (!choice.open) return [textView(choice.reason, { ephemeral: true })];
  if (!trainPredicted) return [previewView(before, undefined, { goalKept: true })];
  await plans.updateDraft(actor.identity, planId, { goal: choice.predicted });
  const plan = await plans.previewPlan(actor.identity, planId);
  return [previewView(before, `Training for ${choice.predicted} instead: the new preview is below.`), previewView(plan)];
}

async function markDay({ plans }: HandlerContext, { actor, planId, actionId, value }: ButtonIntent): Promise<View[]> {
  const day = parseDayButtonValue(value);
  if (!day) return [textView('That button is out of date; open the week with /plan week.', { ephemeral: true })];
  const mark = actionId === DAY_DONE_ACTION ? 'done' : 'skipped';
  const plan = await plans.markDay(actor.identity, planId, day.weekNumber, day.dayNumber, mark);
  if (day.source === 'reminder') {
    const date = plan.weeks[day.weekNumber - 1]?.days.find((d) => d.dayNumber === day.dayNumber)?.date;
    if (date !== undefined) return [reminderView(plan, date, { replacesSource: true })];
  }
  return [weekView(plan, day.weekNumber, { replacesSource: true })];
}

/**
 * Undo on a "Logged: …" message: the button carries the run's source and the start of its id
 * (`undoButtonValue`); the recorded run is found by them in the plan and taken back off its day.
 */
async function undoActivityAction({ plans }: HandlerContext, { actor, planId, value }: ButtonIntent): Promise<View[]> {
  const key = parseUndoButtonValue(value);
  if (!key) return [textView('That button is out of date; open the week with /plan week.', { ephemeral: true })];
  const plan = await plans.getPlan(actor.identity, planId);
  const mark = plan.weeks
    .flatMap((w) => w.execution?.days ?? [])
    .find((m) => m.source === key.source && m.sourceId?.startsWith(key.idPrefix) === true);
  if (mark?.sourceId === undefined) return [undoneView({ undone: false, plan })];
  return [undoneView(await plans.undoActivity(actor.identity, planId, key.source, mark.sourceId))];
}

/**
 * Continue / Fix on a saved draft, and Edit on a preview: the draft form with the plan's values.
 * A preview stays as it is until the form is sent; sending it (the draft form's submit) sets the
 * preview aside in history and previews the edited inputs from the first take, on the same plan,
 * so its request key and the one-active-plan question asked before it still hold.
 */
async function editDraft(ctx: HandlerContext, { actor, planId }: ButtonIntent): Promise<View[]> {
  const plan = await ctx.plans.getPlan(actor.identity, planId);
  if (plan.status === 'preview') return [draftForm(draftValues(plan), {}, plan.id)];
  return reopenDraft(ctx, actor, planId);
}

const STALE_MOVE = 'That button is out of date; open the week with /plan week.';

/**
 * The Move buttons (see `move-actions.ts`). Each carries the week's version: a press on a week
 * that changed since (a second press of the same button, a move typed meanwhile) changes nothing.
 */
async function moveAction(ctx: HandlerContext, { actor, planId, actionId, value }: ButtonIntent): Promise<View[]> {
  const move = parseMoveButtonValue(value);
  if (!move) return [textView(STALE_MOVE, { ephemeral: true })];
  const { weekNumber, dayNumber, to, version } = move;
  return orRefusal(ctx, actor.identity, planId, async () => {
    if (actionId === WEEK_MOVE_ACTION || actionId === DAY_MOVE_ACTION) {
      const plan = await ctx.plans.getPlan(actor.identity, planId);
      const week = plan.weeks[weekNumber - 1];
      if (week !== undefined && weekVersion(week) !== version) {
        return [weekView(plan, weekNumber, { note: `Week ${weekNumber} has changed since that message; here it is as it stands now.` })];
      }
      if (actionId === WEEK_MOVE_ACTION) return [runChooser(plan, weekNumber, ctx.clock.now())];
      const targets = await ctx.plans.moveTargets(actor.identity, planId, weekNumber, dayNumber);
      return [targetChooser(plan, weekNumber, dayNumber, targets)];
    }
    const request = { weekNumber, from: String(dayNumber), version, ...(to === undefined ? {} : { to: String(to) }) };
    const moved = await ctx.plans.moveDay(actor.identity, planId, request);
    const said = movedText(moved.plan, weekNumber, moved.from, moved.to);
    // Not today sits on the week's own message; a target day on a choice made from it, and the
    // reminder's Not today on the reminder, which the sentence replaces.
    return changedWeekViews(ctx, moved.plan, weekNumber, said, actionId === DAY_NOT_TODAY_ACTION ? 'week-message' : 'chooser');
  });
}

const goal = (ctx: HandlerContext, { actor, planId, actionId }: ButtonIntent) =>
  chooseGoal(ctx, actor, planId, actionId === PLAN_TRAIN_PREDICTED_ACTION);

const BUTTON_ACTIONS: Readonly<Record<ActionId, ButtonAction>> = {
  [PLAN_CONFIRM_ACTION]: {
    opensForm: false,
    async handle({ plans }, { actor, planId }) {
      const before = await plans.getPlan(actor.identity, planId);
      if (before.status === 'preview' && before.replacesPlanId === undefined) {
        // A preview made before the active plan was: replacing it is asked at /plan new, not here.
        const active = await plans.activeSoloPlan(actor.identity);
        if (active) {
          return [
            textView(`You already have an active plan: ${activePlanLabel(active)}. To replace it, start again with /plan new.`, {
              ephemeral: true,
            }),
          ];
        }
      }
      const plan = await plans.confirmPlan(actor.identity, planId);
      if (before.status !== 'preview') return [previewView(plan, 'Already confirmed.')];
      const due = plan.nextWeekDueAt ? ` Week 2 arrives ${dueLabel(plan.nextWeekDueAt, plan.delivery.timezone)}.` : '';
      const replaced = plan.replacesPlanId === undefined ? '' : ' Your previous plan is cancelled.';
      // Week 1 goes where the plan's weeks go (the club channel, or the DM), wherever Confirm was pressed.
      const { target, channelId } = plan.delivery;
      const toChannel = target === 'channel' && channelId !== null;
      const where = toChannel
        ? ' Week 1 is posted in the channel your weeks go to.'
        : actor.origin.kind === 'channel'
          ? ' Week 1 is in your direct messages, where your weeks go.'
          : '';
      return [
        previewView(plan, `Confirmed. Week 1 starts ${dateLabel(plan.weeks[0]?.days[0]?.date ?? '')}.${where}${due}${replaced}`),
        { ...weekView(plan, 1), postTo: toChannel ? { target: 'channel', channelId } : { target: 'dm', channelId: null } },
      ];
    },
  },
  [PLAN_REGENERATE_ACTION]: {
    opensForm: false,
    async handle({ plans }, { actor, planId }) {
      const before = await plans.getPlan(actor.identity, planId);
      const plan = await plans.regeneratePreview(actor.identity, planId);
      return [previewView(before, 'Replaced by a new version below.'), previewView(plan)];
    },
  },
  [PLAN_CANCEL_ACTION]: {
    opensForm: false,
    async handle({ plans }, { actor, planId }) {
      return [previewView(await plans.cancelPlan(actor.identity, planId), 'Cancelled. Start again any time with /plan.')];
    },
  },
  [WEEK_LOG_ACTION]: {
    opensForm: true,
    async handle({ plans }, { actor, planId, value }) {
      const plan = await plans.getPlan(actor.identity, planId);
      const n = Number(value);
      return [logFormFor(plan, Number.isInteger(n) && n >= 1 ? n : plan.weeks.length)];
    },
  },
  [TUNE_UP_RESULT_ACTION]: {
    opensForm: true,
    async handle({ plans }, { actor, planId, value }) {
      const plan = await plans.getPlan(actor.identity, planId);
      if (plan.status !== 'active')
        return [textView(`That plan is ${plan.status} now; /plan status shows your plan.`, { ephemeral: true })];
      const tuneUp = value === null ? undefined : tuneUpOnDate(plan.inputs, value);
      if (tuneUp === undefined)
        return [textView('That tune-up is no longer in your plan; /plan result enters any result.', { ephemeral: true })];
      return [resultForm(plan.id, { distance: tuneUp.distance, date: tuneUp.date })];
    },
  },
  [DAY_DONE_ACTION]: { opensForm: false, handle: markDay },
  [DAY_SKIPPED_ACTION]: { opensForm: false, handle: markDay },
  [ACTIVITY_UNDO_ACTION]: { opensForm: false, handle: undoActivityAction },
  [PLAN_NEW_ACTION]: { opensForm: true, handle: async () => [blankDraftForm()] },
  [PLAN_EDIT_DRAFT_ACTION]: { opensForm: true, handle: editDraft },
  // Replace answers with the draft form, or with the shortcut's values a preview.
  [PLAN_REPLACE_ACTION]: { opensForm: true, handle: (ctx, { actor, planId }) => replaceChosen(ctx, actor, planId) },
  [PLAN_KEEP_ACTION]: { opensForm: false, handle: (ctx, { actor, planId }) => keepChosen(ctx, actor, planId) },
  [PLAN_KEEP_GOAL_ACTION]: { opensForm: false, handle: goal },
  [PLAN_TRAIN_PREDICTED_ACTION]: { opensForm: false, handle: goal },
  [PACES_ACCEPT_ACTION]: { opensForm: false, handle: choosePacesAction },
  [PACES_KEEP_ACTION]: { opensForm: false, handle: choosePacesAction },
  [PLAN_CHANGE_CONFIRM_ACTION]: { opensForm: false, handle: confirmChange },
  [PLAN_CHANGE_CANCEL_ACTION]: { opensForm: false, handle: cancelChange },
  [WEEK_MOVE_ACTION]: { opensForm: false, handle: moveAction },
  [DAY_MOVE_ACTION]: { opensForm: false, handle: moveAction },
  [DAY_MOVE_TO_ACTION]: { opensForm: false, handle: moveAction },
  [DAY_NOT_TODAY_ACTION]: { opensForm: false, handle: moveAction },
  [REMINDER_NOT_TODAY_ACTION]: { opensForm: false, handle: moveAction },
  // Clubs: the button's plan is the club (Join) or the club draft saved with the question (Replace,
  // whose value is where the member chose their weeks to go).
  [CLUB_JOIN_ACTION]: { opensForm: true, handle: async (_ctx, { planId }) => [clubJoinForm(planId)] },
  [CLUB_JOIN_REPLACE_ACTION]: { opensForm: false, handle: (ctx, { actor, planId, value }) => replaceAndJoin(ctx, actor, planId, value) },
};

function actionOf(actionId: string): ButtonAction | undefined {
  return isActionId(actionId) ? BUTTON_ACTIONS[actionId] : undefined;
}

/** Whether pressing `actionId` answers with a form (a modal, where the surface has them). */
export function buttonOpensForm(actionId: string): boolean {
  return actionOf(actionId)?.opensForm ?? false;
}

export async function pressButton(ctx: HandlerContext, intent: ButtonIntent): Promise<View[]> {
  const action = actionOf(intent.actionId);
  return action ? action.handle(ctx, intent) : [textView('That button is no longer active.', { ephemeral: true })];
}
