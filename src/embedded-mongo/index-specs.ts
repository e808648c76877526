/**
 * Index definitions as `createIndexes` receives them and `listIndexes` reports them, and the keys a
 * document contributes to a unique index. Only uniqueness is enforced; no index speeds up queries
 * (every read scans the collection, which is fine at development and test sizes).
 */
import { CommandError, badValue } from './errors.js';
import { canonicalKey, collectPathValues, formatDocument, isDocument, toNumber } from './bson-values.js';
import type { Doc } from './bson-values.js';
import { compileFilter } from './query-engine.js';
import type { Matcher } from './query-engine.js';

export type IndexSpec = {
  readonly name: string;
  readonly keyPattern: Doc;
  readonly fields: readonly string[];
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly partialFilter: Matcher | undefined;
  /** What listIndexes returns for this index. */
  readonly description: Doc;
};

/** One key a document puts in an index: its canonical string and the values, for error messages. */
export type IndexEntry = { readonly text: string; readonly keyValue: Doc };

export const ID_INDEX_NAME = '_id_';

export function idIndexSpec(): IndexSpec {
  return {
    name: ID_INDEX_NAME,
    keyPattern: { _id: 1 },
    fields: ['_id'],
    unique: true,
    sparse: false,
    partialFilter: undefined,
    description: { v: 2, key: { _id: 1 }, name: ID_INDEX_NAME },
  };
}

function defaultIndexName(keyPattern: Doc): string {
  return Object.entries(keyPattern)
    .map(([field, direction]) => `${field}_${String(toNumber(direction) ?? direction)}`)
    .join('_');
}

/** Options handled explicitly or meaningless here; anything else (TTL, collation…) is kept for listIndexes only. */
const HANDLED_OPTIONS = new Set(['key', 'name', 'unique', 'sparse', 'partialFilterExpression', 'v', 'ns', 'background']);

/** Validates one entry of `createIndexes.indexes`. */
export function parseIndexSpec(raw: unknown): IndexSpec {
  if (!isDocument(raw)) throw badValue('index specification must be an object');
  const keyPattern = raw.key;
  if (!isDocument(keyPattern) || Object.keys(keyPattern).length === 0) {
    throw new CommandError('FailedToParse', "The 'key' field is a required property of an index specification");
  }
  for (const [field, direction] of Object.entries(keyPattern)) {
    const numeric = toNumber(direction);
    if (numeric === 0 || (numeric === undefined && typeof direction !== 'string')) {
      throw new CommandError('CannotCreateIndex', `Values in the index key pattern can't be 0: ${field}`);
    }
  }
  const name = raw.name === undefined ? defaultIndexName(keyPattern) : raw.name;
  if (typeof name !== 'string' || name.length === 0) throw badValue("The 'name' field must be a non-empty string");
  const partial = raw.partialFilterExpression;
  if (partial !== undefined && !isDocument(partial)) throw badValue('partialFilterExpression must be an object');
  const unique = raw.unique === true || toNumber(raw.unique) === 1;
  const sparse = raw.sparse === true || toNumber(raw.sparse) === 1;

  const description: Doc = { v: 2, key: keyPattern, name };
  if (unique) description.unique = true;
  if (sparse) description.sparse = true;
  if (partial !== undefined) description.partialFilterExpression = partial;
  for (const [option, value] of Object.entries(raw)) {
    if (!HANDLED_OPTIONS.has(option)) description[option] = value;
  }
  return {
    name,
    keyPattern,
    fields: Object.keys(keyPattern),
    unique,
    sparse,
    partialFilter: partial === undefined ? undefined : compileFilter(partial),
    description,
  };
}

/** Same key pattern, ignoring the name. */
export function sameKeyPattern(a: IndexSpec, b: IndexSpec): boolean {
  return canonicalKey(normalizeDirections(a.keyPattern)) === canonicalKey(normalizeDirections(b.keyPattern));
}

function normalizeDirections(keyPattern: Doc): Doc {
  const out: Doc = {};
  for (const [field, direction] of Object.entries(keyPattern)) out[field] = toNumber(direction) ?? direction;
  return out;
}

/** Same options that matter for equivalence (unique, sparse, partial filter). */
export function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return (
    a.unique === b.unique &&
    a.sparse === b.sparse &&
    canonicalKey(a.description.partialFilterExpression) === canonicalKey(b.description.partialFilterExpression)
  );
}

/**
 * The keys `doc` contributes to the index (one per array element on a multikey path), or [] when
 * the index skips it (sparse and all fields missing, or outside a partial filter). A missing field
 * indexes as null, which is why two documents without the field collide in a unique index.
 */
export function indexEntries(spec: IndexSpec, doc: Doc): IndexEntry[] {
  if (spec.partialFilter !== undefined && !spec.partialFilter(doc)) return [];
  const perField = spec.fields.map((field) => {
    const reached = collectPathValues(doc, field.split('.'));
    const values: unknown[] = [];
    for (const value of reached) {
      if (Array.isArray(value) && value.length > 0) values.push(...value);
      else values.push(value);
    }
    return values;
  });
  if (spec.sparse && perField.every((values) => values.length === 0)) return [];

  let combos: unknown[][] = [[]];
  for (const values of perField) {
    const options = values.length === 0 ? [null] : values;
    combos = combos.flatMap((prefix) => options.map((value) => [...prefix, value]));
  }
  const seen = new Set<string>();
  const entries: IndexEntry[] = [];
  for (const combo of combos) {
    const text = combo.map(canonicalKey).join('|');
    if (seen.has(text)) continue;
    seen.add(text);
    const keyValue: Doc = {};
    spec.fields.forEach((field, i) => {
      keyValue[field] = combo[i] ?? null;
    });
    entries.push({ text, keyValue });
  }
  return entries;
}

/** MongoDB's E11000 error, with the keyPattern and keyValue the driver exposes on the error. */
export function duplicateKeyError(ns: string, spec: IndexSpec, entry: IndexEntry): CommandError {
  return new CommandError(
    'DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${spec.name} dup key: ${formatDocument(entry.keyValue)}`,
    { extra: { keyPattern: spec.keyPattern, keyValue: entry.keyValue } },
  );
}
