/**
 * A slow answer's progress line on Discord ("Writing your plan…", from the core's `onProgress`).
 * After `deferReply` the person sees Discord's "thinking…" placeholder: the line replaces it, and
 * the answer then replaces the line (`sendAfterDefer` edits or deletes the placeholder). After a
 * button's `deferUpdate` there is no placeholder, and editing the button's message would lose it
 * if the answer does not replace it: the line is a private follow-up, deleted once the answer is out.
 */
import { MessageFlags, type ButtonInteraction, type Message } from 'discord.js';
import type { Logger } from 'pino';

import type { ProgressListener } from '../../conversation/progress.js';
import type { MessageView } from '../../conversation/views.js';
import type { Repliable } from './interaction-replies.js';

function lineOf(view: MessageView) {
  return { content: view.summary, embeds: [], components: [], allowedMentions: { parse: [] } };
}

/** Shows the line in the deferred reply's placeholder. */
export function progressInPlaceholder(interaction: Repliable): ProgressListener {
  return async (view) => {
    await interaction.editReply(lineOf(view));
  };
}

/**
 * Shows the line as a private follow-up to a deferred button update; `remove` deletes it once the
 * answer is out, or once the line is there if it came late (a line it cannot post or delete is
 * logged: the answer itself was delivered).
 */
export function progressFollowUp(
  interaction: ButtonInteraction,
  logger: Logger,
): { readonly onProgress: ProgressListener; remove(): Promise<void> } {
  let posting: Promise<Message> | undefined;
  return {
    onProgress: async (view) => {
      posting = interaction.followUp({ ...lineOf(view), flags: MessageFlags.Ephemeral });
      await posting;
    },
    async remove() {
      if (posting === undefined) return;
      try {
        // A line Discord took slowly (the core stops waiting for it) is removed once it is there.
        await interaction.deleteReply(await posting);
      } catch (error) {
        logger.warn({ err: error, interaction: interaction.id }, 'discord: the progress line could not be removed');
      }
    },
  };
}
