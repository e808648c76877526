/**
 * Block Kit's documented size limits and the text helpers that keep every rendering inside them.
 * Slack rejects a whole message or view (`invalid_blocks`) when one field is too long, so the
 * renderers shorten at these bounds instead of hoping the core's text is short enough.
 */

export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  homeBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  radioOptions: 10,
  checkboxOptions: 10,
  selectOptions: 100,
  plainTextInputMax: 3000,
  /** An image block's alt_text and its title's text. */
  imageAltText: 2000,
} as const;

/** Cuts `text` to `max` characters (code points), ending in an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * mrkdwn needs only these three escaped; everything else is shown as written. A user mention
 * (`<@U123>`, what the core's `mentionOf` writes) stays one, so Slack shows the person's name:
 * nothing else in angle brackets survives, so no text can reach `<!channel>` or a link.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/&lt;@([UW][A-Z0-9]{2,20})&gt;/g, '<@$1>');
}

/** Undoes `escapeMrkdwn` (for tests and for reading back what was rendered). */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Splits text into pieces of at most `max` characters, at line breaks where it can, so a long
 * text becomes several sections instead of being cut.
 */
export function splitText(text: string, max: number): string[] {
  if ([...text].length <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if ([...candidate].length <= max) {
      current = candidate;
      continue;
    }
    if (current !== '') pieces.push(current);
    // A single line longer than the limit is cut into hard chunks.
    let rest = [...line];
    while (rest.length > max) {
      pieces.push(rest.slice(0, max).join(''));
      rest = rest.slice(max);
    }
    current = rest.join('');
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
