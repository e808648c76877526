/**
 * Reads the small subset of YAML an app manifest uses — nested maps by indentation, lists of
 * scalars and lists of maps, plain or quoted scalars, `#` comments — so the manifest test needs no
 * YAML package. Anything outside that subset throws rather than being misread.
 */
type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

type Line = { readonly indent: number; readonly text: string; readonly number: number };

function scalar(raw: string): YamlValue {
  const text = raw.trim();
  if (text.startsWith('"')) return JSON.parse(text) as string;
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '~' || text === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ')) return text.slice(0, i);
  }
  return text;
}

function lines(source: string): Line[] {
  return source
    .split('\n')
    .map((raw, i) => ({ raw: stripComment(raw).replace(/\s+$/, ''), number: i + 1 }))
    .filter((l) => l.raw.trim() !== '')
    .map((l) => ({ indent: l.raw.length - l.raw.trimStart().length, text: l.raw.trim(), number: l.number }));
}

const KEY = /^([A-Za-z_][\w.-]*):(?:\s+(.*))?$/;

function parseBlock(all: Line[], start: number, indent: number): [YamlValue, number] {
  const first = all[start];
  if (!first) return [null, start];
  if (first.text.startsWith('- ')) {
    const list: YamlValue[] = [];
    let i = start;
    while (i < all.length && all[i]?.indent === indent && all[i]?.text.startsWith('- ')) {
      const line = all[i] as Line;
      const item = line.text.slice(2);
      if (KEY.test(item)) {
        // A map item: its first key sits after the dash, the rest are indented under it.
        const inner: Line[] = [{ indent: indent + 2, text: item, number: line.number }];
        let j = i + 1;
        while (j < all.length && (all[j] as Line).indent > indent) inner.push(all[j++] as Line);
        list.push(parseBlock(inner, 0, indent + 2)[0]);
        i = j;
      } else {
        list.push(scalar(item));
        i += 1;
      }
    }
    return [list, i];
  }
  const map: { [key: string]: YamlValue } = {};
  let i = start;
  while (i < all.length && (all[i] as Line).indent === indent) {
    const line = all[i] as Line;
    const match = KEY.exec(line.text);
    if (!match) throw new Error(`line ${line.number}: not a key: ${line.text}`);
    const [, key = '', rest] = match;
    if (rest !== undefined && rest !== '') {
      map[key] = scalar(rest);
      i += 1;
      continue;
    }
    const next = all[i + 1];
    if (next && (next.indent > indent || (next.indent === indent && next.text.startsWith('- ')))) {
      const [value, after] = parseBlock(all, i + 1, next.indent);
      map[key] = value;
      i = after;
    } else {
      map[key] = null;
      i += 1;
    }
  }
  if (i < all.length && (all[i] as Line).indent > indent) throw new Error(`line ${(all[i] as Line).number}: unexpected indentation`);
  return [map, i];
}

export function parseYaml(source: string): YamlValue {
  const all = lines(source);
  const [value, end] = parseBlock(all, 0, all[0]?.indent ?? 0);
  if (end !== all.length) throw new Error(`line ${(all[end] as Line).number}: could not read`);
  return value;
}

/** The value at a dotted path (`oauth_config.scopes.bot`), or undefined. */
export function at(value: YamlValue, path: string): YamlValue | undefined {
  let current: YamlValue | undefined = value;
  for (const key of path.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = current[key];
  }
  return current;
}
