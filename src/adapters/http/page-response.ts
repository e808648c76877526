/**
 * How a shared page is answered, one home for the plan's (`/p/`) and the club's (`/c/`): the
 * headers of a credential URL (a CSP that runs nothing, no referrer, no indexing), the one 404 for
 * every link that does not work, and the page itself — cacheable by the browser only
 * (`private, no-cache`: revalidated each time, so a revoke is never hidden by a cache) with a strong
 * ETag, the hash of the body (the gzipped bytes, sent to clients that take them, tagged apart); a
 * matching If-None-Match gets 304.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import type { ApiEnv } from './api-env.js';
import { NOT_FOUND_PAGE, PAGE_STYLE_HASH } from './plan-page-html.js';

/** Where share links point, before the token: a plan's page, a club's page. */
const SHARED_PREFIXES = ['/p/', '/c/'] as const;

/** Nothing the page links to or runs: its one style sheet by hash, a chart inline. */
const PAGE_CSP = `default-src 'none'; style-src '${PAGE_STYLE_HASH}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** Headers of every answer under a shared prefix: the URL is a credential, so it must not leak or be indexed. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': PAGE_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex, nofollow',
};

/** A page as sent: as is, and gzipped for the clients that take it (every browser), each with its tag. */
export type Rendered = {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly etag: string;
  readonly gzipped: Uint8Array<ArrayBuffer>;
  readonly gzipEtag: string;
};

function rendered(html: string): Rendered {
  const body = new TextEncoder().encode(html);
  // A strong tag names one representation: the gzipped bytes get their own.
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 32);
  return { body, etag: `"${hash}"`, gzipped: new Uint8Array(gzipSync(body)), gzipEtag: `"${hash}-gz"` };
}

/** Whether Accept-Encoding takes gzip (listed, and not with q=0). */
function takesGzip(acceptEncoding: string | undefined): boolean {
  return (acceptEncoding ?? '').split(',').some((entry) => {
    const [coding = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    return (coding === 'gzip' || coding === '*') && !params.some((p) => /^q=0(\.0*)?$/.test(p));
  });
}

/** Whether If-None-Match names one of these tags (a list, `*`, or a weak form all match for GET). */
export function matches(ifNoneMatch: string | undefined, etags: readonly string[]): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || etags.includes(t));
}

export function notFound(c: Context<ApiEnv>): Response {
  return c.html(NOT_FOUND_PAGE, 404, { ...COMMON_HEADERS, 'Cache-Control': 'no-store' });
}

/** The page, gzipped when the client takes it, or 304 when it already has it. */
export function sendPage(c: Context<ApiEnv>, page: Rendered): Response {
  const gzip = takesGzip(c.req.header('Accept-Encoding'));
  const headers: Record<string, string> = {
    ...COMMON_HEADERS,
    'Cache-Control': 'private, no-cache',
    Vary: 'Accept-Encoding',
    ETag: gzip ? page.gzipEtag : page.etag,
    'Content-Type': 'text/html; charset=utf-8',
  };
  if (matches(c.req.header('If-None-Match'), [page.etag, page.gzipEtag])) return c.body(null, 304, headers);
  if (!gzip) return c.body(page.body, 200, headers);
  return c.body(page.gzipped, 200, { ...headers, 'Content-Encoding': 'gzip' });
}

/** Rendered pages kept per key, oldest dropped first: a cache can only skip rendering, never a lookup. */
export class RenderedPages {
  private readonly pages = new Map<string, Rendered>();
  constructor(private readonly limit: number) {}

  get(key: string, render: () => string): Rendered {
    let page = this.pages.get(key);
    if (page === undefined) {
      page = rendered(render());
      if (this.pages.size >= this.limit) this.pages.delete(this.pages.keys().next().value ?? key);
      this.pages.set(key, page);
    }
    return page;
  }
}

/** A request path as logged: a share link's token is a credential, so it never reaches the logs. */
export function loggedPath(path: string): string {
  const prefix = SHARED_PREFIXES.find((p) => path.startsWith(p));
  return prefix === undefined ? path : `${prefix}…`;
}
