/**
 * HTML built so that every value is escaped unless it says it is markup: `escaped` is a tagged
 * template whose interpolations are escaped text (race names, notes, anything an athlete typed),
 * except `SafeHtml` — the output of `escaped` itself, or `trustedMarkup` for markup this program made
 * and escaped on its own (the chart's SVG). One escaping rule for text and double-quoted
 * attributes: the chart's (`escapeXml`), so the page and the chart cannot disagree.
 */
import { escapeXml } from '../../conversation/charts/escape-xml.js';

export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

type HtmlValue = string | number | SafeHtml | readonly SafeHtml[] | null | undefined | false;

/** Text as HTML text or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return escapeXml(text);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map((v: SafeHtml) => v.markup).join('');
  return escapeHtml(String(value));
}

export function escaped(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup this program made and escaped itself (the chart's SVG): inserted as is. */
export function trustedMarkup(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
