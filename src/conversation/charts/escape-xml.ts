/**
 * Text made safe inside SVG (and HTML) markup: the five markup characters become entities, and the
 * control characters XML 1.0 forbids (and lone surrogates) are dropped, since one of them in a race name would make the
 * whole image unreadable to a renderer. Everything else (RTL text, emoji) passes through as is.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- these are exactly the characters XML cannot hold
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
