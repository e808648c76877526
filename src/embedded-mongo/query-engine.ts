/**
 * The only place that runs mingo: query matching, projection, update operators and aggregation
 * pipelines, with the BSON-aware operator set of mingo-operators.ts. Library errors become BadValue
 * replies, and options are fixed so that stored documents are never mutated (they are shared with
 * open cursors) and no script runs.
 */
import { Aggregator } from 'mingo/aggregator';
import { ProcessingMode } from 'mingo/core';
import { Query } from 'mingo/query';
import { update as mingoUpdate } from 'mingo/updater';
import type { Modifier } from 'mingo/updater';
import type { AnyObject, Options } from 'mingo/types';
import { badValue, withBadValue } from './errors.js';
import { isDocument, isOperatorDocument } from './bson-values.js';
import type { Doc } from './bson-values.js';
import { numericToDouble } from './bson-numbers.js';
import { BSON_CONTEXT } from './mingo-operators.js';

type QueryOptions = Partial<Options>;

function baseOptions(extra: { variables?: Doc; collectionResolver?: (name: string) => Doc[] } = {}): QueryOptions {
  return {
    idKey: '_id',
    scriptEnabled: false,
    useStrictMode: true,
    processingMode: ProcessingMode.CLONE_OFF,
    context: BSON_CONTEXT,
    ...(extra.variables === undefined ? {} : { variables: extra.variables }),
    ...(extra.collectionResolver === undefined ? {} : { collectionResolver: extra.collectionResolver }),
  };
}

export type Matcher = (doc: Doc) => boolean;

/** Compiles a filter once; the returned predicate is called per document. */
export function compileFilter(filter: unknown, variables?: Doc): Matcher {
  if (filter === undefined || filter === null) return () => true;
  if (!isDocument(filter)) throw badValue('filter must be an object');
  if (Object.keys(filter).length === 0) return () => true;
  const query = withBadValue(() => new Query(filter, baseOptions(variables === undefined ? {} : { variables })));
  return (doc) => withBadValue(() => query.test(doc));
}

/**
 * Applies a find projection. MongoDB keeps the document's field order (with `_id` first), which
 * mingo does not, so top-level fields are put back in source order afterwards. `$slice` is
 * applied here rather than by mingo, with MongoDB 4.4+'s rules (see `sliceProjection`).
 */
export function projectDocuments(docs: readonly Doc[], projection: unknown, filter: unknown): Doc[] {
  if (!isDocument(projection) || Object.keys(projection).length === 0) return [...docs];
  const { rest, slices } = sliceProjection(projection);
  const projected = Object.keys(rest).length === 0 ? [...docs] : mingoProject(docs, rest, filter);
  if (slices.length === 0) return projected;
  return projected.map((doc) => slices.reduce<Doc>((out, slice) => sliceAt(out, slice.path, slice) as Doc, doc));
}

function mingoProject(docs: readonly Doc[], projection: Doc, filter: unknown): Doc[] {
  // mingo's find re-applies its condition; it is needed only for the positional `field.$` form.
  const positional = Object.keys(projection).some((key) => key.endsWith('.$'));
  const condition = positional && isDocument(filter) ? filter : {};
  const projected = withBadValue(() => new Query(condition, baseOptions()).find<AnyObject>([...docs], projection).all());
  return projected.map((out, i) => reorderLike(out, docs[i]));
}

type Slice = { readonly path: readonly string[]; readonly skip: number | undefined; readonly limit: number };

/** An integer argument of `$slice`, truncated as mongod's numberInt() does. */
function sliceNumber(value: unknown): number | undefined {
  const n = numericToDouble(value);
  return n === undefined || Number.isNaN(n) ? undefined : Math.trunc(n);
}

function parseSlice(path: string, argument: unknown): Slice {
  const parts = path.split('.');
  const single = sliceNumber(argument);
  if (single !== undefined) return { path: parts, skip: undefined, limit: single };
  if (!Array.isArray(argument)) throw badValue('$slice only supports numbers and [skip, limit] arrays');
  if (argument.length !== 2) throw badValue('$slice array argument should be of form [skip, limit]');
  const skip = sliceNumber(argument[0]);
  const limit = sliceNumber(argument[1]);
  if (skip === undefined) throw badValue('$slice expects the skip argument to be a number');
  if (limit === undefined) throw badValue('$slice expects the limit argument to be a number');
  if (limit <= 0) throw badValue(`$slice limit must be positive, got ${limit}`);
  return { path: parts, skip, limit };
}

/** Whether a projection value includes its field (1, true, an expression, a sub-projection that does). */
function projectionIncludes(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const n = numericToDouble(value);
  if (n !== undefined) return n !== 0;
  if (isOperatorDocument(value)) return '$meta' in value || '$elemMatch' in value ? undefined : true;
  if (isDocument(value)) {
    for (const inner of Object.values(value)) {
      const includes = projectionIncludes(inner);
      if (includes !== undefined) return includes;
    }
    return undefined;
  }
  return true;
}

/**
 * Splits `$slice` entries off a projection. Since MongoDB 4.4 a projection whose only fields are
 * `$slice`s (with or without `_id: 0`) is an exclusion: every other field is returned. With
 * inclusions (or `_id: 1` alone) it is an inclusion, and the sliced path is included, alone within
 * its parent sub-document.
 */
function sliceProjection(projection: Doc): { rest: Doc; slices: Slice[] } {
  const rest: Doc = {};
  const slices: Slice[] = [];
  let inclusion: boolean | undefined;
  let idIncluded = false;
  for (const [path, value] of Object.entries(projection)) {
    if (isOperatorDocument(value) && Object.keys(value)[0] === '$slice' && Object.keys(value).length === 1) {
      slices.push(parseSlice(path, value.$slice));
      continue;
    }
    rest[path] = value;
    if (path === '_id') {
      idIncluded = projectionIncludes(value) === true;
      continue;
    }
    const includes = path.endsWith('.$') ? true : projectionIncludes(value);
    if (includes !== undefined) inclusion ??= includes;
  }
  if (slices.length === 0) return { rest, slices };
  if (inclusion ?? idIncluded) {
    for (const slice of slices) rest[slice.path.join('.')] = 1;
  }
  return { rest, slices };
}

function sliceArray(values: readonly unknown[], slice: Slice): unknown[] {
  if (slice.skip === undefined) {
    return slice.limit >= 0 ? values.slice(0, slice.limit) : values.slice(Math.max(0, values.length + slice.limit));
  }
  const start = slice.skip >= 0 ? slice.skip : Math.max(0, values.length + slice.skip);
  return values.slice(start, start + slice.limit);
}

/**
 * `value` with the array at `path` sliced, copying only the containers on the path (the input
 * may be a stored document). Arrays of sub-documents on the way are sliced in each element; a
 * value that is not an array is left as it is, as MongoDB does.
 */
function sliceAt(value: unknown, path: readonly string[], slice: Slice): unknown {
  if (path.length === 0) return Array.isArray(value) ? sliceArray(value, slice) : value;
  if (Array.isArray(value)) return value.map((element) => (isDocument(element) ? sliceAt(element, path, slice) : element));
  if (!isDocument(value)) return value;
  const [head, ...tail] = path as [string, ...string[]];
  if (!(head in value)) return value;
  return { ...value, [head]: sliceAt(value[head], tail, slice) };
}

function reorderLike(out: AnyObject, source: Doc | undefined): Doc {
  if (source === undefined) return out;
  const ordered: Doc = {};
  for (const key of Object.keys(source)) {
    if (key in out) ordered[key] = out[key];
  }
  for (const key of Object.keys(out)) {
    if (!(key in ordered)) ordered[key] = out[key];
  }
  return ordered;
}

/**
 * Applies update operators to `target` in place (the caller passes a private copy) and reports
 * whether anything changed. `condition` is the query the document matched, which mingo needs for
 * the positional `$` operator — and also re-checks, so pass {} for a document being upserted.
 */
export function applyUpdateOperators(target: Doc, modifier: Doc, arrayFilters: readonly Doc[] | undefined, condition: Doc): boolean {
  if (Object.keys(modifier).length === 0) return false;
  const changed = withBadValue(() =>
    mingoUpdate(target, modifier as Modifier<Doc>, arrayFilters ? [...arrayFilters] : undefined, condition, {
      cloneMode: 'copy',
      queryOptions: baseOptions(),
    }),
  );
  return changed.length > 0;
}

export type AggregateContext = {
  readonly variables?: Doc;
  /** Documents of another collection of the same database, for $lookup and friends. */
  readonly resolveCollection: (name: string) => Doc[];
};

/** Runs an aggregation pipeline. Inputs are cloned by mingo because stages like $set mutate. */
export function runPipeline(docs: readonly Doc[], pipeline: readonly Doc[], context: AggregateContext): Doc[] {
  const options: QueryOptions = {
    ...baseOptions({
      ...(context.variables === undefined ? {} : { variables: context.variables }),
      collectionResolver: context.resolveCollection,
    }),
    processingMode: ProcessingMode.CLONE_INPUT,
  };
  return withBadValue(() => new Aggregator([...pipeline], options).run<Doc>([...docs]));
}
