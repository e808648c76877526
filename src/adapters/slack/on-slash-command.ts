/**
 * `/plan …`: ack at once (Slack gives 3 seconds), then ask the core and deliver its views. `/plan`
 * and `/plan new` alone skip even the time-zone lookup so the draft modal opens while the trigger
 * id is fresh; the lookup runs afterwards, ready for the submission.
 */
import type { App } from '@slack/bolt';

import { parseCommandText } from '../../conversation/command-parser.js';
import { COMMANDS } from '../../conversation/commands/index.js';
import type { CommandIntent } from '../../conversation/intents.js';
import { DEFAULT_COMMAND } from './command-name.js';
import { afterAck, logFailure, type ListenerDeps } from './listener-deps.js';
import { answerWithProgress } from './progress-message.js';
import { originOf, slackIdentity } from './slack-directory.js';
import { describeIssues, slashCommandSchema, type SlashCommandPayload } from './slack-payloads.js';
import type { ReplyContext } from './view-delivery.js';
import { WorkQueueFullError } from './work-queue.js';

/** The command's default name; SLACK_COMMAND may name it otherwise (`deps.command`). */
export const PLAN_COMMAND = DEFAULT_COMMAND;

function replyContext(payload: SlashCommandPayload): ReplyContext {
  const origin = originOf(payload.channel_id, payload.channel_name);
  return {
    teamId: payload.team_id,
    userId: payload.user_id,
    triggerId: payload.trigger_id,
    // Everything the core answers a command with is about the athlete's own plan: it goes to their DM.
    messages: { kind: 'dm' },
    ephemeral: payload.response_url
      ? { kind: 'response-url', url: payload.response_url }
      : { kind: 'channel', channelId: payload.channel_id },
    source: null,
    modalOrigin:
      origin.kind === 'channel' ? { channelId: origin.channelId, channelName: payload.channel_name ?? null } : { channelId: null },
    // Typed anywhere but the app's DM: the person is told there, privately, that the answer is in the DM.
    dmNote: payload.api_app_id === undefined ? undefined : { appId: payload.api_app_id, typedIn: payload.channel_id },
  };
}

/** Everything after the ack: parse, ask the core, deliver. */
async function handleSlashCommand(body: unknown, deps: ListenerDeps): Promise<void> {
  const parsed = slashCommandSchema.safeParse(body);
  if (!parsed.success) {
    deps.logger.warn({ issues: describeIssues(parsed.error) }, 'ignored a slash command of an unknown shape');
    return;
  }
  const payload = parsed.data;
  const commands = deps.conversation.commands ?? COMMANDS;
  const command = parseCommandText(payload.text, commands);
  // A form that opens without the database (`/plan` alone): the core answers it at once, so the
  // modal opens while the trigger id is fresh, before even the time-zone lookup.
  const quick = commands.opensFormAtOnce(command);
  const work = () =>
    logFailure(deps.logger, { user: payload.user_id, command: command.name }, async () => {
      const timezone = quick ? null : await deps.directory.timezone(payload.user_id);
      const intent: CommandIntent = {
        kind: 'command',
        actor: {
          identity: slackIdentity(payload.team_id, payload.user_id),
          timezone,
          origin: originOf(payload.channel_id, payload.channel_name),
        },
        command,
        requestId: payload.trigger_id,
      };
      await answerWithProgress(deps, intent, replyContext(payload));
    });
  await afterAck(deps, work, replyContext(payload), { urgent: quick });
  // With the modal open, warm the time-zone cache for the submission that follows (failures are
  // logged inside); it is ordinary work, after anyone's urgent modal. Only a nicety: when the
  // queue is full it is skipped, and the submission looks the time zone up itself.
  if (quick) {
    await deps.work
      .run(async () => void (await deps.directory.timezone(payload.user_id)))
      .catch((error: unknown) => {
        if (!(error instanceof WorkQueueFullError)) throw error;
      });
  }
}

export function registerSlashCommand(app: App, deps: ListenerDeps): void {
  app.command(deps.command, async ({ ack, body }) => {
    await ack();
    await handleSlashCommand(body, deps);
  });
}
