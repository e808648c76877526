/**
 * Core views sent as answers to one interaction, in the three situations Discord allows:
 *
 * - `respondFirst`: nothing sent yet — a form becomes the modal (only possible here), a message the
 *   reply (or, for a button whose answer replaces its message, the update);
 * - `sendAfterDefer`: a "thinking…" reply was deferred — the first payload edits it, the rest
 *   follow up; a private answer to a public deferral deletes the placeholder and follows up
 *   privately, so it is never shown to the channel;
 * - `sendAfterUpdate`: a button's message update was deferred — the view that replaces the source
 *   edits that message (the buttons give way to the outcome), the others follow up.
 *
 * Forms that cannot be a modal at that point become `formReply` messages with a button to open them.
 */
import {
  AttachmentBuilder,
  MessageFlags,
  type APIEmbed,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionReplyOptions,
  type ModalSubmitInteraction,
} from 'discord.js';

import type { View } from '../../conversation/views.js';
import { stepToOpen } from './form-steps.js';
import { draftStepChoice, formReply } from './form-replies.js';
import { renderModal } from './render-modal.js';
import { renderMessage, type DiscordPayload, type DiscordRow } from './render-message.js';
import { filePayload } from './render-view.js';

export type Repliable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

export type ReplyContext = {
  /** The custom id that asks the core for a form again, when the form cannot travel in a custom id. */
  readonly again: string;
  /** For a form opened from a button naming a step (Continue / Fix step N). */
  readonly requestedStep: number | null;
  /** Every message private: in someone else's DM or a group DM the others would see it. */
  readonly privateOnly: boolean;
};

type MessageBody = {
  content: string;
  embeds: APIEmbed[];
  components: DiscordRow[];
  files?: AttachmentBuilder[];
  allowedMentions: { parse: [] };
};

function body(payload: DiscordPayload): MessageBody {
  const files = payload.files ?? [];
  return {
    content: payload.content,
    embeds: [...payload.embeds],
    components: [...payload.components],
    // Only when there are files: an empty list would also drop the message's existing attachments.
    ...(files.length > 0 ? { files: files.map((f) => new AttachmentBuilder(f.data, { name: f.name, description: f.description })) } : {}),
    allowedMentions: { parse: [] },
  };
}

function withFlags(payload: DiscordPayload, ephemeral: boolean): InteractionReplyOptions {
  return { ...body(payload), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

/** The payloads of a view that is shown as messages (a form as its stand-in message). */
function payloadsOf(view: View, context: ReplyContext): DiscordPayload[] {
  switch (view.kind) {
    case 'message':
      return renderMessage(view);
    case 'form':
      return [formReply(view, { again: context.again, step: context.requestedStep })];
    case 'file':
      return [filePayload(view)];
  }
}

async function followUps(interaction: Repliable, payloads: readonly DiscordPayload[], forcePrivate: boolean): Promise<void> {
  for (const payload of payloads) await interaction.followUp(withFlags(payload, payload.ephemeral || forcePrivate));
}

/** The first answer to an interaction not yet acknowledged. */
export async function respondFirst(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  views: readonly View[],
  context: ReplyContext,
): Promise<void> {
  const form = views.find((v) => v.kind === 'form');
  const choice = form?.kind === 'form' && views.length === 1 ? draftStepChoice(form, context.requestedStep) : undefined;
  if (choice !== undefined) {
    await interaction.reply(withFlags(choice, true));
    return;
  }
  if (form?.kind === 'form' && views.length === 1) {
    await interaction.showModal(renderModal(form, stepToOpen(form, context.requestedStep)));
    return;
  }
  // A modal must be the whole answer: with messages beside the form (a notice that delivery is
  // paused), the messages are the answer and the form's stand-in opens it without asking again.
  const [first, ...rest] = views;
  if (first === undefined) {
    await interaction.reply(withFlags({ content: 'Nothing to show.', embeds: [], components: [], ephemeral: true }, true));
    return;
  }
  const [head, ...more] = payloadsOf(first, context);
  if (head === undefined) return;
  if (first.kind === 'message' && first.replacesSource && interaction.isButton()) await interaction.update(body(head));
  else await interaction.reply(withFlags(head, head.ephemeral || context.privateOnly));
  await followUps(interaction, [...more, ...rest.flatMap((v) => payloadsOf(v, context))], context.privateOnly);
}

/**
 * Answers after `deferReply` (`deferredPrivate`: the placeholder is ephemeral); `extra` payloads of
 * the adapter's own follow the views.
 */
export async function sendAfterDefer(
  interaction: Repliable,
  views: readonly View[],
  context: ReplyContext,
  deferredPrivate: boolean,
  extra: readonly DiscordPayload[] = [],
): Promise<void> {
  let placeholder = true;
  for (const payload of [...views.flatMap((v) => payloadsOf(v, context)), ...extra]) {
    if (placeholder) {
      placeholder = false;
      if (deferredPrivate || !payload.ephemeral) {
        await interaction.editReply(body(payload));
        continue;
      }
      await interaction.deleteReply();
    }
    await interaction.followUp(withFlags(payload, payload.ephemeral || deferredPrivate));
  }
  if (placeholder) await interaction.deleteReply();
}

/** Answers after a button's `deferUpdate`. */
export async function sendAfterUpdate(interaction: ButtonInteraction, views: readonly View[], context: ReplyContext): Promise<void> {
  for (const view of views) {
    const payloads = payloadsOf(view, context);
    if (view.kind === 'message' && view.replacesSource) {
      const [head, ...more] = payloads;
      if (head) await interaction.editReply(body(head));
      await followUps(interaction, more, context.privateOnly);
    } else {
      await followUps(interaction, payloads, context.privateOnly);
    }
  }
}

/** A short private answer (a stale button, an apology) whatever state the interaction is in. */
export async function sendPrivateNotice(interaction: Repliable, text: string): Promise<void> {
  const payload: DiscordPayload = { content: text, embeds: [], components: [], ephemeral: true };
  if (interaction.deferred || interaction.replied) await interaction.followUp(withFlags(payload, true));
  else await interaction.reply(withFlags(payload, true));
}
