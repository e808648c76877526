/**
 * Masking credentials in text, for logs and for anything printed (the start-up line's database
 * address): a URI's user and password and its secret-looking query parameters, bearer tokens,
 * chat and API keys by their shape, and `name=value` pairs whose name says secret. Pure string
 * functions, so every layer may use them.
 */

export const MASK = '[redacted]';

/** Names (keys, query parameters, `name=value`) whose values are credentials. */
const SECRET_NAME =
  /token|secret|passw(?:or)?d|pwd|api[-_]?key|authoriz|auth[-_]?mechanism[-_]?properties|cookie|credential|private[-_]?key|signature/i;
/** …except names of a secret's public handle: `apiKeyPrefix`, `tokenId`. */
const PUBLIC_NAME = /(?:prefix|id)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !PUBLIC_NAME.test(name);
}

/** A URI: scheme, then optional userinfo (`user:pass@`), then the rest up to whitespace or a quote. */
const URI = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"'<>]*@)?([^\s"'<>]*)/gi;
/** A query parameter inside a URI's rest. */
const QUERY_PARAM = /([?&;])([^=&;#\s]+)=([^&;#\s]*)/g;
/**
 * Keys by their shape: Slack (xoxb-, xapp-), OpenAI (sk-), a whole API key of ours (gf_ and 43;
 * its 11-character public prefix stays readable). The recognisable prefix stays.
 */
const KEY_SHAPES = /\b(xox[abeoprs]-|xapp-|sk-(?:proj-)?)[A-Za-z0-9_-]{6,}|\b(gf_)[A-Za-z0-9_-]{20,}/g;
/** A Discord bot token: three base64url parts. */
const DISCORD_TOKEN = /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}\b/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{6,}/gi;
/** `Basic` and base64 with a digit in it, so that "Basic validation failed" stays as it is. */
const BASIC = /\b(Basic)\s+(?=[A-Za-z0-9+/]*\d)[A-Za-z0-9+/]{8,}={0,2}/g;
/** `password=…` in free text, and `"token":"…"` of JSON inside a message. */
const NAMED_VALUE = /\b([\w.-]+)=([^\s&;,"'<>()[\]{}]+)/g;
const JSON_NAMED_VALUE = /"([\w.-]+)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

/** A URI with its userinfo and secret-looking query parameters masked; everything else kept. */
export function redactUri(uri: string, mask = MASK): string {
  return uri.replace(URI, (_all, scheme: string, userinfo: string | undefined, rest: string) => {
    const query = rest.replace(QUERY_PARAM, (param, sep: string, name: string) => (isSecretName(name) ? `${sep}${name}=${mask}` : param));
    return `${scheme}${userinfo === undefined ? '' : `${mask}@`}${query}`;
  });
}

/** `text` with every credential it carries masked (see the module comment). */
export function redactText(text: string): string {
  // Named values first, so that `TOKEN=xoxb-…` is masked whole, not as `xoxb-` and a mask.
  return redactUri(text)
    .replace(NAMED_VALUE, (pair, name: string, value: string) =>
      // A bare number is a count (promptTokens=120), as under a secret key in an object.
      isSecretName(name) && !/^\d+$/.test(value) ? `${name}=${MASK}` : pair,
    )
    .replace(JSON_NAMED_VALUE, (pair, name: string, colon: string) => (isSecretName(name) ? `"${name}"${colon}"${MASK}"` : pair))
    .replace(KEY_SHAPES, (_key, vendor: string | undefined, ours: string | undefined) => `${vendor ?? ours ?? ''}${MASK}`)
    .replace(DISCORD_TOKEN, MASK)
    .replace(BEARER, `$1 ${MASK}`)
    .replace(BASIC, `$1 ${MASK}`);
}
