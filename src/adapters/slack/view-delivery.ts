/**
 * Delivers the core's views for one request, in order, each the Slack way:
 * - a FormView opens as a modal with the request's trigger id (`views.open`);
 * - an ephemeral message goes only to the person who acted (the command's response_url, or
 *   `chat.postEphemeral` in the conversation of the button);
 * - a message that replaces its source updates the message whose button was pressed
 *   (`chat.update`), or re-publishes the App Home when the button was on the tab;
 * - a message that names its plan's delivery target (`postTo`: Week 1 after Confirm) is posted
 *   there: the club channel, or the athlete's DM;
 * - any other message is posted (`chat.postMessage`) where the request says messages go: the
 *   athlete's DM for commands and modals, the button's own conversation for button presses;
 * - a FileView is uploaded to the athlete's DM (external upload flow);
 * - a message's pictures (charts) are uploaded first and shown in image blocks (`SlackImages`).
 * A command typed in a channel whose answer went to the DM gets a private note there saying so,
 * with a link to the DM.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

import { textView } from '../../conversation/plan-views.js';
import type { MessageView, PostTo, View } from '../../conversation/views.js';
import { DEFAULT_COMMAND, withCommandName } from './command-name.js';
import { uploadFile } from './file-upload.js';
import { NO_IMAGES, renderMessage, type ImageFiles } from './render-blocks.js';
import { renderModal, type ModalOrigin } from './render-modal.js';
import type { SlackDirectory } from './slack-directory.js';
import type { SlackImages } from './slack-images.js';

export type MessageTarget = { readonly kind: 'dm' } | { readonly kind: 'channel'; readonly channelId: string };

type EphemeralTarget =
  | { readonly kind: 'response-url'; readonly url: string }
  /** A plain message in this conversation: in a one-to-one DM, privacy is given, and a note that vanishes would only puzzle. */
  | { readonly kind: 'message'; readonly channelId: string }
  | { readonly kind: 'channel'; readonly channelId: string }
  | { readonly kind: 'dm' };

type ReplySource = { readonly kind: 'message'; readonly channelId: string; readonly ts: string } | { readonly kind: 'home' };

export type ReplyContext = {
  readonly teamId: string;
  readonly userId: string;
  /** Opens modals; valid for 3 seconds after the user acted. */
  readonly triggerId: string | null;
  readonly messages: MessageTarget;
  readonly ephemeral: EphemeralTarget;
  /** The message or tab the button was on, for views that replace it. */
  readonly source: ReplySource | null;
  readonly modalOrigin: ModalOrigin;
  /**
   * A command typed in a conversation other than the app's DM (a channel, a DM between people):
   * when its answer goes to the app's DM, the person gets an ephemeral note where they typed it,
   * with a link to the app's DM (`app_redirect` needs the app id and team, no scope).
   */
  readonly dmNote?: { readonly appId: string; readonly typedIn: string } | undefined;
  /** Typed as a word in the DM (no trigger id): a form is offered as the command that opens it. */
  readonly formHint?: ((formId: string) => string | undefined) | undefined;
};

type SlackMessage = ReturnType<typeof renderMessage>;

/** The link that opens the app's DM (its Messages tab) in the Slack client, on any device. */
function dmLink(teamId: string, appId: string): string {
  return `https://slack.com/app_redirect?app=${encodeURIComponent(appId)}&team=${encodeURIComponent(teamId)}`;
}

function dmNoteMessage(teamId: string, appId: string): SlackMessage {
  const text = `Sent to your DM with GoFast Coach: <${dmLink(teamId, appId)}|open it>.`;
  return { text: 'Sent to your DM with GoFast Coach.', blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text }] }] };
}

class ResponseUrlError extends Error {
  constructor(status: number) {
    super(`response_url answered HTTP ${status}`);
    this.name = 'ResponseUrlError';
  }
}

/**
 * Sends a message with its pictures, and again without them if Slack refuses the blocks: a file
 * just uploaded is not always ready to show (`invalid_blocks` on its `slack_file`), and a chart
 * must never cost the athlete their week (a refusal would pause the plan's delivery).
 */
export async function withPicturesIfTaken<T>(images: ImageFiles, send: (images: ImageFiles) => Promise<T>): Promise<T> {
  try {
    return await send(images);
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    if (images.size === 0 || code !== 'invalid_blocks') throw error;
    return send(NO_IMAGES);
  }
}

/** Posts a message view to a channel and returns its ts; `images` are its uploaded pictures. */
export async function postMessageView(
  client: webApi.WebClient,
  channelId: string,
  view: MessageView,
  threadTs?: string,
  images: ImageFiles = NO_IMAGES,
): Promise<{ channel: string; ts: string }> {
  const result = await withPicturesIfTaken(images, (files) =>
    client.chat.postMessage({
      channel: channelId,
      ...renderMessage(view, files),
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    }),
  );
  return { channel: result.channel ?? channelId, ts: result.ts ?? '' };
}

export class ViewDelivery {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly directory: SlackDirectory,
    private readonly logger: Logger,
    /** Rebuilds and publishes a user's App Home. */
    private readonly refreshHome: (teamId: string, userId: string) => Promise<void>,
    /** SLACK_COMMAND: every hint the core gives names the command people can type here. */
    private readonly command: string = DEFAULT_COMMAND,
    /** Uploads the pictures of messages; without it, messages go without them. */
    private readonly images: SlackImages | null = null,
  ) {}

  async deliver(views: readonly View[], context: ReplyContext): Promise<void> {
    let toDm = 0;
    for (const view of views) {
      if ((await this.deliverOne(withCommandName(view, this.command), context)) === 'dm') toDm += 1;
    }
    // The DM channel is known by now (cached when the answer was posted there): no extra call.
    if (toDm > 0 && context.dmNote && context.dmNote.typedIn !== (await this.directory.dmChannel(context.userId))) {
      await this.sendEphemeral(dmNoteMessage(context.teamId, context.dmNote.appId), context);
    }
  }

  /**
   * Posts a slow answer's progress line ("Writing your plan…") where this request's messages go;
   * `removeProgress` deletes it once the answer is delivered (see progress-message.ts).
   */
  async postProgress(view: MessageView, context: ReplyContext): Promise<{ channel: string; ts: string }> {
    return postMessageView(this.client, await this.channelFor(context.messages, context.userId), view);
  }

  async removeProgress(posted: { channel: string; ts: string }): Promise<void> {
    await this.client.chat.delete({ channel: posted.channel, ts: posted.ts });
  }

  /** Delivers one view; says whether it landed in the athlete's DM. */
  private async deliverOne(view: View, context: ReplyContext): Promise<'dm' | 'elsewhere'> {
    switch (view.kind) {
      case 'form': {
        const hint = context.formHint?.(view.formId);
        if (context.triggerId === null && hint !== undefined) {
          await this.sendEphemeral(renderMessage(textView(hint, { ephemeral: true })), context);
          return 'elsewhere';
        }
        if (context.triggerId === null) {
          this.logger.warn({ form: view.formId, user: context.userId }, 'a form came back without a trigger id to open it');
          return 'elsewhere';
        }
        await this.client.views.open({ trigger_id: context.triggerId, view: renderModal(view, context.modalOrigin) });
        return 'elsewhere';
      }
      case 'file':
        await uploadFile(this.client, await this.directory.dmChannel(context.userId), view);
        return 'dm';
      case 'message': {
        // The App Home re-published below uploads its own pictures: none to prepare for it here.
        const toHome = !view.ephemeral && view.replacesSource && context.source?.kind === 'home';
        const images = this.images === null || toHome ? NO_IMAGES : await this.images.prepare(this.client, view);
        if (view.ephemeral) {
          await this.sendEphemeral(renderMessage(view, images), context);
          return 'elsewhere';
        }
        if (view.replacesSource && context.source?.kind === 'message') {
          const { channelId, ts } = context.source;
          await withPicturesIfTaken(images, (files) => this.client.chat.update({ channel: channelId, ts, ...renderMessage(view, files) }));
          return 'elsewhere';
        }
        if (view.replacesSource && context.source?.kind === 'home') {
          await this.refreshHome(context.teamId, context.userId);
          return 'elsewhere';
        }
        if (view.postTo) return this.postToPlanTarget(view, view.postTo, context, images);
        await postMessageView(this.client, await this.channelFor(context.messages, context.userId), view, undefined, images);
        return context.messages.kind === 'dm' ? 'dm' : 'elsewhere';
      }
    }
  }

  /**
   * A view for the plan's own target. Should the club channel refuse it (the bot was removed since
   * the choice was checked), it goes to the DM instead, so the person still gets their week.
   */
  private async postToPlanTarget(
    view: MessageView,
    postTo: PostTo,
    context: ReplyContext,
    images: ImageFiles,
  ): Promise<'dm' | 'elsewhere'> {
    if (postTo.target === 'channel' && postTo.channelId !== null) {
      try {
        await postMessageView(this.client, postTo.channelId, view, undefined, images);
        return 'elsewhere';
      } catch (error) {
        this.logger.warn(
          { err: error, channel: postTo.channelId, user: context.userId },
          "the plan's channel refused its week; posted to the DM",
        );
      }
    }
    await postMessageView(this.client, await this.directory.dmChannel(context.userId), view, undefined, images);
    return 'dm';
  }

  private async channelFor(target: MessageTarget, userId: string): Promise<string> {
    return target.kind === 'channel' ? target.channelId : this.directory.dmChannel(userId);
  }

  private async sendEphemeral(message: SlackMessage, context: ReplyContext): Promise<void> {
    const target = context.ephemeral;
    if (target.kind === 'response-url') {
      // A command's response_url reaches the user wherever they typed it, even where the bot is not a member.
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...message }),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new ResponseUrlError(response.status);
      return;
    }
    if (target.kind === 'message') {
      await this.client.chat.postMessage({ channel: target.channelId, ...message });
      return;
    }
    const channel = target.kind === 'channel' ? target.channelId : await this.directory.dmChannel(context.userId);
    await this.client.chat.postEphemeral({ channel, user: context.userId, ...message });
  }
}
