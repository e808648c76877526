/**
 * A request's answer with its progress line: when the core is slow (a model writing the plan), the
 * person sees "Writing your plan…" where the answer will go within a second; once the answer is
 * delivered the line is deleted, so the conversation keeps only the answer. Answers that come in
 * time (almost all) post nothing extra. Posting after the answer, rather than editing the line into
 * it, keeps every answer on its usual path (DM, channel note, replaced buttons, the plan's channel).
 */
import type { Intent } from '../../conversation/intents.js';
import type { ListenerDeps } from './listener-deps.js';
import type { ReplyContext } from './view-delivery.js';

export async function answerWithProgress(
  deps: Pick<ListenerDeps, 'conversation' | 'delivery' | 'logger'>,
  intent: Intent,
  context: ReplyContext,
): Promise<void> {
  let posting: Promise<{ channel: string; ts: string }> | undefined;
  const views = await deps.conversation.handle(intent, {
    onProgress: async (view) => {
      posting = deps.delivery.postProgress(view, context);
      await posting;
    },
  });
  await deps.delivery.deliver(views, context);
  if (posting === undefined) return;
  try {
    // A line Slack took slowly (the core stops waiting for it) is removed once it is there.
    await deps.delivery.removeProgress(await posting);
  } catch (error) {
    // The answer is out; a line left behind is untidy, not a failure of the request.
    deps.logger.warn({ err: error, user: context.userId }, 'slack: the progress line could not be removed');
  }
}
