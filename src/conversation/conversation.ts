/**
 * The conversation core: `handle(intent) → View[]`, the same on every surface. Each intent calls
 * one use case and answers with views. User-facing errors (bad input, not your plan, wrong state)
 * become friendly views; anything else is logged once, here, with its context, and shown as a
 * short apology with a reference id.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { weekNumberOf } from '../domain/calendar.js';
import { GoFastError, InputError } from '../domain/errors.js';
import type { Clock } from '../plans/plan-context.js';
import { NotYourPlanError } from '../plans/plan-errors.js';
import type { PlanRecord } from '../plans/plan-record.js';
import { todayFor } from '../plans/plan-schedule.js';
import type { PlanUseCases } from '../plans/plan-use-cases.js';
import {
  DAY_DONE_ACTION,
  DAY_SKIPPED_ACTION,
  DRAFT_FORM_ID,
  LOG_FORM_ID,
  PLAN_CANCEL_ACTION,
  PLAN_CONFIRM_ACTION,
  PLAN_EDIT_DRAFT_ACTION,
  PLAN_KEEP_GOAL_ACTION,
  PLAN_NEW_ACTION,
  PLAN_REGENERATE_ACTION,
  PLAN_TRAIN_PREDICTED_ACTION,
  SETTINGS_FORM_ID,
  WEEK_LOG_ACTION,
  parseDayButtonValue,
} from './action-ids.js';
import { shortcutField } from './command-parser.js';
import { draftForm, logForm, parseLog, parseSettings, rawDraft, settingsForm, validateDraft } from './forms.js';
import type { ButtonIntent, CommandIntent, FormIntent, Intent, IntentActor } from './intents.js';
import { dateLabel, dueLabel, goalChoice, helpView, previewView, statusView, textView, weekView } from './plan-views.js';
import type { View } from './views.js';

export type Conversation = { handle(intent: Intent): Promise<View[]> };

export type ConversationDeps = {
  readonly plans: PlanUseCases;
  readonly logger: Logger;
  readonly clock: Clock;
};

function zoneOf(actor: IntentActor): string {
  return actor.timezone ?? 'UTC';
}

function today(actor: IntentActor, clock: Clock): string {
  return todayFor({ timezone: zoneOf(actor) }, clock.now());
}

function deliveryFor(actor: IntentActor, choice: string | undefined) {
  const toChannel = choice === 'channel' && actor.origin.kind === 'channel';
  return {
    timezone: zoneOf(actor),
    target: toChannel ? ('channel' as const) : ('dm' as const),
    channelId: toChannel && actor.origin.kind === 'channel' ? actor.origin.channelId : null,
  };
}

/** The plan week the athlete is in today (1 before the start, clamped to the plan). */
function currentWeekOf(plan: PlanRecord, clock: Clock): number | undefined {
  if (!plan.inputs || plan.totalWeeks === null) return undefined;
  const week = weekNumberOf(plan.inputs.startDate, todayFor(plan.delivery, clock.now()));
  return Math.min(plan.totalWeeks, Math.max(1, week));
}

const PAUSE_REASONS: Record<string, string> = {
  dm_closed: 'your direct messages are closed to the coach',
  user_not_found: 'your account could not be found',
  channel_not_found: 'the channel is gone',
  is_archived: 'the channel was archived',
  not_in_channel: 'the coach is not in that channel any more',
  app_removed: 'the app was removed',
};

/** A saved draft's fields as form values (with where its weeks go). */
function draftValues(plan: PlanRecord): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(plan.draft)) if (typeof value === 'string') values[key] = value;
  values.delivery = plan.delivery.target;
  return values;
}

function weekArgument(text: string | undefined): number | undefined | 'bad' {
  if (text === undefined) return undefined;
  return /^\d{1,2}$/.test(text) && Number(text) >= 1 ? Number(text) : 'bad';
}

export function createConversation(deps: ConversationDeps): Conversation {
  const { plans, clock } = deps;

  async function requirePlan(actor: IntentActor, statuses: readonly string[] = ['active']): Promise<PlanRecord | View[]> {
    const plan = await plans.currentPlan(actor.identity);
    if (!plan) return [textView('You have no plan yet. Start one with /plan.', { ephemeral: true })];
    if (!statuses.includes(plan.status)) {
      const next = plan.status === 'preview' ? ' Confirm or regenerate the preview first.' : '';
      return [textView(`Your plan is ${plan.status}.${next}`, { ephemeral: true })];
    }
    return plan;
  }

  async function previewFromFields(actor: IntentActor, values: Record<string, string>, requestId: string | null | undefined): Promise<View[]> {
    const errors = validateDraft(values, today(actor, clock));
    if (Object.keys(errors).length > 0) {
      // Keep what was entered: the draft is saved, and the form comes back with its id.
      const draft = await plans.startDraft({
        owner: actor.identity,
        fields: rawDraft(values),
        delivery: deliveryFor(actor, values.delivery),
        ...(requestId ? { requestKey: `${actor.identity}:${requestId}` } : {}),
      });
      return [draftForm({ ...draftValues(draft), ...values }, errors, draft.id)];
    }
    const plan = await plans.createPreview({
      owner: actor.identity,
      fields: rawDraft(values),
      delivery: deliveryFor(actor, values.delivery),
      ...(requestId ? { requestKey: `${actor.identity}:${requestId}` } : {}),
    });
    return [plan.status === 'preview' ? previewView(plan) : statusView(plan, currentWeekOf(plan, clock))];
  }

  /**
   * A submission for a saved draft (a later step of a multi-step form, or a fix): the values are
   * merged into the draft; when it is complete the preview follows, otherwise the form comes back
   * with the draft's values and the errors of the fields given so far.
   */
  async function continueDraft(actor: IntentActor, planId: string, values: Readonly<Record<string, string>>): Promise<View[]> {
    const draft = await plans.getPlan(actor.identity, planId);
    const merged: Record<string, string> = { ...draftValues(draft), ...values };
    const errors = validateDraft(merged, today(actor, clock));
    await plans.updateDraft(actor.identity, planId, rawDraft(merged));
    if (values.delivery !== undefined) {
      const delivery = deliveryFor(actor, values.delivery);
      await plans.updateSettings(actor.identity, planId, { target: delivery.target, channelId: delivery.channelId, timezone: delivery.timezone });
    }
    if (Object.keys(errors).length > 0) return [draftForm(merged, errors, planId)];
    return [previewView(await plans.previewPlan(actor.identity, planId))];
  }

  async function onCommand(intent: CommandIntent): Promise<View[]> {
    const { actor, command } = intent;
    switch (command.name) {
      case 'new': {
        const values: Record<string, string> = {};
        const unknown: string[] = [];
        for (const [key, value] of Object.entries(command.args)) {
          const fieldId = shortcutField(key);
          if (fieldId) values[fieldId] = value;
          else unknown.push(key);
        }
        if (unknown.length > 0) {
          return [helpView(`I don't know ${unknown.map((k) => `"${k}"`).join(', ')}. These are the arguments /plan new takes:`)];
        }
        if (Object.keys(values).length === 0) return [draftForm({ delivery: 'dm', units: 'mi' })];
        return previewFromFields(actor, values, intent.requestId);
      }
      case 'status': {
        const plan = await plans.currentPlan(actor.identity);
        return [statusView(plan, plan ? currentWeekOf(plan, clock) : undefined)];
      }
      case 'week': {
        const found = await requirePlan(actor, ['active', 'completed']);
        if (!('id' in found)) return found;
        const asked = weekArgument(command.positional[0]);
        if (asked === 'bad') return [textView(`"${command.positional[0]}" is not a week number.`, { ephemeral: true })];
        const current = currentWeekOf(found, clock) ?? 1;
        const n = asked ?? current;
        const total = found.totalWeeks ?? found.weeks.length;
        if (n > total) return [textView(`This plan has ${total} weeks.`, { ephemeral: true })];
        if (n > Math.max(found.weeks.length, current) + 1) {
          const due = found.nextWeekDueAt ? ` Week ${found.weeks.length + 1} arrives ${dueLabel(found.nextWeekDueAt, found.delivery.timezone)}.` : '';
          return [textView(`Week ${n} is not ready yet: weeks are made as you go, adapting to your logs.${due}`, { ephemeral: true })];
        }
        const { plan } = await plans.ensureWeek(actor.identity, found.id, n);
        return [weekView(plan, n)];
      }
      case 'log': {
        const found = await requirePlan(actor, ['active', 'completed']);
        if (!('id' in found)) return found;
        const asked = weekArgument(command.positional[0]);
        if (asked === 'bad') return [textView(`"${command.positional[0]}" is not a week number.`, { ephemeral: true })];
        const lastDone = Math.max(1, Math.min(found.weeks.length, (currentWeekOf(found, clock) ?? 2) - 1));
        return [logForm(found.id, asked ?? lastDone, {}, {}, found.inputs?.units ?? 'mi')];
      }
      case 'regenerate': {
        const found = await requirePlan(actor, ['preview', 'active']);
        if (!('id' in found)) return found;
        if (found.status === 'preview') return [previewView(await plans.regeneratePreview(actor.identity, found.id))];
        const asked = weekArgument(command.positional[0]);
        if (asked === undefined || asked === 'bad') {
          return [textView('Which week? /plan regenerate N makes a new version of future week N.', { ephemeral: true })];
        }
        const { plan } = await plans.regenerateWeek(actor.identity, found.id, asked);
        return [weekView(plan, asked, { note: `A new version of week ${asked}; the old one is kept in your plan's history.` })];
      }
      case 'export': {
        const found = await requirePlan(actor, ['active', 'completed']);
        if (!('id' in found)) return found;
        const ics = await plans.exportPlanIcs(actor.identity, found.id);
        return [{ kind: 'file', filename: ics.filename, mimeType: 'text/calendar', content: ics.content, caption: 'Your training plan (calendar file)' }];
      }
      case 'cancel': {
        const found = await requirePlan(actor, ['draft', 'preview', 'active']);
        if (!('id' in found)) return found;
        await plans.cancelPlan(actor.identity, found.id);
        return [textView(`Plan cancelled${found.inputs ? ` (${found.inputs.raceName})` : ''}. Start a new one any time with /plan.`)];
      }
      case 'settings': {
        const found = await requirePlan(actor, ['draft', 'preview', 'active']);
        if (!('id' in found)) return found;
        const d = found.delivery;
        return [
          settingsForm(found.id, {
            units: found.inputs?.units ?? found.draft.units ?? 'mi',
            delivery: d.target,
            timezone: d.timezone,
            postingDay: String(d.postingDay),
            postingHour: String(d.postingHour),
            reminder: d.dailyReminder ? 'on' : 'off',
            reminderHour: String(d.reminderHour),
          }),
        ];
      }
      case 'help':
        return [helpView()];
      case 'unknown':
        return [helpView(`I don't know "${command.raw}".`)];
    }
  }

  async function onForm(intent: FormIntent): Promise<View[]> {
    const { actor, values } = intent;
    switch (intent.formId) {
      case DRAFT_FORM_ID:
        return intent.planId === null ? previewFromFields(actor, { ...values }, intent.requestId) : continueDraft(actor, intent.planId, values);
      case LOG_FORM_ID: {
        if (intent.planId === null) return [textView('That log form lost its plan; open it again with /plan log.', { ephemeral: true })];
        const units = (await plans.getPlan(actor.identity, intent.planId)).inputs?.units ?? 'mi';
        const parsed = parseLog(values, units);
        if (!parsed.log || parsed.weekNumber === undefined) {
          return [logForm(intent.planId, Number(values.week) || 1, { ...values }, parsed.errors, units)];
        }
        const plan = await plans.logExecution(actor.identity, intent.planId, parsed.weekNumber, parsed.log);
        const log = plan.weeks[parsed.weekNumber - 1]?.execution;
        return [
          textView(
            `Logged week ${parsed.weekNumber}: ${log?.completedDays ?? 0} run days, ${values.miles} ${units === 'km' ? 'km' : 'miles'}. The next week adapts to it.`,
          ),
        ];
      }
      case SETTINGS_FORM_ID: {
        if (intent.planId === null) return [textView('Open settings with /plan settings.', { ephemeral: true })];
        const { settings, errors } = parseSettings(values);
        if (Object.keys(errors).length > 0) return [settingsForm(intent.planId, { ...values }, errors)];
        const channelId = settings.target === 'channel' && actor.origin.kind === 'channel' ? actor.origin.channelId : null;
        const plan = await plans.updateSettings(actor.identity, intent.planId, {
          ...settings,
          ...(settings.target === undefined ? {} : { channelId }),
        });
        const d = plan.delivery;
        return [
          textView(
            `Settings saved: ${plan.inputs?.units ?? 'mi'}, weeks by ${d.target === 'dm' ? 'direct message' : 'channel'}, ` +
              `posted on day ${d.postingDay} at ${String(d.postingHour).padStart(2, '0')}:00 ${d.timezone}` +
              (d.dailyReminder ? `, daily reminder at ${String(d.reminderHour).padStart(2, '0')}:00.` : ', no daily reminder.'),
          ),
        ];
      }
      default:
        return [textView('That form is no longer valid; start again with /plan.', { ephemeral: true })];
    }
  }

  /**
   * C-goal's choice on a preview: keeping the goal swaps the choice for Confirm; training for the
   * predicted time makes it the draft's goal and previews again (the old preview goes to history).
   */
  async function chooseGoal(actor: IntentActor, planId: string, trainPredicted: boolean): Promise<View[]> {
    const before = await plans.getPlan(actor.identity, planId);
    const choice = goalChoice(before);
    if (!choice.open) return [textView(choice.reason, { ephemeral: true })];
    if (!trainPredicted) return [previewView(before, undefined, { goalKept: true })];
    await plans.updateDraft(actor.identity, planId, { goal: choice.predicted });
    const plan = await plans.previewPlan(actor.identity, planId);
    return [previewView(before, `Training for ${choice.predicted} instead: the new preview is below.`), previewView(plan)];
  }

  async function onButton(intent: ButtonIntent): Promise<View[]> {
    const { actor, planId } = intent;
    switch (intent.actionId) {
      case PLAN_CONFIRM_ACTION: {
        const before = await plans.getPlan(actor.identity, planId);
        const plan = await plans.confirmPlan(actor.identity, planId);
        if (before.status !== 'preview') return [previewView(plan, 'Already confirmed.')];
        const due = plan.nextWeekDueAt ? ` Week 2 arrives ${dueLabel(plan.nextWeekDueAt, plan.delivery.timezone)}.` : '';
        return [previewView(plan, `Confirmed. Week 1 starts ${dateLabel(plan.weeks[0]?.days[0]?.date ?? '')}.${due}`), weekView(plan, 1)];
      }
      case PLAN_REGENERATE_ACTION: {
        const before = await plans.getPlan(actor.identity, planId);
        const plan = await plans.regeneratePreview(actor.identity, planId);
        return [previewView(before, 'Replaced by a new version below.'), previewView(plan)];
      }
      case PLAN_CANCEL_ACTION: {
        const plan = await plans.cancelPlan(actor.identity, planId);
        return [previewView(plan, 'Cancelled. Start again any time with /plan.')];
      }
      case WEEK_LOG_ACTION: {
        const plan = await plans.getPlan(actor.identity, planId);
        const n = Number(intent.value);
        return [logForm(plan.id, Number.isInteger(n) && n >= 1 ? n : plan.weeks.length, {}, {}, plan.inputs?.units ?? 'mi')];
      }
      case DAY_DONE_ACTION:
      case DAY_SKIPPED_ACTION: {
        const day = parseDayButtonValue(intent.value);
        if (!day) return [textView('That button is out of date; open the week with /plan week.', { ephemeral: true })];
        const status = intent.actionId === DAY_DONE_ACTION ? 'done' : 'skipped';
        const plan = await plans.markDay(actor.identity, planId, day.weekNumber, day.dayNumber, status);
        return [weekView(plan, day.weekNumber, { replacesSource: true })];
      }
      case PLAN_KEEP_GOAL_ACTION:
      case PLAN_TRAIN_PREDICTED_ACTION:
        return chooseGoal(actor, planId, intent.actionId === PLAN_TRAIN_PREDICTED_ACTION);
      case PLAN_NEW_ACTION:
        return [draftForm({ delivery: 'dm', units: 'mi' })];
      case PLAN_EDIT_DRAFT_ACTION: {
        const draft = await plans.getPlan(actor.identity, planId);
        if (draft.status !== 'draft') return [textView(`That plan is ${draft.status} now; /plan status shows it.`, { ephemeral: true })];
        const values = draftValues(draft);
        const errors = validateDraft(values, today(actor, clock));
        return [draftForm(values, errors, draft.id)];
      }
      default:
        return [textView('That button is no longer active.', { ephemeral: true })];
    }
  }

  /** Told at the next interaction: weeks could not be delivered and are paused until settings change. */
  async function pausedNotice(actor: IntentActor): Promise<View[]> {
    const plan = await plans.currentPlan(actor.identity);
    if (!plan || plan.status !== 'active' || !plan.delivery.paused) return [];
    const reason = PAUSE_REASONS[plan.delivery.pauseReason ?? ''] ?? `the platform refused (${plan.delivery.pauseReason ?? 'unknown'})`;
    return [
      textView(
        `I could not deliver your weekly plan: ${reason}. Delivery is paused; /plan settings chooses where weeks go and resumes it. /plan week shows this week now.`,
        { ephemeral: true },
      ),
    ];
  }

  async function dispatch(intent: Intent): Promise<View[]> {
    switch (intent.kind) {
      case 'command':
        return [...(await pausedNotice(intent.actor)), ...(await onCommand(intent))];
      case 'form':
        return onForm(intent);
      case 'button':
        return onButton(intent);
    }
  }

  return {
    async handle(intent) {
      try {
        return await dispatch(intent);
      } catch (error) {
        if (error instanceof NotYourPlanError) {
          return [textView('That plan belongs to someone else; only its owner can change it. Start your own with /plan.', { ephemeral: true })];
        }
        if (error instanceof InputError) {
          return [textView(`Check ${Object.entries(error.fields).map(([f, m]) => `${f}: ${m}`).join('; ')}`, { ephemeral: true })];
        }
        if (error instanceof GoFastError && error.userFacing) {
          const text = error.message.charAt(0).toUpperCase() + error.message.slice(1);
          return [textView(`${text}.`, { ephemeral: true })];
        }
        const ref = randomBytes(4).toString('hex');
        deps.logger.error(
          {
            err: error,
            ref,
            intent: intent.kind,
            user: intent.actor.identity,
            ...(intent.kind === 'button' ? { action: intent.actionId, planId: intent.planId } : {}),
            ...(intent.kind === 'form' ? { form: intent.formId, planId: intent.planId } : {}),
            ...(intent.kind === 'command' ? { command: intent.command.name } : {}),
          },
          'intent failed',
        );
        return [textView(`Sorry, something went wrong on our side (ref ${ref}). Please try again in a moment.`, { ephemeral: true })];
      }
    },
  };
}
