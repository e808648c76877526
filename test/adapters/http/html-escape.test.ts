/**
 * The page's one escaping rule: every value interpolated into `escaped` is text, whatever an athlete
 * typed — markup, quotes that would end an attribute, ampersands — while RTL text and emoji pass
 * unchanged; only `escaped` itself and markup the program made (`trustedMarkup`) go in as markup.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml, escaped, trustedMarkup } from '../../../src/adapters/http/html.js';

describe('escaped HTML', () => {
  it('escapes markup, quotes and ampersands in text and attributes', () => {
    const name = `<script>alert("x")</script> & 'o'`;
    expect(escaped`<p title="${name}">${name}</p>`.markup).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;o&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;o&#39;</p>',
    );
    // An attribute value cannot be closed from inside it.
    expect(escaped`<a href="${'" onmouseover="steal()'}">x</a>`.markup).toBe('<a href="&quot; onmouseover=&quot;steal()">x</a>');
  });

  it('keeps RTL text and emoji as they are, and drops characters HTML cannot hold', () => {
    expect(escapeHtml('ماراثون مراكش 🏃‍♀️🇲🇦 Ш')).toBe('ماراثون مراكش 🏃‍♀️🇲🇦 Ш');
    expect(escapeHtml('a\u0000b\u0008c\uD800d')).toBe('abcd');
    expect(escapeHtml('\u202Eevil')).toBe('\u202Eevil');
  });

  it('nests html and lists of it as markup, escapes everything else, and leaves empty values out', () => {
    const items = ['<b>', 'ok'].map((t) => escaped`<li>${t}</li>`);
    expect(escaped`<ul>${items}</ul>`.markup).toBe('<ul><li>&lt;b&gt;</li><li>ok</li></ul>');
    expect(escaped`${undefined}${null}${false}${0}${'x'}`.markup).toBe('0x');
    expect(escaped`${trustedMarkup('<svg/>')}${'<svg/>'}`.markup).toBe('<svg/>&lt;svg/&gt;');
  });
});
