/**
 * Delivers the core's views for one request, in order, each the Slack way:
 * - a FormView opens as a modal with the request's trigger id (`views.open`);
 * - an ephemeral message goes only to the person who acted (the command's response_url, or
 *   `chat.postEphemeral` in the conversation of the button);
 * - a message that replaces its source updates the message whose button was pressed
 *   (`chat.update`), or re-publishes the App Home when the button was on the tab;
 * - any other message is posted (`chat.postMessage`) where the request says messages go: the
 *   athlete's DM for commands and modals, the button's own conversation for button presses;
 * - a FileView is uploaded to the athlete's DM (external upload flow).
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

import type { MessageView, View } from '../../conversation/views.js';
import { uploadFile } from './file-upload.js';
import { renderMessage } from './render-blocks.js';
import { renderModal, type ModalOrigin } from './render-modal.js';
import type { SlackDirectory } from './slack-directory.js';

export type MessageTarget = { readonly kind: 'dm' } | { readonly kind: 'channel'; readonly channelId: string };

type EphemeralTarget =
  | { readonly kind: 'response-url'; readonly url: string }
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
};

class ResponseUrlError extends Error {
  constructor(status: number) {
    super(`response_url answered HTTP ${status}`);
    this.name = 'ResponseUrlError';
  }
}

/** Posts a message view to a channel and returns its ts. */
export async function postMessageView(
  client: webApi.WebClient,
  channelId: string,
  view: MessageView,
): Promise<{ channel: string; ts: string }> {
  const result = await client.chat.postMessage({ channel: channelId, ...renderMessage(view) });
  return { channel: result.channel ?? channelId, ts: result.ts ?? '' };
}

export class ViewDelivery {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly directory: SlackDirectory,
    private readonly logger: Logger,
    /** Rebuilds and publishes a user's App Home. */
    private readonly refreshHome: (teamId: string, userId: string) => Promise<void>,
  ) {}

  async deliver(views: readonly View[], context: ReplyContext): Promise<void> {
    for (const view of views) await this.deliverOne(view, context);
  }

  private async deliverOne(view: View, context: ReplyContext): Promise<void> {
    switch (view.kind) {
      case 'form':
        if (context.triggerId === null) {
          this.logger.warn({ form: view.formId, user: context.userId }, 'a form came back without a trigger id to open it');
          return;
        }
        await this.client.views.open({ trigger_id: context.triggerId, view: renderModal(view, context.modalOrigin) });
        return;
      case 'file':
        await uploadFile(this.client, await this.directory.dmChannel(context.userId), view);
        return;
      case 'message':
        if (view.ephemeral) return this.postEphemeral(view, context);
        if (view.replacesSource && context.source?.kind === 'message') {
          await this.client.chat.update({ channel: context.source.channelId, ts: context.source.ts, ...renderMessage(view) });
          return;
        }
        if (view.replacesSource && context.source?.kind === 'home') return this.refreshHome(context.teamId, context.userId);
        await postMessageView(this.client, await this.channelFor(context.messages, context.userId), view);
        return;
    }
  }

  private async channelFor(target: MessageTarget, userId: string): Promise<string> {
    return target.kind === 'channel' ? target.channelId : this.directory.dmChannel(userId);
  }

  private async postEphemeral(view: MessageView, context: ReplyContext): Promise<void> {
    const message = renderMessage(view);
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
    const channel = target.kind === 'channel' ? target.channelId : await this.directory.dmChannel(context.userId);
    await this.client.chat.postEphemeral({ channel, user: context.userId, ...message });
  }
}
