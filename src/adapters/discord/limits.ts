/**
 * Discord's documented size limits for messages, embeds, components and modals, in one place, and
 * the one clipping rule the renderers use when a core text would exceed one (Discord rejects the
 * whole payload with 400 otherwise, so clipping one long line beats losing the answer).
 */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  /** Characters across every embed of one message. */
  embedTotal: 6000,
  embedsPerMessage: 10,
  rowsPerMessage: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  modalTitle: 45,
  /** Top-level components (labels, text displays) per modal. */
  modalComponents: 5,
  labelText: 45,
  labelDescription: 100,
  placeholder: 100,
  textInputValue: 4000,
  selectOptions: 25,
  selectOptionText: 100,
} as const;

/** `text` cut to `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}
