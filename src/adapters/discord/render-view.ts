/**
 * Any core view as what Discord shows for it: messages (embeds and buttons), the modals of a form
 * (one per step), or a message with a file attached. `renderViewText` is the same as JSON, for the
 * renderer contract and for logs.
 */
import type { APIModalInteractionResponseCallbackData } from 'discord.js';

import { fileBytes, type FileView, type View } from '../../conversation/views.js';
import { renderModals } from './render-modal.js';
import { renderMessage, type DiscordPayload } from './render-message.js';

type RenderedView =
  | { readonly kind: 'messages'; readonly payloads: readonly DiscordPayload[] }
  | { readonly kind: 'modals'; readonly modals: readonly APIModalInteractionResponseCallbackData[] }
  | { readonly kind: 'file'; readonly payload: DiscordPayload };

/** A file view as a message with the file attached (private: it is the user's own plan). */
export function filePayload(view: FileView): DiscordPayload {
  return {
    content: view.caption,
    embeds: [],
    components: [],
    files: [{ name: view.filename, description: view.caption, contentType: view.mimeType, data: fileBytes(view) }],
    ephemeral: true,
  };
}

function renderView(view: View): RenderedView {
  switch (view.kind) {
    case 'message':
      return { kind: 'messages', payloads: renderMessage(view) };
    case 'form':
      return { kind: 'modals', modals: renderModals(view) };
    case 'file':
      return { kind: 'file', payload: filePayload(view) };
  }
}

/** The rendering as JSON, file contents as their name and size. */
export function renderViewText(view: View): string {
  const rendered = renderView(view);
  // The replacer sees a Buffer only through its holder (`toJSON` runs first).
  return JSON.stringify(
    rendered,
    function (this: Record<string, unknown>, key: string, value: unknown) {
      const raw = this[key];
      return Buffer.isBuffer(raw) ? `<${raw.length} bytes>` : value;
    },
    2,
  );
}
