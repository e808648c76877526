/**
 * Button presses (`block_actions`): ack, decode the core's action id and the `{planId, value}`
 * value, and hand the press to the core as the presser. The core decides who may do what: a
 * stranger's press comes back as an ephemeral "not your plan" shown only to them, and the message
 * stays as it was. Views that replace their source update the message the button was on. A
 * day's overflow menu (Not today, Move…) arrives the same way: its chosen option names the button.
 */
import type { App } from '@slack/bolt';

import { isActionId } from '../../conversation/action-ids.js';
import type { ButtonIntent } from '../../conversation/intents.js';
import { DAY_MENU_ACTION, decodeButtonValue, decodeMenuOption } from './button-value.js';
import { handleFieldAction } from './on-field-action.js';
import { answerWithProgress } from './progress-message.js';
import { TIMEZONE_WAIT_MS, afterAck, logFailure, type ListenerDeps } from './listener-deps.js';
import { isDirectMessage, originOf, slackIdentity } from './slack-directory.js';
import { blockActionsSchema, describeIssues, teamOf, type BlockActionsPayload } from './slack-payloads.js';
import type { ReplyContext } from './view-delivery.js';

function replyContext(payload: BlockActionsPayload, teamId: string): ReplyContext {
  const userId = payload.user.id;
  const channelId = payload.container.channel_id ?? payload.channel?.id ?? null;
  const messageTs = payload.container.message_ts ?? null;
  const onHome = payload.container.type === 'view' && payload.view?.type === 'home';
  const inChannel = channelId !== null && !isDirectMessage(channelId, payload.channel?.name);
  const base = {
    teamId,
    userId,
    triggerId: payload.trigger_id ?? null,
    modalOrigin: inChannel ? { channelId, channelName: payload.channel?.name ?? null } : { channelId: null },
  };
  if (onHome || channelId === null || messageTs === null) {
    return { ...base, messages: { kind: 'dm' }, ephemeral: { kind: 'dm' }, source: onHome ? { kind: 'home' } : null };
  }
  // Follow-ups stay in the conversation the button was in (the preview's DM, a club channel).
  return {
    ...base,
    messages: { kind: 'channel', channelId },
    ephemeral: { kind: 'channel', channelId },
    source: { kind: 'message', channelId, ts: messageTs },
  };
}

/** Parses the press and queues its work; the reply context is known first, for a "busy" line. */
async function handleBlockActions(body: unknown, deps: ListenerDeps): Promise<void> {
  const parsed = blockActionsSchema.safeParse(body);
  if (!parsed.success) {
    deps.logger.warn({ issues: describeIssues(parsed.error) }, 'ignored a block_actions payload of an unknown shape');
    return;
  }
  const payload = parsed.data;
  const teamId = teamOf(payload);
  if (teamId === undefined) {
    deps.logger.warn({ user: payload.user.id }, 'ignored a button press without a team');
    return;
  }
  const ours = payload.actions.flatMap((action) => {
    if (action.action_id === DAY_MENU_ACTION) {
      // A day's overflow menu: the chosen option stands for one of the core's buttons.
      const chosen = decodeMenuOption(action.selected_option?.value);
      if (chosen !== undefined && isActionId(chosen.actionId))
        return [{ actionId: chosen.actionId, planId: chosen.planId, value: chosen.value }];
      deps.logger.warn({ action: action.action_id, user: payload.user.id }, 'ignored a menu option that is not one of ours');
      return [];
    }
    const decoded = decodeButtonValue(action.value);
    if (isActionId(action.action_id) && decoded !== undefined) return [{ actionId: action.action_id, ...decoded }];
    deps.logger.warn({ action: action.action_id, user: payload.user.id }, 'ignored a button that is not one of ours');
    return [];
  });
  if (ours.length === 0) return;
  const context = replyContext(payload, teamId);
  const channelId = payload.container.channel_id ?? payload.channel?.id ?? null;
  const work = async () => {
    for (const action of ours) {
      await logFailure(deps.logger, { user: payload.user.id, action: action.actionId, planId: action.planId }, async () => {
        const intent: ButtonIntent = {
          kind: 'button',
          actor: {
            identity: slackIdentity(teamId, payload.user.id),
            timezone: await deps.directory.timezoneWithin(payload.user.id, TIMEZONE_WAIT_MS),
            origin: context.source?.kind === 'message' ? originOf(channelId, payload.channel?.name) : { kind: 'dm' },
          },
          actionId: action.actionId,
          planId: action.planId,
          value: action.value,
        };
        await answerWithProgress(deps, intent, context);
      });
    }
  };
  await afterAck(deps, work, context);
}

export function registerBlockActions(app: App, deps: ListenerDeps): void {
  app.action({ type: 'block_actions' }, async ({ ack, body }) => {
    await ack();
    // A value entered in one of our modals is checked at once; anything else is a button.
    if (await handleFieldAction(body, deps)) return;
    await handleBlockActions(body, deps);
  });
}
