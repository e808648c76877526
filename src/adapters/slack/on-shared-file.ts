/**
 * Files shared in the app's DM (`message.im`, subtype `file_share`; issue 21): each is a run's
 * file for the core (`activity-file` intent), which checks the size Slack states before this
 * downloads it with the bot token, and answers in the DM ("Logged: …" with Undo, or one sentence).
 * Files shared anywhere else never reach here: the DM is the only `message` event the app gets
 * (`message.im`), and the schema takes only `channel_type: im`.
 */
import { MAX_ACTIVITY_FILE_BYTES } from '../../conversation/activity-file-actions.js';
import type { ActivityFileIntent } from '../../conversation/intents.js';
import { textView } from '../../conversation/plan-views.js';
import { afterAck, logFailure, type ListenerDeps } from './listener-deps.js';
import { answerWithProgress } from './progress-message.js';
import { slackIdentity } from './slack-directory.js';
import { fileShareSchema, type SharedFile } from './slack-payloads.js';
import type { ReplyContext } from './view-delivery.js';

/** The most files of one message taken: a week's runs; more is not a drop of run files. */
const MAX_FILES_PER_MESSAGE = 7;

/** True when `body` was a file share in the DM (handled here, whatever became of it). */
export async function handleSharedFiles(body: unknown, deps: ListenerDeps): Promise<boolean> {
  const parsed = fileShareSchema.safeParse(body);
  if (!parsed.success) return false;
  const { team_id: teamId, event } = parsed.data;
  if (event.bot_id !== undefined) return true;
  // Slack retries an event it thinks was not received: each share is logged once.
  if (!deps.submissions.claim(`im:${event.channel}:${event.ts}`)) return true;
  deps.directory.rememberDm(event.user, event.channel);
  const context: ReplyContext = {
    teamId,
    userId: event.user,
    triggerId: null,
    messages: { kind: 'channel', channelId: event.channel },
    ephemeral: { kind: 'message', channelId: event.channel },
    source: null,
    modalOrigin: { channelId: null },
  };
  const work = () =>
    logFailure(deps.logger, { user: event.user, via: 'file_share' }, async () => {
      const actor = {
        identity: slackIdentity(teamId, event.user),
        timezone: await deps.directory.timezone(event.user),
        origin: { kind: 'dm' },
      } as const;
      // One answer per file, in the order shared: each file's failure is its own.
      for (const file of event.files.slice(0, MAX_FILES_PER_MESSAGE)) {
        await logFailure(deps.logger, { user: event.user, file: file.id, via: 'file_share' }, () => logFile(deps, context, file, actor));
      }
    });
  await afterAck(deps, work, context);
  return true;
}

async function logFile(deps: ListenerDeps, context: ReplyContext, file: SharedFile, actor: ActivityFileIntent['actor']): Promise<void> {
  const url = file.url_private_download;
  if (url === undefined || !deps.download.allows(url)) {
    // Slack's files host only: the bot token never goes anywhere else.
    deps.logger.warn(
      { file: file.id, url: url === undefined ? null : url.slice(0, 100) },
      'a file shared in the DM has no download URL on Slack',
    );
    await deps.delivery.deliver(
      [textView('I could not open that file from Slack; send it again as a file in this conversation.', { ephemeral: true })],
      context,
    );
    return;
  }
  const intent: ActivityFileIntent = {
    kind: 'activity-file',
    actor,
    filename: file.name ?? '',
    size: file.size ?? null,
    read: () => deps.download.download(url, MAX_ACTIVITY_FILE_BYTES),
  };
  await answerWithProgress(deps, intent, context);
}
