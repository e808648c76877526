/**
 * Reads a GPX or TCX file as a plain object tree, safely. Neither format needs a DTD, so a file
 * that declares one (the way "billion laughs" bombs and external-entity tricks start) is refused
 * before parsing, and the parser expands no entities anyway: `&lol9;` stays text. The parser's own
 * limit on nesting depth stands, and the caller has already capped the size (25 MB).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { corruptFile } from './activity-file-error.js';

/** A parsed element: attributes as `@_name`, text as `#text`, children by local name. */
export type XmlNode = { readonly [key: string]: unknown };

/**
 * Elements that may repeat, always read as arrays so one and many look alike. Keyed by local name
 * (namespace prefixes removed).
 */
const REPEATING = new Set(['trk', 'trkseg', 'trkpt', 'Activity', 'Lap', 'Track', 'Trackpoint']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => REPEATING.has(name),
});

/** The document's elements, or a refusal naming `kind` when the bytes are not well-formed XML. */
export function readXml(bytes: Uint8Array, kind: string): XmlNode {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error) {
    throw corruptFile(kind, error);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw corruptFile(kind, new Error('a DTD or entity declaration, which GPX and TCX never need'));
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw corruptFile(kind, new Error(`${valid.err.code} at line ${valid.err.line}: ${valid.err.msg}`));
  try {
    return parser.parse(text) as XmlNode;
  } catch (error) {
    throw corruptFile(kind, error);
  }
}

/** A child element of `node` (the first, if it repeats). */
export function child(node: unknown, name: string): XmlNode | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const value = (node as XmlNode)[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'object' && first !== null) return first as XmlNode;
  // A leaf element parses to its text: wrap it so `text` reads it the same way.
  if (typeof first === 'string') return { '#text': first };
  return undefined;
}

/** Every `name` child of `node` (repeating elements are listed in REPEATING). */
export function children(node: unknown, name: string): readonly XmlNode[] {
  if (typeof node !== 'object' || node === null) return [];
  const value = (node as XmlNode)[name];
  const list: readonly unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is XmlNode => typeof item === 'object' && item !== null);
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * XML's five predefined entities and character references, decoded here because the parser
 * decodes none: each stands for one character, so nothing can grow. Any other `&name;` stays as
 * written.
 */
function decodeReferences(raw: string): string {
  return raw.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/gi, (whole, ref: string) => {
    if (!ref.startsWith('#')) return PREDEFINED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The trimmed text of an element, or of an attribute (`@_name`) of it. */
export function text(node: XmlNode | undefined, key = '#text'): string | undefined {
  const value = node?.[key];
  return typeof value === 'string' && value.trim() !== '' ? decodeReferences(value.trim()) : undefined;
}

/** A finite number from an element's text or attribute. */
export function numberAt(node: XmlNode | undefined, key = '#text'): number | undefined {
  const raw = text(node, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** An ISO 8601 timestamp with its zone (GPX and TCX write UTC, `Z`). */
export function timeAt(node: XmlNode | undefined): Date | undefined {
  const raw = text(node);
  if (raw === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(raw)) return undefined;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
