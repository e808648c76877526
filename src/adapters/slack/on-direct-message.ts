/**
 * Words typed in the app's DM (`message.im`, the App Home's Messages tab): "help", "status",
 * "week 3", "plan new …" or "/plan …" are read by the same command parser and registry as the
 * slash command and answered in the DM. Bots' messages (the app's own included), edits and other
 * subtypes are not words and get no answer; a file shared there is a run's file (on-shared-file.ts). A command that answers with a form cannot open it from
 * a message (Slack gives no trigger id), so the person is told which command opens it.
 */
import type { App } from '@slack/bolt';

import { parseCommandText } from '../../conversation/command-parser.js';
import { COMMANDS } from '../../conversation/commands/index.js';
import type { CommandIntent } from '../../conversation/intents.js';
import { asPlanText } from './command-name.js';
import { handleSharedFiles } from './on-shared-file.js';
import { answerWithProgress } from './progress-message.js';
import { afterAck, logFailure, type ListenerDeps } from './listener-deps.js';
import { slackIdentity } from './slack-directory.js';
import { describeIssues, directMessageSchema } from './slack-payloads.js';
import type { ReplyContext } from './view-delivery.js';

async function handleDirectMessage(body: unknown, deps: ListenerDeps): Promise<void> {
  if (await handleSharedFiles(body, deps)) return;
  const parsed = directMessageSchema.safeParse(body);
  if (!parsed.success) {
    deps.logger.debug({ issues: describeIssues(parsed.error) }, 'ignored a message event that is not a DM to the app');
    return;
  }
  const { team_id: teamId, event } = parsed.data;
  const userId = event.user;
  if (userId === undefined || event.subtype !== undefined || event.bot_id !== undefined || event.text.trim() === '') return;
  // Slack retries an event it thinks was not received: answer each message once.
  if (!deps.submissions.claim(`im:${event.channel}:${event.ts}`)) return;
  deps.directory.rememberDm(userId, event.channel);

  const commands = deps.conversation.commands ?? COMMANDS;
  const command = parseCommandText(asPlanText(event.text, deps.command), commands);
  const context: ReplyContext = {
    teamId,
    userId,
    triggerId: null,
    messages: { kind: 'channel', channelId: event.channel },
    ephemeral: { kind: 'message', channelId: event.channel },
    source: null,
    modalOrigin: { channelId: null },
    formHint: (formId) => {
      const opener = commands.commandOfForm(formId);
      return `That opens a form, which Slack shows only from a command: type ${deps.command}${opener && opener.name !== 'new' ? ` ${opener.name}` : ''}.`;
    },
  };
  const work = () =>
    logFailure(deps.logger, { user: userId, command: command.name, via: 'dm' }, async () => {
      const intent: CommandIntent = {
        kind: 'command',
        actor: { identity: slackIdentity(teamId, userId), timezone: await deps.directory.timezone(userId), origin: { kind: 'dm' } },
        command,
        requestId: `im:${event.channel}:${event.ts}`,
      };
      await answerWithProgress(deps, intent, context);
    });
  await afterAck(deps, work, context);
}

export function registerDirectMessages(app: App, deps: ListenerDeps): void {
  // Bolt acknowledges events itself; the work runs after, in the same bounded queue.
  app.event('message', async ({ body }) => {
    await handleDirectMessage(body, deps);
  });
}
